/**
 * `npm run bench`: issue 12's figures, each on loopback and under the latency model (local/forge/latency.ts,
 * its default model), with the targets (which apply under the model); request counts per action; then
 * each bench's details. Printed, and written to bench/RESULTS.md by a full run.
 *
 * BENCH=panel|gate|report|portfolio runs one. PORTFOLIO_EPICS (20000), PORTFOLIO_PROJECTS (50); GATE_DECISIONS (default 200), REPORT_EPICS (5000), PANEL_COLD (3),
 * PANEL_WARM (5), PANEL_SAVES (7) change the sizes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_LATENCY_MODEL, describeLatencyModel } from '../local/forge/latency';
import { runGateBench } from './gate';
import { runPanelBench } from './panel';
import { runReportBench } from './report';
import { runPortfolioBench } from './portfolio';
import { countRows, markdownTable, passes, printReport, printTable, targetRows, toMarkdown, type BenchOutcome, type TargetFigure } from './lib';

const TARGET_HEADER = ['Figure', 'Loopback', 'Latency model', 'Target (model)', ''];
const COUNT_HEADER = ['Action', 'Invocations', 'cold', 'Jira (functions)', 'Jira (UI requestJira)', 'KVS', 'trigger runs', 'loopback'];
/** The order of issue 12's table. */
const ORDER = ['Panel: frame loaded → record on screen (warm)', 'Panel: frame loaded → record on screen (cold)', 'Panel: save', 'Gate:', 'Report (5,000 initiatives): page opened → all', 'Report (5,000 initiatives): page opened → first', 'Panel: JavaScript'];

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');

async function main(): Promise<void> {
  const started = performance.now();
  // The machine is shared: its load says how far loopback figures can be trusted (the model's waits are fixed).
  const loadBefore = load();
  const benches: Record<string, () => Promise<BenchOutcome>> = {
    panel: () => runPanelBench({ coldRuns: env('PANEL_COLD', 3), warmRuns: env('PANEL_WARM', 5), saves: env('PANEL_SAVES', 7) }),
    gate: () => runGateBench(env('GATE_DECISIONS', 200)),
    report: () => runReportBench(env('REPORT_EPICS', 5000)),
    portfolio: () => runPortfolioBench(env('PORTFOLIO_EPICS', 20000), env('PORTFOLIO_PROJECTS', 50)),
  };
  const only = process.env.BENCH;
  if (only && !benches[only]) throw new Error(`BENCH must be one of ${Object.keys(benches).join(', ')}`);
  const outcomes: BenchOutcome[] = [];
  for (const [name, bench] of Object.entries(benches)) {
    if (only && only !== name) continue;
    const t0 = performance.now();
    console.log(`\n… ${name} bench`);
    outcomes.push(await bench());
    console.log(`  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const rank = (f: TargetFigure) => ORDER.findIndex((o) => f.name.startsWith(o));
  const targets = outcomes.flatMap((o) => o.targets).sort((a, b) => rank(a) - rank(b));
  const counts = outcomes.flatMap((o) => o.counts);
  const details = outcomes.flatMap((o) => o.details);
  const runtime = (performance.now() - started) / 1000;
  const loadText = `load average (1 / 5 / 15 min) ${loadBefore} at the start, ${load()} at the end`;

  const modelLine = `Latency model: ${describeLatencyModel(DEFAULT_LATENCY_MODEL)}; parallel requests overlap. Loopback: the host as it is, no model.`;
  console.log(`\n== Issue 12 targets (the target applies under the latency model) ==\n${modelLine}\n`);
  printTable(TARGET_HEADER, targetRows(targets));
  console.log('\n== Requests per action (host stats; from the latency-model run) ==\n');
  printTable(COUNT_HEADER, countRows(counts));
  details.forEach(printReport);

  const missed = [
    ...targets.filter((f) => passes(f) === false).map((f) => `${f.name} (target ${f.targetText} under the model)`),
    ...details.flatMap((r) => r.figures.filter((f) => f.pass === false).map((f) => `${r.title}: ${f.name}`)),
  ];
  console.log(`\nBench runtime: ${Math.floor(runtime / 60)} min ${Math.round(runtime % 60)} s; ${loadText} on ${os.cpus().length} cores.`);
  console.log(missed.length ? `\nMissed targets:\n  ${missed.join('\n  ')}` : '\nAll targets met.');

  if (!only) {
    const md = [
      '# Benchmark results',
      '',
      `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, against the local host (\`npm run bench\`, ${Math.round(runtime)} s; ${loadText}).`,
      '',
      modelLine,
      '',
      '## Issue 12 targets',
      '',
      markdownTable(TARGET_HEADER, targetRows(targets)),
      '',
      '## Requests per action',
      '',
      'From `GET /__local/stats` after a reset, for one action (the gate: per decision, averaged). "Invocations" are the action\'s own function calls; "cold" counts cold starts of the action\'s function; Jira requests are the app\'s (from its functions, attributed per module, and from its Custom UI); "trigger runs" are issue-event trigger invocations the action caused in the background. "loopback" says whether the loopback run counted the same (cold starts aside).',
      '',
      markdownTable(COUNT_HEADER, countRows(counts)),
      '',
      '## Details',
      '',
      ...details.map(toMarkdown),
      missed.length ? `Missed targets:\n\n${missed.map((m) => `- ${m}`).join('\n')}\n` : 'All targets met.\n',
    ];
    fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), md.join('\n'));
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
