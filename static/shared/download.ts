/**
 * Saves text as a file from inside the iframe: a Blob URL on a link with a download attribute, which
 * needs no server round trip and works for files of any size the browser can hold.
 */
export function downloadText(filename: string, content: string, mimeType: string): void {
  const blob = new Blob([content], { type: `${mimeType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function csvFilename(prefix: string, today: string | undefined): string {
  return `${prefix}-${today ?? new Date().toISOString().slice(0, 10)}.csv`;
}
