import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { useAuditExport } from './useAuditExport';

/**
 * The audit trail's two export buttons after the page's own (`children`), their progress while pages
 * arrive, and why an export failed.
 */
export function AuditExport({ children }: { children?: ReactNode }) {
  const { exporting, format, loaded } = useAuditExport();
  return (
    <Stack space="space.100">
      <Inline space="space.100" shouldWrap alignBlock="center">
        {children}
        <Button testId="export-audit-csv" isLoading={format === 'csv'} isDisabled={format === 'json'} onClick={() => void exporting.run('csv')}>
          Export audit trail (CSV)
        </Button>
        <Button testId="export-audit-json" isLoading={format === 'json'} isDisabled={format === 'csv'} onClick={() => void exporting.run('json')}>
          Export audit trail (JSON)
        </Button>
        {format && (
          <span role="status" data-testid="audit-export-progress">
            <Text size="small" color="color.text.subtle">{`Exporting the audit trail: ${loaded.toLocaleString()} entries so far…`}</Text>
          </span>
        )}
      </Inline>
      {exporting.error && <ErrorBanner error={exporting.error} testId="export-error" />}
    </Stack>
  );
}
