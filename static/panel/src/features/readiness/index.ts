/** The readiness feature's public entry: the level, the next actions (open questions as links, acceptance, the close date), weak commitment and KPI flags. */
export { ReadinessHeader } from './components/ReadinessHeader';
