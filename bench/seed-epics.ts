/**
 * Seeds thousands of epics with handoff records in mixed states for the report benchmark.
 * What goes through the front door and what is direct:
 * - epics: Jira REST `POST /rest/api/3/issue/bulk` as admin, 50 per call;
 * - searchable summaries: Jira REST `PUT /rest/api/3/issue/{id}/properties/production-handoff-readiness`,
 *   the value computed by the app's own readiness and summary functions from the generated record;
 * - handoff records: DIRECTLY into the host's KVS store (`KvsStore.set`, entity `handoff`, key = issue
 *   id, value `{version, projectId, updatedAt, record}` exactly as src/storage/records.ts writes it),
 *   because 5,000 resolver round trips of 6-8 saves each would take minutes and measure nothing new;
 * - shipped epics: status set DIRECTLY in SQLite (to Done), skipping 1,000 validator runs.
 */
import type { Host } from '../local/server';
import { KvsStore } from '../local/forge/kvs';
import { SEED_PROJECT, STATUS_IDS, seedAccountId } from '../local/jira/seed';
import { computeReadiness, readinessPolicy } from '../src/domain/readiness';
import { toSearchSummary } from '../src/domain/summary';
import { defaultProjectSettings } from '../src/domain/policy';
import { HandoffRecord, emptyRecord, type UserRef } from '../src/domain/record';
import { addDays, isoToday } from '../src/domain/dates';
import { jira } from '../test/helpers/local-api';
import { inParallel } from './lib';

const OWNER: UserRef = { accountId: seedAccountId('priya@example.com'), displayName: 'Priya Raman' };
const STATES = ['none', 'started', 'deciding', 'ready', 'shipped'] as const;
type State = (typeof STATES)[number];

export interface SeededEpic {
  id: string;
  key: string;
  state: State;
}

export async function seedEpics(host: Host, count: number): Promise<SeededEpic[]> {
  const epics: SeededEpic[] = [];
  for (let start = 0; start < count; start += 50) {
    const n = Math.min(50, count - start);
    const issueUpdates = Array.from({ length: n }, (_, j) => ({
      fields: { project: { key: SEED_PROJECT.key }, issuetype: { name: 'Epic' }, summary: `Bench initiative ${start + j + 1}`, labels: ['ai-initiative'] },
    }));
    const r = await jira<{ issues: Array<{ id: string; key: string }>; errors: unknown[] }>(host.url, 'POST', '/rest/api/3/issue/bulk', { issueUpdates });
    if (r.status !== 201 || r.body.errors.length) throw new Error(`bulk create answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
    r.body.issues.forEach((issue, j) => epics.push({ id: String(issue.id), key: issue.key, state: STATES[(start + j) % STATES.length] }));
  }
  const store = new KvsStore(host.db, host.app.manifest.entities);
  const today = isoToday(new Date());
  const policy = readinessPolicy(defaultProjectSettings());
  await inParallel(epics.filter((e) => e.state !== 'none'), 16, async (epic, i) => {
    const record = recordFor(epic, i, today);
    const statusCategory = epic.state === 'shipped' ? 'done' : 'indeterminate';
    const summary = toSearchSummary(record, computeReadiness(record, { key: epic.key, statusCategory, today }, policy));
    store.set({ key: epic.id, entityName: 'handoff', value: { version: record.version, projectId: SEED_PROJECT.id, updatedAt: Date.parse(record.updated.at), record } });
    const put = await jira(host.url, 'PUT', `/rest/api/3/issue/${epic.id}/properties/production-handoff-readiness`, summary);
    if (put.status !== 200 && put.status !== 201) throw new Error(`property PUT answered ${put.status}`);
  });
  const done = host.db.prepare('UPDATE issues SET status_id = ? WHERE id = ?');
  host.db.transaction(() => epics.filter((e) => e.state === 'shipped').forEach((e) => done.run(STATUS_IDS.done, Number(e.id))))();
  return epics;
}

/** A plausible record per state; every one parses with the app's own schema. */
function recordFor(epic: SeededEpic, i: number, today: string): HandoffRecord {
  const updatedAt = new Date(Date.parse(`${addDays(today, -(i % 40))}T10:00:00Z`)).toISOString();
  const base = emptyRecord(epic.id, updatedAt, OWNER);
  const decided = { by: OWNER, at: updatedAt };
  const undecidedCount = epic.state === 'deciding' ? 1 + (i % 3) : epic.state === 'started' ? 2 : 0;
  const conditions = Array.from({ length: 3 }, (_, c) => ({
    id: `c${c}`,
    kind: 'data-access' as const,
    name: `Pilot exception ${c + 1}`,
    details: '',
    grantedBy: 'Pilot sponsor',
    decision:
      c < undecidedCount
        ? { status: 'undecided' as const }
        : c % 2 === 0
          ? { status: 'withdrawn' as const, rationale: 'Standard path exists', productionPath: 'Standard data request', leadTimeDays: 15, decided }
          : { status: 'permanent' as const, rationale: 'Needed in production', sustainedBy: 'Data platform team', decided },
  }));
  const agreed = epic.state === 'ready' || epic.state === 'shipped';
  const kpis = (['latency', 'adoption'] as const).map((category, k) => ({
    id: `k${k}`,
    name: category === 'latency' ? 'Response time p95' : 'Weekly active users',
    category,
    baseline: '',
    target: '',
    unit: '',
    direction: category === 'latency' ? ('lower-is-better' as const) : ('higher-is-better' as const),
    source: '',
    owner: '',
    horizon: { count: 1 + (i % 3), unit: 'quarter' as const },
    firstReviewDate: addDays(today, 30 - (i % 60)),
    status: agreed ? ('agreed' as const) : ('proposed' as const),
  }));
  const ownership = agreed ? { deliveryOwner: OWNER, accepted: decided, workstreamLeads: {} } : { workstreamLeads: {} };
  const record = {
    ...base,
    version: 6,
    pilot: { plannedCloseDate: addDays(today, 20 - (i % 90)) },
    conditions: epic.state === 'started' ? conditions.slice(0, 2) : conditions,
    kpis,
    ownership,
  };
  return HandoffRecord.parse(record);
}
