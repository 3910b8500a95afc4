import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { ReportTab } from './features/report';
import { SettingsTab } from './features/settings';

const pageStyles = xcss({ paddingBlock: 'space.100', paddingInline: 'space.100', backgroundColor: 'elevation.surface' });
const panelStyles = xcss({ paddingBlockStart: 'space.200', width: '100%' });

export function App() {
  return (
    <Box xcss={pageStyles}>
      <Stack space="space.200">
        {/* Jira shows the page title above the frame; the app adds only what the page is for. */}
        <Text color="color.text.subtle">Every AI initiative in this project: which pilots are shipping, which are stuck, and what is still undecided.</Text>
        <Tabs id="readiness-report-tabs">
          <TabList>
            <Tab testId="tab-report">Report</Tab>
            <Tab testId="tab-settings">Settings</Tab>
          </TabList>
          <TabPanel>
            <Box xcss={panelStyles}>
              <ReportTab />
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
