import type { TrailPoint } from '@src/domain/readiness-trend';
import type { Result } from '@src/shared/contract';
import { call, useResolver } from '@ui/api';

export interface ReadinessTrail {
  points: TrailPoint[];
  policyChanges: string[];
  /** When the trail was read: "now" for the trend's last week and days at a level. */
  readAt: string;
  storageReads: number;
}

/**
 * The audit trail of the last 12 weeks as readiness points, every page joined. It starts once `start` is
 * true (the first rows are on screen), so it never delays them; null until then.
 */
export function useReadinessTrail(start: boolean) {
  return useResolver<ReadinessTrail | null>(async (): Promise<Result<ReadinessTrail | null>> => {
    if (!start) return { ok: true, data: null };
    const trail: ReadinessTrail = { points: [], policyChanges: [], readAt: new Date().toISOString(), storageReads: 0 };
    let cursor: string | undefined;
    do {
      const answer = await call('getReadinessTrail', cursor ? { cursor } : {});
      if (!answer.ok) return answer;
      trail.points.push(...answer.data.points);
      trail.policyChanges.push(...answer.data.policyChanges);
      trail.storageReads += answer.data.storageReads;
      cursor = answer.data.nextCursor;
    } while (cursor);
    return { ok: true, data: trail };
  }, [start]);
}
