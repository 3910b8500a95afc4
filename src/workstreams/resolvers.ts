/** The panel's Workstreams tab resolvers (issue-panel context: the epic comes from Forge, never the payload). */
import { defineResolver } from '../resolvers/registry';
import { createWorkstreams } from './create-workstreams';
import { getWorkstreams } from './get-workstreams';

export const workstreamResolvers = [
  defineResolver('getWorkstreams', ({ ctx }) => getWorkstreams(ctx)),
  defineResolver('createWorkstreams', ({ ctx }) => createWorkstreams(ctx)),
] as const;
