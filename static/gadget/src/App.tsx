/**
 * The portfolio gadget on a Jira dashboard. View: initiatives per readiness level for its projects and the
 * ones that need a sponsor, each linked; in a wide (large) gadget also the flow metrics. Edit (Edit.tsx,
 * loaded only then): the projects or a saved filter, saved with view.submit as Jira keeps a gadget's
 * configuration. The resolvers read it from Jira's context, so what shows is decided by the configuration and
 * by what the viewer may browse (and, for a filter, whether it is shared with them).
 */
import { lazy, Suspense } from 'react';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import type { ForgeContext } from '@ui/bootstrap';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { IssueLink } from '@ui/components/IssueLink';
import { FlowCharts } from '@ui/portfolio/FlowCharts';
import { LevelCounts } from '@ui/portfolio/LevelCounts';
import { flagWords, needsAttention } from '@ui/portfolio/words';
import { usePortfolioFlow, usePortfolioRows } from '@ui/portfolio/usePortfolio';

const boxStyles = xcss({ padding: 'space.100', backgroundColor: 'elevation.surface' });
/** Jira's large gadget size is the full dashboard width; the flow charts need about this much room. */
const LARGE_WIDTH = 600;

const Edit = lazy(() => import('./Edit'));

interface Config {
  projects?: unknown;
  filterId?: unknown;
}

export function App({ context }: { context: ForgeContext }) {
  const extension = context.extension as { entryPoint?: string; gadgetConfiguration?: Config };
  const config = extension.gadgetConfiguration ?? {};
  const projects = Array.isArray(config.projects) ? config.projects.map(String) : [];
  const filterId = typeof config.filterId === 'string' ? config.filterId : undefined;
  const configured = projects.length > 0 || filterId !== undefined;
  return (
    <Box xcss={boxStyles}>
      {extension.entryPoint === 'edit' ? (
        <Suspense fallback={<LoadingState label="Loading the gadget's settings" />}><Edit saved={config} /></Suspense>
      ) : configured ? (
        <GadgetView projects={projects} filterId={filterId} />
      ) : (
        <Text>Edit this gadget to choose its projects or a saved filter.</Text>
      )}
    </Box>
  );
}

/** What the gadget shows, in words: its projects, or its saved filter by the name Jira gives it now. */
function ScopeLine({ projects, filterId, filterName }: { projects: string[]; filterId?: string; filterName?: string }) {
  const text = filterId !== undefined ? `Filter: ${filterName ?? filterId}` : `Projects: ${projects.join(', ')}`;
  return <Text weight="medium" testId="gadget-scope">{text}</Text>;
}

function GadgetView({ projects, filterId }: { projects: string[]; filterId?: string }) {
  const rows = usePortfolioRows();
  const large = window.innerWidth >= LARGE_WIDTH;
  if (rows.error) {
    // A refusal (the filter is not shared with this viewer, or is gone; a bad configuration) does not go away by trying again.
    const final = rows.error.code === 'NOT_FOUND' || rows.error.code === 'VALIDATION';
    return (
      <Stack space="space.100">
        <ScopeLine projects={projects} filterId={filterId} />
        <ErrorBanner error={rows.error} {...(final ? {} : { onReload: () => void rows.reload() })} loading="the initiatives" />
      </Stack>
    );
  }
  if (!rows.data) return <LoadingState label="Loading initiatives" />;
  const flagged = rows.data.rows.filter(needsAttention);
  return (
    <Stack space="space.150">
      <ScopeLine projects={projects} filterId={filterId} filterName={rows.data.filter?.name} />
      <LevelCounts rows={rows.data.rows} />
      <section aria-label="Needs attention">
        <Text weight="bold">Needs attention ({flagged.length})</Text>
        <ul data-testid="gadget-flagged" style={{ margin: 0, paddingInlineStart: 16 }}>
          {flagged.map((r) => (
            <li key={r.issueId} data-testid="gadget-flagged-row">
              {/* Underlined: a link inside a sentence must not rely on colour alone (axe link-in-text-block). */}
              <IssueLink issueKey={r.key} style={{ textDecoration: 'underline' }}>{r.key}</IssueLink> {r.summary}: {flagWords(r).join(', ')}
            </li>
          ))}
        </ul>
      </section>
      {large && <GadgetFlow />}
    </Stack>
  );
}

function GadgetFlow() {
  const flow = usePortfolioFlow();
  if (flow.error) return <ErrorBanner error={flow.error} onReload={() => void flow.reload()} loading="the flow metrics" testId="flow-error" />;
  return flow.data ? <FlowCharts metrics={flow.data.portfolio} title="Flow metrics" /> : <LoadingState label="Counting the flow metrics" />;
}
