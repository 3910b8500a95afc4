/**
 * The sidebar glance on every epic (jira:issueContext): readiness level, the open questions, the next
 * step, and how to open the full panel, which Jira shows only after someone adds it with quick-add. An
 * epic that is no initiative gets one line, not four open questions.
 */
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { nextStep } from '@src/domain/next-step';
import type { HandoffView } from '@src/shared/contract';
import { call, useResolver } from '@ui/api';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { ReadinessLozenge } from '@ui/components/ReadinessLozenge';
import { shippedLine } from '@ui/milestone';

const pageStyles = xcss({ padding: 'space.100', color: 'color.text' });
const listStyles = xcss({ paddingInlineStart: 'space.250', margin: 'space.0' });

function NotTracked() {
  return (
    <Text testId="glance-not-tracked" color="color.text.subtle">
      No production handoff is tracked for this epic. To track one, add the Production Handoff panel with its button under the summary.
    </Text>
  );
}

function Glance({ view }: { view: HandoffView }) {
  const { readiness } = view;
  if (!view.initiative) return <NotTracked />;
  const clock = readiness.level === 'shipped' ? shippedLine(view) : readiness.pilot.sentence;
  return (
    <Stack space="space.150">
      <Stack space="space.050">
        <ReadinessLozenge level={readiness.level} testId="glance-level" />
        {clock && <Text color="color.text.subtle">{clock}</Text>}
      </Stack>
      <div data-testid="glance-open-questions">
        {readiness.missing.length === 0 ? (
          <Text color="color.text.success">All questions are answered.</Text>
        ) : (
          <Stack space="space.050">
            <Text weight="medium" id="glance-open-heading">Open questions</Text>
            <Box as="ul" xcss={listStyles} aria-labelledby="glance-open-heading">
              {readiness.missing.map((m) => (
                <li key={m.code}>
                  <Text>{m.sentence}</Text>
                </li>
              ))}
            </Box>
          </Stack>
        )}
      </div>
      {readiness.shipSignal.active && readiness.shipSignal.headline && (
        <Text color="color.text.warning" testId="glance-weak-commitment">
          {readiness.shipSignal.headline}
        </Text>
      )}
      <Stack space="space.050">
        <Text weight="medium">Next step</Text>
        <Text testId="glance-next-step">{nextStep(readiness, { closeDateMissing: !view.record?.pilot.actualCloseDate })}</Text>
      </Stack>
      <Text size="small" color="color.text.subtle" testId="glance-open-panel">
        The full handoff is in the Production Handoff panel. If it is not on this epic yet, add it with the Production Handoff button under the
        summary (quick-add); once added, everyone sees it here.
      </Text>
    </Stack>
  );
}

export function App() {
  const handoff = useResolver(() => call('getHandoff', {}), []);
  return (
    <Box xcss={pageStyles} as="main" aria-label="Production handoff readiness">
      {!handoff.data && !handoff.error && <LoadingState label="Loading readiness" />}
      {handoff.error && <ErrorBanner error={handoff.error} />}
      {handoff.data && <Glance view={handoff.data} />}
    </Box>
  );
}
