/**
 * Test hooks for the local Jira, on the loopback host only (`/__local/jira`): what a Jira admin would
 * configure (a required field on a project's create screen, a system field taken off it, the project's
 * issue type scheme), and a hold on one of the app's Jira requests
 * so a test can make two trigger invocations interleave exactly as they may on the platform.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Database } from '../db';
import { INTERNAL_HEADER } from '../auth';
import { findProject } from './catalog';
import { setProjectIssueTypes, setRemovedFields, setRequiredFields } from './create-screen';
import { JiraError } from './errors';

export interface HoldRule {
  method: string;
  /** Matched against the request path after `/rest/api/3` (e.g. `/properties/production-handoff-readiness`). */
  pathIncludes: string;
}

/**
 * Holds the app's next Jira request that matches, until released: while it waits, the test changes Jira
 * and lets other invocations run, then releases it. One request at a time; requests of users pass.
 */
export class JiraHold {
  private rule: HoldRule | undefined;
  private release: (() => void) | undefined;
  private heldPath: string | undefined;

  arm(rule: HoldRule): void {
    if (this.release) throw new Error('A request is already held: release it first.');
    this.rule = { method: rule.method.toUpperCase(), pathIncludes: rule.pathIncludes };
  }

  /** Lets the held request continue (and disarms a hold that caught nothing). */
  releaseHeld(): boolean {
    const release = this.release;
    this.rule = undefined;
    this.release = undefined;
    this.heldPath = undefined;
    release?.();
    return release !== undefined;
  }

  toJSON(): { armed: HoldRule | null; held: string | null } {
    return { armed: this.rule ?? null, held: this.heldPath ?? null };
  }

  /** Mounted before the Jira router at `/rest/api/3`. */
  middleware = (req: Request, _res: Response, next: NextFunction): void => {
    const rule = this.rule;
    if (!rule || this.release || !req.get(INTERNAL_HEADER) || req.method !== rule.method || !req.path.includes(rule.pathIncludes)) {
      next();
      return;
    }
    this.heldPath = `${req.method} ${req.path}`;
    new Promise<void>((resolve) => {
      this.release = resolve;
    }).then(() => next(), next);
  };
}

export function createJiraControlRouter(opts: { db: Database; hold: JiraHold }): express.Router {
  const router = express.Router();
  router.use(express.json());
  const fail = (res: Response, e: unknown) => {
    const status = e instanceof JiraError ? e.status : 400;
    res.status(status).json({ error: { message: e instanceof JiraError ? e.message : e instanceof Error ? e.message : String(e) } });
  };

  // Replaces the custom fields a project's create screen requires: [{id, name, issueTypes?}]; [] clears.
  router.put('/projects/:projectKey/required-fields', (req, res) => {
    const project = findProject(opts.db, String(req.params.projectKey));
    if (!project) {
      res.status(404).json({ error: { message: `No project ${req.params.projectKey}` } });
      return;
    }
    try {
      res.json({ requiredFields: setRequiredFields(opts.db, project.id, (req.body as { requiredFields?: unknown } | undefined)?.requiredFields) });
    } catch (e) {
      fail(res, e);
    }
  });

  // Takes system fields off a project's create screen: [{id: 'duedate', issueTypes?}]; [] puts them back.
  router.put('/projects/:projectKey/screen', (req, res) => {
    const project = findProject(opts.db, String(req.params.projectKey));
    if (!project) return void res.status(404).json({ error: { message: `No project ${req.params.projectKey}` } });
    try {
      res.json({ removedFields: setRemovedFields(opts.db, project.id, (req.body as { removedFields?: unknown } | undefined)?.removedFields) });
    } catch (e) {
      fail(res, e);
    }
  });

  // Replaces a project's issue type scheme (names or ids); [] restores the default scheme (every type).
  router.put('/projects/:projectKey/issue-types', (req, res) => {
    const project = findProject(opts.db, String(req.params.projectKey));
    if (!project) return void res.status(404).json({ error: { message: `No project ${req.params.projectKey}` } });
    try {
      res.json({ issueTypeIds: setProjectIssueTypes(opts.db, project.id, (req.body as { issueTypes?: unknown } | undefined)?.issueTypes) });
    } catch (e) {
      fail(res, e);
    }
  });

  router.get('/hold', (_req, res) => {
    res.json(opts.hold.toJSON());
  });
  router.post('/hold', (req, res) => {
    const body = (req.body ?? {}) as { method?: unknown; pathIncludes?: unknown };
    if (typeof body.method !== 'string' || typeof body.pathIncludes !== 'string' || body.pathIncludes === '') {
      res.status(400).json({ error: { message: 'hold needs {method, pathIncludes}' } });
      return;
    }
    try {
      opts.hold.arm({ method: body.method, pathIncludes: body.pathIncludes });
      res.json(opts.hold.toJSON());
    } catch (e) {
      fail(res, e);
    }
  });
  router.post('/hold/release', (_req, res) => {
    res.json({ released: opts.hold.releaseHeld() });
  });
  return router;
}
