/** The history feature's public entry: every change to the record, newest first. */
export { HistoryTab } from './components/HistoryTab';
