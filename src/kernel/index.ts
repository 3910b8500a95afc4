/**
 * The kernel every feature builds on: the app's error, the trusted call context, permission checks as the
 * caller, the caller as a UserRef, and the shape of a resolver handler. It imports no feature.
 */
export { AppError, fieldErrorsOf, validationError } from './errors';
export { callContextOf, requireIssue, requireProject, type CallContext, type IssueRef, type ProjectRef } from './context';
export { projectPermissions, requireIssuePermission, requireProjectAdmin, requireProjectPermission, type Permissions } from './permissions';
export { currentUser } from './caller';
export type { Handlers, PayloadFor, ResolverHandler } from './handler';
