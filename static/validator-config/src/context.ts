/** What the validator's configuration screens learn from the Forge context. */
import { view } from '@forge/bridge';
import type { Result } from '@src/shared/contract';

export type ScreenMode = 'create' | 'edit' | 'view';

export interface ScreenContext {
  mode: ScreenMode;
  /** The stored configuration: a JSON string from Jira, or already an object on some hosts. */
  validatorConfig: unknown;
}

function modeOf(entryPoint: unknown): ScreenMode {
  return entryPoint === 'create' || entryPoint === 'view' ? entryPoint : 'edit';
}

export async function loadScreenContext(): Promise<Result<ScreenContext>> {
  try {
    const context = await view.getContext();
    const extension = (context.extension ?? {}) as Record<string, unknown>;
    return { ok: true, data: { mode: modeOf(extension.entryPoint), validatorConfig: extension.validatorConfig ?? extension.config } };
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
  }
}
