/**
 * Report benchmark: 5,000 epics with records in mixed states (see seed-epics.ts for what is seeded
 * directly), then the report read end to end: the resolver paged until done (Jira requests, server
 * time) and the real report page in headless Chromium (time to first rows and to all rows).
 */
import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { ReportPage, Result } from '../src/shared/contract';
import { eventsIdle, resetStats, stats } from '../test/helpers/local-api';
import { benchHost, ms, type BenchReport } from './lib';
import { seedEpics } from './seed-epics';

const CHROMIUM = '/usr/bin/chromium';

async function reportPage(url: string, nextPageToken?: string): Promise<{ page: ReportPage; serverMs: number }> {
  const res = await fetch(`${url}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey: 'readiness-report', functionKey: 'getReportPage', payload: nextPageToken ? { nextPageToken } : {}, context: { projectKey: 'AIP' }, user: 'admin@example.com' }),
  });
  const result = (await res.json()) as Result<ReportPage>;
  if (!result.ok) throw new Error(`getReportPage: ${result.error.code} ${result.error.message}`);
  return { page: result.data, serverMs: Number(res.headers.get('x-invocation-ms') ?? NaN) };
}

async function browserTimes(url: string): Promise<{ firstRowsMs: number; allRowsMs: number; shownCount: string } | { skipped: string }> {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} is missing` };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await context.addCookies([{ name: 'ph_user', value: encodeURIComponent('admin@example.com'), url }]);
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${url}/projects/AIP/apps/readiness-report`);
    let frame = page.frames().find((f) => f.url().includes('/__ui/report/'));
    while (!frame) {
      await page.waitForTimeout(10);
      frame = page.frames().find((f) => f.url().includes('/__ui/report/'));
    }
    await frame.waitForSelector('[data-testid="report-row"]', { timeout: 60_000 });
    const firstRowsMs = performance.now() - started;
    await frame.waitForSelector('[data-testid="report-count"]', { timeout: 60_000 });
    await frame.waitForSelector('[data-testid="report-progress"]', { state: 'detached', timeout: 60_000 });
    const allRowsMs = performance.now() - started;
    const shownCount = ((await frame.locator('[data-testid="report-count"]').textContent()) ?? '').trim();
    return { firstRowsMs, allRowsMs, shownCount };
  } finally {
    await browser.close();
  }
}

interface ReportRead {
  rows: number;
  calls: number;
  serverMs: number;
  wallMs: number;
  jiraRequests: number;
  searches: number;
  allRoutes: number;
}

/** Reads every page the way the report page does, counting Jira requests on the host. */
async function readWholeReport(url: string): Promise<ReportRead> {
  await resetStats(url);
  const started = performance.now();
  const read = { rows: 0, calls: 0, serverMs: 0, jiraRequests: 0 };
  let token: string | undefined;
  do {
    const { page, serverMs } = await reportPage(url, token);
    read.rows += page.rows.length;
    read.calls += 1;
    read.serverMs += serverMs;
    read.jiraRequests += page.jiraRequests;
    token = page.nextPageToken;
  } while (token);
  const wallMs = performance.now() - started;
  const s = await stats(url);
  return { ...read, wallMs, searches: s.jira.byRoute['POST /rest/api/3/search/jql'] ?? 0, allRoutes: s.jira.total };
}

type LoadTimes = Awaited<ReturnType<typeof browserTimes>>;

function medianLoad(loads: LoadTimes[]): LoadTimes {
  const timed = loads.filter((l): l is Exclude<LoadTimes, { skipped: string }> => !('skipped' in l));
  if (timed.length === 0) return loads[0];
  const mid = <K extends 'firstRowsMs' | 'allRowsMs'>(k: K) => timed.map((l) => l[k]).sort((a, b) => a - b)[Math.floor(timed.length / 2)];
  return { firstRowsMs: mid('firstRowsMs'), allRowsMs: mid('allRowsMs'), shownCount: timed[0].shownCount };
}

export async function runReportBench(epicCount = 5000): Promise<BenchReport> {
  const host = await benchHost('report');
  try {
    const seedStarted = performance.now();
    // The project's demo initiatives count towards the total: seed only the rest, so the report reads
    // exactly epicCount initiatives (the demo's unlabelled epic is not an initiative and is not counted).
    const existing = (await readWholeReport(host.url)).rows;
    const epics = await seedEpics(host, epicCount - existing);
    // Creating 5,000 epics queues 5,000 issue events for the summary-sync trigger: let them finish so
    // the measurement below does not share the machine with them.
    const events = await eventsIdle(host.url);
    const seedMs = performance.now() - seedStarted;
    const total = existing + epics.length;

    const cold = await readWholeReport(host.url);
    // Steady state: SQLite's page cache and the JIT are warm, as on a host that has served a few requests.
    const warm = await readWholeReport(host.url);
    const { rows, calls, serverMs, wallMs, jiraRequests, searches, allRoutes } = cold;

    // Three page loads, median reported: one load is at the mercy of whatever else the machine is doing.
    const loads = [await browserTimes(host.url), await browserTimes(host.url), await browserTimes(host.url)];
    const ui = medianLoad(loads);
    const figures: BenchReport['figures'] = [
      { name: 'initiatives in the project (seeded + demo)', value: String(total) },
      { name: 'seeding time (bulk create + property PUTs + KVS rows + issue events)', value: ms(seedMs) },
      { name: 'issue events delivered to the trigger while seeding', value: String(events.delivered) },
      { name: 'report rows returned', value: String(rows), pass: rows === total },
      { name: 'getReportPage calls (10 pages each)', value: String(calls) },
      { name: 'Jira requests (search/jql, from host stats)', value: String(searches), target: '≤ 50', pass: searches <= 50 },
      { name: 'Jira requests (all routes, from host stats)', value: String(allRoutes) },
      { name: 'Jira requests counted by the resolver', value: String(jiraRequests) },
      { name: 'one-request-per-epic design would need', value: String(total + 1) },
      { name: 'server time, first read (sum of invocations)', value: ms(serverMs) },
      { name: 'client wall time for all pages, first read', value: ms(wallMs) },
      { name: 'server time, warm read', value: ms(warm.serverMs) },
      { name: 'client wall time for all pages, warm read', value: ms(warm.wallMs), target: '≤ 3000 ms', pass: warm.wallMs <= 3000 },
    ];
    if ('skipped' in ui) figures.push({ name: 'browser timings', value: `skipped: ${ui.skipped}` });
    else {
      figures.push({ name: 'browser: first rows visible (median of 3)', value: ms(ui.firstRowsMs) });
      figures.push({ name: 'browser: all rows loaded (median of 3)', value: ms(ui.allRowsMs), target: '≤ 3000 ms', pass: ui.allRowsMs <= 3000 });
      figures.push({ name: 'browser: all rows loaded, each load', value: loads.map((l) => ('allRowsMs' in l ? Math.round(l.allRowsMs) : '-')).join(' / ') });
      figures.push({ name: 'browser: count shown', value: ui.shownCount.slice(0, 14) });
    }
    return {
      title: `Readiness report: ${epicCount} seeded epics`,
      figures,
      notes: [
        `Mixed states: ${['none', 'started', 'deciding', 'ready', 'shipped'].map((st) => `${epics.filter((e) => e.state === st).length} ${st}`).join(', ')}.`,
        'Epics are created through Jira REST bulk create (50 a call) and their readiness summaries PUT through Jira REST, computed by the app\'s own readiness/summary functions; handoff records are written directly into the host\'s KVS store and shipped epics\' status directly in SQLite (see bench/seed-epics.ts).',
        'The report asks Jira for `summary,status` plus the summary property, 100 issues a page, following nextPageToken: no per-epic request.',
        'Browser times run from navigation start of /projects/AIP/apps/readiness-report to the first `report-row` and to the loading indicator disappearing.',
      ],
    };
  } finally {
    await host.close();
  }
}
