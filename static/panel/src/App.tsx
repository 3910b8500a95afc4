import { lazy, Suspense, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { ForgeContext } from '@ui/bootstrap';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { loadContract } from '@ui/schemas';
import { preloadUserPicker } from '@ui/components/UserPicker';
import type { HandoffView } from '@src/shared/contract';
import { CopyBriefButton } from './features/brief';
import { ConditionsSection } from './features/conditions';
import { EpicHeading } from './features/epic';
import { DoneMilestone } from './features/done';
import { HandoffProvider, PanelUiProvider, preloadSelect, useHandoffLoader, type HandoffStore } from './features/handoff';
import { MetricsSection } from './features/metrics';
import { OwnershipSection, PilotSection } from './features/ownership';
import { ReadinessHeader } from './features/readiness';
import { ReminderLine } from './features/reminders';
import './panel.css';

// The Workstreams and History tabs show nothing until chosen: their code loads after the record is on screen.
const loadWorkstreamsTab = () => import('./features/workstreams').then((m) => ({ default: m.WorkstreamsTab }));
const loadHistoryTab = () => import('./features/history').then((m) => ({ default: m.HistoryTab }));
const WorkstreamsTab = lazy(loadWorkstreamsTab);
const HistoryTab = lazy(loadHistoryTab);

const pageStyles = xcss({ padding: 'space.100', color: 'color.text' });
const tabPanelStyles = xcss({ paddingBlockStart: 'space.100', width: '100%' });

function ReadOnlyNote() {
  return (
    <div data-testid="read-only-note">
      <SectionMessage appearance="information">
        <Text>You can view this handoff; editing needs Edit issues permission.</Text>
      </SectionMessage>
    </div>
  );
}

function HandoffTabs({ view }: { view: HandoffView }) {
  const [selected, setSelected] = useState(0);
  return (
    <Tabs id="handoff-tabs" selected={selected} onChange={setSelected}>
      <TabList>
        <Tab>Handoff</Tab>
        <Tab>Workstreams</Tab>
        <Tab>History</Tab>
      </TabList>
      <TabPanel>
        <Box xcss={tabPanelStyles}>
          <Stack space="space.0">
            <ConditionsSection />
            <MetricsSection />
            <OwnershipSection />
            <PilotSection />
          </Stack>
        </Box>
      </TabPanel>
      <TabPanel>
        <Box xcss={tabPanelStyles}>{selected === 1 && <Suspense fallback={<LoadingState label="Loading workstreams" />}><WorkstreamsTab /></Suspense>}</Box>
      </TabPanel>
      <TabPanel>
        <Box xcss={tabPanelStyles}>{selected === 2 && <Suspense fallback={<LoadingState label="Loading the history" />}><HistoryTab version={view.version} /></Suspense>}</Box>
      </TabPanel>
    </Tabs>
  );
}

/**
 * An epic outside the initiative scope (no initiative label, no handoff) is not nagged with four open
 * questions: one line asks whether to track a handoff at all. Nothing is saved until the first answer.
 */
function NotTracked({ canEdit, onTrack }: { canEdit: boolean; onTrack: () => void }) {
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap testId="not-tracked">
      <Text>{canEdit ? 'Track a production handoff for this epic?' : 'No production handoff is tracked for this epic.'}</Text>
      {canEdit && (
        <Button spacing="compact" onClick={onTrack} testId="track-handoff">
          Track a handoff
        </Button>
      )}
    </Inline>
  );
}

function Loaded({ store, view }: { store: HandoffStore; view: HandoffView }) {
  const canEdit = view.permissions.canEdit;
  const [tracking, setTracking] = useState(false);
  // What the first screen does not show (the other tabs; for editors the forms' schemas and their select)
  // loads once the record is on screen, so none of it delays the record and nothing waits for it later.
  useEffect(() => {
    const later = [loadWorkstreamsTab(), loadHistoryTab(), ...(canEdit ? [loadContract(), preloadSelect(), preloadUserPicker()] : [])];
    later.forEach((p) => p.catch(() => undefined));
  }, [canEdit]);
  if (!view.initiative && !tracking) return <NotTracked canEdit={canEdit} onTrack={() => setTracking(true)} />;
  return (
    <HandoffProvider value={{ view, canEdit, save: store.save, reload: store.reload, latest: store.latest }}>
      {/* Compact by default: every section starts folded to its one line, unless the user chose to track a new handoff. */}
      <PanelUiProvider initiallyOpen={tracking ? ['section:conditions'] : []}>
        <Stack space="space.200">
          <ReadinessHeader />
          <DoneMilestone />
          <ReminderLine />
          {!canEdit && !view.done.locked && <ReadOnlyNote />}
          <Inline>
            <CopyBriefButton />
          </Inline>
          <HandoffTabs view={view} />
        </Stack>
      </PanelUiProvider>
    </HandoffProvider>
  );
}

function Body({ store }: { store: HandoffStore }) {
  const { state } = store;
  if (state.status === 'loading') return <LoadingState label="Loading the production handoff" />;
  if (state.status === 'error') {
    if (state.error.code === 'NOT_AN_EPIC') {
      return (
        <SectionMessage appearance="information" title="The production handoff is kept on epics">
          <Text>Open the epic of this AI initiative to record its pilot conditions, production KPIs and delivery owner.</Text>
        </SectionMessage>
      );
    }
    return <ErrorBanner error={state.error} loading="the production handoff" onReload={() => void store.reload()} />;
  }
  return <Loaded store={store} view={state.view} />;
}

export function App({ context }: { context: ForgeContext }) {
  const store = useHandoffLoader();
  const issueKey = (context.extension as { issue?: { key?: string } }).issue?.key;
  return (
    <Box xcss={pageStyles} as="main" aria-label="Production handoff">
      <Stack space="space.200">
        <EpicHeading issueKey={issueKey} epic={store.state.status === 'ready' ? store.state.view.epic : undefined} appFailed={store.state.status === 'error'} />
        <Body store={store} />
      </Stack>
    </Box>
  );
}
