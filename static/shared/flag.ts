import { showFlag } from '@forge/bridge';

/**
 * Jira's flag (the toast in the corner) for the outcome of an action. A host without flags still did (or
 * failed) the action: the form on screen says so too.
 */
export function flag(title: string, type: 'success' | 'error' = 'success', description?: string): void {
  try {
    showFlag({ id: `handoff-${type}-${Date.now()}`, title, type, description, isAutoDismiss: true });
  } catch {
    // the form's own state shows the outcome
  }
}
