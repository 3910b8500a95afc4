/**
 * Every resolver the app answers, in one list: each feature's handlers by name, given the same validation,
 * trusted context and error mapping by the registry (registry.ts). The list imports the features; no
 * feature imports it. A resolver the contract names without a handler here fails to compile.
 */
import { RESOLVER_NAMES, type ResolverName } from '../shared/contract';
import type { Handlers } from '../kernel';
import { gateHandlers } from '../gate';
import { handoffHandlers } from '../handoff';
import { portfolioHandlers } from '../portfolio';
import { reportHandlers } from '../report';
import { settingsHandlers } from '../settings';
import { readingHandlers } from '../readings';
import { workstreamHandlers } from '../workstreams';
import { buildHandler, defineResolver, type ResolverDefinition } from './registry';

const HANDLERS: Handlers = { ...handoffHandlers, ...workstreamHandlers, ...reportHandlers, ...settingsHandlers, ...gateHandlers, ...readingHandlers, ...portfolioHandlers };

const definitionOf = <N extends ResolverName>(name: N): ResolverDefinition<N> => defineResolver(name, HANDLERS[name]);

export const ALL_RESOLVERS: ResolverDefinition[] = RESOLVER_NAMES.map(definitionOf);

export const resolverHandler = () => buildHandler(ALL_RESOLVERS);
