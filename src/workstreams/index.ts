/** Workstreams: one child issue of the epic per workstream, created exactly once; the panel's Workstreams tab. */
export { workstreamHandlers } from './resolvers';
