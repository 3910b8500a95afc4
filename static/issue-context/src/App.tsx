/**
 * The sidebar glance on every epic (jira:issueContext): readiness level, the open questions, the next
 * step, and how to open the full panel, which Jira shows only after someone adds it with quick-add.
 */
import { useEffect, useState } from 'react';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { nextStep } from '../../../src/domain/next-step';
import type { HandoffView, ResolverError } from '../../../src/shared/contract';
import { call } from '../../shared/api';
import { ErrorBanner } from '../../shared/components/ErrorBanner';
import { LoadingState } from '../../shared/components/LoadingState';
import { ReadinessLozenge } from '../../shared/components/ReadinessLozenge';

const pageStyles = xcss({ padding: 'space.100', color: 'color.text' });
const listStyles = xcss({ paddingInlineStart: 'space.250', margin: 'space.0' });

type State = { status: 'loading' } | { status: 'error'; error: ResolverError } | { status: 'ready'; view: HandoffView };

function Glance({ view }: { view: HandoffView }) {
  const { readiness } = view;
  return (
    <Stack space="space.150">
      <Stack space="space.050">
        <ReadinessLozenge level={readiness.level} testId="glance-level" />
        {readiness.pilot.sentence && <Text color="color.text.subtle">{readiness.pilot.sentence}</Text>}
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
      <Stack space="space.050">
        <Text weight="medium">Next step</Text>
        <Text testId="glance-next-step">{nextStep(readiness)}</Text>
      </Stack>
      <Text size="small" color="color.text.subtle" testId="glance-open-panel">
        The full handoff is in the Production Handoff panel. If it is not on this epic yet, add it with the Production Handoff button under the
        summary (quick-add); once added, everyone sees it here.
      </Text>
    </Stack>
  );
}

export function App() {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    void call('getHandoff', {}).then((answer) => setState(answer.ok ? { status: 'ready', view: answer.data } : { status: 'error', error: answer.error }));
  }, []);
  return (
    <Box xcss={pageStyles} as="main" aria-label="Production handoff readiness">
      {state.status === 'loading' && <LoadingState label="Loading readiness" />}
      {state.status === 'error' && <ErrorBanner error={state.error} />}
      {state.status === 'ready' && <Glance view={state.view} />}
    </Box>
  );
}
