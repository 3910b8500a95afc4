/**
 * Timing Custom UI frames from outside the app: an init script that Playwright adds to every frame
 * of a browser context (bench code, not app code) watches the frame's DOM and notes when an element
 * appears, in the frame's own clock: `performance.now()` there is milliseconds since the frame's
 * navigation started (its document was requested). A MutationObserver callback runs right after the
 * DOM change, before the browser paints it (within a frame, ~16 ms). It also keeps the time of the
 * last click, so a save is timed from the click on its button.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { REPO_ROOT } from '../local/server';

/** name → CSS selector that must be present (and, optionally, one that must be absent). */
export type Watches = Record<string, { present: string; absent?: string }>;

export interface Mark {
  /** ms since the frame's navigation start. */
  frameMs: number;
  /** ms since the top page's navigation start. */
  pageMs: number;
}

// Runs inside each frame. A string, not a function: tsx's esbuild adds name helpers to functions,
// which would not exist in the browser.
const INSTALL_MARKS = `(function (initial) {
  if (!location.pathname.startsWith('/__ui/')) return;
  var marks = {};
  var pending = Object.keys(initial).map(function (name) { return { name: name, present: initial[name].present, absent: initial[name].absent }; });
  var topOrigin = performance.timeOrigin;
  try { topOrigin = window.top.performance.timeOrigin; } catch (e) { /* another origin: the frame's own */ }
  function check() {
    for (var i = pending.length - 1; i >= 0; i--) {
      var w = pending[i];
      if (document.querySelector(w.present) && !(w.absent && document.querySelector(w.absent))) {
        var now = performance.now();
        marks[w.name] = { frameMs: now, pageMs: performance.timeOrigin + now - topOrigin };
        pending.splice(i, 1);
      }
    }
  }
  window.__benchMarks = marks;
  window.__benchWatch = function (name, present, absent) {
    delete marks[name];
    pending.push({ name: name, present: present, absent: absent || undefined });
    check();
  };
  window.addEventListener('click', function () { window.__benchLastClick = performance.now(); }, true);
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})`;

export async function newTimedContext(browser: Browser, baseUrl: string, watches: Watches, user = 'admin@example.com'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addCookies([{ name: 'ph_user', value: encodeURIComponent(user), url: baseUrl }]);
  await context.addInitScript({ content: `${INSTALL_MARKS}(${JSON.stringify(watches)});` });
  return { context, page: await context.newPage() };
}

/** The frame serving `/__ui/<resource>/`, once the page has created it. */
export async function frameOf(page: Page, resource: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes(`/__ui/${resource}/`));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`No /__ui/${resource}/ frame within ${timeoutMs} ms`);
    await page.waitForTimeout(5);
  }
}

/** Waits until the frame has noted `name`. */
export async function waitForMark(frame: Frame, name: string, timeoutMs = 120_000): Promise<Mark> {
  const handle = await frame.waitForFunction(`window.__benchMarks && window.__benchMarks[${JSON.stringify(name)}]`, undefined, { timeout: timeoutMs, polling: 20 });
  return (await handle.jsonValue()) as Mark;
}

export async function watch(frame: Frame, name: string, present: string, absent?: string): Promise<void> {
  await frame.evaluate(`window.__benchWatch(${[name, present, absent ?? null].map((v) => JSON.stringify(v)).join(', ')})`);
}

export async function lastClick(frame: Frame): Promise<number> {
  return Number(await frame.evaluate('window.__benchLastClick'));
}

/**
 * The app's JavaScript files (under `/__ui/<resource>/`, not the host's bridge shim) the frame started to
 * download before `frameMs` in its own clock: the frame's Resource Timing entries, whose `startTime` counts
 * from the same navigation start as the marks. What loads after the mark (code split off for later) is
 * not counted, however soon after it starts.
 */
export async function scriptsBefore(frame: Frame, resource: string, frameMs: number): Promise<string[]> {
  const entries = (await frame.evaluate(`performance.getEntriesByType('resource').map(function (e) { return { name: e.name, startTime: e.startTime }; })`)) as Array<{ name: string; startTime: number }>;
  const prefix = `/__ui/${resource}/`;
  return entries
    .filter((e) => e.startTime <= frameMs)
    .map((e) => new URL(e.name).pathname)
    .filter((p) => p.startsWith(prefix) && p.endsWith('.js'))
    .map((p) => p.slice(prefix.length));
}

/** gzip -9 size in bytes of the built files of a Custom UI resource (what a compressing CDN would send). */
export function gzipBytes(resource: string, files: Iterable<string>): number {
  let total = 0;
  for (const f of files) total += zlib.gzipSync(fs.readFileSync(path.join(REPO_ROOT, 'static', resource, 'build', f)), { level: 9 }).length;
  return total;
}
