/**
 * Gate benchmark: ≥1,000 validator decisions through Jira's transition endpoint on the local host,
 * half on a decided epic (passes; toggled back by an unvalidated transition) and half on an undecided
 * one (blocked). Measures the whole transition's latency and the Jira and KVS requests per decision.
 */
import { performance } from 'node:perf_hooks';
import { createEpic, decideHandoff, DONE_TRANSITION, IN_PROGRESS_TRANSITION, transition } from '../test/helpers/handoff-fixtures';
import { invoke, ok, resetStats, stats } from '../test/helpers/local-api';
import { benchHost, ms, percentile, type BenchReport } from './lib';

const GATE_MODULE = 'production-handoff-gate';

export async function runGateBench(decisions = 1000): Promise<BenchReport> {
  const host = await benchHost('gate');
  try {
    const decided = await createEpic(host.url, 'Bench: decided initiative');
    await decideHandoff(host.url, decided);
    const undecided = await createEpic(host.url, 'Bench: undecided initiative');
    const view = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: undecided } }));
    ok(await invoke(host.url, 'saveCondition', { baseVersion: view.version, condition: { kind: 'permission', name: 'Admin rights on the pilot cluster' } }, { context: { issueKey: undecided } }));

    // Warm up module loading and SQLite caches so the figures describe the steady state.
    for (let i = 0; i < 20; i++) await transition(host.url, undecided, DONE_TRANSITION);
    await resetStats(host.url);

    const latencies: number[] = [];
    let passed = 0;
    let blocked = 0;
    for (let i = 0; i < decisions; i++) {
      const key = i % 2 === 0 ? decided : undecided;
      const started = performance.now();
      const r = await transition(host.url, key, DONE_TRANSITION);
      latencies.push(performance.now() - started);
      if (r.status === 204) {
        passed++;
        await transition(host.url, key, IN_PROGRESS_TRANSITION);
      } else if (r.status === 400) blocked++;
      else throw new Error(`Unexpected transition answer ${r.status}: ${JSON.stringify(r.body)}`);
    }
    const s = await stats(host.url);
    const runs = s.validatorRuns;
    const validator = s.invocations['production-handoff-gate:validator'];
    latencies.sort((a, b) => a - b);
    // Only the gate's own requests: the epics' issue-event trigger also runs after each move to Done.
    const jiraPer = (s.jira.byModule[GATE_MODULE] ?? 0) / runs;
    const kvsPer = (s.kvs.byModule[GATE_MODULE] ?? 0) / runs;
    return {
      title: `Gate: ${decisions} validator decisions`,
      figures: [
        { name: 'decisions (validator runs)', value: String(runs) },
        { name: 'passed / blocked', value: `${passed} / ${blocked}`, pass: passed === decisions / 2 && blocked === decisions / 2 },
        { name: 'transition latency p50 (REST round trip incl. validator)', value: ms(percentile(latencies, 50)) },
        { name: 'transition latency p95', value: ms(percentile(latencies, 95)) },
        { name: 'transition latency max', value: ms(latencies[latencies.length - 1]) },
        { name: 'validator invocation avg (host-side)', value: ms(validator?.avgMs ?? NaN) },
        { name: 'validator invocation max (host-side)', value: ms(validator?.maxMs ?? NaN) },
        { name: 'Jira requests per decision (as app)', value: jiraPer.toFixed(2), target: '≤ 1', pass: jiraPer <= 1 },
        { name: 'KVS requests per decision', value: kvsPer.toFixed(2), target: '≤ 1', pass: kvsPer <= 1 },
      ],
      notes: [
        'Each decision is a real `POST /rest/api/3/issue/{key}/transitions` (basic auth, admin) to Done on the local host, which runs the validator function in-process through the real @forge/api and @forge/kvs.',
        'Passing decisions are followed by an In Progress transition (no validator on it) so the epic can be decided again; that call is not timed.',
        'Requests per decision come from `/__local/stats`: Jira requests and KVS operations made by the gate\'s invocations (attributed per module), divided by validator runs.',
      ],
    };
  } finally {
    await host.close();
  }
}
