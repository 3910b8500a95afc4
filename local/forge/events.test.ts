import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Catalog, IssueRow } from '../jira/catalog';
import { changelogItems, deliveryFromEnv, DeliveryQueue, issuePayload, ORDERLY_DELIVERY, passesFilter, PLATFORM_LIKE_DELIVERY, withDelivery } from './events';

/** The filter exactly as the app's manifest declares it, so this test breaks if the two drift apart. */
const manifest = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.yml'), 'utf8'));
const trigger = manifest.modules.trigger.find((t: { key: string }) => t.key === 'workstream-status-sync');

const catalog = {
  users: new Map(),
  projects: new Map([
    ['10000', { id: '10000', key: 'AIP', name: 'AI Pilots', style: 'classic' }],
    ['10001', { id: '10001', key: 'TEAM', name: 'Team board', style: 'next-gen' }],
  ]),
  issueTypes: new Map([
    ['10000', { id: '10000', name: 'Epic', subtask: 0, hierarchy_level: 1 }],
    ['10001', { id: '10001', name: 'Task', subtask: 0, hierarchy_level: 0 }],
    ['10004', { id: '10004', name: 'Sub-task', subtask: 1, hierarchy_level: -1 }],
    ['10005', { id: '10005', name: 'Initiative', subtask: 0, hierarchy_level: 2 }],
  ]),
  statuses: new Map([
    ['10000', { id: '10000', name: 'To Do', category_id: 2 }],
    ['10002', { id: '10002', name: 'Done', category_id: 3 }],
  ]),
  categories: new Map([[2, { id: 2, key: 'new', name: 'To Do' }], [3, { id: 3, key: 'done', name: 'Done' }]]),
} as unknown as Catalog;

const row = (over: Partial<IssueRow> = {}): IssueRow => ({
  id: 10200, key: 'AIP-20', project_id: '10000', num: 20, issuetype_id: '10001', summary: 'Compliance review', description: null,
  status_id: '10000', assignee_id: null, reporter_id: null, labels: '[]', parent_id: 10100, created: '2026-11-01T00:00:00.000Z',
  updated: '2026-11-01T00:00:00.000Z', resolutiondate: null, duedate: null, ...over,
});
const keyOf = (id: number) => (id === 10100 ? 'AIP-10' : id === 10101 ? 'AIP-11' : null);

test('a transition and a new parent in a team-managed project become Jira changelog items', () => {
  const team = { project_id: '10001' };
  const items = changelogItems(row(team), row({ ...team, status_id: '10002', parent_id: 10101 }), catalog, keyOf);
  expect(items).toEqual([
    { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', fromString: 'To Do', to: '10002', toString: 'Done' },
    // Jira logs the team-managed parent without a fieldId.
    { field: 'IssueParentAssociation', fieldtype: 'jira', from: '10100', fromString: 'AIP-10', to: '10101', toString: 'AIP-11' },
  ]);
  expect(changelogItems(row(), row({ summary: 'Renamed' }), catalog, keyOf).map((i) => i.field)).toEqual(['summary']);
});

test('a company-managed project logs a new parent under the field Jira uses for the level: Epic Link, Parent Link, Parent', () => {
  const moved = (over: Partial<IssueRow>) => changelogItems(row(over), row({ ...over, parent_id: 10101 }), catalog, keyOf);
  expect(moved({})).toEqual([
    { field: 'Epic Link', fieldtype: 'custom', fieldId: 'customfield_10014', from: '10100', fromString: 'AIP-10', to: '10101', toString: 'AIP-11' },
  ]);
  expect(moved({ issuetype_id: '10000' })[0]).toMatchObject({ field: 'Parent Link', fieldtype: 'custom', fieldId: 'customfield_10018', from: '10100', to: '10101' });
  expect(moved({ issuetype_id: '10004' })[0]).toMatchObject({ field: 'Parent', fieldtype: 'jira', fieldId: 'parent', from: '10100', to: '10101' });
  // Taken out of its epic: the new value is empty.
  expect(changelogItems(row(), row({ parent_id: null }), catalog, keyOf)[0]).toMatchObject({ field: 'Epic Link', from: '10100', fromString: 'AIP-10', to: null, toString: null });
});

test('a type change and a move to another project log issuetype, project and Key', () => {
  const items = changelogItems(row(), row({ issuetype_id: '10000', project_id: '10001', key: 'TEAM-3', num: 3, parent_id: null }), catalog, keyOf);
  // The lost parent is logged under the rules of the project the issue is in now (team-managed here).
  expect(items.pop()).toMatchObject({ field: 'IssueParentAssociation', from: '10100', to: null });
  expect(items).toEqual([
    { field: 'issuetype', fieldtype: 'jira', fieldId: 'issuetype', from: '10001', fromString: 'Task', to: '10000', toString: 'Epic' },
    { field: 'project', fieldtype: 'jira', fieldId: 'project', from: '10000', fromString: 'AI Pilots', to: '10001', toString: 'Team board' },
    { field: 'Key', fieldtype: 'jira', fieldId: 'issuekey', from: null, fromString: 'AIP-20', to: null, toString: 'TEAM-3' },
  ]);
});

test('the payload issue carries string ids, the status category and the parent', () => {
  const issue = issuePayload(row({ status_id: '10002' }), catalog, keyOf) as {
    id: string;
    fields: { status: { statusCategory: { key: string } }; parent: unknown; created: string };
  };
  expect(issue.id).toBe('10200');
  expect(issue.fields.status.statusCategory.key).toBe('done');
  expect(issue.fields.parent).toEqual({ id: '10100', key: 'AIP-10' });
  expect(issue.fields.created).toBe('2026-11-01T00:00:00.000+0000');
});

describe("the manifest's trigger filter", () => {
  const event = (eventType: string, fields: Record<string, unknown>, items?: Array<{ field: string }>) => ({
    eventType, issue: { id: '10200', key: 'AIP-20', fields }, ...(items ? { changelog: { id: '1', items } } : {}),
  });
  const child = { parent: { id: '10100', key: 'AIP-10' } };

  test('lets through status and parent changes of child issues, and their deletion', () => {
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'status' }]), false)).toBe(true);
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'IssueParentAssociation' }]), false)).toBe(true);
    expect(passesFilter(trigger.filter, event('avi:jira:deleted:issue', child), false)).toBe(true);
  });

  test('lets through a parent change however the project logs it (Epic Link, Parent Link, Parent), without relying on fieldId', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const item of [
        { field: 'Epic Link', fieldtype: 'custom', fieldId: 'customfield_10014' },
        { field: 'Parent Link', fieldtype: 'custom', fieldId: 'customfield_10018' },
        { field: 'Parent', fieldtype: 'jira', fieldId: 'parent' },
        { field: 'IssueParentAssociation', fieldtype: 'jira' },
      ]) {
        expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'summary', fieldtype: 'jira', fieldId: 'summary' }, item] as never), false)).toBe(true);
      }
      // Items without a fieldId (Jira's `Link`, `Attachment`, `IssueParentAssociation`) do not make the expression fail.
      expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'Link', fieldtype: 'jira' }] as never), false)).toBe(false);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  test('keeps out other edits and what the app itself did; a parentless issue is left to the handler', () => {
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'summary' }]), false)).toBe(false);
    // The filter does not rely on `parent` being in the event payload; the handler checks marker and parent.
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', {}, [{ field: 'status' }]), false)).toBe(true);
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'status' }]), true)).toBe(false);
  });

  test('reading a property the payload does not have is an error, as in Forge\'s expressions', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const e = event('avi:jira:updated:issue', child, [{ field: 'Link' }]);
      expect(passesFilter({ expression: "event.changelog.items.some(item => item.fieldId == 'parent')", onError: 'IGNORE' }, e, false)).toBe(false);
      expect(passesFilter({ expression: "event.changelog.items.some(item => item.fieldId == 'parent')", onError: 'RECEIVE' }, e, false)).toBe(true);
      expect(passesFilter({ expression: "event.changelog.items.some(item => item.field == 'Link')", onError: 'IGNORE' }, e, false)).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });

  test('a failing expression follows onError', () => {
    const broken = { expression: 'event.nothing.here == 1' };
    const e = event('avi:jira:updated:issue', child, [{ field: 'status' }]);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(passesFilter({ ...broken, onError: 'RECEIVE' }, e, false)).toBe(true);
      expect(passesFilter({ ...broken, onError: 'IGNORE' }, e, false)).toBe(false);
      expect(passesFilter(broken, e, false)).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('delivery: late, twice, concurrently', () => {
  /** Schedules `n` events and records when each copy starts and ends. */
  async function run(queue: DeliveryQueue, n: number) {
    const log: Array<{ event: number; copy: number }> = [];
    let running = 0;
    let maxRunning = 0;
    for (let event = 0; event < n; event++) {
      queue.schedule(async (copy) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        log.push({ event, copy });
        running -= 1;
      });
    }
    expect(queue.pendingCount).toBeGreaterThanOrEqual(n);
    await queue.idle();
    expect(queue.pendingCount).toBe(0);
    return { log, maxRunning };
  }

  test('the platform-like default delivers every event twice, several at once, not always in arrival order', async () => {
    const { log, maxRunning } = await run(new DeliveryQueue({ ...PLATFORM_LIKE_DELIVERY, delayMs: { min: 0, max: 30 } }), 12);
    expect(log).toHaveLength(24);
    for (let event = 0; event < 12; event++) expect(log.filter((l) => l.event === event).map((l) => l.copy).sort()).toEqual([0, 1]);
    expect(maxRunning).toBeGreaterThan(1);
    expect(maxRunning).toBeLessThanOrEqual(PLATFORM_LIKE_DELIVERY.maxConcurrent);
    const firstCopies = log.filter((l) => l.copy === 0).map((l) => l.event);
    expect(firstCopies).not.toEqual([...firstCopies].sort((a, b) => a - b));
  });

  test('orderly delivery runs each event once, one at a time, in arrival order', async () => {
    const { log, maxRunning } = await run(new DeliveryQueue(ORDERLY_DELIVERY), 5);
    expect(log).toEqual([0, 1, 2, 3, 4].map((event) => ({ event, copy: 0 })));
    expect(maxRunning).toBe(1);
  });

  test('a seed replays the same duplicates; idle with nothing scheduled resolves at once', async () => {
    const copies = (seed: number) => {
      const queue = new DeliveryQueue({ ...ORDERLY_DELIVERY, duplicate: 0.5, seed });
      return Array.from({ length: 20 }, () => queue.schedule(async () => undefined));
    };
    expect(copies(7)).toEqual(copies(7));
    expect(copies(7)).toContain(2);
    expect(copies(7)).toContain(1);
    await new DeliveryQueue(PLATFORM_LIKE_DELIVERY).idle();
  });

  test('options are checked: from the environment and as a change at run time', () => {
    expect(deliveryFromEnv({})).toEqual(PLATFORM_LIKE_DELIVERY);
    expect(deliveryFromEnv({ LOCAL_EVENT_DELAY_MS: '0', LOCAL_EVENT_DUPLICATE: '0', LOCAL_EVENT_CONCURRENT: 'false' })).toEqual(ORDERLY_DELIVERY);
    expect(deliveryFromEnv({ LOCAL_EVENT_DELAY_MS: '50-2000', LOCAL_EVENT_SEED: '42' })).toMatchObject({ delayMs: { min: 50, max: 2000 }, seed: 42 });
    expect(() => deliveryFromEnv({ LOCAL_EVENT_CONCURRENT: 'sometimes' })).toThrow(/concurrent/);
    expect(() => withDelivery(PLATFORM_LIKE_DELIVERY, { delayMs: { min: 10, max: 5 } })).toThrow(/delayMs/);
    expect(() => withDelivery(PLATFORM_LIKE_DELIVERY, { duplicate: 2 })).toThrow(/duplicate/);
    expect(() => withDelivery(PLATFORM_LIKE_DELIVERY, { twice: true })).toThrow(/Unknown/);
    expect(() => withDelivery(PLATFORM_LIKE_DELIVERY, { maxConcurrent: 0 })).toThrow(/maxConcurrent/);
    expect(withDelivery(PLATFORM_LIKE_DELIVERY, { concurrent: false })).toEqual({ ...PLATFORM_LIKE_DELIVERY, concurrent: false });
  });
});
