/**
 * The shell's pages for the host itself: the Outbox (every e-mail Jira would have sent, newest first, like a
 * mail catcher; HTML bodies rendered in a sandboxed frame with no scripts) and the host clock (show it, move
 * it, go back to real time). Both read and write through `/__local/...`.
 */
import express, { type Request, type Router } from 'express';
import type { Database } from '../db';
import type { UserRow } from '../jira/catalog';
import { clockStatus } from '../clock';
import { listOutbox, outgoingMailEnabled } from '../jira/notify';
import { Html, html } from './layout';
import { renderPage } from './page';

export interface HostPagesOptions {
  db: Database;
  userOf: (req: Request) => UserRow | undefined;
  /** Scheduled triggers, for the clock page: when each runs next. */
  schedules?: () => Array<{ moduleKey: string; interval: string; nextDueAt: string; lastRun?: { startedAt: string; outcome?: string } }>;
}

/** A complete HTML document for an e-mail body, shown in `<iframe sandbox srcdoc>`: scripts never run. */
function mailDocument(htmlBody: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;font-size:14px;color:#172B4D;margin:12px}</style></head><body>${htmlBody}</body></html>`;
}

export function createHostPagesRouter(opts: HostPagesOptions): Router {
  const { db } = opts;
  const router = express.Router();
  const ctx = { db, userOf: opts.userOf };

  router.get('/jira/outbox', (req, res) => {
    const messages = listOutbox(db);
    renderPage(ctx, req, res, 'Outbox', html`<h1>Outbox</h1>
      <p class="muted">Every e-mail Jira would have sent from this site (issue notifications), one per recipient, newest first.
        Outgoing mail is <strong>${outgoingMailEnabled(db) ? 'on' : 'off'}</strong>.</p>
      <p><button class="btn" type="button" id="clear-outbox"${new Html(messages.length ? '' : ' disabled')}>Empty the outbox</button> <span class="muted">${messages.length} message${messages.length === 1 ? '' : 's'}</span></p>
      <div id="outbox">
      ${messages.length === 0 ? html`<p class="muted" id="outbox-empty">No messages.</p>` : ''}
      ${messages.map((m) => html`<article class="mail" data-message-id="${m.id}" aria-label="${m.subject}">
        <header>
          <span class="muted">To</span><span class="mail-to">${m.to.displayName} &lt;${m.to.emailAddress}&gt;</span>
          <span class="muted">From</span><span>${m.from.displayName}</span>
          <span class="muted">Subject</span><strong class="mail-subject">${m.subject}</strong>
          <span class="muted">Issue</span><span><a href="/browse/${m.issue.key}">${m.issue.key}</a></span>
          <span class="muted">Sent</span><time datetime="${m.sentAt}">${m.sentAt.replace('T', ' ').slice(0, 19)} UTC</time>
        </header>
        ${m.textBody !== null ? html`<pre class="mail-text">${m.textBody}</pre>` : ''}
        ${m.htmlBody !== null ? html`<iframe class="mail-html" title="HTML body of ${m.subject}" sandbox="" srcdoc="${mailDocument(m.htmlBody)}"></iframe>` : ''}
      </article>`)}
      </div>`, [{ label: 'Outbox' }]);
  });

  router.get('/jira/clock', (req, res) => {
    const c = clockStatus();
    const schedules = opts.schedules?.() ?? [];
    renderPage(ctx, req, res, 'Host clock', html`<h1>Host clock</h1>
      <p>The local host and the app run on <strong id="clock-now" data-now="${c.now}">${c.now.replace('T', ' ').slice(0, 19)} UTC</strong>
        ${c.moved ? html`(<span id="clock-offset">${c.offsetMs > 0 ? '+' : ''}${(c.offsetMs / 86_400_000).toFixed(2)} days</span> from real time ${c.realNow.replace('T', ' ').slice(0, 19)} UTC)` : html`(<span id="clock-offset">real time</span>)`}.
        Moving it changes what "now" is for the app, Jira's timestamps and storage expiry; scheduled triggers that become due run.</p>
      <form class="inline" id="clock-advance">
        <label>Advance by days<input name="advanceDays" type="number" step="any" value="1" required></label>
        <button class="btn primary" type="submit">Advance</button>
      </form>
      <form class="inline" id="clock-set" style="margin-top:12px">
        <label>Move to (UTC)<input name="now" type="datetime-local" required value="${c.now.slice(0, 16)}"></label>
        <button class="btn" type="submit">Move</button>
        <button class="btn" type="button" id="clock-reset"${new Html(c.moved ? '' : ' disabled')}>Back to real time</button>
        <span class="form-error muted" role="alert"></span>
      </form>
      <h2>Scheduled triggers</h2>
      ${schedules.length === 0 ? html`<p class="muted">The app has no scheduledTrigger modules.</p>` : html`
      <table class="list" id="schedules"><thead><tr><th>Module</th><th>Interval</th><th>Last run</th><th>Next run</th></tr></thead><tbody>
      ${schedules.map((s) => html`<tr><td>${s.moduleKey}</td><td>${s.interval}</td><td>${s.lastRun ? `${s.lastRun.startedAt.replace('T', ' ').slice(0, 16)} (${s.lastRun.outcome ?? 'running'})` : 'never'}</td><td>${s.nextDueAt.replace('T', ' ').slice(0, 16)}</td></tr>`)}
      </tbody></table>
      <p><button class="btn" type="button" id="run-schedules">Run due schedules now</button> <span id="run-result" class="muted"></span></p>`}`, [{ label: 'Host clock' }]);
  });

  return router;
}
