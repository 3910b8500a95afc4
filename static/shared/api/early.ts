/**
 * The first screen's resolver call, started by the app's entry module before React and the UI have even
 * downloaded (bootstrap.ts); the screen's loader takes its answer instead of asking again. Taken once: a
 * reload, or a second screen, asks the resolver anew.
 */
import type { PayloadOf, Responses, ResolverName, Result } from '@src/shared/contract';
import { call } from './call';

const started = new Map<ResolverName, Promise<Result<unknown>>>();

export function callEarly<N extends ResolverName>(name: N, payload: PayloadOf<N>): void {
  started.set(name, call(name, payload));
}

/** The early call's answer, if one was started and not taken yet. */
export function takeEarly<N extends ResolverName>(name: N): Promise<Result<Responses[N]>> | undefined {
  const answer = started.get(name) as Promise<Result<Responses[N]>> | undefined;
  started.delete(name);
  return answer;
}
