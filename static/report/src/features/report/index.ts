/** The report feature's public entry: every initiative of the project side by side. */
export { ReportTab } from './ReportTab';
