/** The user picker's search box (react-select's AsyncSelect); its own module so it loads after the first screen (UserPicker.tsx). */
import { useCallback } from 'react';
import { AsyncSelect } from '@atlaskit/select';
import type { UserRef } from '@src/domain/record';
import { searchUsers } from '../api';

interface Option {
  label: string;
  value: string;
}

export interface UserSearchProps {
  inputId: string;
  label: string;
  value: UserRef | undefined;
  onChange: (user: UserRef | null) => void;
  isDisabled?: boolean;
  placeholder: string;
  assignableIn?: string;
}

const toOption = (u: UserRef): Option => ({ label: u.displayName, value: u.accountId });

export function UserSearchSelect({ inputId, label, value, onChange, isDisabled, placeholder, assignableIn }: UserSearchProps) {
  const loadOptions = useCallback(async (query: string): Promise<Option[]> => {
    if (query.trim() === '') return [];
    try {
      return (await searchUsers(query.trim(), assignableIn)).map(toOption);
    } catch {
      return [];
    }
  }, [assignableIn]);
  return (
    <AsyncSelect<Option>
      inputId={inputId}
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
  );
}
