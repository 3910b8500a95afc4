/**
 * The app's dashboard gadgets (`jira:dashboardGadget`) and global page (`jira:globalPage`) as Jira hosts
 * them: their extension context, what the platform refuses in the manifest, and the names Jira uses.
 *
 * From Forge's docs: a gadget's extension is `{type, gadgetConfiguration, dashboard: {id}, gadget: {id},
 * location}`, with `entryPoint: 'edit'` in its edit view (manifest-reference/modules/jira-dashboard-gadget);
 * a global page's is `{type, location}`, its URL `/jira/apps/{appId}/{envId}`, and an app may declare only
 * one (manifest-reference/modules/jira-global-page). A Forge extension is named
 * `ari:cloud:ecosystem::extension/{appId}/{envId}/static/{moduleKey}` (the extensionId in the context token
 * of events-reference/scheduled-trigger).
 */
import type { Database } from '../db';
import type { Principal } from '../auth';
import { findUserByAccountId } from '../jira/catalog';
import { canViewDashboard, findDashboard, findGadget, type GadgetModules } from '../jira/dashboards';
import { InvocationError, LOCAL_ENVIRONMENT_ID, type ForgeApp, type Manifest } from './app';

export const GADGET_TYPE = 'jira:dashboardGadget';
export const GLOBAL_PAGE_TYPE = 'jira:globalPage';

const appUuid = (manifest: Manifest) => manifest.appId.replace(/^ari:cloud:ecosystem::app\//, '');

export function extensionAri(manifest: Manifest, moduleKey: string): string {
  return `ari:cloud:ecosystem::extension/${appUuid(manifest)}/${LOCAL_ENVIRONMENT_ID}/static/${moduleKey}`;
}

/** Where Jira shows the app's global page. */
export function globalPagePath(manifest: Manifest): string {
  return `/jira/apps/${appUuid(manifest)}/${LOCAL_ENVIRONMENT_ID}`;
}

export function dashboardPath(dashboardId: string | number): string {
  return `/jira/dashboards/${dashboardId}`;
}

/** What `forge deploy` refuses about gadgets and global pages. */
export function pageModuleProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  const pages = manifest.modules.filter((m) => m.type === GLOBAL_PAGE_TYPE);
  if (pages.length > 1) problems.push(`only one ${GLOBAL_PAGE_TYPE} module per app (found ${pages.length})`);
  for (const m of [...pages, ...manifest.modules.filter((x) => x.type === GADGET_TYPE)]) {
    if (m.raw.render === 'native') problems.push(`${m.type} ${m.key}: UI Kit (render: native) cannot be hosted offline; use Custom UI`);
    else if (!m.resource || !manifest.resources[m.resource]) problems.push(`${m.type} ${m.key}: resource "${m.resource ?? ''}" is not declared`);
    if (m.type === GADGET_TYPE) {
      const edit = (m.raw.edit as { resource?: unknown } | undefined)?.resource;
      if (edit !== undefined && (typeof edit !== 'string' || !manifest.resources[edit])) problems.push(`${m.type} ${m.key}: edit resource "${String(edit)}" is not declared`);
      for (const f of ['title', 'description', 'thumbnail']) if (m.raw[f] === undefined) problems.push(`${m.type} ${m.key}: ${f} is required`);
    }
  }
  return problems;
}

const titleText = (t: unknown, fallback: string) => (typeof t === 'string' ? t : t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string' ? (t as { text: string }).text : fallback);

export function gadgetModules(app: ForgeApp): GadgetModules {
  return {
    resolve(moduleKey) {
      const mod = app.modulesOfType(GADGET_TYPE).find((m) => m.key === moduleKey || extensionAri(app.manifest, m.key) === moduleKey);
      return mod ? { key: mod.key, title: titleText(mod.raw.title, mod.key) } : undefined;
    },
    extensionId: (moduleKey) => extensionAri(app.manifest, moduleKey),
  };
}

export function gadgetTitle(app: ForgeApp, moduleKey: string): string {
  const mod = app.module(moduleKey);
  return titleText(mod?.raw.title, moduleKey);
}

/** Gives gadgets and the global page their extension context; a gadget only to those who may see its dashboard. */
export function registerPageExtensions(app: ForgeApp, db: Database, getBaseUrl: () => string): void {
  app.extensionProviders.set(GADGET_TYPE, (mod, ctx, accountId) => {
    const user = accountId ? findUserByAccountId(db, accountId) : undefined;
    const viewer: Principal | undefined = user ? { kind: 'user', accountId: user.account_id, email: user.email, displayName: user.display_name } : undefined;
    const dashboard = ctx.dashboardId ? findDashboard(db, ctx.dashboardId) : undefined;
    const gadget = dashboard && ctx.gadgetId ? findGadget(db, dashboard.id, ctx.gadgetId) : undefined;
    if (!dashboard || !gadget || !viewer || !canViewDashboard(db, viewer, dashboard) || gadget.module_key !== mod.key) {
      throw new InvocationError(404, `Gadget ${ctx.gadgetId ?? '(none)'} of dashboard ${ctx.dashboardId ?? '(none)'} was not found`);
    }
    return {
      gadgetConfiguration: gadget.configuration ? JSON.parse(gadget.configuration) : {},
      dashboard: { id: String(dashboard.id) },
      gadget: { id: String(gadget.id) },
      location: `${getBaseUrl()}${dashboardPath(dashboard.id)}`,
      ...(ctx.entryPoint === 'edit' ? { entryPoint: 'edit' } : {}),
    };
  });
  app.extensionProviders.set(GLOBAL_PAGE_TYPE, () => ({ location: `${getBaseUrl()}${globalPagePath(app.manifest)}` }));
}
