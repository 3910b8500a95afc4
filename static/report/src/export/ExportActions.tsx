import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline } from '@atlaskit/primitives';
import type { ResolverError } from '../../../../src/shared/contract';
import type { ReportRow } from '../../../../src/domain/report-types';
import { call } from '../../../shared/api';
import { csvFilename, downloadText } from './download';
import { reportCsv } from './report-csv';

interface Props {
  rows: readonly ReportRow[];
  today?: string;
  onError: (error: ResolverError | undefined) => void;
}

export function ExportActions({ rows, today, onError }: Props) {
  const [exporting, setExporting] = useState<'csv' | 'json'>();

  const exportAudit = async (format: 'csv' | 'json') => {
    setExporting(format);
    onError(undefined);
    const answer = await call('exportAuditTrail', { format });
    setExporting(undefined);
    if (!answer.ok) {
      onError(answer.error);
      return;
    }
    downloadText(answer.data.filename, answer.data.content, format === 'csv' ? 'text/csv' : 'application/json');
  };

  return (
    <Inline space="space.100" shouldWrap>
      <Button testId="export-csv" isDisabled={rows.length === 0} onClick={() => downloadText(csvFilename('readiness-report', today), reportCsv(rows), 'text/csv')}>
        Export CSV
      </Button>
      <Button testId="export-audit-csv" isLoading={exporting === 'csv'} onClick={() => void exportAudit('csv')}>
        Export audit trail (CSV)
      </Button>
      <Button testId="export-audit-json" isLoading={exporting === 'json'} onClick={() => void exportAudit('json')}>
        Export audit trail (JSON)
      </Button>
    </Inline>
  );
}
