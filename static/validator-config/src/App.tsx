import { useMemo, useState } from 'react';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { Box, Text, xcss } from '@atlaskit/primitives';
import { ConfigForm } from './ConfigForm';
// Straight from its module: the api entry would bring call.ts and with it the whole resolver contract, which this screen never calls.
import { useResolver } from '@ui/api/useResolver';
import { loadScreenContext } from './context';
import { configFromForm, describeStored, formFromConfig, parseStoredConfig, type GateForm } from './gate-config';
import { useOnConfigure } from './useOnConfigure';

// Jira's rule configuration dialogs are narrow; a long line of inputs would look foreign there.
const formStyles = xcss({ maxWidth: '560px', padding: 'space.100' });

function EditScreen({ initial, problem }: { initial: GateForm; problem?: string }) {
  const [form, setForm] = useState(initial);
  const result = useMemo(() => configFromForm(form), [form]);
  const { registerError, refused } = useOnConfigure(result, true);
  return (
    <Box xcss={formStyles}>
      {problem && <SectionMessage appearance="warning">{problem}</SectionMessage>}
      {registerError && <SectionMessage appearance="error" title="Jira did not accept this screen">{registerError}</SectionMessage>}
      {refused && (
        <div data-testid="config-not-saved" role="alert">
          <SectionMessage appearance="error" title="Fix the configuration to save it">{refused}</SectionMessage>
        </div>
      )}
      <ConfigForm form={form} errors={result.ok ? {} : result.errors} onChange={setForm} />
    </Box>
  );
}

export function App() {
  const screen = useResolver(loadScreenContext, []);
  const ctx = screen.data;
  if (screen.error) return <SectionMessage appearance="error" title="The gate's configuration could not load">{screen.error.message}</SectionMessage>;
  if (!ctx) return <Spinner size="small" label="Loading the gate's configuration" />;
  const stored = parseStoredConfig(ctx.validatorConfig);
  if (ctx.mode === 'view') {
    return (
      <Box padding="space.050">
        <Text as="p" testId="gate-config-summary">
          {describeStored(stored)}
        </Text>
      </Box>
    );
  }
  return <EditScreen initial={formFromConfig(stored.config)} problem={stored.problem} />;
}
