/**
 * KPI readings: added in the panel or posted by a monitoring system to the KPI feed (a web trigger with a
 * per-project token), through the one change path; the feed's tokens.
 */
export { readingHandlers } from './resolvers';
export { onKpiFeed } from './feed';
