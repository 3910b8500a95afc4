/** The conditions feature's public entry: question 1, the pilot conditions and their decisions. */
export { ConditionsSection } from './components/ConditionsSection';
