/** Copies to the clipboard from a Custom UI frame (Forge allows clipboard-write; the sandbox allows no popups). */

/** Copies text; falls back to a hidden textarea where the Clipboard API is refused (sandboxed iframes). */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // fall through to the textarea path
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand('copy');
  area.remove();
  if (!copied) throw new Error('The browser refused to copy');
}

export interface RichText {
  html: string;
  text: string;
}

/**
 * Copies rich HTML and plain text together, so a paste into Confluence or a mail keeps the tables and a
 * plain editor gets the Markdown. `content` may still be loading: the clipboard item is created at once,
 * inside the click, so the browser's user-activation window is not lost while the brief is fetched. Where
 * ClipboardItem is missing or refused, a copy event carries both flavours.
 */
export async function copyRich(content: Promise<RichText>): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    const blob = (type: string, pick: (c: RichText) => string) => content.then((c) => new Blob([pick(c)], { type }));
    try {
      await navigator.clipboard.write([new ClipboardItem({ 'text/html': blob('text/html', (c) => c.html), 'text/plain': blob('text/plain', (c) => c.text) })]);
      return;
    } catch {
      // fall through to the copy event
    }
  }
  const { html, text } = await content;
  let carried = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/html', html);
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    carried = true;
  };
  document.addEventListener('copy', onCopy);
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  if (!carried) await copyText(text);
}
