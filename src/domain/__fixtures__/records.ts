/** Test builders and fast-check arbitraries for handoff records. Test-only; nothing in the app imports this. */
import fc from 'fast-check';
import {
  BUSINESS_CATEGORIES,
  CONDITION_KINDS,
  emptyRecord,
  LIMITS,
  OPERATIONAL_CATEGORIES,
  type Decision,
  type HandoffRecord,
  type KpiCategory,
  type PilotCondition,
  type ProductionKpi,
  type UserRef,
} from '../record';
import type { ReadinessPolicy } from '../readiness-types';

export const PRIYA: UserRef = { accountId: 'acc-priya', displayName: 'Priya Raman' };
export const MARCUS: UserRef = { accountId: 'acc-marcus', displayName: 'Marcus Lee' };
export const AT = '2026-03-01T10:00:00.000Z';

export const POLICY: ReadinessPolicy = {
  kpiMinimums: { operational: 1, business: 1 },
  shipSignalThreshold: 0.5,
  requireOwnerAcceptance: true,
  requireWorkstreamsDone: false,
  requireSubtasksDone: false,
};

export function decision(status: Decision['status'], by: UserRef = MARCUS): Decision {
  if (status === 'permanent') return { status, rationale: 'Needed in production', sustainedBy: 'Data platform team', decided: { by, at: AT } };
  if (status === 'withdrawn') return { status, rationale: 'Pilot-only shortcut', productionPath: 'Standard data request', leadTimeDays: 30, decided: { by, at: AT } };
  return { status: 'undecided' };
}

export function condition(id: string, name: string, status: Decision['status'] = 'undecided'): PilotCondition {
  return { id, kind: 'data-access', name, details: '', grantedBy: '', decision: decision(status) };
}

export function kpi(id: string, name: string, category: KpiCategory, over: Partial<ProductionKpi> = {}): ProductionKpi {
  return {
    id,
    name,
    category,
    baseline: '',
    target: '',
    unit: '',
    direction: 'higher-is-better',
    source: '',
    owner: '',
    horizon: { count: 1, unit: 'quarter' },
    status: 'agreed',
    ...over,
  };
}

export function record(over: Partial<HandoffRecord> = {}): HandoffRecord {
  return { ...emptyRecord('10001', AT, MARCUS), version: 3, ...over };
}

/** Every question answered under POLICY. */
export function readyRecord(): HandoffRecord {
  return record({
    conditions: [condition('c1', 'Direct claims DB access', 'permanent'), condition('c2', 'Weekly sponsor review', 'withdrawn')],
    kpis: [kpi('k1', 'Claims handled per hour', 'latency'), kpi('k2', 'Revenue per claim', 'business-outcome')],
    ownership: { deliveryOwner: PRIYA, accepted: { by: PRIYA, at: AT }, workstreamLeads: {} },
  });
}

// ---- arbitraries -----------------------------------------------------------------------------------
export const arbText = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: max, unit: 'grapheme-ascii' })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const arbAccountId = fc.stringMatching(/^[A-Za-z0-9:_-]{1,40}$/);
const arbUser = fc.record({ accountId: arbAccountId, displayName: arbText(60) });
export const arbDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
export const arbHorizon = fc.record({ count: fc.integer({ min: 1, max: LIMITS.horizonCount }), unit: fc.constantFrom('month' as const, 'quarter' as const) });

const arbDecided = fc.constantFrom('permanent' as const, 'withdrawn' as const);

function arbConditions(statuses: fc.Arbitrary<Decision['status']>, min: number, max: number, nameMax = 60) {
  return fc.array(fc.tuple(arbText(nameMax), statuses, fc.constantFrom(...CONDITION_KINDS)), { minLength: min, maxLength: max }).map((items) =>
    items.map(([name, status, kind], i) => ({ ...condition(`c${i}`, name, status), kind })),
  );
}

const arbCategory = (group: readonly KpiCategory[]) => fc.constantFrom(...group);

/** KPIs that count for the metrics question: agreed and with a horizon. */
function committedKpis(count: number, group: readonly KpiCategory[], prefix: string) {
  return fc.array(fc.tuple(arbText(60), arbCategory(group), arbHorizon), { minLength: count, maxLength: count }).map((items) =>
    items.map(([name, category, horizon], i) => kpi(`${prefix}${i}`, name, category, { horizon })),
  );
}

/** KPIs that never count: proposed, or agreed without a horizon. */
const arbNoiseKpis = fc
  .array(fc.tuple(arbText(60), arbCategory([...OPERATIONAL_CATEGORIES, ...BUSINESS_CATEGORIES]), fc.boolean()), { maxLength: 4 })
  .map((items) =>
    items.map(([name, category, proposed], i) =>
      proposed ? kpi(`n${i}`, name, category, { status: 'proposed' }) : kpi(`n${i}`, name, category, { horizon: undefined }),
    ),
  );

export interface ReadyCase {
  record: HandoffRecord;
  policy: ReadinessPolicy;
}

/** A record that answers every question at exactly the policy's KPI minimums (so removing one KPI matters). */
export const arbReadyCase: fc.Arbitrary<ReadyCase> = fc
  .record({ operational: fc.integer({ min: 1, max: 3 }), business: fc.integer({ min: 1, max: 3 }) })
  .chain((kpiMinimums) =>
    fc
      .record({
        conditions: arbConditions(arbDecided, 1, 8),
        operational: committedKpis(kpiMinimums.operational, OPERATIONAL_CATEGORIES, 'o'),
        business: committedKpis(kpiMinimums.business, BUSINESS_CATEGORIES, 'b'),
        noise: arbNoiseKpis,
        owner: arbUser,
        threshold: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .chain((parts) =>
        fc.shuffledSubarray([...parts.operational, ...parts.business, ...parts.noise], {
          minLength: parts.operational.length + parts.business.length + parts.noise.length,
        }).map((kpis) => ({
          record: record({
            conditions: parts.conditions,
            kpis,
            ownership: { deliveryOwner: parts.owner, accepted: { by: parts.owner, at: AT }, workstreamLeads: {} },
          }),
          policy: { kpiMinimums, shipSignalThreshold: parts.threshold, requireOwnerAcceptance: true, requireWorkstreamsDone: false, requireSubtasksDone: false },
        })),
      ),
  );

const arbDecisionStatus = fc.constantFrom('undecided' as const, 'permanent' as const, 'withdrawn' as const);

/** Any valid record within LIMITS, with long texts, to probe sizes. */
export const arbAnyRecord: fc.Arbitrary<HandoffRecord> = fc
  .record({
    conditions: arbConditions(arbDecisionStatus, 0, LIMITS.conditions, LIMITS.shortText),
    kpis: fc.array(
      fc.record({
        name: arbText(LIMITS.shortText),
        category: arbCategory([...OPERATIONAL_CATEGORIES, ...BUSINESS_CATEGORIES]),
        horizon: fc.option(arbHorizon, { nil: undefined }),
        status: fc.constantFrom('proposed' as const, 'agreed' as const),
        firstReviewDate: fc.option(arbDate, { nil: undefined }),
      }),
      { maxLength: LIMITS.kpis },
    ),
    owner: fc.option(fc.record({ accountId: arbAccountId, displayName: arbText(LIMITS.shortText) }), { nil: undefined }),
    accepted: fc.boolean(),
    planned: fc.option(arbDate, { nil: undefined }),
    actual: fc.option(arbDate, { nil: undefined }),
  })
  .map((p) =>
    record({
      conditions: p.conditions,
      kpis: p.kpis.map((k, i) => kpi(`k${i}`, k.name, k.category, { horizon: k.horizon, status: k.status, firstReviewDate: k.firstReviewDate })),
      ownership: {
        ...(p.owner ? { deliveryOwner: p.owner } : {}),
        ...(p.owner && p.accepted ? { accepted: { by: p.owner, at: AT } } : {}),
        workstreamLeads: {},
      },
      pilot: { ...(p.planned ? { plannedCloseDate: p.planned } : {}), ...(p.actual ? { actualCloseDate: p.actual } : {}) },
    }),
  );
