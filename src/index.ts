/** Forge entry points only: the resolver function, the workflow validator, the issue-event trigger, the daily reminders and the KPI feed. */
import { resolverHandler } from './resolvers';

export const handler = resolverHandler();
export { validate } from './gate';
export { onIssueEvent } from './summary';
export { onReminderSchedule } from './reminders';
export { onKpiFeed } from './readings';
