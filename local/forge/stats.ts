/** Counters of the Forge side of the host (KVS and invocations) and the fault switches. */
export interface InvocationStat {
  count: number;
  errors: number;
  totalMs: number;
  maxMs: number;
}

export class HostStats {
  kvs: Record<string, number> = {};
  /** KVS operations per invoking module key. */
  kvsByModule: Record<string, number> = {};
  kvsErrors = 0;
  invocations: Record<string, InvocationStat> = {};
  validatorRuns = 0;

  countKvs(op: string, moduleKey?: string): void {
    this.kvs[op] = (this.kvs[op] ?? 0) + 1;
    if (moduleKey) this.kvsByModule[moduleKey] = (this.kvsByModule[moduleKey] ?? 0) + 1;
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
    this.kvsByModule = {};
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
    return { kvs: { total: kvsTotal, byOperation: { ...this.kvs }, byModule: { ...this.kvsByModule }, errors: this.kvsErrors }, invocations, validatorRuns: this.validatorRuns };
  }
}

export type KvsFaultMode = 'ok' | 'fail';

/** Jira's rate limiting, simulated: the app's next `count` Jira requests answer 429 with Retry-After. */
export interface JiraRateLimitFault {
  count: number;
  retryAfterSeconds: number;
}

export class Faults {
  kvs: KvsFaultMode = 'ok';
  jiraRateLimit: JiraRateLimitFault = { count: 0, retryAfterSeconds: 1 };
  /** How many 429s the host has answered since the fault was last set. */
  jiraRateLimited = 0;

  set(input: { kvs?: unknown; jiraRateLimit?: unknown }): void {
    if (input.kvs !== undefined) {
      if (input.kvs !== 'ok' && input.kvs !== 'fail') throw new Error("faults.kvs must be 'ok' or 'fail'");
      this.kvs = input.kvs;
    }
    if (input.jiraRateLimit !== undefined) {
      const f = input.jiraRateLimit as Partial<JiraRateLimitFault> | null;
      const count = f?.count;
      const retryAfterSeconds = f?.retryAfterSeconds ?? 1;
      if (!Number.isInteger(count) || (count as number) < 0 || !Number.isInteger(retryAfterSeconds) || retryAfterSeconds < 0 || retryAfterSeconds > 60) {
        throw new Error('faults.jiraRateLimit must be {count: whole number >= 0, retryAfterSeconds?: 0..60}');
      }
      this.jiraRateLimit = { count: count as number, retryAfterSeconds };
      this.jiraRateLimited = 0;
    }
  }

  /** True (and one fewer left) when this app request should be answered 429. */
  takeJiraRateLimit(): boolean {
    if (this.jiraRateLimit.count <= 0) return false;
    this.jiraRateLimit.count -= 1;
    this.jiraRateLimited += 1;
    return true;
  }

  toJSON(): { kvs: KvsFaultMode; jiraRateLimit: JiraRateLimitFault; jiraRateLimited: number } {
    return { kvs: this.kvs, jiraRateLimit: { ...this.jiraRateLimit }, jiraRateLimited: this.jiraRateLimited };
  }
}
