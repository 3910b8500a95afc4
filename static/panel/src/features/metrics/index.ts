/** The metrics feature's public entry: question 2, pilot metrics and production KPIs. */
export { MetricsSection } from './components/MetricsSection';
