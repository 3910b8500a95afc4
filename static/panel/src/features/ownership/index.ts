/** The ownership feature's public entry: question 3 (the delivery owner and workstream leads) and the pilot timeline. */
export { OwnershipSection } from './components/OwnershipSection';
export { PilotSection } from './components/PilotTimeline';
