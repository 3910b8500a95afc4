/**
 * The handoff record: its resolvers, and the one change path other features reuse for a change to the
 * record (workstream creation links its issues through it).
 */
export { handoffHandlers } from './resolvers';
export { applyChange, changeHandoff, conflictMessage, type ChangeRequest } from './change';
export { loadHandoff, loadHandoffForProject, type LoadedHandoff } from './load';
