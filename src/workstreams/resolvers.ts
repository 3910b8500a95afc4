/** The panel's Workstreams tab resolver handlers (issue-panel context: the epic comes from Forge, never the payload). */
import type { Handlers } from '../kernel';
import { createWorkstreams } from './create-workstreams';
import { getWorkstreams } from './get-workstreams';

export const workstreamHandlers = {
  getWorkstreams: ({ ctx }) => getWorkstreams(ctx),
  createWorkstreams: ({ ctx }) => createWorkstreams(ctx),
} satisfies Partial<Handlers>;
