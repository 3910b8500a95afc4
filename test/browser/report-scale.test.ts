/**
 * The report with thousands of initiatives: every page loads, the table keeps only the rows in view
 * in the DOM, and scrolling reaches the last epic. The epics are created through the host's Jira REST
 * bulk endpoint, so the rows come from the real paged search.
 */
import { type Frame, type Page } from 'playwright-core';
import { browserSuite } from '../helpers/browser';
import { ISSUE_TYPE_IDS, SCOPE_LABEL } from '../../local/jira/seed';

jest.setTimeout(300_000);

const EXTRA_EPICS = 5000;
const BULK_LIMIT = 50;

const suite = browserSuite(['report']);
beforeAll(() => createEpics(EXTRA_EPICS), 120_000);

async function createEpics(count: number): Promise<void> {
  const auth = `Basic ${Buffer.from('admin@example.com:token').toString('base64')}`;
  for (let start = 0; start < count; start += BULK_LIMIT) {
    const issueUpdates = Array.from({ length: Math.min(BULK_LIMIT, count - start) }, (_, i) => ({
      fields: { project: { key: 'AIP' }, issuetype: { id: ISSUE_TYPE_IDS.epic }, summary: `Scale initiative ${start + i + 1}`, labels: [SCOPE_LABEL] },
    }));
    const res = await fetch(`${suite.host.url}/rest/api/3/issue/bulk`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ issueUpdates }),
    });
    if (res.status !== 201) throw new Error(`bulk create answered ${res.status}: ${await res.text()}`);
  }
}

async function reportFrame(page: Page): Promise<Frame> {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((f) => f.url().includes('/__ui/report/'));
    if (frame) return frame;
    await page.waitForTimeout(50);
  }
  throw new Error('No report frame');
}

it('loads thousands of initiatives page by page and renders only the rows in view', async () => {
  const context = await suite.browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    await context.addCookies([{ name: 'ph_user', value: encodeURIComponent('admin@example.com'), url: suite.host.url }]);
    const page = await context.newPage();
    await page.goto(`${suite.host.url}/projects/AIP/apps/readiness-report`);
    const frame = await reportFrame(page);
    await frame.waitForSelector('[data-testid="report-row"]', { timeout: 60_000 });
    await frame.waitForSelector('[data-testid="report-progress"]', { state: 'detached', timeout: 120_000 });

    const countText = (await frame.locator('[data-testid="report-count"]').textContent()) ?? '';
    const [shown, total] = [...countText.matchAll(/([\d,]+)/g)].slice(0, 2).map((m) => Number(m[1].replace(/,/g, '')));
    expect(total).toBeGreaterThanOrEqual(EXTRA_EPICS);
    expect(shown).toBe(total);
    expect(await frame.locator('[role="table"]').getAttribute('aria-rowcount')).toBe(String(total + 1));
    expect(await frame.locator('[data-testid="report-row"]').count()).toBeLessThan(60);

    await frame.locator('[data-testid="report-table-scroll"]').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await frame.waitForSelector(`[data-testid="report-row"][aria-rowindex="${total + 1}"]`);
    expect(await frame.locator('[data-testid="report-row"]').count()).toBeLessThan(60);
  } finally {
    await context.close();
  }
});
