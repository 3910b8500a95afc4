import Textfield from '@atlaskit/textfield';
import { Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';

export function DaysInput({ id, label, value, error, isDisabled, onChange }: { id: string; label: string; value: string; error?: string; isDisabled?: boolean; onChange: (v: string) => void }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <Textfield id={id} testId={id} type="number" width="xsmall" value={value} isDisabled={isDisabled} isInvalid={Boolean(error)} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.currentTarget.value)} />
      {error && (
        <span id={`${id}-error`} role="alert" data-testid={`${id}-error`} style={{ font: token('font.body.small'), color: token('color.text.danger') }}>
          {error}
        </span>
      )}
    </Stack>
  );
}
