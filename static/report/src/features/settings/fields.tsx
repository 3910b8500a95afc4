import type { ReactNode } from 'react';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';

export function FieldMessage({ id, error, help }: { id: string; error?: string; help?: ReactNode }) {
  return (
    <>
      {help && (
        <span id={`${id}-help`} style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>
          {help}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} role="alert" data-testid={`${id}-error`} style={{ font: token('font.body.small'), color: token('color.text.danger') }}>
          {error}
        </span>
      )}
    </>
  );
}

interface TextInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  help?: ReactNode;
  type?: 'text' | 'number';
  width?: 'small' | 'medium' | 'large' | 'xlarge';
  elemAfterInput?: ReactNode;
}

export function TextInput({ id, label, value, onChange, error, help, type = 'text', width, elemAfterInput }: TextInputProps) {
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <Textfield
        id={id}
        testId={id}
        type={type}
        width={width}
        value={value}
        isInvalid={Boolean(error)}
        aria-describedby={describedBy}
        aria-invalid={Boolean(error)}
        elemAfterInput={elemAfterInput}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <FieldMessage id={id} error={error} help={help} />
    </Stack>
  );
}

interface SelectInputProps<V extends string> {
  id: string;
  label: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (value: V) => void;
}

/** One choice from a short fixed list, labelled like the text inputs (the input gets the label). */
export function SelectInput<V extends string>({ id, label, value, options, onChange }: SelectInputProps<V>) {
  return (
    <Stack space="space.050">
      <Label htmlFor={`${id}-input`}>{label}</Label>
      <div data-testid={id}>
        <Select<{ value: V; label: string }>
          inputId={`${id}-input`}
          options={[...options]}
          value={options.find((o) => o.value === value)}
          onChange={(o) => o && onChange(o.value)}
          spacing="compact"
        />
      </div>
    </Stack>
  );
}
