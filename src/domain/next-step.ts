/**
 * The one next step for an epic's handoff, in words, from its readiness: what the issue context (the
 * sidebar glance on every epic) says under the level and the open questions. Pure: readiness in, text out.
 */
import type { MissingAnswer, Readiness } from './readiness-types';

const STEP_FOR: Record<MissingAnswer['code'], string> = {
  'no-conditions': 'List the exceptions the pilot ran on (pilot conditions) in the Production Handoff panel.',
  'undecided-conditions': 'Decide each pilot condition: make it permanent or withdraw it, in the Production Handoff panel.',
  'missing-operational-kpi': 'Agree an operational production KPI with a time horizon in the Production Handoff panel.',
  'missing-business-kpi': 'Agree a business production KPI with a time horizon in the Production Handoff panel.',
  'no-owner': 'Name the delivery owner in the Production Handoff panel.',
  'owner-not-accepted': 'The named delivery owner accepts ownership in the Production Handoff panel.',
  'workstreams-not-created': 'Create the workstream issues from the Production Handoff panel.',
  'workstreams-not-done': 'Finish the open workstream issues.',
  'subtasks-not-done': 'Finish the open sub-tasks of the workstream issues.',
};

export function nextStep(readiness: Pick<Readiness, 'level' | 'missing'>): string {
  if (readiness.level === 'shipped') return 'Shipped. Keep the production KPIs reviewed at their review dates.';
  const first = readiness.missing[0];
  if (first) return STEP_FOR[first.code];
  return 'Every question is answered: move the epic to Done when delivery is finished.';
}
