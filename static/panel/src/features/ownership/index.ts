/** The ownership feature's public entry: question 3, the delivery owner, workstream leads and the pilot timeline. */
export { OwnershipSection } from './components/OwnershipSection';
