/**
 * Every resolver the app answers, in one list. A feature adds its definitions array here; the
 * registry (registry.ts) gives each the same validation, trusted context and error mapping.
 */
import { DEFAULT_GATE_CONFIG } from '../domain/policy';
import { handoffResolvers } from '../handoff/resolvers';
import { reportResolvers } from '../report/resolvers';
import { settingsResolvers } from '../settings/resolvers';
import { workstreamResolvers } from '../workstreams/resolvers';
import type { ResolverName } from '../shared/contract';
import { buildHandler, defineResolver, type ResolverDefinition } from './registry';

/** The validator's config screens only need the defaults; the configuration itself lives in Jira. */
const gateConfigResolvers = [defineResolver('getGateConfigInfo', async () => ({ defaults: { ...DEFAULT_GATE_CONFIG } }))];

export const ALL_RESOLVERS: ResolverDefinition<ResolverName>[] = [
  ...handoffResolvers,
  ...workstreamResolvers,
  ...reportResolvers,
  ...settingsResolvers,
  ...gateConfigResolvers,
];

export const resolverHandler = () => buildHandler(ALL_RESOLVERS);
export { defineResolver, buildHandler, type ResolverDefinition, type ResolverHandler, type PayloadFor } from './registry';
export { AppError, toResolverError, validationError, fieldErrorsOf } from './errors';
export { requireIssue, requireProject, requireAccount, type CallContext } from './context';
