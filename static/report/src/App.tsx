import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { LoadingState } from '@ui/components/LoadingState';
import { useAppRouter } from '@ui/router';
import { locationOf, PrintView, ReportTab, routeOf, useReportData, type ReportRoute } from './features/report';
import { SettingsTab } from './features/settings';

const pageStyles = xcss({ paddingBlock: 'space.100', paddingInline: 'space.100', backgroundColor: 'elevation.surface' });
const panelStyles = xcss({ paddingBlockStart: 'space.200', width: '100%' });
const TABS = ['report', 'settings'] as const;

export function App() {
  const router = useAppRouter();
  // The rows load once for the report, its print view and back: switching views keeps them.
  const data = useReportData();
  if (!router.location) return <LoadingState label="Loading…" />;
  const route = routeOf(router.location);
  const go = (next: ReportRoute, options?: { replace?: boolean }) => router.navigate(locationOf(next), options);
  if (route.view === 'print') {
    return (
      <Box xcss={pageStyles}>
        <PrintView data={data} route={route} onRoute={go} />
      </Box>
    );
  }
  return (
    <Box xcss={pageStyles}>
      <Stack space="space.200">
        {/* Jira shows the page title above the frame; the app adds only what the page is for. */}
        <Text color="color.text.subtle">Every AI initiative in this project: which pilots are shipping, which are stuck, and what is still undecided.</Text>
        <Tabs id="readiness-report-tabs" selected={TABS.indexOf(route.view)} onChange={(index) => go({ ...route, view: TABS[index] })}>
          <TabList>
            <Tab testId="tab-report">Report</Tab>
            <Tab testId="tab-settings">Settings</Tab>
          </TabList>
          <TabPanel>
            <Box xcss={panelStyles}>
              <ReportTab data={data} route={route} onRoute={go} />
            </Box>
          </TabPanel>
          <TabPanel>
            <Box xcss={panelStyles}>
              <SettingsTab />
            </Box>
          </TabPanel>
        </Tabs>
      </Stack>
    </Box>
  );
}
