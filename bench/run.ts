/** `npm run bench`: every benchmark in sequence; figures printed and written to bench/RESULTS.md. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGateBench } from './gate';
import { runReportBench } from './report';
import { printReport, toMarkdown, type BenchReport } from './lib';

async function main(): Promise<void> {
  const reports: BenchReport[] = [];
  const benches = {
    gate: () => runGateBench(Number(process.env.GATE_DECISIONS ?? 1000)),
    report: () => runReportBench(Number(process.env.REPORT_EPICS ?? 5000)),
  };
  // BENCH=gate or BENCH=report runs one (RESULTS.md is only written by a full run).
  const only = process.env.BENCH;
  for (const [name, bench] of Object.entries(benches)) {
    if (only && only !== name) continue;
    const report = await bench();
    printReport(report);
    reports.push(report);
  }
  const header = [
    '# Benchmark results',
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, against the local host (\`npm run bench\`).`,
    '',
  ];
  if (!only) fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), [...header, ...reports.map(toMarkdown)].join('\n'));
  const missed = reports.flatMap((r) => r.figures.filter((f) => f.pass === false).map((f) => `${r.title}: ${f.name}`));
  console.log(missed.length ? `\nMissed targets:\n  ${missed.join('\n  ')}` : '\nAll targets met.');
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
