/**
 * The portfolio gadget on a Jira dashboard. View: initiatives per readiness level for its projects and the
 * ones that need a sponsor, each linked; in a wide (large) gadget also the flow metrics. Edit: the projects,
 * saved with view.submit as Jira keeps a gadget's configuration. The resolver reads the saved projects from
 * Jira's context, so what shows is decided by the configuration and by what the viewer may browse.
 */
import { useState } from 'react';
import { view } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { ProjectKeys } from '@src/shared/contract';
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

interface Config {
  projects?: string[];
}

export function App({ context }: { context: ForgeContext }) {
  const extension = context.extension as { entryPoint?: string; gadgetConfiguration?: Config };
  const config = extension.gadgetConfiguration ?? {};
  return <Box xcss={boxStyles}>{extension.entryPoint === 'edit' ? <Edit config={config} /> : config.projects?.length ? <GadgetView /> : <Text>Edit this gadget to choose its projects.</Text>}</Box>;
}

function Edit({ config }: { config: Config }) {
  const [value, setValue] = useState((config.projects ?? []).join(', '));
  const [error, setError] = useState<string>();
  const save = () => {
    const keys = value.split(/[\s,]+/).map((k) => k.trim().toUpperCase()).filter(Boolean);
    const parsed = ProjectKeys.safeParse([...new Set(keys)]);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check the project keys.');
    setError(undefined);
    void view.submit({ projects: parsed.data }).catch((e: unknown) => setError(`Jira did not save the gadget: ${String(e)}`));
  };
  return (
    <form onSubmit={(e) => { e.preventDefault(); save(); }}>
      <Stack space="space.100">
        <label htmlFor="gadget-projects">Projects (keys, separated by commas)</label>
        <input id="gadget-projects" data-testid="gadget-projects" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? 'gadget-projects-error' : undefined} />
        {error && <Text color="color.text.danger" id="gadget-projects-error">{error}</Text>}
        <div style={{ display: 'flex', gap: 8 }}>
          <Button type="submit" appearance="primary" testId="gadget-save">Save</Button>
          <Button onClick={() => void view.close()} testId="gadget-cancel">Cancel</Button>
        </div>
      </Stack>
    </form>
  );
}

function GadgetView() {
  const rows = usePortfolioRows();
  const large = window.innerWidth >= LARGE_WIDTH;
  if (rows.error) return <ErrorBanner error={rows.error} onReload={() => void rows.reload()} loading="the initiatives" />;
  if (!rows.data) return <LoadingState label="Loading initiatives" />;
  const flagged = rows.data.rows.filter(needsAttention);
  return (
    <Stack space="space.150">
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
