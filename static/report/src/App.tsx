import Heading from '@atlaskit/heading';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { Box, Stack, Text, xcss } from '@atlaskit/primitives';
import { ReportTab } from './report/ReportTab';
import { SettingsTab } from './settings/SettingsTab';

const pageStyles = xcss({ paddingBlock: 'space.300', paddingInline: 'space.400', backgroundColor: 'elevation.surface', minHeight: '100vh' });
const panelStyles = xcss({ paddingBlockStart: 'space.200', width: '100%' });

export function App({ siteUrl }: { siteUrl: string }) {
  return (
    <Box xcss={pageStyles}>
      <Stack space="space.200">
        <Stack space="space.050">
          <Heading size="large" as="h1">
            Readiness report
          </Heading>
          <Text color="color.text.subtle">Every AI initiative in this project: which pilots are shipping, which are stuck, and what is still undecided.</Text>
        </Stack>
        <Tabs id="readiness-report-tabs">
          <TabList>
            <Tab testId="tab-report">Report</Tab>
            <Tab testId="tab-settings">Settings</Tab>
          </TabList>
          <TabPanel>
            <Box xcss={panelStyles}>
              <ReportTab siteUrl={siteUrl} />
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
