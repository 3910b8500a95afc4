import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { recipientsText } from '@src/domain/sentences';
import { formatDate } from '@ui/words';
import { useHandoff } from '../../handoff';

const lineStyles = xcss({ paddingInline: 'space.100', paddingBlock: 'space.075', borderRadius: 'radius.small', backgroundColor: 'color.background.neutral.subtle' });

const KIND_WORDS = {
  'pilot-closing': 'pilot closing',
  'pilot-closed': 'pilot closed',
  'condition-review': 'condition review',
  'kpi-review': 'KPI review',
  'owner-not-accepted': 'ownership not accepted',
  stalled: 'stalled',
} as const;

/** The daily reminders for this epic: what was last sent to whom, what goes out with the next run, and what falls due next. */
export function ReminderLine() {
  const { view } = useHandoff();
  const { lastSent, dueNow, next } = view.reminders;
  if (!lastSent && dueNow.length === 0 && !next) return null;
  return (
    <Box xcss={lineStyles} testId="reminder-line" role="note" aria-label="Reminders">
      <Stack space="space.050">
        {lastSent && (
          <Text size="small" testId="reminder-last-sent">
            Reminder last sent {formatDate(lastSent.at.slice(0, 10))} to {recipientsText(lastSent.to)} ({lastSent.kinds.map((k) => KIND_WORDS[k]).join(', ')}).
          </Text>
        )}
        {dueNow.map((d) => (
          <Text size="small" key={d.kind + d.sentence} testId="reminder-due-now">
            Due now, sent with the next daily run to {d.to.length ? recipientsText(d.to) : 'nobody yet (name a delivery owner)'}: {d.sentence}
          </Text>
        ))}
        {next && (
          <Text size="small" color="color.text.subtle" testId="reminder-next">
            Next reminder {next.sentence.replace(/^On (\d{4}-\d{2}-\d{2}):/, (_m, d: string) => `on ${formatDate(d)}:`)}
          </Text>
        )}
      </Stack>
    </Box>
  );
}
