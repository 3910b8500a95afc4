import Button from '@atlaskit/button/new';
import type { Result } from '@src/shared/contract';
import { call, useAction } from '@ui/api';
import { copyRich, type RichText } from '@ui/clipboard';
import { flag } from '@ui/flag';

class BriefNotBuilt extends Error {}

/**
 * Copies the one-pager answering the three questions as rich HTML and Markdown together: a paste into
 * Confluence, a slide or a mail keeps headings, tables and the link to the epic; a plain editor gets Markdown.
 */
export function CopyBriefButton() {
  const copying = useAction(async (): Promise<Result<true>> => {
    // Started inside the click: the clipboard item waits for the brief, so the click still counts as the user's.
    const brief: Promise<RichText> = call('getBrief', {}).then((r) => {
      if (!r.ok) throw new BriefNotBuilt(r.error.message);
      return { html: r.data.html, text: r.data.markdown };
    });
    try {
      await copyRich(brief);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      flag(e instanceof BriefNotBuilt ? 'Could not build the handoff brief' : 'Could not copy the handoff brief', 'error', message);
      return { ok: false, error: { code: 'INTERNAL', message } };
    }
    flag('Handoff brief copied', 'success', 'Paste it into Confluence, a slide or a mail: tables and the link to the epic come along.');
    return { ok: true, data: true };
  });
  return (
    <Button onClick={() => void copying.run()} isLoading={copying.busy} testId="copy-brief">
      {copying.data ? 'Brief copied' : 'Copy handoff brief'}
    </Button>
  );
}
