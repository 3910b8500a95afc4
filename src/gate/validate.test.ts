/**
 * decideTransition through its GateSources seam: a real Jira gateway over an in-memory transport (the
 * gateway's own seam, no @forge/* mock) and plain functions for storage and the day. Counts what the gate
 * reads, and pins the decisions that depend on what it could read.
 */
import { createJiraGateway, type JiraTransport, type TransportResponse } from '../jira';
import { defaultProjectSettings } from '../domain/policy';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import type { HandoffRecord } from '../domain/record';
import type { RecordAndSettings } from '../storage';
import { condition, readyRecord, record } from '../domain/__fixtures__/records';
import { decideTransition, type GateSources } from './validate';

const EPIC = { id: '1', name: 'Epic', hierarchyLevel: 1 };
const TASK = { id: '2', name: 'Task', hierarchyLevel: 0 };

interface IssueFixture {
  type?: typeof EPIC;
  labels?: string[];
  summaryProperty?: unknown;
}

/** Sources over one issue AIP-12 (id 10012); counts every Jira request and storage read. */
function sources(issue: IssueFixture | null, stored: HandoffRecord | null | 'unreadable', jiraStatus = 200) {
  const seen = { jira: [] as string[], storage: 0 };
  const answer = (status: number, body: unknown): TransportResponse => ({ status, headers: { get: () => null }, text: async () => JSON.stringify(body) });
  const transport: JiraTransport = async (principal, path, request) => {
    seen.jira.push(`${principal} ${request.method} ${path.value}`);
    if (jiraStatus !== 200) return answer(jiraStatus, { errorMessages: ['down'] });
    if (!issue) return answer(404, { errorMessages: ['Issue does not exist'] });
    return answer(200, {
      id: '10012',
      key: 'AIP-12',
      fields: { issuetype: issue.type ?? EPIC, labels: issue.labels ?? [], status: { statusCategory: { key: 'indeterminate' } }, project: { id: '10000', key: 'AIP' } },
      ...(issue.summaryProperty !== undefined ? { properties: { [SUMMARY_PROPERTY_KEY]: issue.summaryProperty } } : {}),
    });
  };
  const gate: GateSources = {
    jira: createJiraGateway('app', transport),
    async loadFacts(issueId: string, projectId: string): Promise<RecordAndSettings> {
      seen.storage += 1;
      expect([issueId, projectId]).toEqual(['10012', '10000']);
      if (stored === 'unreadable') throw new Error('storage is down');
      return { record: stored ? { record: stored, version: stored.version } : null, settings: defaultProjectSettings() };
    },
    today: () => '2026-03-10',
  };
  return { gate, seen };
}

const moveToDone = { issue: { key: 'AIP-12' }, configuration: JSON.stringify({ scopeLabel: 'ai-initiative' }) };

describe('decideTransition', () => {
  it('reads the issue once as the app and storage once, and lets a decided epic pass', async () => {
    const { gate, seen } = sources({ labels: ['ai-initiative'] }, { ...readyRecord(), pilot: { actualCloseDate: '2026-03-01' } });
    expect(await decideTransition(moveToDone, gate)).toEqual({ result: true });
    expect(seen.jira).toEqual([`app GET /rest/api/3/issue/AIP-12?fields=issuetype%2Clabels%2Cstatus%2Cproject&properties=${SUMMARY_PROPERTY_KEY}`]);
    expect(seen.storage).toBe(1);
  });

  it('blocks an undecided epic naming what is missing, and a Task that keeps a handoff, with the same two reads', async () => {
    const undecided = record({ conditions: [condition('a', 'Vendor sandbox')] });
    const epic = sources({}, undecided);
    expect(await decideTransition(moveToDone, epic.gate)).toEqual({ result: false, errorMessage: expect.stringMatching(/^Production handoff for AIP-12 is not decided: 1 pilot condition has no decision \(Vendor sandbox\)/) });
    const task = sources({ type: TASK }, undecided);
    expect(await decideTransition(moveToDone, task.gate)).toEqual({ result: false, errorMessage: expect.stringContaining('AIP-12 had its handoff started as an epic') });
    expect([task.seen.jira.length, task.seen.storage]).toEqual([1, 1]);
  });

  it('lets an issue without a handoff pass: a task, an unlabelled epic', async () => {
    expect(await decideTransition(moveToDone, sources({ type: TASK, labels: ['ai-initiative'] }, null).gate)).toEqual({ result: true });
    expect(await decideTransition(moveToDone, sources({}, null).gate)).toEqual({ result: true });
  });

  it('fails closed when storage cannot be read, except for a task that carries no handoff summary', async () => {
    const couldNotVerify = { result: false, errorMessage: expect.stringContaining('Production handoff for AIP-12 could not be verified') };
    expect(await decideTransition(moveToDone, sources({}, 'unreadable').gate)).toEqual(couldNotVerify);
    expect(await decideTransition(moveToDone, sources({ type: TASK, summaryProperty: { v: 1, level: 'deciding' } }, 'unreadable').gate)).toEqual(couldNotVerify);
    const plainTask = sources({ type: TASK }, 'unreadable');
    expect(await decideTransition(moveToDone, plainTask.gate)).toEqual({ result: true });
  });

  it('fails closed when Jira cannot be read or does not show the issue, without reading storage', async () => {
    for (const down of [sources({}, readyRecord(), 500), sources(null, readyRecord())]) {
      expect(await decideTransition(moveToDone, down.gate)).toEqual({ result: false, errorMessage: expect.stringContaining('could not be verified') });
      expect(down.seen.storage).toBe(0);
    }
    expect(await decideTransition({ issue: { key: '' } }, sources({}, null).gate)).toMatchObject({ result: false });
  });

  it('blocks a labelled epic when its configuration cannot be read, and never decides with the defaults', async () => {
    const unreadable = { issue: { key: 'AIP-12' }, configuration: JSON.stringify({ scopeLabel: 'ai-initiative', requireSecurityReview: true }) };
    expect(await decideTransition(unreadable, sources({ labels: ['ai-initiative'] }, readyRecord()).gate)).toEqual({ result: false, errorMessage: expect.stringContaining("the gate's configuration could not be read") });
    expect(await decideTransition(unreadable, sources({ type: TASK }, null).gate)).toEqual({ result: true });
  });
});
