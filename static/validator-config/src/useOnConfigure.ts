import { useEffect, useRef, useState } from 'react';
import { workflowRules } from '@forge/jira-bridge';
import type { FormResult } from './gate-config';

export interface OnConfigureState {
  /** Jira refused to register the callback: the screen cannot save at all. */
  registerError?: string;
  /** Why the last Add/Update was refused (the form had errors); cleared once the form is valid. */
  refused?: string;
}

/**
 * Registers the callback Jira calls when the admin presses Add/Update. It reads the latest form result
 * through a ref (updated after every render), so one registration serves every later change. An invalid form returns undefined:
 * Jira's documented way to keep the dialog open without saving (a throw is not documented, and a
 * configuration the gate cannot use must never be saved). The screen says why next to the form.
 */
export function useOnConfigure(result: FormResult, enabled: boolean): OnConfigureState {
  const latest = useRef(result);
  useEffect(() => {
    latest.current = result;
  });
  const [registerError, setRegisterError] = useState<string>();
  const [refused, setRefused] = useState<string>();
  useEffect(() => {
    if (!enabled) return;
    workflowRules
      .onConfigure(() => {
        const current = latest.current;
        if (!current.ok) {
          setRefused(`Not saved: ${Object.values(current.errors).join('; ')}`);
          // The bridge's type says string; undefined is the documented "do not save" answer.
          return undefined as unknown as string;
        }
        setRefused(undefined);
        return JSON.stringify(current.config);
      })
      .catch((e: unknown) => setRegisterError(e instanceof Error ? e.message : String(e)));
  }, [enabled]);
  return { registerError, refused: result.ok ? undefined : refused };
}
