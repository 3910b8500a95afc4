/** The reminders feature's public entry: the panel's line on what the daily reminders sent and what falls due next. */
export { ReminderLine } from './components/ReminderLine';
