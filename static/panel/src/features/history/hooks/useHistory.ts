import type { HistoryEntry } from '@src/domain/record';
import type { Result } from '@src/shared/contract';
import { call, useResolver } from '@ui/api';

export interface HistoryPages {
  /** The record's version the history was asked for. */
  version: number;
  entries: HistoryEntry[];
  /** False while later pages are still coming. */
  complete: boolean;
}

/**
 * The epic's whole history, joined from its pages (a long history never fits one answer), loaded again
 * whenever the record's version changes so the trail includes the user's own last save.
 */
export function useHistory(version: number) {
  return useResolver<HistoryPages>(
    async (progress): Promise<Result<HistoryPages>> => {
      const entries: HistoryEntry[] = [];
      let cursor: string | undefined;
      do {
        const page = await call('getHistory', cursor ? { cursor } : {});
        if (!page.ok) return page;
        entries.push(...page.data.entries);
        cursor = page.data.nextCursor;
        if (cursor) progress({ version, entries: [...entries], complete: false });
      } while (cursor);
      return { ok: true, data: { version, entries, complete: true } };
    },
    [version],
  );
}
