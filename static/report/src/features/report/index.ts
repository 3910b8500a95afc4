/** The report feature's public entry: every initiative of the project side by side, its route, and the steering one-pager. */
export { ReportTab } from './ReportTab';
export { PrintView } from './PrintView';
export { useReportData, type ReportData } from './useReportData';
export { locationOf, routeOf, type ReportRoute, type ReportView } from './route';
