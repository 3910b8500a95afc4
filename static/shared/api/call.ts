/**
 * The only module that calls the app's resolvers. Every answer is a typed Result: a rejected invoke
 * (resolver missing, network, host down) becomes an INTERNAL error instead of an exception, so views
 * handle one shape of failure.
 */
import { invoke, view } from '@forge/bridge';
import type { PayloadOf, Responses, ResolverName, Result } from '@src/shared/contract';
import { TIME_ZONE_FIELD } from '@src/shared/time-zone-field';

// Forge gives resolvers no time zone: every call carries the one Jira gives this frame (the user's
// profile zone), so "today" on the server is the user's today.
let timeZone: Promise<string | undefined> | undefined;
function viewerTimeZone(): Promise<string | undefined> {
  timeZone ??= view.getContext().then(
    (context) => (typeof context.timezone === 'string' && context.timezone ? context.timezone : undefined),
    () => undefined,
  );
  return timeZone;
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export async function call<N extends ResolverName>(name: N, payload: PayloadOf<N>): Promise<Result<Responses[N]>> {
  try {
    const zone = await viewerTimeZone();
    const answer = await invoke<unknown>(name, { ...payload, ...(zone ? { [TIME_ZONE_FIELD]: zone } : {}) });
    // The bridge types its answer as unknown; the resolver registry answers the contract's Result or nothing at all.
    if (isResult(answer)) return answer as Result<Responses[N]>;
    return { ok: false, error: { code: 'INTERNAL', message: `The app answered "${name}" in an unexpected shape.` } };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'INTERNAL', message: message || `The app could not answer "${name}".` } };
  }
}
