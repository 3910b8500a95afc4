import Textfield from '@atlaskit/textfield';
import { Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives';
import type { UserRef } from '@src/domain/record';
import { deferred } from '../deferred';
import type { UserSearchProps } from './UserSearchSelect';

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

/** Until react-select has loaded: the chosen person's name in a read-only box of the same size. */
function SearchStandIn({ inputId, label, value, placeholder }: UserSearchProps) {
  return <Textfield id={inputId} aria-label={label} isReadOnly value={value?.displayName ?? ''} placeholder={placeholder} />;
}

/** react-select is loaded after the first screen, never before it (see @ui/deferred). */
const UserSearch = deferred<UserSearchProps>(() => import('./UserSearchSelect').then((m) => m.UserSearchSelect), SearchStandIn);
export const preloadUserPicker = UserSearch.preload;

/** Jira user picker: searches Jira's user search (or assignable-user search) as the viewing user while they type. */
export function UserPicker({ id, label, value, onChange, isDisabled, placeholder = 'Search people', assignableIn }: UserPickerProps) {
  return (
    <Stack space="space.050">
      <Label htmlFor={`${id}-input`}>{label}</Label>
      <div data-testid={`${id}-picker`}>
        <UserSearch inputId={`${id}-input`} label={label} value={value} onChange={onChange} isDisabled={isDisabled} placeholder={placeholder} assignableIn={assignableIn} />
      </div>
    </Stack>
  );
}
