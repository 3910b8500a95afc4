import type { KpiReading } from '@src/domain/kpi-reading';
import { call, useResolver } from '@ui/api';

/** Every reading of one KPI, page by page (100 a page), shown as they arrive; loaded again when the record's version moves. */
export function useKpiReadings(kpiId: string, version: number) {
  return useResolver<KpiReading[]>(
    async (progress) => {
      const all: KpiReading[] = [];
      let cursor: string | undefined;
      do {
        const page = await call('getKpiReadings', { kpiId, ...(cursor ? { cursor } : {}) });
        if (!page.ok) return page;
        all.push(...page.data.readings);
        progress([...all]);
        cursor = page.data.nextCursor;
      } while (cursor);
      return { ok: true, data: all };
    },
    // A new version of the record may carry a new reading: load again then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [kpiId, version],
  );
}
