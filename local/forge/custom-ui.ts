/**
 * Serves the app's Custom UI resources at `/__ui/<resourceKey>/...` and injects the
 * bridge shim (`/__local/bridge.js`, defines `window.__bridge`) plus the frame's
 * Forge context as the first thing in <head>, before the app bundle loads.
 * The host mounts this router on a listener of its own (another port, so another
 * origin), as Forge serves Custom UI from its CDN, never from the Jira site.
 *
 * The iframe URL carries which module/issue/project it shows:
 *   /__ui/panel/index.html?moduleKey=...&issueKey=AIP-1&frameId=f1
 *   /__ui/report/index.html?moduleKey=...&projectKey=AIP
 *   /__ui/validator-config/index.html?moduleKey=...&entryPoint=edit&validatorConfig=...&projectKey=AIP
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import type { ForgeApp, InvokeContextInput } from './app';
import { clockOffsetMs } from '../clock';
import { LOCAL_ENVIRONMENT_ID } from './app';

export const BRIDGE_SHIM_PATH = path.join(__dirname, 'bridge-shim.js');

/**
 * The sandbox Jira gives every Custom UI iframe (developer.atlassian.com/platform/forge/custom-ui/iframe).
 * No allow-popups and no allow-top-navigation: `window.open`, `target="_top"`/`_blank` links and
 * modified clicks that open a tab are blocked inside the frame; only the bridge (router.navigate /
 * router.open) leaves it.
 */
export const FORGE_IFRAME_SANDBOX = 'allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts';
/** The feature policies of the same page. */
export const FORGE_IFRAME_ALLOW = 'camera; clipboard-write; display-capture; fullscreen; microphone';

export interface FrameParams extends InvokeContextInput {
  moduleKey: string;
  frameId: string;
  resourceKey: string;
  /** The shell page's origin: the only window the frame's bridge talks to. */
  hostOrigin?: string;
}

export interface FrameUser {
  accountId?: string;
  timeZone?: string;
}

export function frameParamsFromQuery(resourceKey: string, q: Record<string, unknown>): FrameParams {
  const s = (k: string) => (typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined);
  return {
    resourceKey,
    moduleKey: s('moduleKey') ?? '',
    frameId: s('frameId') ?? 'frame',
    issueKey: s('issueKey'),
    projectKey: s('projectKey'),
    entryPoint: s('entryPoint'),
    validatorConfig: s('validatorConfig'),
    isNewToIssue: s('isNewToIssue') === 'true',
    dashboardId: s('dashboardId'),
    gadgetId: s('gadgetId'),
  };
}

/** The context `view.getContext()` answers inside this frame. */
export async function buildFrameContext(app: ForgeApp, frame: FrameParams, user: FrameUser, opts: { siteUrl: string; colorMode: 'light' | 'dark' }): Promise<Record<string, unknown>> {
  const mod = app.module(frame.moduleKey);
  if (!mod) throw new Error(`Module "${frame.moduleKey}" is not declared in manifest.yml`);
  const extension = await app.buildExtension(mod, frame, user.accountId);
  return {
    accountId: user.accountId,
    cloudId: app.cloudId,
    extension,
    localId: app.localId(mod, extension),
    locale: 'en-US',
    moduleKey: mod.key,
    siteUrl: opts.siteUrl,
    timezone: user.timeZone ?? 'UTC',
    theme: { colorMode: opts.colorMode },
    environmentId: LOCAL_ENVIRONMENT_ID,
    environmentType: 'DEVELOPMENT',
    appVersion: '1.0.0-local',
    // Development installations have no license in Forge either.
    license: undefined,
  };
}

function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function injectBridge(html: string, context: unknown, frame: FrameParams): string {
  const inject =
    `<script>window.__PH_CONTEXT__=${scriptJson(context)};window.__PH_FRAME__=${scriptJson(frame)};window.__PH_CLOCK_OFFSET__=${clockOffsetMs()};</script>` +
    `<script src="/__local/bridge.js"></script>`;
  const m = /<head(\s[^>]*)?>/i.exec(html);
  if (m) return html.slice(0, m.index + m[0].length) + inject + html.slice(m.index + m[0].length);
  return inject + html;
}

export interface CustomUiOptions {
  app: ForgeApp;
  getBaseUrl: () => string;
  /** Who is looking at the frame (from the shell's cookie). */
  userOf: (req: Request) => FrameUser;
}

export function createCustomUiRouter(opts: CustomUiOptions): Router {
  const router = express.Router();

  router.get('/__local/bridge.js', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.type('application/javascript').send(fs.readFileSync(BRIDGE_SHIM_PATH, 'utf8'));
  });

  const serveIndex = async (req: Request, res: Response, dir: string, resourceKey: string) => {
    const file = path.join(dir, 'index.html');
    if (!fs.existsSync(file)) {
      res.status(404).type('text/plain').send(`Custom UI resource "${resourceKey}" has no build at ${dir}. Run \`npm run build\`.`);
      return;
    }
    const frame = frameParamsFromQuery(resourceKey, req.query as Record<string, unknown>);
    frame.hostOrigin = new URL(opts.getBaseUrl()).origin;
    if (!frame.moduleKey) {
      const mod = opts.app.manifest.modules.find((m) => m.resource === resourceKey);
      frame.moduleKey = mod?.key ?? '';
    }
    let context: Record<string, unknown>;
    try {
      const colorMode = /(?:^|;\s*)ph_theme=dark/.test(req.get('cookie') ?? '') ? 'dark' : 'light';
      context = await buildFrameContext(opts.app, frame, opts.userOf(req), { siteUrl: opts.getBaseUrl(), colorMode });
    } catch (e) {
      res.status(400).type('text/plain').send(e instanceof Error ? e.message : String(e));
      return;
    }
    res.setHeader('cache-control', 'no-store');
    res.type('text/html').send(injectBridge(fs.readFileSync(file, 'utf8'), context, frame));
  };

  router.get(/^\/__ui\/([^/]+)(\/.*)?$/, async (req: Request, res: Response, next) => {
    const params = req.params as unknown as Record<string, string | undefined>;
    const resourceKey = decodeURIComponent(params[0] ?? '');
    const rest = params[1] ?? '/';
    const dir = opts.app.resourceDir(resourceKey);
    if (!dir) {
      res.status(404).type('text/plain').send(`Unknown Custom UI resource "${resourceKey}"`);
      return;
    }
    if (rest === '/' || rest === '/index.html') {
      await serveIndex(req, res, dir, resourceKey);
      return;
    }
    const file = path.resolve(dir, `.${decodeURIComponent(rest)}`);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.sendFile(file, (err) => { if (err) next(err); });
  });

  return router;
}
