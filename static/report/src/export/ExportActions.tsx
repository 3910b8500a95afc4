import Button from '@atlaskit/button/new';
import { Inline, Text } from '@atlaskit/primitives';
import type { ResolverError } from '../../../../src/shared/contract';
import type { ReportRow } from '../../../../src/domain/report-types';
import { csvFilename, downloadText } from './download';
import { reportCsv } from './report-csv';
import { useAuditExport } from './useAuditExport';

interface Props {
  rows: readonly ReportRow[];
  today?: string;
  onError: (error: ResolverError | undefined) => void;
}

export function ExportActions({ rows, today, onError }: Props) {
  const audit = useAuditExport(onError);
  return (
    <Inline space="space.100" shouldWrap alignBlock="center">
      <Button testId="export-csv" isDisabled={rows.length === 0} onClick={() => downloadText(csvFilename('readiness-report', today), reportCsv(rows), 'text/csv')}>
        Export CSV
      </Button>
      <Button testId="export-audit-csv" isLoading={audit.exporting === 'csv'} isDisabled={audit.exporting === 'json'} onClick={() => void audit.start('csv')}>
        Export audit trail (CSV)
      </Button>
      <Button testId="export-audit-json" isLoading={audit.exporting === 'json'} isDisabled={audit.exporting === 'csv'} onClick={() => void audit.start('json')}>
        Export audit trail (JSON)
      </Button>
      {audit.exporting && (
        <span role="status" data-testid="audit-export-progress">
          <Text size="small" color="color.text.subtle">{`Exporting the audit trail: ${audit.loaded.toLocaleString()} entries so far…`}</Text>
        </span>
      )}
    </Inline>
  );
}
