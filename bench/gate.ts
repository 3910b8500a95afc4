/**
 * Gate benchmark: validator decisions through Jira's transition endpoint on the local host, on loopback
 * and under the latency model. Half on a decided epic (passes; toggled back by an unvalidated
 * transition, not timed) and half on an undecided one (blocked). Each decision is timed from the
 * request to its answer (the REST round trip, including the validator's invocation).
 */
import { performance } from 'node:perf_hooks';
import { createEpic, decideHandoff, DONE_TRANSITION, IN_PROGRESS_TRANSITION, transition } from '../test/helpers/handoff-fixtures';
import { eventsIdle, invoke, MODULES, ok, resetStats, stats } from '../test/helpers/local-api';
import { benchHost, countsOf, latencyOf, MODES, ms, percentile, sorted, type BenchOutcome, type StatsWithPlatform, type TargetFigure } from './lib';

export async function runGateBench(decisions = 200): Promise<BenchOutcome> {
  const host = await benchHost('gate');
  try {
    const decided = await createEpic(host.url, 'Bench: decided initiative');
    await decideHandoff(host.url, decided);
    const undecided = await createEpic(host.url, 'Bench: undecided initiative');
    const view = ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey: undecided } }));
    ok(await invoke(host.url, 'saveCondition', { baseVersion: view.version, condition: { kind: 'permission', name: 'Admin rights on the pilot cluster' } }, { context: { issueKey: undecided } }));

    const roundTrip: TargetFigure = { name: `Gate: transition round trip, p95 over ${decisions} decisions`, unit: 'ms', stat: 'p95', target: 600, targetText: '≤ 600 ms', samples: {} };
    const outcome: BenchOutcome = { targets: [roundTrip], counts: [], details: [] };

    for (const mode of MODES) {
      host.latency.use(latencyOf(mode));
      // Warm up: module loading and SQLite caches on loopback; under the model the first call is the cold start.
      for (let i = 0; i < (mode === 'model' ? 3 : 20); i++) await transition(host.url, undecided, DONE_TRANSITION);
      await eventsIdle(host.url);
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
      // The issue-event trigger runs alongside (each passing decision moves the epic twice): its backlog
      // is drained on loopback before counting, so every run it owes is counted (the counts do not depend on the model).
      host.latency.use(undefined);
      await eventsIdle(host.url);
      const s = (await stats(host.url)) as StatsWithPlatform;

      roundTrip.samples[mode] = latencies;
      const runs = s.validatorRuns;
      const counts = countsOf('gate decision (transition to Done)', s, MODULES.gate, 'gate', runs);
      outcome.counts.push({ mode, counts });
      const validator = s.invocations[`${MODULES.gate}:validator`];
      const all = sorted(latencies);
      outcome.details.push({
        title: `Gate: ${decisions} validator decisions (${mode})`,
        figures: [
          { name: 'decisions (validator runs)', value: String(runs) },
          { name: 'passed / blocked', value: `${passed} / ${blocked}`, pass: passed === decisions / 2 && blocked === decisions / 2 },
          { name: 'transition latency p50 (REST round trip incl. validator)', value: ms(percentile(all, 50)) },
          { name: 'transition latency p95', value: ms(percentile(all, 95)) },
          { name: 'transition latency max', value: ms(all[all.length - 1]) },
          { name: 'validator function time avg (host-side, without the model\'s invocation cost)', value: ms(validator?.avgMs ?? NaN) },
          { name: 'Jira requests per decision (the gate\'s)', value: counts.jira.toFixed(2), target: '≤ 1', pass: counts.jira <= 1 },
          { name: 'KVS requests per decision (the gate\'s)', value: counts.kvs.toFixed(2), target: '≤ 1', pass: counts.kvs <= 1 },
        ],
        notes: [],
      });
    }
    outcome.details[outcome.details.length - 1].notes.push(
      'Each decision is a real `POST /rest/api/3/issue/{key}/transitions` (basic auth, admin) to Done, which runs the validator function in-process through the real @forge/api and @forge/kvs; the user\'s own REST request costs nothing in the model, the validator\'s invocation and its Jira and KVS requests do.',
      'Warm: a few decisions before the timed ones (the first under the model is the cold start). Passing decisions are followed by an In Progress transition (no validator) so the epic can be decided again; not timed.',
      'Requests per decision come from `/__local/stats`: Jira requests and KVS operations made by the gate\'s invocations (attributed per module), divided by validator runs.',
      'Design: nothing is cached for the gate. Each decision reads the issue once as the app (its id and project say which record to read), then the record with the settings in one KVS batch, so it always decides from what storage holds at that moment; at 300 + 150 + 40 ms it is within its target without a cache.',
    );
    return outcome;
  } finally {
    await host.close();
  }
}
