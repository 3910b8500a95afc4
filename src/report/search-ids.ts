/** The ids of the report's initiatives, ascending: Jira answers up to 5,000 a request when only ids are asked for. */
import type { JiraGateway } from '../jira';

/** Jira's largest page when a search asks for ids only (it may answer fewer: then `complete` is false). */
const IDS_PER_REQUEST = 5000;

export async function searchIds(jira: JiraGateway, scope: string, after?: string): Promise<{ ids: string[]; complete: boolean }> {
  const jql = `${scope}${after !== undefined ? ` AND id > ${after}` : ''} ORDER BY id ASC`;
  const page = await jira.search(jql, { fields: ['id'], maxResults: IDS_PER_REQUEST });
  return { ids: page.issues.map((i) => i.id), complete: !page.nextPageToken };
}
