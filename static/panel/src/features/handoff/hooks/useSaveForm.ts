import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { HandoffView, ResolverError, Result } from '@src/shared/contract';
import { useAction } from '@ui/api';
import { fieldErrorsFrom, withoutPrefix, type FieldErrors } from '@ui/field-errors';
import { loadContract, type Contract } from '@ui/schemas';
import { flag } from '@ui/flag';
import { useHandoff } from './HandoffContext';
import type { ChangePayload, HandoffChange } from './useHandoffLoader';

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
  /**
   * Saves one change based on the version this form started from (or last reloaded, or saved): the server
   * refuses it only if what it changes changed since, so another person's edit elsewhere is no conflict,
   * and theirs to this same item is never silently overwritten by a form that did not show it.
   */
  save: <N extends HandoffChange>(name: N, payload: ChangePayload<N>) => Promise<Result<HandoffView>>;
  /** The view the last successful save of this form answered. */
  saved: HandoffView | undefined;
  /** "Reload latest": fetch the newest version, keep what the user typed, clear the banner; the form now builds on that version. */
  reloadLatest: () => Promise<void>;
}

/**
 * @param serverPrefix the payload member the form's fields sit under (e.g. "kpi"), for server field errors.
 * @param savedTitle the flag shown when a save succeeds ("Decision saved"): every form says so the same way.
 */
export function useSaveForm(serverPrefix = '', savedTitle?: string): SaveForm {
  const { view, reload, latest, save: saveChange } = useHandoff();
  const saving = useAction((change: Change) => change());
  const { run, reset } = saving;
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [baseVersion, setBaseVersion] = useState(view.version);
  const [saved, setSaved] = useState<HandoffView>();

  const send = useCallback(
    async (change: Change) => {
      const result = await run(change);
      setFieldErrors(result.ok ? {} : withoutPrefix(result.error.fieldErrors, serverPrefix));
      if (result.ok) {
        setSaved(result.data);
        setBaseVersion(result.data.version);
        if (savedTitle) flag(savedTitle);
      }
      return result.ok;
    },
    [run, serverPrefix, savedTitle],
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

  const save = useCallback(<N extends HandoffChange>(name: N, payload: ChangePayload<N>) => saveChange(name, payload, baseVersion), [saveChange, baseVersion]);

  const reloadLatest = useCallback(async () => {
    await reload();
    const now = latest();
    if (now) setBaseVersion(now.version);
    reset();
  }, [reload, latest, reset]);

  return { busy: saving.busy, error: saving.error, fieldErrors, submit, send, save, saved, reloadLatest };
}
