/** HTML helpers and the page frame of the Jira-like shell (plain server-rendered HTML + CSS). */
import { clockStatus } from '../clock';

export function esc(v: unknown): string {
  return String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Marks a string as already-safe HTML. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = '';
  strings.forEach((s, i) => {
    out += s;
    if (i < values.length) out += render(values[i]);
  });
  return new Html(out);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(v);
}

export function lozenge(statusName: string, categoryKey: string | undefined): Html {
  const cls = categoryKey === 'done' ? 'done' : categoryKey === 'indeterminate' ? 'progress' : 'todo';
  return html`<span class="lozenge ${cls}">${statusName}</span>`;
}

export interface LayoutUser {
  email: string;
  displayName: string;
}

export interface LayoutOptions {
  title: string;
  user?: LayoutUser;
  users: LayoutUser[];
  breadcrumbs?: Array<{ href?: string; label: string }>;
  body: Html;
  colorMode?: 'light' | 'dark';
}

export const SHELL_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:14px;color:#172B4D;background:#fff}
a{color:#0C66E4;text-decoration:none}a:hover{text-decoration:underline}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px;min-height:56px;padding:8px 16px;border-bottom:1px solid #DCDFE4;background:#fff;position:sticky;top:0;z-index:10}
header.top .logo{font-weight:700;color:#0C66E4;font-size:16px;display:flex;align-items:center;gap:8px}
header.top .logo .mark{width:24px;height:24px;border-radius:4px;background:#0C66E4;display:inline-block}
header.top nav a{color:#44546F;font-weight:500;margin-right:12px}
header.top .spacer{flex:1}
header.top select{padding:6px 8px;border:1px solid #8590A2;border-radius:3px;background:#fff;font-size:14px;max-width:260px}
main{max-width:1280px;margin:0 auto;padding:24px 32px}
.crumbs{color:#626F86;margin-bottom:8px}.crumbs a{color:#626F86}
h1{font-size:24px;font-weight:500;margin:0 0 16px}
h2{font-size:16px;font-weight:600;margin:24px 0 8px}
table.list{border-collapse:collapse;width:100%}
table.list th{font-size:12px;color:#626F86;text-align:left;border-bottom:2px solid #DCDFE4;padding:6px 8px}
table.list td{border-bottom:1px solid #F1F2F4;padding:8px;vertical-align:top}
.lozenge{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;padding:2px 4px;border-radius:3px;line-height:16px;white-space:nowrap}
.lozenge.todo{background:#DFE1E6;color:#42526E}.lozenge.progress{background:#DEEBFF;color:#0747A6}.lozenge.done{background:#E3FCEF;color:#006644}
.issue-layout{display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:32px}
.field{margin-bottom:12px}.field .label{font-size:12px;color:#626F86;font-weight:600;margin-bottom:2px}
.labels span{display:inline-block;background:#F1F2F4;border-radius:3px;padding:0 6px;margin:0 4px 4px 0}
.btn{display:inline-block;border:none;border-radius:3px;padding:6px 12px;font-size:14px;font-weight:500;cursor:pointer;background:#F1F2F4;color:#172B4D;margin-right:6px}
.btn:hover{background:#DCDFE4}.btn.primary{background:#0C66E4;color:#fff}.btn.primary:hover{background:#0055CC}
.btn.current{outline:2px solid #0C66E4}
.btn[disabled]{opacity:.5;cursor:default}
.error-box{border-left:4px solid #C9372C;background:#FFECEB;padding:12px 16px;border-radius:3px;margin:12px 0}
.error-box h3{margin:0 0 4px;font-size:14px;color:#AE2E24}
.error-box ul{margin:4px 0 0 18px;padding:0}
.info-box{border-left:4px solid #0C66E4;background:#E9F2FF;padding:12px 16px;border-radius:3px;margin:12px 0}
.panel{border:1px solid #DCDFE4;border-radius:3px;margin:16px 0}
.panel > .panel-title{font-weight:600;padding:8px 12px;border-bottom:1px solid #DCDFE4;background:#F7F8F9;display:flex;align-items:center;gap:8px}
.panel iframe{display:block;width:100%;border:0;min-height:120px}
iframe.page-frame{display:block;width:100%;border:0;min-height:480px}
.desc{white-space:pre-wrap;line-height:1.5}
.muted{color:#626F86}
form.inline{display:flex;gap:8px;align-items:end;flex-wrap:wrap}
form.inline label{display:flex;flex-direction:column;font-size:12px;color:#626F86;font-weight:600;gap:2px}
form.inline select,form.inline input{padding:6px 8px;border:1px solid #8590A2;border-radius:3px;font-size:14px}
code.config{font-size:12px;background:#F7F8F9;padding:2px 4px;border-radius:3px;word-break:break-all}
#flags{position:fixed;left:24px;bottom:24px;display:flex;flex-direction:column;gap:8px;z-index:100;width:380px}
.flag{background:#fff;box-shadow:0 8px 12px rgba(9,30,66,.15),0 0 1px rgba(9,30,66,.31);border-radius:3px;padding:12px 16px;border-left:4px solid #0C66E4}
.flag.success{border-left-color:#22A06B}.flag.error{border-left-color:#C9372C}.flag.warning{border-left-color:#E2B203}
.flag .flag-title{font-weight:600}.flag .flag-close{float:right;cursor:pointer;border:none;background:none;font-size:16px;color:#626F86}
.flag .flag-actions button{margin-top:8px;background:none;border:none;color:#0C66E4;cursor:pointer;padding:0;margin-right:12px}
.tabs a{margin-right:16px;font-weight:500}
#quick-add{margin:12px 0}.quick-add img{vertical-align:-3px}
.panel-title .panel-remove{margin-left:auto;font-size:12px;padding:2px 8px}
.issue-context{border:1px solid #DCDFE4;border-radius:3px;margin:16px 0}
.issue-context-toggle{display:flex;gap:6px;align-items:center;width:100%;text-align:left;background:#F7F8F9;border:0;padding:8px 12px;font-size:14px;cursor:pointer;color:inherit}
.issue-context-toggle::before{content:'\\25B8'}.issue-context-toggle[aria-expanded=true]::before{content:'\\25BE'}
.issue-context .ctx-title{font-weight:600}
.issue-context iframe{display:block;width:100%;border:0;min-height:80px}
#host-clock{font-size:12px;white-space:nowrap}#host-clock.moved{color:#A54800;font-weight:600}
.dash-grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px;align-items:start}
.dash-col{display:flex;flex-direction:column;gap:16px;min-height:80px}
.dash-col .panel{margin:0}
.panel-title .spacer{flex:1}
.app-layout{display:grid;grid-template-columns:220px minmax(0,1fr);gap:24px}
.app-nav a{display:block;padding:6px 8px;border-radius:3px}.app-nav a.current{background:#E9F2FF;font-weight:600}
.mail{border:1px solid #DCDFE4;border-radius:3px;margin:12px 0}
.mail header{padding:8px 12px;background:#F7F8F9;border-bottom:1px solid #DCDFE4;display:grid;grid-template-columns:80px 1fr;gap:2px 8px;font-size:13px}
.mail pre{white-space:pre-wrap;margin:0;padding:12px;font-family:inherit}
.mail iframe{display:block;width:100%;border:0;border-top:1px dashed #DCDFE4;min-height:80px}
html[data-color-mode=dark] body{background:#1D2125;color:#B6C2CF}
html[data-color-mode=dark] header.top{background:#22272B;border-color:#38414A}
html[data-color-mode=dark] th,html[data-color-mode=dark] td{border-color:#38414A}
html[data-color-mode=dark] select{background:#22272B;color:#B6C2CF;border-color:#38414A}
`;

/** The header's host clock: real time, or where the clock has been moved to (local/clock.ts). */
function hostClockLink(): Html {
  const c = clockStatus();
  const label = c.moved ? `${c.now.slice(0, 16).replace('T', ' ')} UTC (${c.offsetMs > 0 ? '+' : ''}${(c.offsetMs / 86_400_000).toFixed(1)} d)` : 'real time';
  return html`<a id="host-clock" class="muted${new Html(c.moved ? ' moved' : '')}" href="/jira/clock" title="Host clock: move the local host in time" data-now="${c.now}">Host clock: ${label}</a>`;
}

export function layout(o: LayoutOptions): string {
  const options = o.users.map((u) => html`<option value="${u.email}"${new Html(u.email === o.user?.email ? ' selected' : '')}>${u.displayName} (${u.email})</option>`);
  const crumbs = o.breadcrumbs?.length
    ? html`<div class="crumbs">${o.breadcrumbs.map((c, i) => html`${i ? ' / ' : ''}${c.href ? html`<a href="${c.href}">${c.label}</a>` : c.label}`)}</div>`
    : '';
  return html`<!doctype html>
<html lang="en" data-color-mode="${o.colorMode ?? 'light'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} - Production Handoff (local Jira)</title>
<style>${new Html(SHELL_CSS)}</style>
</head>
<body>
<header class="top">
  <a class="logo" href="/"><span class="mark"></span>Jira <span class="muted" style="font-weight:400">(local)</span></a>
  <nav><a href="/">Projects</a><a href="/jira/dashboards">Dashboards</a><a href="/jira/apps">Apps</a><a href="/jira/outbox">Outbox</a></nav>
  <div class="spacer"></div>
  ${hostClockLink()}
  <label class="muted" for="theme-switcher">Theme</label>
  <select id="theme-switcher" aria-label="Switch theme"><option value="light"${new Html(o.colorMode === 'dark' ? '' : ' selected')}>Light</option><option value="dark"${new Html(o.colorMode === 'dark' ? ' selected' : '')}>Dark</option></select>
  <label class="muted" for="user-switcher">Acting as</label>
  <select id="user-switcher" aria-label="Switch user">${options}</select>
</header>
<main>
${crumbs}
${o.body}
</main>
<div id="flags" aria-live="polite"></div>
<script src="/__shell/client.js"></script>
</body>
</html>`.value;
}
