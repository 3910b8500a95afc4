/** getKpiReadings: one page of a KPI's readings (date order) for the panel's chart; anyone who can browse the epic. */
import type { KpiReadingsPage } from '../shared/contract';
import { AppError, type CallContext } from '../kernel';
import { loadHandoff } from '../handoff';
import { readingsPage } from '../storage';

export async function getKpiReadings(ctx: CallContext, payload: { kpiId: string; cursor?: string }): Promise<KpiReadingsPage> {
  const loaded = await loadHandoff(ctx, 'BROWSE_PROJECTS');
  if (!loaded.record?.kpis.some((k) => k.id === payload.kpiId)) throw new AppError('NOT_FOUND', 'This production KPI does not exist on this epic.');
  return readingsPage(loaded.epic.id, payload.kpiId, payload.cursor);
}
