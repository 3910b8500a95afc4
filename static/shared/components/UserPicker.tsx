import { useCallback } from 'react';
import { AsyncSelect } from '@atlaskit/select';
import { Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import type { UserRef } from '@src/domain/record';
import { searchUsers } from '../api';

interface Option {
  label: string;
  value: string;
}

export interface UserPickerProps {
  id: string;
  label: string;
  value: UserRef | undefined;
  onChange: (user: UserRef | null) => void;
  isDisabled?: boolean;
  placeholder?: string;
  /** Offer only people who can be assigned issues in this project (e.g. workstream leads). */
  assignableIn?: string;
}

const toOption = (u: UserRef): Option => ({ label: u.displayName, value: u.accountId });

/** Jira user picker: searches Jira's user search (or assignable-user search) as the viewing user while they type. */
export function UserPicker({ id, label, value, onChange, isDisabled, placeholder = 'Search people', assignableIn }: UserPickerProps) {
  const loadOptions = useCallback(async (query: string): Promise<Option[]> => {
    if (query.trim() === '') return [];
    try {
      return (await searchUsers(query.trim(), assignableIn)).map(toOption);
    } catch {
      return [];
    }
  }, [assignableIn]);
  return (
    <Stack space="space.050">
      <Label htmlFor={`${id}-input`}>{label}</Label>
      <div data-testid={`${id}-picker`}>
        <AsyncSelect<Option>
          inputId={`${id}-input`}
          aria-label={label}
          cacheOptions
          isClearable
          isDisabled={isDisabled}
          loadOptions={loadOptions}
          value={value ? toOption(value) : null}
          onChange={(option) => onChange(option ? { accountId: option.value, displayName: option.label } : null)}
          placeholder={placeholder}
          noOptionsMessage={({ inputValue }) => (inputValue ? `No one matches "${inputValue}"` : 'Type a name or email')}
        />
      </div>
    </Stack>
  );
}
