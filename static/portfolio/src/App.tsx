/**
 * The portfolio page (Apps menu): every initiative the user can browse across projects, filtered by
 * project and by text, with the readiness chart, flags, the flow metrics per project or across the
 * portfolio, and CSV export of what is on screen.
 */
import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { IssueLink } from '@ui/components/IssueLink';
import { downloadText, csvFilename } from '@ui/download';
import { LEVEL_LABELS } from '@ui/words';
import { FlowCharts } from '@ui/portfolio/FlowCharts';
import { LevelCounts } from '@ui/portfolio/LevelCounts';
import { flagWords, portfolioCsv } from '@ui/portfolio/words';
import { usePortfolioFlow, usePortfolioRows } from '@ui/portfolio/usePortfolio';

const pageStyles = xcss({ paddingBlock: 'space.100', paddingInline: 'space.200', backgroundColor: 'elevation.surface' });
const cell = { padding: '4px 8px', borderBottom: '1px solid var(--ds-border, #dfe1e6)', textAlign: 'left' as const, verticalAlign: 'top' as const };

export function App() {
  const rowsResource = usePortfolioRows();
  const flowResource = usePortfolioFlow();
  const [project, setProject] = useState('');
  const [text, setText] = useState('');
  const rows = useMemo(() => rowsResource.data?.rows ?? [], [rowsResource.data]);
  const projects = useMemo(() => [...new Map(rows.map((r) => [r.project.key, r.project])).values()].sort((a, b) => a.key.localeCompare(b.key)), [rows]);
  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    return rows.filter((r) => (!project || r.project.key === project) && (!q || r.key.toLowerCase().includes(q) || r.summary.toLowerCase().includes(q)));
  }, [rows, project, text]);
  const flow = flowResource.data;
  const metrics = flow && (project ? flow.projects.find((p) => p.key === project)?.metrics : flow.portfolio);

  const exportCsv = () => {
    const flowForCsv = flow && (project ? { portfolio: flow.portfolio, projects: flow.projects.filter((p) => p.key === project) } : flow);
    downloadText(csvFilename('ai-portfolio', rowsResource.data?.today), portfolioCsv(shown, flowForCsv), 'text/csv');
  };

  return (
    <Box xcss={pageStyles}>
      <Stack space="space.200">
        <Text color="color.text.subtle">Every AI initiative you can see, across projects: readiness, what needs a sponsor, and how long the road from pilot to production takes.</Text>
        {rowsResource.error && <ErrorBanner error={rowsResource.error} onReload={() => void rowsResource.reload()} loading="the portfolio" />}
        {!rowsResource.data && !rowsResource.error && <LoadingState label="Loading the portfolio" />}
        {rowsResource.data && (
          <>
            <div style={{ display: 'flex', gap: 16, alignItems: 'end', flexWrap: 'wrap' }}>
              <label>
                Project{' '}
                <select data-testid="project-filter" value={project} onChange={(e) => setProject(e.target.value)}>
                  <option value="">All projects ({projects.length})</option>
                  {projects.map((p) => (
                    <option key={p.key} value={p.key}>{p.name} ({p.key})</option>
                  ))}
                </select>
              </label>
              <label>
                Search{' '}
                <input data-testid="portfolio-search" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Key or summary" />
              </label>
              <Button onClick={exportCsv} testId="export-csv">Export CSV</Button>
            </div>
            <LevelCounts rows={shown} />
            <h2 style={{ fontSize: 16, margin: 0 }}>Flow from pilot to production{project ? ` in ${project}` : ' across the portfolio'}</h2>
            {flowResource.error && <ErrorBanner error={flowResource.error} onReload={() => void flowResource.reload()} loading="the flow metrics" testId="flow-error" />}
            {metrics ? <FlowCharts metrics={metrics} title="Flow metrics" /> : !flowResource.error && <LoadingState label="Counting the flow metrics" />}
            {flow && !flow.complete && <Text>The flow metrics cover the first 5,000 initiatives.</Text>}
            <table data-testid="portfolio-table" style={{ borderCollapse: 'collapse', width: '100%' }}>
              <caption style={{ textAlign: 'left' }}>{shown.length} of {rows.length} initiatives</caption>
              <thead>
                <tr>
                  {['Project', 'Epic', 'Summary', 'Status', 'Owner', 'Conditions', 'KPIs', 'Workstreams', 'Readiness', 'Missing', 'Flags'].map((h) => (
                    <th key={h} scope="col" style={cell}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.issueId} data-testid="portfolio-row">
                    <td style={cell}>{r.project.key}</td>
                    <td style={cell}><IssueLink issueKey={r.key}>{r.key}</IssueLink></td>
                    <td style={cell}>{r.summary}</td>
                    <td style={cell}>{r.statusName}</td>
                    <td style={cell}>{r.owner?.displayName ?? '—'}</td>
                    <td style={cell}>{r.conditions.decided}/{r.conditions.total}</td>
                    <td style={cell}>{r.kpis.agreed}/{r.kpis.total}</td>
                    <td style={cell}>{r.workstreams.done}/{r.workstreams.total}</td>
                    <td style={cell}>{LEVEL_LABELS[r.level]}</td>
                    <td style={cell}>{r.missingCount}</td>
                    <td style={cell}>{flagWords(r).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Stack>
    </Box>
  );
}
