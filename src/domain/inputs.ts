/**
 * What a user may send to change a record: the record's own schemas minus what the server sets (ids are
 * optional: absent means "add"; who decided and when come from the caller). The commands take these; the
 * contract (src/shared/contract.ts) names them in the resolvers' payloads.
 */
import { z } from 'zod';
import { Decision, Id, PilotCondition, PilotMetric, ProductionKpi } from './record';

export const ConditionInput = PilotCondition.omit({ id: true, decision: true }).extend({ id: Id.optional() });
export type ConditionInput = z.input<typeof ConditionInput>;

export const DecisionInput = z.discriminatedUnion('status', [
  Decision.options[0],
  Decision.options[1].omit({ decided: true }),
  Decision.options[2].omit({ decided: true }),
]);
export type DecisionInput = z.input<typeof DecisionInput>;

export const MetricInput = PilotMetric.omit({ id: true }).extend({ id: Id.optional() });
export type MetricInput = z.input<typeof MetricInput>;

export const KpiInput = ProductionKpi.omit({ id: true }).extend({ id: Id.optional() });
export type KpiInput = z.input<typeof KpiInput>;
