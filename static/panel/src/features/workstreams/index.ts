/** The workstreams feature's public entry: the epic's workstream issues and creating them. */
export { WorkstreamsTab } from './components/WorkstreamsTab';
