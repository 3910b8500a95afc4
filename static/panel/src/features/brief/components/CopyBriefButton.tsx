import Button from '@atlaskit/button/new';
import { showFlag } from '@forge/bridge';
import type { Result } from '@src/shared/contract';
import { call, useAction } from '@ui/api';
import { copyText } from '@ui/clipboard';

function flag(title: string, type: 'success' | 'error', description?: string) {
  try {
    showFlag({ id: `handoff-brief-${Date.now()}`, title, type, description, isAutoDismiss: true });
  } catch {
    // A host without flags still copied (or failed) the brief; the button state says so.
  }
}

/** Copies the Markdown one-pager answering the three questions, for Confluence or a steering deck. */
export function CopyBriefButton() {
  const copying = useAction(async (): Promise<Result<true>> => {
    const result = await call('getBrief', {});
    if (!result.ok) {
      flag('Could not build the handoff brief', 'error', result.error.message);
      return result;
    }
    try {
      await copyText(result.data.markdown);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      flag('Could not copy the handoff brief', 'error', message);
      return { ok: false, error: { code: 'INTERNAL', message } };
    }
    flag('Handoff brief copied', 'success', 'Paste it into Confluence or a steering-committee deck.');
    return { ok: true, data: true };
  });
  return (
    <Button onClick={() => void copying.run()} isLoading={copying.busy} testId="copy-brief">
      {copying.data ? 'Brief copied' : 'Copy handoff brief'}
    </Button>
  );
}
