import Textfield from '@atlaskit/textfield';
import { Checkbox } from '@atlaskit/checkbox';
import Select from '@atlaskit/select';
import { Label } from '@atlaskit/form';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { GateForm, GateFormErrors, OwnerAcceptanceChoice } from './gate-config';

const OWNER_OPTIONS: Array<{ label: string; value: OwnerAcceptanceChoice }> = [
  { label: "Use the project's setting", value: 'project' },
  { label: 'Yes: the delivery owner must accept', value: 'yes' },
  { label: 'No: naming a delivery owner is enough', value: 'no' },
];

interface Props {
  form: GateForm;
  errors: GateFormErrors;
  onChange: (next: GateForm) => void;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={id} role="alert" style={{ color: token('color.text.danger'), font: token('font.body.small') }}>
      {message}
    </span>
  );
}

function Help({ id, children }: { id: string; children: string }) {
  return (
    <span id={id} style={{ color: token('color.text.subtle'), font: token('font.body.small') }}>
      {children}
    </span>
  );
}

export function ConfigForm({ form, errors, onChange }: Props) {
  const set = <K extends keyof GateForm>(key: K, value: GateForm[K]) => onChange({ ...form, [key]: value });
  return (
    <Stack space="space.200">
      <Stack space="space.050">
        <Label htmlFor="scope-label">Initiative label</Label>
        <Textfield
          id="scope-label"
          testId="scope-label"
          value={form.initiativeLabel}
          isInvalid={Boolean(errors.initiativeLabel)}
          aria-describedby="scope-label-help scope-label-error"
          onChange={(e) => set('initiativeLabel', e.currentTarget.value)}
        />
        <Help id="scope-label-help">Epics with this label are checked even before anyone opens their handoff. Leave empty to check only epics with a handoff record.</Help>
        <FieldError id="scope-label-error" message={errors.initiativeLabel} />
      </Stack>

      <Checkbox
        testId="require-workstreams"
        label="Also require every workstream issue to be done"
        isChecked={form.requireWorkstreamsDone}
        onChange={(e) => set('requireWorkstreamsDone', e.currentTarget.checked)}
      />
      <Box paddingInlineStart="space.300">
        <Checkbox
          testId="require-subtasks"
          label="…and every sub-task the app created under them"
          isChecked={form.requireWorkstreamsDone && form.requireSubtasksDone}
          isDisabled={!form.requireWorkstreamsDone}
          onChange={(e) => set('requireSubtasksDone', e.currentTarget.checked)}
        />
      </Box>

      <Stack space="space.100">
        <Checkbox
          testId="use-project-kpi-minimums"
          label="Use the project's KPI minimums"
          isChecked={form.useProjectKpiMinimums}
          onChange={(e) => set('useProjectKpiMinimums', e.currentTarget.checked)}
        />
        {!form.useProjectKpiMinimums && (
          <Box paddingInlineStart="space.300">
            <Inline space="space.200" alignBlock="start">
              <Stack space="space.050">
                <Label htmlFor="kpi-operational">Agreed operational KPIs needed</Label>
                <Textfield id="kpi-operational" testId="kpi-operational" type="number" min={0} max={10} width="small" value={form.operational}
                  isInvalid={Boolean(errors.operational)} aria-describedby="kpi-operational-error" onChange={(e) => set('operational', e.currentTarget.value)} />
                <FieldError id="kpi-operational-error" message={errors.operational} />
              </Stack>
              <Stack space="space.050">
                <Label htmlFor="kpi-business">Agreed business KPIs needed</Label>
                <Textfield id="kpi-business" testId="kpi-business" type="number" min={0} max={10} width="small" value={form.business}
                  isInvalid={Boolean(errors.business)} aria-describedby="kpi-business-error" onChange={(e) => set('business', e.currentTarget.value)} />
                <FieldError id="kpi-business-error" message={errors.business} />
              </Stack>
            </Inline>
          </Box>
        )}
      </Stack>

      <Stack space="space.050">
        <Label htmlFor="owner-acceptance">Delivery owner must accept</Label>
        <Select<{ label: string; value: OwnerAcceptanceChoice }>
          inputId="owner-acceptance"
          testId="owner-acceptance"
          options={OWNER_OPTIONS}
          value={OWNER_OPTIONS.find((o) => o.value === form.ownerAcceptance)}
          onChange={(o) => o && set('ownerAcceptance', o.value)}
          isSearchable={false}
        />
      </Stack>
      <Text size="small" color="color.text.subtlest">
        The gate blocks the transition until the epic's pilot conditions, production KPIs and delivery owner are decided.
      </Text>
    </Stack>
  );
}
