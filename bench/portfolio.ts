/**
 * Portfolio benchmark (issue 15): 20,000 initiatives across 50 projects (AIP, CLM, SUP and 47 more), read
 * whole as the portfolio page reads it (getPortfolioStart, getPortfolioPlan, getPortfolioRows, 5 calls at once) as a user who can browse all of them, on loopback and under the latency
 * model: Jira requests by route (one search per 100 initiatives, none per project or per epic) and the
 * time. Then getPortfolioFlow once per mode (it reads the first 5,000 initiatives a call).
 *
 * Seeding is DIRECT, into the host's SQLite, and said so: 47 projects (the lead a member of each), 20,000
 * epics labelled as initiatives (400 a project) and, on four of five, the searchable summary the app's own
 * readiness and summary functions compute for a generated record (seed-epics.ts's states). No handoff
 * records are stored, so getPortfolioFlow finds none to measure: its figure is the cost of the reads.
 */
import { performance } from 'node:perf_hooks';
import type { PortfolioFlow, PortfolioPage, PortfolioPlanPage, PortfolioRow, PortfolioRowsPage, PortfolioStart, Result } from '../src/shared/contract';
import { PARTITIONS_PER_CALL, type ReportPartition } from '../src/domain/report-partitions';
import { DEMO_PROJECTS, ISSUE_TYPE_IDS, ROLE_IDS, SEED_ACCOUNTS, SEED_PROJECT, STATUS_IDS, SCOPE_LABEL } from '../local/jira/seed';
import { computeReadiness, readinessPolicy } from '../src/domain/readiness';
import { toSearchSummary } from '../src/domain/summary';
import { defaultProjectSettings } from '../src/domain/policy';
import { emptyRecord } from '../src/domain/record';
import { isoToday } from '../src/domain/dates';
import { SUMMARY_PROPERTY_KEY } from '../src/domain/report-types';
import { MODULES, resetStats, stats } from '../test/helpers/local-api';
import { benchHost, countsOf, latencyOf, MODES, ms, type BenchOutcome, type BenchReport, type StatsWithPlatform } from './lib';
import type { Host } from '../local/server';

const USER = 'lead@example.com';
/** Calls in flight at once, as the page runs them. */
const CALLS_AT_ONCE = 5;

async function invoke<T>(url: string, functionKey: string, payload: unknown): Promise<{ data: T; serverMs: number }> {
  const res = await fetch(`${url}/__local/invoke`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey: MODULES.portfolio, functionKey, payload, context: {}, user: USER }),
  });
  const result = (await res.json()) as Result<T>;
  if (!result.ok) throw new Error(`${functionKey}: ${result.error.code} ${result.error.message}`);
  return { data: result.data, serverMs: Number(res.headers.get('x-invocation-ms') ?? NaN) };
}

/** Seeds `total` initiatives spread over AIP, CLM, SUP and `projects - 3` new projects; returns the per-project count. */
function seedPortfolio(host: Host, total: number, projects: number): number {
  const db = host.db;
  const ids: string[] = [SEED_PROJECT.id, DEMO_PROJECTS.claims.id, DEMO_PROJECTS.support.id];
  db.transaction(() => {
    const insertProject = db.prepare(`INSERT INTO projects (id, key, name, description, project_type_key, style, lead_account_id, issue_counter) VALUES (?, ?, ?, '', 'software', 'classic', ?, 0)`);
    const insertMember = db.prepare('INSERT INTO role_members (project_id, role_id, account_id) VALUES (?, ?, ?)');
    for (let p = 0; ids.length < projects; p++) {
      const id = String(20000 + p);
      insertProject.run(id, `BP${p + 1}`, `Bench portfolio ${p + 1}`, SEED_ACCOUNTS.admin);
      insertMember.run(id, ROLE_IDS.members, SEED_ACCOUNTS.lead);
      ids.push(id);
    }
  })();
  const perProject = Math.ceil(total / projects);
  const today = isoToday(new Date());
  const policy = readinessPolicy(defaultProjectSettings());
  const insertIssue = db.prepare(`INSERT INTO issues (id, key, project_id, num, issuetype_id, summary, description, status_id, assignee_id, reporter_id, labels, parent_id, created, updated, resolutiondate)
    VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, NULL, ?, ?, NULL)`);
  const insertProperty = db.prepare('INSERT INTO issue_properties (issue_id, key, value) VALUES (?, ?, ?)');
  const counter = db.prepare('UPDATE projects SET issue_counter = ? WHERE id = ?');
  const keyOf = db.prepare('SELECT key, issue_counter FROM projects WHERE id = ?');
  let id = 500000;
  let made = 0;
  db.transaction(() => {
    for (const projectId of ids) {
      const { key, issue_counter: start } = keyOf.get(projectId) as { key: string; issue_counter: number };
      for (let n = 1; n <= perProject && made < total; n++, made++) {
        const num = start + n;
        const issueKey = `${key}-${num}`;
        const at = new Date(Date.parse(`${today}T09:00:00Z`) - (made % 90) * 86_400_000).toISOString();
        insertIssue.run(++id, issueKey, projectId, num, ISSUE_TYPE_IDS.epic, `Portfolio initiative ${made + 1}`, STATUS_IDS.inProgress, SEED_ACCOUNTS.admin, JSON.stringify([SCOPE_LABEL]), at, at);
        if (made % 5 !== 0) {
          const record = { ...emptyRecord(String(id), at, { accountId: SEED_ACCOUNTS.priya, displayName: 'Priya Raman' }), version: 2 };
          const summary = toSearchSummary(record, computeReadiness(record, { key: issueKey, statusCategory: 'indeterminate', today }, policy));
          insertProperty.run(id, SUMMARY_PROPERTY_KEY, JSON.stringify(summary));
        }
      }
      counter.run(start + perProject, projectId);
    }
  })();
  return perProject;
}

interface Read {
  rows: number;
  /** Rows that came back more than once (the ranges never overlap: 0). */
  repeated: number;
  projects: number;
  calls: number;
  /** Until the first rows: getPortfolioStart's wall time. */
  firstMs: number;
  wallMs: number;
  serverMs: number;
  jiraRequests: number;
}

/** Reads the whole portfolio as the page does (static/shared/portfolio/usePortfolio.ts): the start, then the ranges 10 a call, 5 calls at once, planning beyond 5,000 ids meanwhile. */
async function readPortfolio(url: string): Promise<Read> {
  const t0 = performance.now();
  const keys: string[] = [];
  const projects = new Set<string>();
  const read: Read = { rows: 0, repeated: 0, projects: 0, calls: 1, firstMs: 0, wallMs: 0, serverMs: 0, jiraRequests: 0 };
  const take = (page: { rows: PortfolioRow[]; jiraRequests: number }, serverMs: number) => {
    page.rows.forEach((r) => { keys.push(r.key); projects.add(r.project.key); });
    read.jiraRequests += page.jiraRequests;
    read.serverMs += serverMs;
  };
  const start = await invoke<PortfolioStart>(url, 'getPortfolioStart', {});
  read.firstMs = performance.now() - t0;
  take(start.data, start.serverMs);
  const queue: ReportPartition[] = [...start.data.plan.partitions];
  let after = start.data.plan.after;
  await new Promise<void>((done, fail) => {
    let running = 0;
    const launch = () => {
      if (after !== undefined && running < CALLS_AT_ONCE) {
        const from = after;
        after = undefined;
        running += 1;
        read.calls += 1;
        invoke<PortfolioPlanPage>(url, 'getPortfolioPlan', { after: from }).then(({ data, serverMs }) => {
          running -= 1;
          queue.push(...data.plan.partitions);
          after = data.plan.after;
          read.jiraRequests += data.jiraRequests;
          read.serverMs += serverMs;
          launch();
        }, fail);
      }
      while (queue.length > 0 && running < CALLS_AT_ONCE) {
        const partitions = queue.splice(0, PARTITIONS_PER_CALL);
        running += 1;
        read.calls += 1;
        invoke<PortfolioRowsPage>(url, 'getPortfolioRows', { partitions }).then(({ data, serverMs }) => {
          running -= 1;
          take(data, serverMs);
          queue.push(...data.unfinished);
          launch();
        }, fail);
      }
      if (running === 0 && queue.length === 0 && after === undefined) done();
    };
    launch();
  });
  read.rows = new Set(keys).size;
  read.repeated = keys.length - read.rows;
  read.projects = projects.size;
  read.wallMs = performance.now() - t0;
  return read;
}

/** The same portfolio through getPortfolioPage, pages by token one after another (10 a call): the way it was read before the id ranges, for comparison on the same machine. */
async function readInSequence(url: string): Promise<{ rows: number; calls: number; wallMs: number; jiraRequests: number }> {
  const t0 = performance.now();
  const read = { rows: 0, calls: 0, wallMs: 0, jiraRequests: 0 };
  let token: string | undefined;
  do {
    const { data } = await invoke<PortfolioPage>(url, 'getPortfolioPage', token ? { nextPageToken: token } : {});
    read.rows += data.rows.length;
    read.calls += 1;
    read.jiraRequests += data.jiraRequests;
    token = data.nextPageToken;
  } while (token);
  read.wallMs = performance.now() - t0;
  return read;
}

export async function runPortfolioBench(total: number, projects: number): Promise<BenchOutcome> {
  const host = await benchHost('portfolio');
  try {
    const t0 = performance.now();
    const perProject = seedPortfolio(host, total, projects);
    const seedMs = performance.now() - t0;
    const totalText = total.toLocaleString('en-US');
    // The issue sets no target for the portfolio: its figures are details, not a row of issue 12's table.
    const outcome: BenchOutcome = { targets: [], counts: [], details: [] };
    const figures: BenchReport['figures'] = [
      { name: 'initiatives seeded (direct) + demo', value: `${totalText} (${perProject} a project) + demo` },
      { name: 'seeding time (direct SQLite)', value: ms(seedMs) },
    ];
    for (const mode of MODES) {
      host.latency.use(latencyOf(mode));
      await invoke<PortfolioStart>(host.url, 'getPortfolioStart', {});
      await resetStats(host.url);
      const read = await readPortfolio(host.url);
      const counted = (await stats(host.url)) as StatsWithPlatform;
      outcome.counts.push({ mode, counts: countsOf(`portfolio of ${totalText} (all rows)`, counted, MODULES.portfolio, 'resolver') });
      const routes = Object.entries(counted.jira.byRoute).map(([r, n]) => `${r} × ${n}`).join(', ');
      figures.push(
        { name: `${mode}: rows / projects / rows read twice`, value: `${read.rows} / ${read.projects} / ${read.repeated}` },
        { name: `${mode}: first rows (getPortfolioStart)`, value: ms(read.firstMs) },
        { name: `${mode}: resolver calls (5 at once), wall time`, value: `${read.calls}, ${ms(read.wallMs)}` },
        { name: `${mode}: server time summed`, value: ms(read.serverMs) },
        { name: `${mode}: Jira requests (by the app)`, value: String(read.jiraRequests) },
        { name: `${mode}: Jira routes`, value: routes },
      );
      const before = await readInSequence(host.url);
      figures.push({ name: `${mode}: for comparison, pages in sequence (getPortfolioPage): rows, calls, Jira requests, wall time`, value: `${before.rows}, ${before.calls}, ${before.jiraRequests}, ${ms(before.wallMs)}` });
      const f0 = performance.now();
      const flow = await invoke<PortfolioFlow>(host.url, 'getPortfolioFlow', {});
      figures.push({ name: `${mode}: getPortfolioFlow (first 5,000; complete: ${flow.data.complete})`, value: `${ms(performance.now() - f0)}, ${flow.data.jiraRequests} Jira requests` });
    }
    host.latency.use(undefined);
    outcome.details.push({
      title: `Portfolio: ${totalText} initiatives across ${projects} projects`,
      figures,
      notes: [
        'Read as the page reads it, in disjoint id ranges as the report (issue 12): getPortfolioStart answers the first 100 rows and a plan from one ids-only search (5,000 ids; getPortfolioPlan plans beyond, meanwhile), then 5 getPortfolioRows calls at once, each searching its 10 ranges at once. One search as the user per range of about 100 initiatives; no request per project or per epic (the routes above).',
        'For comparison, the same portfolio read as it was before the id ranges (getPortfolioPage: pages by token, one after another, 10 a call), in the same run.',
      ],
    });
    return outcome;
  } finally {
    await host.close();
  }
}
