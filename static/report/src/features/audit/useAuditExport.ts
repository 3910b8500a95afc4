import { auditTrailCsv } from '@src/domain/audit';
import type { AuditEntry } from '@src/domain/record';
import type { Result } from '@src/shared/contract';
import { call, useAction } from '@ui/api';
import { downloadText } from '@ui/download';
import { useState } from 'react';

export type AuditFormat = 'csv' | 'json';

/**
 * The audit trail comes a page at a time (no single answer may exceed Forge's 5 MB); this asks for every
 * page in turn, counts what has arrived, and saves one file only when the last page is in. A failed page
 * saves nothing: a partial trail must not pass for the whole one.
 */
export function useAuditExport() {
  const [format, setFormat] = useState<AuditFormat>();
  const [loaded, setLoaded] = useState(0);
  const exporting = useAction(async (chosen: AuditFormat): Promise<Result<number>> => {
    setFormat(chosen);
    setLoaded(0);
    const entries: AuditEntry[] = [];
    let cursor: string | undefined;
    let filename: string | undefined;
    do {
      const answer = await call('exportAuditTrail', { format: chosen, ...(cursor ? { cursor } : {}) });
      if (!answer.ok) return answer;
      entries.push(...answer.data.entries);
      filename = answer.data.filename;
      cursor = answer.data.nextCursor;
      setLoaded(entries.length);
    } while (cursor);
    const name = filename ?? `production-handoff-audit.${chosen}`;
    if (chosen === 'csv') downloadText(name, auditTrailCsv(entries), 'text/csv');
    else downloadText(name, JSON.stringify(entries, null, 2), 'application/json');
    return { ok: true, data: entries.length };
  });
  return { exporting, format: exporting.busy ? format : undefined, loaded };
}
