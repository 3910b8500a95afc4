import type { Database } from '../../db';
import type { Principal } from '../../auth';
import { JiraError } from '../errors';
import { createIssue } from '../issues';
import { writeProperty } from '../properties';
import { SEED_ACCOUNTS, SEED_KEYS } from '../seed';
import { APP, seededDb, userPrincipal } from '../test-support';
import { compileJql } from './compile';
import { buildEntityPropertyIndex, parseEntityProperties, type EntityPropertyIndex } from './entity-properties';
import fs from 'node:fs';
import path from 'node:path';

const MANIFEST = path.join(__dirname, '..', '..', '..', 'manifest.yml');
const PROP = 'production-handoff-readiness';
const NOW = new Date('2026-11-25T12:00:00.000Z');

let db: Database;
let index: EntityPropertyIndex;

function idOf(key: string): number {
  return (db.prepare('SELECT id FROM issues WHERE key = ?').get(key) as { id: number }).id;
}

function keys(jql: string, principal: Principal = APP): string[] {
  const compiled = compileJql(jql, {
    db, properties: index, now: NOW,
    currentAccountId: principal.kind === 'user' ? principal.accountId : null,
  });
  const rows = db.prepare(`SELECT i.key FROM issues i WHERE ${compiled.where} ORDER BY ${compiled.orderBy}`).all(...compiled.params) as Array<{ key: string }>;
  return rows.map((r) => r.key);
}

const sorted = (list: string[]) => [...list].sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]));
const set = (jql: string, principal?: Principal) => sorted(keys(jql, principal));

function errorOf(jql: string, principal: Principal = APP): JiraError {
  try {
    keys(jql, principal);
  } catch (e) {
    if (e instanceof JiraError) return e;
    throw e;
  }
  throw new Error(`expected "${jql}" to fail`);
}

beforeEach(() => {
  db = seededDb();
  const fromManifest = parseEntityProperties(fs.readFileSync(MANIFEST, 'utf8'));
  index = buildEntityPropertyIndex([
    ...fromManifest,
    { propertyKey: PROP, path: 'pilotCloses', type: 'date', searchAlias: 'pilotCloses' },
    { propertyKey: PROP, path: 'owner.name', type: 'text' },
  ]);
  writeProperty(db, idOf(SEED_KEYS.nearlyReady), PROP, { level: 'ready', missingCount: 0, pilotCloses: '2026-12-01', owner: { name: 'Priya Raman' } });
  writeProperty(db, idOf(SEED_KEYS.mostlyWithdrawn), PROP, { level: 'deciding', missingCount: 2, pilotCloses: '2026-10-15T09:00:00.000Z', owner: { name: 'Marcus Webb' } });
  writeProperty(db, idOf(SEED_KEYS.stalled), PROP, { level: 'deciding', missingCount: 10, pilotCloses: '2026-05-01' });
  writeProperty(db, idOf(SEED_KEYS.shipped), PROP, { level: 'shipped', missingCount: 0 });
});

afterEach(() => db.close());

describe('fields and operators', () => {
  test('project by key, id and name; unknown project is an error', () => {
    expect(keys('project = AIP')).toHaveLength(8);
    expect(keys('project = 10000')).toHaveLength(8);
    expect(keys('project = "AI Pilots"')).toHaveLength(8);
    expect(keys('project = aip')).toHaveLength(8);
    expect(errorOf('project = NOPE').errorMessages).toEqual(["The value 'NOPE' does not exist for the field 'project'."]);
  });

  test('issuetype / type by name or id, =, !=, IN, NOT IN', () => {
    expect(keys('issuetype = Epic')).toHaveLength(7);
    expect(set('type = Task')).toEqual([SEED_KEYS.story]);
    expect(set('issuetype = 10001')).toEqual([SEED_KEYS.story]);
    expect(set('issuetype != Epic')).toEqual([SEED_KEYS.story]);
    expect(set('issuetype in (Task, Story)')).toEqual([SEED_KEYS.story]);
    expect(keys('issuetype not in (Task, Story)')).toHaveLength(7);
    expect(errorOf('issuetype = Initiative').errorMessages[0]).toContain("'Initiative' does not exist for the field 'issuetype'");
  });

  test('status and statusCategory', () => {
    expect(set('status = "To Do"')).toEqual([SEED_KEYS.untouched]);
    expect(set('status = Done')).toEqual([SEED_KEYS.shipped]);
    expect(keys('status != Done')).toHaveLength(7);
    expect(set('status in ("To Do", Done)')).toEqual([SEED_KEYS.untouched, SEED_KEYS.shipped]);
    expect(set('statusCategory = Done')).toEqual([SEED_KEYS.shipped]);
    expect(set('statusCategory = done')).toEqual([SEED_KEYS.shipped]);
    expect(set('statusCategory = new')).toEqual([SEED_KEYS.untouched]);
    expect(keys('statusCategory != done')).toHaveLength(7);
    expect(keys('statusCategory = "In Progress"')).toHaveLength(6);
  });

  test('labels: =, !=, IN, NOT IN, IS EMPTY, IS NOT EMPTY', () => {
    createIssue(db, APP, { fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary: 'No labels here' } });
    expect(keys('labels = ai-initiative')).toHaveLength(6);
    expect(set('labels in (platform, demo)')).toEqual([SEED_KEYS.unlabelledEpic, SEED_KEYS.story]);
    expect(set('labels not in (ai-initiative)')).toEqual([SEED_KEYS.unlabelledEpic, SEED_KEYS.story]);
    expect(set('labels != ai-initiative')).toEqual([SEED_KEYS.unlabelledEpic, SEED_KEYS.story]);
    expect(set('labels is EMPTY')).toEqual(['AIP-9']);
    expect(set('labels = EMPTY')).toEqual(['AIP-9']);
    expect(keys('labels is not EMPTY')).toHaveLength(8);
    expect(set('NOT labels = ai-initiative')).toEqual([SEED_KEYS.unlabelledEpic, SEED_KEYS.story, 'AIP-9']);
  });

  test('assignee: accountId, email, currentUser(), EMPTY; != excludes unassigned but NOT includes them', () => {
    const priya = userPrincipal('priya');
    expect(set('assignee = currentUser()', priya)).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.ready]);
    expect(set(`assignee = ${SEED_ACCOUNTS.priya}`)).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.ready]);
    expect(set('assignee = "priya@example.com"')).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.ready]);
    expect(set('assignee is EMPTY')).toEqual([SEED_KEYS.untouched]);
    expect(set('assignee is null')).toEqual([SEED_KEYS.untouched]);
    expect(keys('assignee != currentUser()', priya)).toHaveLength(5);
    expect(keys('NOT assignee = currentUser()', priya)).toHaveLength(6);
    expect(keys('assignee in (EMPTY, currentUser())', priya)).toHaveLength(3);
    expect(errorOf('assignee = currentUser()').errorMessages[0]).toContain('currentUser()');
    expect(errorOf('assignee = "nobody@example.com"').errorMessages[0]).toContain('does not exist');
  });

  test('key / issuekey / id with equality, lists and numeric-aware comparisons', () => {
    expect(set('key = AIP-1')).toEqual(['AIP-1']);
    expect(set('issuekey in (AIP-1, "AIP-3")')).toEqual(['AIP-1', 'AIP-3']);
    expect(set('id = 10001')).toEqual(['AIP-2']);
    expect(keys('key != AIP-1')).toHaveLength(7);
    expect(set('key > AIP-6')).toEqual(['AIP-7', 'AIP-8']);
    expect(set('key <= AIP-2')).toEqual(['AIP-1', 'AIP-2']);
    expect(set('key = AIP-999')).toEqual([]);
    expect(errorOf('key = "not a key"').errorMessages[0]).toContain('invalid');
  });

  test('parent by key or id, IS EMPTY', () => {
    const child = createIssue(db, APP, { fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary: 'Data integration', parent: { key: 'AIP-1' } } });
    expect(set('parent = AIP-1')).toEqual([child.key]);
    expect(set(`parent = ${idOf('AIP-1')}`)).toEqual([child.key]);
    expect(set('parent in (AIP-1, AIP-2)')).toEqual([child.key]);
    expect(keys('parent is EMPTY')).toHaveLength(8);
    expect(set('parent is not EMPTY')).toEqual([child.key]);
    expect(set('parent = AIP-404')).toEqual([]);
  });

  test('summary, description and text with ~ and !~ (case-insensitive contains)', () => {
    expect(set('summary ~ "claims"')).toEqual([SEED_KEYS.nearlyReady]);
    expect(set('summary ~ "CONTRACT*"')).toEqual([SEED_KEYS.mostlyWithdrawn]);
    expect(keys('summary !~ "claims"')).toHaveLength(7);
    expect(set('description ~ "reassigned"')).toEqual([SEED_KEYS.stalled]);
    expect(set('text ~ "spreadsheet"')).toEqual([SEED_KEYS.stalled]);
    expect(set('text ~ "Invoice"')).toEqual([SEED_KEYS.ready]);
    expect(errorOf('summary = "Invoice anomaly detection"').errorMessages[0]).toBe("The operator '=' is not supported by the 'summary' field.");
  });

  test('created / updated / resolutiondate: absolute and relative dates', () => {
    expect(set('created < "2026-03-10"')).toEqual([SEED_KEYS.stalled, SEED_KEYS.shipped]);
    expect(set('created >= 2026-09-01')).toEqual([SEED_KEYS.untouched, SEED_KEYS.story]);
    expect(set('created >= "2026/09/01 09:00"')).toEqual([SEED_KEYS.story]);
    expect(set('updated > -8d')).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.ready, SEED_KEYS.story]);
    expect(set('resolutiondate is not EMPTY')).toEqual([SEED_KEYS.shipped]);
    expect(keys('resolved is EMPTY')).toHaveLength(7);
    expect(errorOf('created > "last tuesday"').errorMessages[0]).toContain("Date value 'last tuesday'");
  });
});

describe('entity properties typed by the manifest', () => {
  test('string path by full name and by searchAlias', () => {
    expect(set(`issue.property[${PROP}].level = ready`)).toEqual([SEED_KEYS.nearlyReady]);
    expect(set('handoffLevel = "ready"')).toEqual([SEED_KEYS.nearlyReady]);
    expect(set('handoffLevel in (deciding, shipped)')).toEqual([SEED_KEYS.mostlyWithdrawn, SEED_KEYS.stalled, SEED_KEYS.shipped]);
    expect(set('handoffLevel != deciding')).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.shipped]);
    expect(set('handoffLevel not in (deciding)')).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.shipped]);
    expect(keys('handoffLevel is EMPTY')).toHaveLength(4);
    expect(keys('handoffLevel is not EMPTY')).toHaveLength(4);
  });

  test('number paths compare numerically, not as text', () => {
    expect(set('handoffMissing > 2')).toEqual([SEED_KEYS.stalled]);
    expect(set(`issue.property["${PROP}"].missingCount >= 2`)).toEqual([SEED_KEYS.mostlyWithdrawn, SEED_KEYS.stalled]);
    expect(set('handoffMissing < 10')).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.mostlyWithdrawn, SEED_KEYS.shipped]);
    expect(set('handoffMissing <= 0')).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.shipped]);
    expect(set('handoffMissing = 2.0')).toEqual([SEED_KEYS.mostlyWithdrawn]);
    expect(set('handoffMissing in (0, 10)')).toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.stalled, SEED_KEYS.shipped]);
    expect(errorOf('handoffMissing > lots').errorMessages[0]).toContain("'lots' is not a valid number");
  });

  test('date paths compare as dates whatever ISO form the value has', () => {
    expect(set('pilotCloses < "2026-11-01"')).toEqual([SEED_KEYS.mostlyWithdrawn, SEED_KEYS.stalled]);
    expect(set('pilotCloses = "2026-12-01"')).toEqual([SEED_KEYS.nearlyReady]);
    expect(set('pilotCloses > "2026-10-15"')).toEqual([SEED_KEYS.mostlyWithdrawn, SEED_KEYS.nearlyReady].sort());
  });

  test('text paths support ~ and nested paths', () => {
    expect(set(`issue.property[${PROP}].owner.name ~ "priya"`)).toEqual([SEED_KEYS.nearlyReady]);
    expect(errorOf(`issue.property[${PROP}].owner.name = "Priya Raman"`).errorMessages[0]).toContain('not supported');
  });

  test('unindexed properties and paths are unknown fields', () => {
    expect(errorOf(`issue.property[${PROP}].secret = 1`).errorMessages[0])
      .toBe(`Field 'issue.property[${PROP}].secret' does not exist or you do not have permission to view it.`);
    expect(errorOf('issue.property[other].level = ready').errorMessages[0]).toContain('does not exist');
  });
});

describe('logic, ordering and errors', () => {
  test('AND / OR / NOT with parentheses', () => {
    expect(set('project = AIP AND (status = Done OR assignee is EMPTY)')).toEqual([SEED_KEYS.untouched, SEED_KEYS.shipped]);
    expect(set('project = AIP AND status = Done OR assignee is EMPTY')).toEqual([SEED_KEYS.untouched, SEED_KEYS.shipped]);
    expect(set('issuetype = Epic AND NOT (labels = ai-initiative)')).toEqual([SEED_KEYS.unlabelledEpic]);
    expect(set('NOT (status = "In Progress" OR status = "To Do")')).toEqual([SEED_KEYS.shipped]);
    expect(set('labels = ai-initiative AND NOT handoffLevel = deciding AND issuetype = Epic'))
      .toEqual([SEED_KEYS.nearlyReady, SEED_KEYS.untouched, SEED_KEYS.ready, SEED_KEYS.shipped]);
  });

  test('ORDER BY key is numeric-aware, and other fields sort both ways', () => {
    for (let n = 0; n < 3; n++) createIssue(db, APP, { fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary: `Extra ${n}` } });
    expect(keys('project = AIP ORDER BY key ASC')).toEqual(['AIP-1', 'AIP-2', 'AIP-3', 'AIP-4', 'AIP-5', 'AIP-6', 'AIP-7', 'AIP-8', 'AIP-9', 'AIP-10', 'AIP-11']);
    expect(keys('project = AIP ORDER BY key DESC').slice(0, 3)).toEqual(['AIP-11', 'AIP-10', 'AIP-9']);
    expect(keys('issuetype = Epic ORDER BY created ASC')[0]).toBe(SEED_KEYS.stalled);
    expect(keys('issuetype = Epic ORDER BY updated DESC')[0]).toBe(SEED_KEYS.nearlyReady);
    expect(keys('issuetype = Epic ORDER BY summary ASC')[0]).toBe(SEED_KEYS.nearlyReady);
    expect(keys('issuetype = Epic ORDER BY status DESC')[0]).toBe(SEED_KEYS.shipped);
    expect(keys('handoffMissing is not EMPTY ORDER BY handoffMissing DESC, key ASC')).toEqual([SEED_KEYS.stalled, SEED_KEYS.mostlyWithdrawn, SEED_KEYS.nearlyReady, SEED_KEYS.shipped]);
    expect(keys('ORDER BY rank')).toHaveLength(11);
    expect(errorOf('project = AIP ORDER BY flavour').errorMessages[0]).toContain("'flavour'");
  });

  test('an empty query matches everything, newest first', () => {
    expect(keys('')).toEqual(['AIP-8', 'AIP-7', 'AIP-6', 'AIP-5', 'AIP-4', 'AIP-3', 'AIP-2', 'AIP-1']);
  });

  test('bad JQL is a 400 in Jira words', () => {
    const syntax = errorOf('project = ');
    expect(syntax.status).toBe(400);
    expect(syntax.errorMessages[0]).toMatch(/^Error in the JQL Query: /);
    expect(errorOf('project = AIP AND').errorMessages[0]).toMatch(/^Error in the JQL Query: /);
    expect(errorOf('flavour = vanilla').errorMessages[0]).toBe("Field 'flavour' does not exist or you do not have permission to view it.");
    expect(errorOf('project ~ AIP').errorMessages[0]).toBe("The operator '~' is not supported by the 'project' field.");
    expect(errorOf('status = nextWeek()').errorMessages[0]).toContain("'nextweek()'");
    expect(errorOf('status is Done').errorMessages[0]).toContain('EMPTY');
    expect(errorOf('status was Done').errorMessages[0]).toContain("'WAS'");
  });

  test('user values are bound as parameters, never spliced into SQL', () => {
    const hostile = `x') OR 1=1 --`;
    const compiled = compileJql(`summary ~ "${hostile}" AND handoffLevel = "a' OR '1'='1"`, { db, properties: index, currentAccountId: null });
    expect(compiled.where).not.toContain('OR 1=1');
    expect(compiled.where).not.toContain("'1'='1");
    expect(compiled.params).toEqual(expect.arrayContaining([hostile, "a' OR '1'='1"]));
    expect(keys(`summary ~ "${hostile}"`)).toEqual([]);
  });
});
