/**
 * Hardening item 4: Done is a milestone. While an epic is Done its handoff is locked (every change is
 * refused with a clear message); an editor can reopen it with a reason (audited), which flags it in the
 * report until it is decided again. An epic that reached Done without a decided handoff is flagged too,
 * in the searchable summary and the report.
 */
import { SEED_ACCOUNTS } from '../../local/jira/seed';
import type { HandoffView, ReportPage, ResolverName, Result } from '../../src/shared/contract';
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, ok, searchKeys } from '../helpers/local-api';
import { ADMIN, createEpic, decideHandoff, DONE_TRANSITION, transition } from '../helpers/handoff-fixtures';

jest.setTimeout(120_000);

const LEAD = 'lead@example.com';
const VIEWER = 'viewer@example.com';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

const call = (name: ResolverName, issueKey: string, payload: unknown, user = LEAD) => invoke(host.url, name, payload, { context: { issueKey }, user }) as Promise<Result<HandoffView>>;

async function reportRow(projectKey: string, key: string): Promise<ReportPage['rows'][number] | undefined> {
  const rows: ReportPage['rows'] = [];
  let nextPageToken: string | undefined;
  do {
    const page = ok(await invoke(host.url, 'getReportPage', nextPageToken ? { nextPageToken } : {}, { context: { projectKey }, user: ADMIN }));
    rows.push(...page.rows);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return rows.find((r) => r.key === key);
}

const lockedMessage = (key: string) =>
  `${key} is Done, so its production handoff is locked. To change it, an editor reopens the handoff with a reason; it locks again once every question is decided.`;

describe('a Done epic', () => {
  let key: string;
  let shipped: HandoffView;
  beforeAll(async () => {
    key = await createEpic(host.url, 'Done lock: shipped initiative');
    await decideHandoff(host.url, key);
    expect((await transition(host.url, key, DONE_TRANSITION)).status).toBe(204);
    await eventsIdle(host.url);
    shipped = ok(await call('getHandoff', key, {}));
  });

  test('refuses every change with a clear message and changes nothing', async () => {
    const conditionId = shipped.record!.conditions[0].id;
    const attempts: Array<[ResolverName, unknown]> = [
      ['decideCondition', { baseVersion: shipped.version, conditionId, decision: { status: 'undecided' } }],
      ['removeCondition', { baseVersion: shipped.version, conditionId }],
      ['saveCondition', { baseVersion: shipped.version, condition: { kind: 'other', name: 'Late addition' } }],
      ['setOwner', { baseVersion: shipped.version, ownerAccountId: SEED_ACCOUNTS.lead }],
      ['savePilot', { baseVersion: shipped.version, plannedCloseDate: null, actualCloseDate: null, pilotChampionAccountId: null }],
      ['createWorkstreams', {}],
    ];
    for (const [name, payload] of attempts) {
      expect({ name, r: await call(name, key, payload) }).toEqual({ name, r: { ok: false, error: { code: 'LOCKED', message: lockedMessage(key) } } });
    }
    const after = ok(await call('getHandoff', key, {}));
    expect(after.version).toBe(shipped.version);
    expect(after.record).toEqual(shipped.record);
    expect(shipped.done).toEqual({ locked: true, reopened: false, undecided: false });
    expect(shipped.permissions).toMatchObject({ canEdit: false, canReopen: true });
    expect(ok(await call('getHandoff', key, {}, VIEWER)).permissions).toMatchObject({ canEdit: false, canReopen: false });
  });

  test('can be reopened by an editor with a reason (audited), is flagged until decided again, then locks again', async () => {
    expect(await call('reopenHandoff', key, { baseVersion: shipped.version, reason: 'Compliance asked to revisit' }, VIEWER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('reopenHandoff', key, { baseVersion: shipped.version, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fieldErrors: { reason: expect.any(String) } } });

    let view = ok(await call('reopenHandoff', key, { baseVersion: shipped.version, reason: 'Compliance asked to revisit the claims DB decision' }));
    expect(view.done).toEqual({ locked: false, reopened: true, undecided: false });
    expect(view.record!.reopened).toMatchObject({ by: { accountId: SEED_ACCOUNTS.lead }, reason: 'Compliance asked to revisit the claims DB decision' });
    expect(await call('reopenHandoff', key, { baseVersion: view.version, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const history = ok(await invoke(host.url, 'getHistory', {}, { context: { issueKey: key }, user: LEAD })).entries;
    expect(history.at(-1)).toMatchObject({ action: 'reopenHandoff', summary: 'Reopened the handoff: reopen reason: Compliance asked to revisit the claims DB decision' });
    expect((await reportRow('AIP', key))?.flags).toContain('reopened');

    const conditionId = view.record!.conditions[0].id;
    view = ok(await call('decideCondition', key, { baseVersion: view.version, conditionId, decision: { status: 'undecided' } }));
    expect(view.done).toEqual({ locked: false, reopened: true, undecided: false });
    expect((await reportRow('AIP', key))?.flags).toEqual(expect.arrayContaining(['reopened']));

    view = ok(await call('decideCondition', key, {
      baseVersion: view.version,
      conditionId,
      decision: { status: 'permanent', rationale: 'Kept under the data office', sustainedBy: 'Data office' },
    }));
    expect(view.done).toEqual({ locked: true, reopened: false, undecided: false });
    expect(view.record!.reopened).toBeUndefined();
    expect((await reportRow('AIP', key))?.flags).not.toContain('reopened');
    expect(await call('removeCondition', key, { baseVersion: view.version, conditionId })).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  test('takes the pilot\'s actual close date when it is missing, and nothing else, without reopening', async () => {
    // OPS has no gate on its workflow: the epic reaches Done with the close date unrecorded.
    const epic = (await jira<{ key: string }>(host.url, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'OPS' }, issuetype: { name: 'Epic' }, summary: 'Done lock: close date missing', labels: ['ai-initiative'] },
    })).body.key;
    const decided = await decideHandoff(host.url, epic, { pilotClosed: false });
    expect((await transition(host.url, epic, DONE_TRANSITION)).status).toBe(204);
    await eventsIdle(host.url);
    const done = ok(await call('getHandoff', epic, {}));
    expect(done.done.locked).toBe(true);
    const pilot = (over: object) => ({ baseVersion: done.version, plannedCloseDate: null, actualCloseDate: null, pilotChampionAccountId: null, ...over });
    // Anything more than filling the missing date is still refused.
    for (const payload of [pilot({ actualCloseDate: '2026-01-20', plannedCloseDate: '2026-01-10' }), pilot({ plannedCloseDate: '2026-01-10' })]) {
      expect(await call('savePilot', epic, payload)).toEqual({ ok: false, error: { code: 'LOCKED', message: lockedMessage(epic) } });
    }
    const recorded = ok(await call('savePilot', epic, pilot({ actualCloseDate: '2026-01-20' })));
    expect(recorded.record!.pilot.actualCloseDate).toBe('2026-01-20');
    expect(recorded.done).toEqual({ locked: true, reopened: false, undecided: false });
    expect(recorded.version).toBe(decided.version + 1);
    // Once recorded it is part of the locked record like the rest.
    expect(await call('savePilot', epic, pilot({ baseVersion: recorded.version, actualCloseDate: '2026-01-21' }))).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  test('cannot be reopened while it is not Done', async () => {
    const open = await createEpic(host.url, 'Done lock: not done');
    expect(await call('reopenHandoff', open, { baseVersion: 0, reason: 'Why not' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: `${open} is not Done: its handoff is open for changes, so there is nothing to reopen.` } });
  });
});

describe('an epic that reached Done without a decided handoff', () => {
  test('is flagged in the report and in the searchable summary (JQL finds it), with or without a record', async () => {
    // OPS has no gate on its workflow: epics reach Done whatever their handoff says.
    const create = async (summary: string) => (await jira<{ key: string }>(host.url, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'OPS' }, issuetype: { name: 'Epic' }, summary, labels: ['ai-initiative'] },
    })).body.key;
    const withRecord = await create('Done lock: shipped undecided');
    const withoutRecord = await create('Done lock: shipped before anyone started');
    ok(await call('saveCondition', withRecord, { baseVersion: 0, condition: { kind: 'tooling', name: 'Vendor sandbox' } }, ADMIN));
    for (const k of [withRecord, withoutRecord]) expect((await transition(host.url, k, DONE_TRANSITION)).status).toBe(204);
    await eventsIdle(host.url);

    for (const k of [withRecord, withoutRecord]) expect((await reportRow('OPS', k))?.flags).toContain('done-undecided');
    expect(ok(await call('getHandoff', withRecord, {}, ADMIN)).done).toEqual({ locked: true, reopened: false, undecided: true });
    expect(await searchKeys(host.url, 'project = OPS AND issue.property[production-handoff-readiness].doneUndecided = "yes"')).toContain(withRecord);

    const decided = await createEpic(host.url, 'Done lock: decided before Done');
    await decideHandoff(host.url, decided);
    expect((await transition(host.url, decided, DONE_TRANSITION)).status).toBe(204);
    await eventsIdle(host.url);
    expect((await reportRow('AIP', decided))?.flags).not.toContain('done-undecided');
  });
});
