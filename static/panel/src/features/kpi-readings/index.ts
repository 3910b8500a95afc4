/** The KPI readings feature's public entry: a KPI's status, its chart (loaded on demand) and adding a reading. */
export { KpiReadings, KpiStatusChip } from './components/KpiReadings';
