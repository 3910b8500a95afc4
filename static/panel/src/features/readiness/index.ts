/** The readiness feature's public entry: the level, open questions, ship signal and KPI flags. */
export { ReadinessHeader } from './components/ReadinessHeader';
