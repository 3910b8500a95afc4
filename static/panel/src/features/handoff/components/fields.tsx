/** Labelled form fields with their error beside them: every control has a visible label for screen readers. */
import type { ChangeEvent } from 'react';
import Textfield from '@atlaskit/textfield';
import TextArea from '@atlaskit/textarea';
import Select from '@atlaskit/select';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';

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

export interface SelectOption<V extends string = string> {
  label: string;
  value: V;
}

export interface SelectGroup<V extends string = string> {
  label: string;
  options: SelectOption<V>[];
}

/** A labelled select; with `groups`, its options are listed under group headings (e.g. Operational, Business). */
export function SelectField<V extends string>({ id, label, error, helper, isRequired, value, options, groups, onChange, placeholder, isClearable }: Common & { value: V | undefined; options: SelectOption<V>[]; groups?: SelectGroup<V>[]; onChange: (v: V | undefined) => void; placeholder?: string; isClearable?: boolean }) {
  return (
    <Stack space="space.050">
      <Label htmlFor={`${id}-input`}>
        {label}
        {isRequired && <span aria-hidden> *</span>}
      </Label>
      <div data-testid={`${id}-select`}>
        <Select<SelectOption<V>>
          inputId={`${id}-input`}
          aria-label={label}
          options={groups ?? options}
          value={options.find((o) => o.value === value) ?? null}
          onChange={(option) => onChange(option?.value)}
          placeholder={placeholder ?? 'Choose…'}
          isClearable={isClearable}
          isInvalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      <Messages id={id} error={error} helper={helper} />
    </Stack>
  );
}
