/** The ids of the report's initiatives, ascending (the search over id ranges is the Jira adapter's: src/jira/partition-search.ts). */
export { searchIds } from '../jira';
