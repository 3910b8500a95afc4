/** Labelled form fields with their error beside them: every control has a visible label for screen readers. */
import type { ChangeEvent } from 'react';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import { deferred } from '@ui/deferred';
import type { SelectControlProps, SelectGroup, SelectOption } from './select-control';

export type { SelectGroup, SelectOption };

interface Common {
  id: string;
  label: string;
  error?: string;
  helper?: string;
  isRequired?: boolean;
}

function Messages({ id, error, helper }: Pick<Common, 'id' | 'error' | 'helper'>) {
  return (
    <>
      {helper && !error && <HelperMessage>{helper}</HelperMessage>}
      {error && (
        <div id={`${id}-error`} data-testid={`${id}-error`}>
          <ErrorMessage>{error}</ErrorMessage>
        </div>
      )}
    </>
  );
}

export function TextField({ id, label, error, helper, isRequired, value, onChange, type = 'text', width, inputMode }: Common & { value: string; onChange: (v: string) => void; type?: 'text' | 'number' | 'date'; width?: 'small' | 'medium'; inputMode?: 'decimal' }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>
        {label}
        {isRequired && <span aria-hidden> *</span>}
      </Label>
      <Textfield
        id={id}
        name={id}
        type={type}
        value={value}
        width={width === 'small' ? 120 : width === 'medium' ? 240 : undefined}
        isInvalid={Boolean(error)}
        isRequired={isRequired}
        inputMode={inputMode}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.currentTarget.value)}
      />
      <Messages id={id} error={error} helper={helper} />
    </Stack>
  );
}

export function TextAreaField({ id, label, error, helper, isRequired, value, onChange }: Common & { value: string; onChange: (v: string) => void }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>
        {label}
        {isRequired && <span aria-hidden> *</span>}
      </Label>
      <TextArea
        id={id}
        name={id}
        value={value}
        minimumRows={2}
        resize="vertical"
        isInvalid={Boolean(error)}
        isRequired={isRequired}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e: ChangeEvent<HTMLTextAreaElement>) => onChange(e.currentTarget.value)}
      />
      <Messages id={id} error={error} helper={helper} />
    </Stack>
  );
}

/** Until react-select has loaded: the chosen option's label in a read-only box of the same size. */
function SelectStandIn({ inputId, label, options, value, placeholder }: SelectControlProps) {
  return <Textfield id={inputId} aria-label={label} isReadOnly value={options.find((o) => o.value === value)?.label ?? ''} placeholder={placeholder} />;
}

/** Atlaskit's Select is react-select: loaded after the first screen, never before it (see @ui/deferred). */
const SelectControl = deferred<SelectControlProps>(() => import('./select-control').then((m) => m.SelectControl), SelectStandIn);
export const preloadSelect = SelectControl.preload;

/** A labelled select; with `groups`, its options are listed under group headings (e.g. Operational, Business). */
export function SelectField<V extends string>({ id, label, error, helper, isRequired, value, options, groups, onChange, placeholder, isClearable }: Common & { value: V | undefined; options: SelectOption<V>[]; groups?: SelectGroup<V>[]; onChange: (v: V | undefined) => void; placeholder?: string; isClearable?: boolean }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={`${id}-input`}>
        {label}
        {isRequired && <span aria-hidden> *</span>}
      </Label>
      <div data-testid={`${id}-select`}>
        <SelectControl
          inputId={`${id}-input`}
          label={label}
          options={options}
          groups={groups}
          value={value}
          onChange={(v) => onChange(v as V | undefined)}
          placeholder={placeholder ?? 'Choose…'}
          isClearable={isClearable}
          isInvalid={Boolean(error)}
          describedBy={error ? `${id}-error` : undefined}
        />
      </div>
      <Messages id={id} error={error} helper={helper} />
    </Stack>
  );
}
