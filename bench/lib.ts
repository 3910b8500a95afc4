/** Shared bench plumbing: an in-process local host on a temp data dir, the two modes, statistics and printing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { startHost, type Host } from '../local/server';
import { DEFAULT_LATENCY_MODEL, type LatencyModel, type PlatformCalls } from '../local/forge/latency';
import type { HostStatsSnapshot } from '../test/helpers/local-api';
import { ensureBuilt } from '../test/helpers/browser';

/** A host on a temporary data folder, removed when the host closes. Starts on loopback (no latency model). */
export async function benchHost(name: string): Promise<Host> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ph-bench-${name}-`));
  const host = await startHost({ port: 0, dataDir, latency: undefined });
  const close = host.close;
  host.close = async () => {
    await close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return host;
}

/** Every figure is measured twice: on loopback (about a millisecond a request) and under the latency model. */
export type Mode = 'loopback' | 'model';
export const MODES: readonly Mode[] = ['loopback', 'model'];

export function latencyOf(mode: Mode): LatencyModel | undefined {
  return mode === 'model' ? { ...DEFAULT_LATENCY_MODEL } : undefined;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
export const median = (xs: number[]): number => percentile(sorted(xs), 50);

export const ms = (n: number): string => `${n.toFixed(1)} ms`;
const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** One figure of issue 12's target table. The target applies under the model (loopback is shown for contrast). */
export interface TargetFigure {
  name: string;
  unit: 'ms' | 'bytes';
  /** How the samples are reduced: the table says which. */
  stat: 'median' | 'p95' | 'value';
  target: number;
  targetText: string;
  samples: Partial<Record<Mode, number[]>>;
}

export function reduce(f: TargetFigure, mode: Mode): number | undefined {
  const xs = f.samples[mode];
  if (!xs || xs.length === 0) return undefined;
  if (f.stat === 'p95') return percentile(sorted(xs), 95);
  if (f.stat === 'median') return median(xs);
  return xs[0];
}

function formatValue(f: TargetFigure, mode: Mode): string {
  const v = reduce(f, mode);
  if (v === undefined) return '-';
  const xs = f.samples[mode] ?? [];
  if (f.unit === 'bytes') return kB(v);
  const main = `${Math.round(v).toLocaleString('en-US')} ms`;
  if (f.stat === 'p95') return `${main} (median ${Math.round(median(xs))}, n=${xs.length})`;
  if (f.stat === 'median') return `${main} (n=${xs.length})`;
  return main;
}

export const passes = (f: TargetFigure): boolean | undefined => {
  const v = reduce(f, 'model');
  return v === undefined ? undefined : v <= f.target;
};

/** What one user action cost in platform calls, from the host's stats. */
export interface ActionCounts {
  action: string;
  /** Invocations of the action's own functions, and how many of them were cold. */
  invocations: number;
  coldStarts: number;
  /** Jira requests made by the action's functions, and by its Custom UI (requestJira). */
  jira: number;
  jiraFromUi: number;
  kvs: number;
  /** The issue-event trigger's runs the action caused (in the background, not timed). */
  triggerRuns: number;
}

export type StatsWithPlatform = HostStatsSnapshot & { platform: { calls: PlatformCalls } };

/** Counts of one action done `per` times by `moduleKey` (running function `functionKey`), from stats taken after a reset. */
export function countsOf(action: string, s: StatsWithPlatform, moduleKey: string, functionKey: string, per = 1): ActionCounts {
  const inv = Object.entries(s.invocations);
  const sum = (pred: (k: string) => boolean) => inv.filter(([k]) => pred(k)).reduce((a, [, v]) => a + v.count, 0);
  const own = sum((k) => k.startsWith(`${moduleKey}:`));
  const triggers = sum((k) => k.endsWith(':trigger'));
  return {
    action,
    invocations: own / per,
    coldStarts: (s.platform.calls.coldStartsByFunction[functionKey] ?? 0) / per,
    jira: (s.jira.byModule[moduleKey] ?? 0) / per,
    jiraFromUi: s.platform.calls.jiraFromUi / per,
    kvs: (s.kvs.byModule[moduleKey] ?? 0) / per,
    triggerRuns: triggers / per,
  };
}

/** A detail table of one bench (kept from the earlier benches: they carry targets of their own). */
export interface Figure {
  name: string;
  value: string;
  target?: string;
  pass?: boolean;
}

export interface BenchReport {
  title: string;
  figures: Figure[];
  notes: string[];
}

export interface BenchOutcome {
  targets: TargetFigure[];
  counts: Array<{ mode: Mode; counts: ActionCounts }>;
  details: BenchReport[];
}

export function printReport(report: BenchReport): void {
  console.log(`\n== ${report.title} ==`);
  for (const f of report.figures) {
    const verdict = f.pass === undefined ? '' : f.pass ? '  PASS' : '  MISS';
    console.log(`  ${f.name.padEnd(62)} ${f.value.padStart(16)}${f.target ? `   (target ${f.target})` : ''}${verdict}`);
  }
}

export function toMarkdown(report: BenchReport): string {
  const rows = report.figures.map((f) => `| ${f.name} | ${f.value} | ${f.target ?? ''} | ${f.pass === undefined ? '' : f.pass ? 'pass' : 'MISS'} |`);
  return [`### ${report.title}`, '', '| Figure | Value | Target | |', '|---|---|---|---|', ...rows, '', ...report.notes.map((n) => `- ${n}`), ''].join('\n');
}

export function targetRows(targets: TargetFigure[]): string[][] {
  return targets.map((f) => {
    const ok = passes(f);
    return [f.name, formatValue(f, 'loopback'), formatValue(f, 'model'), f.targetText, ok === undefined ? '-' : ok ? 'met' : 'MISSED'];
  });
}

export function countRows(counts: BenchOutcome['counts']): string[][] {
  const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
  const byAction = new Map<string, Partial<Record<Mode, ActionCounts>>>();
  for (const { mode, counts: c } of counts) byAction.set(c.action, { ...byAction.get(c.action), [mode]: c });
  return [...byAction.entries()].map(([action, m]) => {
    const c = m.model ?? m.loopback!;
    const same = !m.model || !m.loopback || JSON.stringify({ ...m.model, coldStarts: 0 }) === JSON.stringify({ ...m.loopback, coldStarts: 0 });
    return [action, num(c.invocations), num(c.coldStarts), num(c.jira), num(c.jiraFromUi), num(c.kvs), num(c.triggerRuns), same ? 'same' : 'DIFFER'];
  });
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`;
  console.log(line(header));
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  rows.forEach((r) => console.log(line(r)));
}

export function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Runs `work` over items with at most `limit` in flight. */
export async function inParallel<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Builds the Custom UI apps a bench measures, every run: the tests build only a missing app, and a build
 * older than the code would measure the old code. BENCH_BUILD=0 keeps the builds there are.
 */
export function buildForBench(...apps: string[]): void {
  if (process.env.BENCH_BUILD === '0') return ensureBuilt(...apps);
  const build = spawnSync(process.execPath, ['scripts/build-ui.mjs', ...apps], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`Custom UI build failed:\n${build.stdout}\n${build.stderr}`);
}
