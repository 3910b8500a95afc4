import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { actionWords, changeSentences } from '@src/domain/history';
import type { HistoryEntry } from '@src/domain/record';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { formatDateTime } from '@ui/words';
import { useHistory } from '../hooks/useHistory';

const entryStyles = xcss({ paddingBlock: 'space.100', borderBottomWidth: 'border.width', borderBottomStyle: 'solid', borderBottomColor: 'color.border' });

/** One save: who and when, what they did, and each change as a sentence (names for codes, dates as people write them). */
function Entry({ entry }: { entry: HistoryEntry }) {
  const sentences = changeSentences(entry.changes);
  return (
    <Box as="li" xcss={entryStyles} testId="history-entry">
      <Stack space="space.050">
        <Text>
          <Text weight="semibold">{entry.by.displayName}</Text> · <Text color="color.text.subtle">{formatDateTime(entry.at)}</Text>
        </Text>
        <Text weight="medium">{actionWords(entry.action)}</Text>
        {sentences.length > 0 ? (
          <ul className="ph-bullets">
            {sentences.map((sentence, i) => (
              <li key={i}>
                <Text size="small" color="color.text.subtle">
                  {sentence}
                </Text>
              </li>
            ))}
          </ul>
        ) : (
          <Text size="small" color="color.text.subtlest">Nothing changed.</Text>
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
  // Newest first; the order of saves, not their version numbers, is what people read.
  const newestFirst = [...pages.entries].sort((a, b) => b.version - a.version);
  return (
    <Stack as="ul" space="space.0" testId="history-list">
      {newestFirst.map((e) => (
        <Entry key={`${e.version}-${e.at}`} entry={e} />
      ))}
    </Stack>
  );
}
