/** Counters of the Forge side of the host (KVS and invocations) and the fault switches. */
export interface InvocationStat {
  count: number;
  errors: number;
  totalMs: number;
  maxMs: number;
}

export class HostStats {
  kvs: Record<string, number> = {};
  kvsErrors = 0;
  invocations: Record<string, InvocationStat> = {};
  validatorRuns = 0;

  countKvs(op: string): void {
    this.kvs[op] = (this.kvs[op] ?? 0) + 1;
  }

  countInvocation(key: string, ms: number, failed: boolean): void {
    const s = (this.invocations[key] ??= { count: 0, errors: 0, totalMs: 0, maxMs: 0 });
    s.count += 1;
    if (failed) s.errors += 1;
    s.totalMs += ms;
    s.maxMs = Math.max(s.maxMs, ms);
  }

  reset(): void {
    this.kvs = {};
    this.kvsErrors = 0;
    this.invocations = {};
    this.validatorRuns = 0;
  }

  toJSON(): Record<string, unknown> {
    const kvsTotal = Object.values(this.kvs).reduce((a, b) => a + b, 0);
    const invocations: Record<string, InvocationStat & { avgMs: number }> = {};
    for (const [k, v] of Object.entries(this.invocations)) {
      invocations[k] = { ...v, avgMs: v.count ? Math.round((v.totalMs / v.count) * 10) / 10 : 0 };
    }
    return { kvs: { total: kvsTotal, byOperation: { ...this.kvs }, errors: this.kvsErrors }, invocations, validatorRuns: this.validatorRuns };
  }
}

export type KvsFaultMode = 'ok' | 'fail';

export class Faults {
  kvs: KvsFaultMode = 'ok';

  set(input: { kvs?: unknown }): void {
    if (input.kvs !== undefined) {
      if (input.kvs !== 'ok' && input.kvs !== 'fail') throw new Error("faults.kvs must be 'ok' or 'fail'");
      this.kvs = input.kvs;
    }
  }

  toJSON(): { kvs: KvsFaultMode } {
    return { kvs: this.kvs };
  }
}
