export { createJiraGateway, userJira, appJira, type JiraGateway, type IssueQuery, type SearchQuery } from './gateway';
export { JiraError } from './errors';
export { forgeTransport, type JiraTransport, type Principal, type TransportResponse } from './transport';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export * from './types';
