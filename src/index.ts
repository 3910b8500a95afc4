/** Forge entry points only: the resolver function, the workflow validator and the issue-event trigger. */
import { resolverHandler } from './resolvers';

export const handler = resolverHandler();
export { validate } from './gate';
export { onIssueEvent } from './summary';
