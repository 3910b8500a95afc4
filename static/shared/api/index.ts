/** The Custom UI's one data layer: resolver calls, Jira reads as the user, and the two hooks every screen loads and changes through. */
export { call } from './call';
export { callEarly, takeEarly } from './early';
export { fetchIssueHeading, searchUsers, type IssueHeading } from './jira';
export { useResolver, type Loader, type Resource } from './useResolver';
export { useAction, type Action } from './useAction';
export { readPartitions, type PartitionRead } from './partitions';
