/**
 * What a feature writes for each resolver: a handler from the validated payload and the trusted call
 * context to the contract's response. Features export them by name; the resolver list (src/resolvers)
 * gives every one the same validation, context and error mapping. Features never import the list.
 */
import type { z } from 'zod';
import type { Payloads, ResolverName, Responses } from '../shared/contract';
import type { CallContext } from './context';

export type PayloadFor<N extends ResolverName> = z.output<(typeof Payloads)[N]>;
export type ResolverHandler<N extends ResolverName> = (args: { payload: PayloadFor<N>; ctx: CallContext }) => Promise<Responses[N]>;
/** One handler per resolver name; a feature's share is `satisfies Partial<Handlers>`. */
export type Handlers = { [N in ResolverName]: ResolverHandler<N> };
