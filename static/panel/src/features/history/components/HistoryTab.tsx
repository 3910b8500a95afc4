import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import type { HistoryEntry } from '@src/domain/record';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { formatDateTime } from '@ui/words';
import { useHistory } from '../hooks/useHistory';

const entryStyles = xcss({ paddingBlock: 'space.100', borderBottomWidth: 'border.width', borderBottomStyle: 'solid', borderBottomColor: 'color.border' });

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'displayName' in value) return String((value as { displayName: unknown }).displayName);
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function Entry({ entry }: { entry: HistoryEntry }) {
  return (
    <Box as="li" xcss={entryStyles} testId="history-entry">
      <Stack space="space.050">
        <Text>
          <Text weight="semibold">{entry.by.displayName}</Text> {entry.summary}
        </Text>
        <Text size="small" color="color.text.subtlest">
          {formatDateTime(entry.at)} · version {entry.version}
        </Text>
        {entry.changes.length > 0 && (
          <ul className="ph-bullets">
            {entry.changes.map((c, i) => (
              <li key={i}>
                <Text size="small" color="color.text.subtle">
                  {c.field}: {show(c.from)} → {show(c.to)}
                </Text>
              </li>
            ))}
          </ul>
        )}
      </Stack>
    </Box>
  );
}

export function HistoryTab({ version }: { version: number }) {
  const history = useHistory(version);
  const pages = history.data;
  if (history.error) return <ErrorBanner error={history.error} loading="the history" />;
  if (!pages?.complete) {
    const loaded = pages?.entries.length ?? 0;
    return <LoadingState label={loaded > 0 ? `Loading history: ${loaded.toLocaleString()} changes so far` : 'Loading history'} />;
  }
  if (pages.entries.length === 0) return <Text color="color.text.subtlest">No changes recorded yet.</Text>;
  const newestFirst = [...pages.entries].sort((a, b) => b.version - a.version);
  return (
    <Stack as="ul" space="space.0" testId="history-list">
      {newestFirst.map((e) => (
        <Entry key={`${e.version}-${e.at}`} entry={e} />
      ))}
    </Stack>
  );
}
