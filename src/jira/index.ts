/**
 * The one place that knows Jira REST: the gateway (paths, paging, 429/503 retries), the slices of Jira's
 * shapes the app reads, the epic as the app reads it, and the workstream marker search.
 */
export { createJiraGateway, appJira, type JiraGateway, type IssueQuery, type SearchQuery } from './gateway';
export { JiraError } from './errors';
export { forgeTransport, type JiraTransport, type Principal, type TransportRequest, type TransportResponse } from './transport';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { EPIC_FIELDS, toEpic, type Epic } from './epic';
export {
  claimedSubtask, claimedWorkstream, countedSubtasks, countWorkstreams, deliveryJql, deliveryOf, deliveryProgress, findDelivery, onePerWorkstream,
  DELIVERY_PROPERTIES, WORKSTREAM_FIELDS, type Delivery, type EpicLookup, type EpicRef, type FoundSubtask, type FoundWorkstream,
} from './workstream-search';
export { searchIds, searchPartitions, type PartitionsSearched } from './partition-search';
export { epicTypeIdsOf, searchEarly, searchWithEpicTypes, type EarlySearch } from './epic-types';
export * from './types';
