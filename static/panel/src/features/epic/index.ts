/** The epic feature's public entry: the epic's key, summary and status, read from Jira. */
export { EpicHeading } from './components/EpicHeading';
