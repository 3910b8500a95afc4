/** Forge entry points only: the resolver function and the workflow validator. */
import { resolverHandler } from './resolvers';

export const handler = resolverHandler();
export { validate } from './gate/validate';
