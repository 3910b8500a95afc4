/**
 * The only module that calls the app's resolvers. Every answer is a typed Result: a rejected invoke
 * (resolver missing, network, host down) becomes an INTERNAL error instead of an exception, so views
 * handle one shape of failure.
 */
import { invoke } from '@forge/bridge';
import type { PayloadOf, Responses, ResolverName, Result } from '../../src/shared/contract';

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export async function call<N extends ResolverName>(name: N, payload: PayloadOf<N>): Promise<Result<Responses[N]>> {
  try {
    const answer = await invoke<unknown>(name, payload as Record<string, unknown>);
    if (isResult(answer)) return answer as Result<Responses[N]>;
    return { ok: false, error: { code: 'INTERNAL', message: `The app answered "${name}" in an unexpected shape.` } };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'INTERNAL', message: message || `The app could not answer "${name}".` } };
  }
}
