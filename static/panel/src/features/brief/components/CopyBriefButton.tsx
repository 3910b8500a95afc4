import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { showFlag } from '@forge/bridge';
import { call } from '../../../../../shared/api';
import { copyText } from '../../../../../shared/clipboard';

function flag(title: string, type: 'success' | 'error', description?: string) {
  try {
    showFlag({ id: `handoff-brief-${Date.now()}`, title, type, description, isAutoDismiss: true });
  } catch {
    // A host without flags still copied (or failed) the brief; the button state says so.
  }
}

/** Copies the Markdown one-pager answering the three questions, for Confluence or a steering deck. */
export function CopyBriefButton() {
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const onClick = async () => {
    setBusy(true);
    const result = await call('getBrief', {});
    try {
      if (!result.ok) {
        flag('Could not build the handoff brief', 'error', result.error.message);
        return;
      }
      await copyText(result.data.markdown);
      setCopied(true);
      flag('Handoff brief copied', 'success', 'Paste it into Confluence or a steering-committee deck.');
    } catch (e) {
      flag('Could not copy the handoff brief', 'error', e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void onClick()} isLoading={busy} testId="copy-brief">
      {copied ? 'Brief copied' : 'Copy handoff brief'}
    </Button>
  );
}
