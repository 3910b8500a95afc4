/**
 * What a Jira admin (or Jira itself) does behind the app's back, for tests and benchmarks: a required
 * field on a project's create screen, a system field taken off it, the project's issue type scheme, changing an issue's type, moving issues to another project (Jira's
 * bulk Move), a new epic-level issue type, holding one of the app's Jira requests, and how issue events are delivered.
 */
import { jira } from './local-api';

async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${baseUrl}/__local${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} /__local${path} answered ${res.status}: ${text}`);
  return JSON.parse(text) as unknown;
}

/** Adds an issue type beside Epic (hierarchy level 1), as a Jira admin does in Settings > Issue type hierarchy; answers its id. */
export async function addEpicLevelType(baseUrl: string, name: string): Promise<string> {
  const res = await fetch(`${baseUrl}/__local/issue-types`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, hierarchyLevel: 1 }) });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST /__local/issue-types answered ${res.status}: ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

export interface RequiredField {
  id: string;
  name: string;
  /** Issue type names or ids; all of the project's types when absent. */
  issueTypes?: string[];
}

/** Replaces the custom fields a project's create screen requires ([] removes the requirement). */
export async function setRequiredFields(baseUrl: string, projectKey: string, requiredFields: RequiredField[]): Promise<void> {
  await control(baseUrl, 'PUT', `/jira/projects/${encodeURIComponent(projectKey)}/required-fields`, { requiredFields });
}

/** Takes system fields (e.g. duedate) off a project's create screen, for some issue types or all ([] puts them back). */
export async function setRemovedScreenFields(baseUrl: string, projectKey: string, removedFields: Array<{ id: string; issueTypes?: string[] }>): Promise<void> {
  await control(baseUrl, 'PUT', `/jira/projects/${encodeURIComponent(projectKey)}/screen`, { removedFields });
}

/** Sets a project's issue type scheme to these types (names or ids); [] restores every type. */
export async function setProjectIssueTypes(baseUrl: string, projectKey: string, issueTypes: string[]): Promise<void> {
  await control(baseUrl, 'PUT', `/jira/projects/${encodeURIComponent(projectKey)}/issue-types`, { issueTypes });
}

export interface MoveTarget {
  /** Project key or id the issues move to (may be their own project: a type change only). */
  project: string;
  /** Name or id of the issue type they become (any hierarchy level, as Jira's Move allows). */
  issueType: string;
  /** Key or id of the parent they get in the target; without it they keep a parent that still fits. */
  parent?: string;
}

export interface MovedIssue {
  id: string;
  /** The key after the move (a new one when the project changed). */
  key: string;
}

/**
 * Jira Cloud's Move: `POST /rest/api/3/bulk/issues/move` as `user`, then polls `GET /rest/api/3/bulk/queue/{taskId}`
 * until the task ends. Resolves with each issue's id and new key; rejects with Jira's reasons when it failed.
 * Issue events for the moved issues follow (wait with `eventsIdle`).
 */
export async function moveIssues(baseUrl: string, issues: string[], target: MoveTarget, user = 'admin@example.com'): Promise<MovedIssue[]> {
  const types = await jira<Array<{ id: string; name: string }>>(baseUrl, 'GET', '/rest/api/3/issuetype', undefined, user);
  const typeId = types.body.find((t) => t.id === target.issueType || t.name.toLowerCase() === target.issueType.toLowerCase())?.id ?? target.issueType;
  const mappingKey = [target.project, typeId, ...(target.parent ? [target.parent] : [])].join(',');
  const submitted = await jira<{ taskId: string }>(baseUrl, 'POST', '/rest/api/3/bulk/issues/move', {
    sendBulkNotification: false,
    targetToSourcesMapping: {
      [mappingKey]: { inferClassificationDefaults: true, inferFieldDefaults: true, inferStatusDefaults: true, inferSubtaskTypeDefault: true, issueIdsOrKeys: issues },
    },
  }, user);
  if (submitted.status !== 201) throw new Error(`bulk move answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const task = await jira<{ status: string; processedAccessibleIssues?: number[]; failedAccessibleIssues?: Record<string, string[]> }>(
      baseUrl, 'GET', `/rest/api/3/bulk/queue/${submitted.body.taskId}`, undefined, user);
    if (task.status !== 200) throw new Error(`bulk queue answered ${task.status}: ${JSON.stringify(task.body)}`);
    if (task.body.status === 'COMPLETE' || task.body.status === 'FAILED') {
      const failed = Object.entries(task.body.failedAccessibleIssues ?? {});
      if (failed.length > 0 || task.body.status === 'FAILED') throw new Error(`The move failed: ${JSON.stringify(task.body)}`);
      return Promise.all((task.body.processedAccessibleIssues ?? []).map(async (id) => {
        const issue = await jira<{ id: string; key: string }>(baseUrl, 'GET', `/rest/api/3/issue/${id}?fields=summary`, undefined, user);
        return { id: issue.body.id, key: issue.body.key };
      }));
    }
    if (Date.now() > deadline) throw new Error(`The move did not finish: ${JSON.stringify(task.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Changes an issue's type as Jira allows it: an edit (`PUT /issue/{key}` with `fields.issuetype`) within the
 * same hierarchy level, a Move (same project) across levels (Epic ↔ Task). Resolves with the key.
 */
export async function changeIssueType(baseUrl: string, issueKey: string, issueType: string, user = 'admin@example.com'): Promise<string> {
  const issue = await jira<{ fields: { project: { key: string }; issuetype: { hierarchyLevel: number } } }>(baseUrl, 'GET', `/rest/api/3/issue/${issueKey}?fields=project,issuetype`, undefined, user);
  const types = await jira<Array<{ id: string; name: string; hierarchyLevel: number }>>(baseUrl, 'GET', '/rest/api/3/issuetype', undefined, user);
  const target = types.body.find((t) => t.id === issueType || t.name.toLowerCase() === issueType.toLowerCase());
  if (!target) throw new Error(`No issue type ${issueType}`);
  if (target.hierarchyLevel === issue.body.fields.issuetype.hierarchyLevel) {
    const r = await jira(baseUrl, 'PUT', `/rest/api/3/issue/${issueKey}`, { fields: { issuetype: { id: target.id } } }, user);
    if (r.status !== 204) throw new Error(`changing the type answered ${r.status}: ${JSON.stringify(r.body)}`);
    return issueKey;
  }
  const [moved] = await moveIssues(baseUrl, [issueKey], { project: issue.body.fields.project.key, issueType: target.id }, user);
  return moved.key;
}

export interface EventDelivery {
  /** Each event waits a random time in [min, max] ms before it is delivered. */
  delayMs?: { min: number; max: number };
  /** Probability (0..1) that an event is delivered a second time; 1 = always. */
  duplicate?: number;
  /** Deliveries run at the same time (true) or one after another in arrival order (false). */
  concurrent?: boolean;
  /** With `concurrent`: at most this many at once. */
  maxConcurrent?: number;
  /** Seed of the random delays and duplicates. */
  seed?: number;
}

/** Changes how the host delivers issue events to trigger functions; answers the settings in force. */
export async function setEventDelivery(baseUrl: string, delivery: EventDelivery): Promise<Required<EventDelivery>> {
  return (await control(baseUrl, 'POST', '/events/delivery', delivery)) as Required<EventDelivery>;
}

/** Holds the app's next Jira request with this method whose path contains `pathIncludes`, until released. */
export async function holdAppJiraRequest(baseUrl: string, method: string, pathIncludes: string): Promise<void> {
  await control(baseUrl, 'POST', '/jira/hold', { method, pathIncludes });
}

/** Resolves once a request is being held (the app reached it). */
export async function waitUntilHeld(baseUrl: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await control(baseUrl, 'GET', '/jira/hold')) as { held: string | null };
    if (state.held) return state.held;
    if (Date.now() > deadline) throw new Error('No app request was held');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function releaseHeldRequest(baseUrl: string): Promise<boolean> {
  return ((await control(baseUrl, 'POST', '/jira/hold/release')) as { released: boolean }).released;
}
