/** Atlaskit's Select (react-select) for SelectField; its own module so it loads after the first screen (fields.tsx). */
import Select from '@atlaskit/select';

export interface SelectOption<V extends string = string> {
  label: string;
  value: V;
}

/** Options listed under a heading (e.g. Operational, Business). */
export interface SelectGroup<V extends string = string> {
  label: string;
  options: SelectOption<V>[];
}

export interface SelectControlProps {
  inputId: string;
  label: string;
  options: SelectOption[];
  /** When given, the options are listed under these headings (`options` still says what each value reads as). */
  groups?: SelectGroup[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder?: string;
  isClearable?: boolean;
  isInvalid?: boolean;
  describedBy?: string;
}

export function SelectControl({ inputId, label, options, groups, value, onChange, placeholder, isClearable, isInvalid, describedBy }: SelectControlProps) {
  return (
    <Select<SelectOption>
      inputId={inputId}
      aria-label={label}
      options={groups ?? options}
      value={options.find((o) => o.value === value) ?? null}
      onChange={(option) => onChange(option?.value)}
      placeholder={placeholder}
      isClearable={isClearable}
      isInvalid={isInvalid}
      aria-describedby={describedBy}
    />
  );
}
