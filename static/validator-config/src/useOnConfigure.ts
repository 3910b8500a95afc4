import { useEffect, useRef, useState } from 'react';
import { workflowRules } from '@forge/jira-bridge';
import type { FormResult } from './gate-config';

/**
 * Registers the callback Jira calls when the admin presses Add/Update. It reads the latest form result
 * through a ref, so one registration serves every later change. An invalid form throws: Jira then keeps
 * the screen open instead of saving a configuration the gate cannot use.
 */
export function useOnConfigure(result: FormResult, enabled: boolean): string | undefined {
  const latest = useRef(result);
  latest.current = result;
  const [registerError, setRegisterError] = useState<string>();
  useEffect(() => {
    if (!enabled) return;
    workflowRules
      .onConfigure(() => {
        const current = latest.current;
        if (!current.ok) throw new Error(`Fix the configuration first: ${Object.values(current.errors).join('; ')}`);
        return JSON.stringify(current.config);
      })
      .catch((e: unknown) => setRegisterError(e instanceof Error ? e.message : String(e)));
  }, [enabled]);
  return registerError;
}
