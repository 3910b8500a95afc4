/** The done feature's public entry: the locked handoff of a Done epic, and reopening it with a reason. */
export { DoneMilestone } from './components/DoneMilestone';
