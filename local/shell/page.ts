/** Renders a shell page in the common frame (header, user switcher, theme) for the shell's feature routers. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import type { UserRow } from '../jira/catalog';
import { html, layout, type Html, type LayoutUser } from './layout';

export interface PageContext {
  db: Database;
  userOf: (req: Request) => UserRow | undefined;
}

export function renderPage(ctx: PageContext, req: Request, res: Response, title: string, body: Html, breadcrumbs?: Array<{ href?: string; label: string }>, status = 200): void {
  const users = (ctx.db.prepare('SELECT email, display_name FROM users WHERE active = 1 ORDER BY display_name').all() as Array<{ email: string; display_name: string }>)
    .map((u): LayoutUser => ({ email: u.email, displayName: u.display_name }));
  const u = ctx.userOf(req);
  const colorMode = /(?:^|;\s*)ph_theme=dark/.test(req.get('cookie') ?? '') ? 'dark' : 'light';
  res.status(status).type('text/html').send(layout({
    title,
    body: html`${body}<script src="/__shell/host-ui.js"></script>`,
    breadcrumbs,
    users,
    user: u ? { email: u.email, displayName: u.display_name } : undefined,
    colorMode,
  }));
}

export function principalOf(user: UserRow | undefined): { kind: 'user'; accountId: string; email: string; displayName: string } | undefined {
  return user ? { kind: 'user', accountId: user.account_id, email: user.email, displayName: user.display_name } : undefined;
}
