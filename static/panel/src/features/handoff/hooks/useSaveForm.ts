import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { HandoffView, ResolverError, Result } from '@src/shared/contract';
import { useAction } from '@ui/api';
import { fieldErrorsFrom, withoutPrefix, type FieldErrors } from '@ui/field-errors';
import { loadContract, type Contract } from '@ui/schemas';
import { useHandoff } from './HandoffContext';

type Change = () => Promise<Result<HandoffView>>;

export interface SaveForm {
  busy: boolean;
  error: ResolverError | undefined;
  fieldErrors: FieldErrors;
  /**
   * Checks `value` with the contract's schema (`schema` picks it from the contract, loaded on first use:
   * @ui/schemas) and hands zod's parsed output to `send`, so what reaches the resolver is exactly what
   * passed the check. Returns true on success. On any failure the form's own input is left alone: only
   * the messages change.
   */
  submit: <S extends z.ZodType>(schema: (contract: Contract) => S, value: unknown, send: (parsed: z.output<S>) => Promise<Result<HandoffView>>) => Promise<boolean>;
  /** Sends a change with no typed input to check (a removal, a person picked from Jira's list). */
  send: (change: Change) => Promise<boolean>;
  /** "Reload latest": fetch the newest version, keep what the user typed, clear the banner. */
  reloadLatest: () => Promise<void>;
}

/** @param serverPrefix the payload member the form's fields sit under (e.g. "kpi"), for server field errors. */
export function useSaveForm(serverPrefix = ''): SaveForm {
  const { reload } = useHandoff();
  const saving = useAction((change: Change) => change());
  const { run, reset } = saving;
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const send = useCallback(
    async (change: Change) => {
      const result = await run(change);
      setFieldErrors(result.ok ? {} : withoutPrefix(result.error.fieldErrors, serverPrefix));
      return result.ok;
    },
    [run, serverPrefix],
  );

  const submit = useCallback<SaveForm['submit']>(
    async (schema, value, sendParsed) => {
      let contract: Contract;
      try {
        contract = await loadContract();
      } catch (e) {
        return send(async () => ({ ok: false, error: { code: 'INTERNAL', message: `The form could not load its checks: ${e instanceof Error ? e.message : String(e)}. Try again.` } }));
      }
      const parsed = schema(contract).safeParse(value);
      if (!parsed.success) {
        setFieldErrors(fieldErrorsFrom(parsed.error));
        reset();
        return false;
      }
      return send(() => sendParsed(parsed.data));
    },
    [reset, send],
  );

  const reloadLatest = useCallback(async () => {
    await reload();
    reset();
  }, [reload, reset]);

  return { busy: saving.busy, error: saving.error, fieldErrors, submit, send, reloadLatest };
}
