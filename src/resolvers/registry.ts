/**
 * The resolver registry. Every resolver is `defineResolver(name, handler)`; the wrapper does what each
 * must do the same way: strip server-set fields, validate the payload against the shared contract,
 * build the trusted call context, and turn thrown errors into `{ok:false, error}`.
 */
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { Payloads, TIME_ZONE_FIELD, TimeZone, type ResolverName, type Responses, type Result } from '../shared/contract';
import { createJiraGateway, forgeTransport } from '../jira';
import { callContextOf, validationError, type PayloadFor, type ResolverHandler } from '../kernel';
import { toResolverError } from './errors';
import { stripServerSetFields } from './sanitize';

export interface ResolverDefinition<N extends ResolverName = ResolverName> {
  name: N;
  run: (rawPayload: unknown, rawContext: Record<string, unknown>) => Promise<Result<Responses[N]>>;
}

export function defineResolver<N extends ResolverName>(name: N, handler: ResolverHandler<N>): ResolverDefinition<N> {
  return {
    name,
    async run(rawPayload, rawContext) {
      try {
        const { timeZone, rest } = takeTimeZone(stripServerSetFields(rawPayload ?? {}));
        const parsed = (Payloads[name] as z.ZodType).safeParse(rest);
        if (!parsed.success) throw validationError(parsed.error);
        const ctx = callContextOf(rawContext, timeZone, { userJira: createJiraGateway('user', forgeTransport), appJira: createJiraGateway('app', forgeTransport) });
        return { ok: true, data: await handler({ payload: parsed.data as PayloadFor<N>, ctx }) };
      } catch (e) {
        const error = toResolverError(e);
        if (error.code === 'INTERNAL' || error.code === 'STORAGE_ERROR' || error.code === 'JIRA_ERROR') {
          console.error(`[${name}] ${error.code}:`, e);
        }
        return { ok: false, error };
      }
    },
  };
}

/** Separates the viewer's time zone (any resolver may get one) from the resolver's own payload; UTC when absent. */
function takeTimeZone(payload: unknown): { timeZone: string; rest: unknown } {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload) || !Object.hasOwn(payload, TIME_ZONE_FIELD)) {
    return { timeZone: 'UTC', rest: payload };
  }
  const { [TIME_ZONE_FIELD]: raw, ...rest } = payload as Record<string, unknown>;
  const checked = z.object({ [TIME_ZONE_FIELD]: TimeZone }).safeParse({ [TIME_ZONE_FIELD]: raw });
  if (!checked.success) throw validationError(checked.error);
  return { timeZone: raw as string, rest };
}

/** The Forge handler for a set of definitions (one function key per resolver name). */
export function buildHandler(definitions: readonly ResolverDefinition<ResolverName>[]) {
  const resolver = new Resolver();
  for (const def of definitions) {
    resolver.define(def.name, (request) => def.run(request.payload, request.context as Record<string, unknown>));
  }
  return resolver.getDefinitions();
}
