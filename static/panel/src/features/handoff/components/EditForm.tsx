import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import type { SaveForm } from '../hooks/useSaveForm';
import { FormFeedback } from './FormFeedback';

const panelStyles = xcss({
  padding: 'space.200',
  borderRadius: 'radius.large',
  backgroundColor: 'color.background.neutral.subtle.hovered',
});

export interface EditFormProps {
  /** The form's accessible name, e.g. "Add a pilot condition". */
  label: string;
  form: SaveForm;
  onSubmit: () => Promise<void>;
  onCancel: () => void;
  saveLabel: string;
  saveTestId: string;
  /** Wraps the form in a shaded box (add/edit panels); without it the form sits in line. */
  boxed?: { testId: string };
  children: ReactNode;
}

/**
 * The panel's add/edit form: the browser's own required-field check is off (`noValidate`) so the
 * contract's messages show instead; feedback on top; Save and Cancel at the bottom.
 */
export function EditForm({ label, form, onSubmit, onCancel, saveLabel, saveTestId, boxed, children }: EditFormProps) {
  const body = (
    <form
      noValidate
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <Stack space="space.150">
        <FormFeedback form={form} />
        {children}
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isLoading={form.busy} testId={saveTestId}>
            {saveLabel}
          </Button>
          <Button appearance="subtle" onClick={onCancel}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
  return boxed ? (
    <Box xcss={panelStyles} testId={boxed.testId}>
      {body}
    </Box>
  ) : (
    body
  );
}
