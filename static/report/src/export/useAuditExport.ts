import { useCallback, useState } from 'react';
import { auditTrailCsv } from '../../../../src/domain/audit';
import type { AuditEntry } from '../../../../src/domain/record';
import type { ResolverError } from '../../../../src/shared/contract';
import { call } from '../../../shared/api';
import { downloadText } from './download';

export type AuditFormat = 'csv' | 'json';

export interface AuditExportState {
  /** The format being exported, while pages are still coming. */
  exporting?: AuditFormat;
  /** Entries received so far. */
  loaded: number;
  start: (format: AuditFormat) => Promise<void>;
}

/**
 * The audit trail comes a page at a time (no single answer may exceed Forge's 5 MB); this asks for every
 * page in turn, counts what has arrived, and saves one file only when the last page is in. A failed page
 * saves nothing: a partial trail must not pass for the whole one.
 */
export function useAuditExport(onError: (error: ResolverError | undefined) => void): AuditExportState {
  const [exporting, setExporting] = useState<AuditFormat>();
  const [loaded, setLoaded] = useState(0);

  const start = useCallback(
    async (format: AuditFormat) => {
      setExporting(format);
      setLoaded(0);
      onError(undefined);
      const entries: AuditEntry[] = [];
      let cursor: string | undefined;
      let filename: string | undefined;
      try {
        do {
          const answer = await call('exportAuditTrail', { format, ...(cursor ? { cursor } : {}) });
          if (!answer.ok) {
            onError(answer.error);
            return;
          }
          entries.push(...answer.data.entries);
          filename = answer.data.filename;
          cursor = answer.data.nextCursor;
          setLoaded(entries.length);
        } while (cursor);
        const name = filename ?? `production-handoff-audit.${format}`;
        if (format === 'csv') downloadText(name, auditTrailCsv(entries), 'text/csv');
        else downloadText(name, JSON.stringify(entries, null, 2), 'application/json');
      } finally {
        setExporting(undefined);
      }
    },
    [onError],
  );

  return { exporting, loaded, start };
}
