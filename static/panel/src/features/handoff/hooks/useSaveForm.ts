import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { HandoffView, ResolverError, Result } from '../../../../../../src/shared/contract';
import { fieldErrorsOf, withoutPrefix, type FieldErrors } from '../../../../../shared/field-errors';
import { useHandoff } from './HandoffContext';

export interface SaveForm {
  busy: boolean;
  error: ResolverError | null;
  fieldErrors: FieldErrors;
  /**
   * Checks `value` with the contract's schema, then runs `send`. Returns true on success. On any
   * failure the form's own input is left alone: only the messages change.
   */
  submit: (schema: z.ZodType | null, value: unknown, send: () => Promise<Result<HandoffView>>) => Promise<boolean>;
  /** "Reload latest": fetch the newest version, keep what the user typed, clear the banner. */
  reloadLatest: () => Promise<void>;
  reset: () => void;
}

/** @param serverPrefix the payload member the form's fields sit under (e.g. "kpi"), for server field errors. */
export function useSaveForm(serverPrefix = ''): SaveForm {
  const { reload } = useHandoff();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const submit = useCallback<SaveForm['submit']>(
    async (schema, value, send) => {
      const clientErrors = schema ? fieldErrorsOf(schema, value) : null;
      if (clientErrors) {
        setFieldErrors(clientErrors);
        setError(null);
        return false;
      }
      setBusy(true);
      try {
        const result = await send();
        if (result.ok) {
          setError(null);
          setFieldErrors({});
          return true;
        }
        setError(result.error);
        setFieldErrors(withoutPrefix(result.error.fieldErrors, serverPrefix));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [serverPrefix],
  );

  const reloadLatest = useCallback(async () => {
    await reload();
    setError(null);
  }, [reload]);

  const reset = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { busy, error, fieldErrors, submit, reloadLatest, reset };
}
