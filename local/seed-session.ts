/**
 * How the demo seed talks to the running host: as the demo users through the app's real resolvers
 * (POST /__local/invoke), as Jira's REST for workflow transitions, and with the host clock moved back so
 * that months of history are written on the days they happened (records, audit trail, Jira's status dates
 * and the searchable summaries all stamp the host clock). Nothing here writes app storage directly.
 */
import { addDays } from '../src/domain/dates';
import type { ConditionInput, DecisionInput, HandoffView, KpiInput, MetricInput, ResolverName, Result } from '../src/shared/contract';
import type { KpiReadingInput } from '../src/domain/kpi-reading';

export const PANEL = 'production-handoff-panel';
export const LEAD = 'lead@example.com';
export const ADMIN = 'admin@example.com';
export const PRIYA = 'priya@example.com';
export const MARCUS = 'marcus@example.com';

export type Kpi = Omit<KpiInput, 'id' | 'replacesMetricId'> & { replaces?: string };
export type Condition = Omit<ConditionInput, 'id'> & { decision?: DecisionInput };

export const quarters = (count: number) => ({ count, unit: 'quarter' as const });

/** One user editing one epic; keeps baseVersion in step like the panel does. */
export class Session {
  view!: HandoffView;
  constructor(private url: string, private issueKey: string, private user: string) {}

  async call(functionKey: ResolverName, payload: Record<string, unknown> = {}): Promise<HandoffView> {
    const res = await fetch(`${this.url}/__local/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ moduleKey: PANEL, functionKey, payload: functionKey === 'getHandoff' ? {} : { baseVersion: this.view?.version ?? 0, ...payload }, context: { issueKey: this.issueKey }, user: this.user }),
    });
    const result = (await res.json()) as Result<HandoffView>;
    if (!result.ok) throw new Error(`Seeding ${this.issueKey}: ${functionKey} as ${this.user} failed: ${result.error.code} ${result.error.message}`);
    this.view = result.data;
    return this.view;
  }

  /** The same epic as someone else, from the version this session last saw. */
  as(user: string): Session {
    const other = new Session(this.url, this.issueKey, user);
    other.view = this.view;
    return other;
  }

  /** Adds the conditions, each decided when it says so; returns their ids by name. */
  async conditions(list: Condition[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const { decision, ...condition } of list) {
      const view = await this.call('saveCondition', { condition });
      const id = view.record!.conditions[view.record!.conditions.length - 1].id;
      ids.set(condition.name, id);
      if (decision) await this.call('decideCondition', { conditionId: id, decision });
    }
    return ids;
  }

  async decide(conditionName: string, decision: DecisionInput): Promise<void> {
    const condition = this.view.record!.conditions.find((c) => c.name === conditionName);
    if (!condition) throw new Error(`Seeding ${this.issueKey}: no condition "${conditionName}"`);
    await this.call('decideCondition', { conditionId: condition.id, decision });
  }

  async metrics(list: MetricInput[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const metric of list) {
      const view = await this.call('saveMetric', { metric });
      ids.set(metric.name, view.record!.pilotMetrics[view.record!.pilotMetrics.length - 1].id);
    }
    return ids;
  }

  async kpis(list: Kpi[], metricIds: Map<string, string> = new Map()): Promise<void> {
    for (const { replaces, ...kpi } of list) {
      const replacesMetricId = replaces ? metricIds.get(replaces) : undefined;
      await this.call('saveKpi', { kpi: { ...kpi, ...(replacesMetricId ? { replacesMetricId } : {}) } });
    }
  }

  /** A KPI reading entered in the panel, by KPI name. */
  async reading(kpiName: string, reading: KpiReadingInput): Promise<void> {
    const kpi = this.view.record!.kpis.find((k) => k.name === kpiName);
    if (!kpi) throw new Error(`Seeding ${this.issueKey}: no KPI "${kpiName}"`);
    await this.call('addKpiReading', { kpiId: kpi.id, reading });
  }
}

/** Takes a workflow transition as the admin, through Jira's REST (the gate runs on Done). */
export async function transition(url: string, issueKey: string, transitionId: string): Promise<void> {
  const res = await fetch(`${url}/rest/api/3/issue/${issueKey}/transitions`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${ADMIN}:demo`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ transition: { id: transitionId } }),
  });
  if (res.status !== 204) throw new Error(`Seeding ${issueKey}: transition ${transitionId} answered ${res.status}: ${await res.text()}`);
}

/**
 * The host clock during the seed: `on(day)` moves it to 10:00 UTC that many days from the seed's today
 * (negative = the past), waiting first for the issue events of what was done before, so the trigger
 * records a move into Done on the day it happened and reads the record as it was then. `restore()` puts
 * the clock back where it was.
 */
export class SeedClock {
  private original?: number;
  constructor(private url: string, readonly today: string) {}

  private async local(method: 'GET' | 'POST', p: string, body?: unknown): Promise<{ offsetMs: number }> {
    const res = await fetch(`${this.url}/__local${p}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`Seeding: ${method} /__local${p} answered ${res.status}: ${text}`);
    return text ? JSON.parse(text) : { offsetMs: 0 };
  }

  /** The date `day` days from the seed's today. */
  date(day: number): string {
    return addDays(this.today, day);
  }

  async on(day: number, hour = 10): Promise<void> {
    if (this.original === undefined) this.original = (await this.local('GET', '/clock')).offsetMs;
    await this.local('GET', '/events/idle');
    await this.local('POST', '/clock', { now: `${this.date(day)}T${String(hour).padStart(2, '0')}:00:00.000Z` });
  }

  async restore(): Promise<void> {
    if (this.original === undefined) return;
    await this.local('GET', '/events/idle');
    const now = (await this.local('GET', '/clock')).offsetMs;
    await this.local('POST', '/clock', { advanceMs: this.original - now });
    this.original = undefined;
  }
}
