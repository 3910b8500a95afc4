/** The reminders feature's public entry: the reminder settings and the KPI feed's tokens (report page → Settings). */
export { RemindersSettings } from './RemindersSettings';
export { FeedTokens } from './FeedTokens';
