/** Shared bench plumbing: an in-process local host on a temp data dir, timing and figure printing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, type Host } from '../local/server';

export async function benchHost(name: string): Promise<Host> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ph-bench-${name}-`));
  return startHost({ port: 0, dataDir });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export const ms = (n: number): string => `${n.toFixed(1)} ms`;

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

export function printReport(report: BenchReport): void {
  console.log(`\n== ${report.title} ==`);
  for (const f of report.figures) {
    const verdict = f.pass === undefined ? '' : f.pass ? '  PASS' : '  MISS';
    console.log(`  ${f.name.padEnd(58)} ${f.value.padStart(14)}${f.target ? `   (target ${f.target})` : ''}${verdict}`);
  }
}

export function toMarkdown(report: BenchReport): string {
  const rows = report.figures.map((f) => `| ${f.name} | ${f.value} | ${f.target ?? ''} | ${f.pass === undefined ? '' : f.pass ? 'pass' : 'MISS'} |`);
  return [`## ${report.title}`, '', '| Figure | Value | Target | |', '|---|---|---|---|', ...rows, '', ...report.notes.map((n) => `- ${n}`), ''].join('\n');
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
