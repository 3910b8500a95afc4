import crypto from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from './db';
import { findUserByAccountId, findUserByEmail, type UserRow } from './jira/catalog';
import { notAuthenticated } from './jira/errors';

export type Principal =
  | { kind: 'user'; accountId: string; email: string; displayName: string }
  | { kind: 'app' };

export const INTERNAL_HEADER = 'x-forge-internal';
export const SESSION_COOKIE = 'ph_user';

/**
 * Who is calling: the Forge runtime (internal header carrying the shared secret), a REST client
 * (basic auth with a user's email; any token) or the shell (session cookie holding an email).
 */
export function authenticate(db: Database, internalSecret: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const principal = resolvePrincipal(db, internalSecret, req);
    if (!principal) {
      const err = notAuthenticated();
      res.status(err.status).json(err.body);
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

export function resolvePrincipal(db: Database, internalSecret: string, req: Request): Principal | undefined {
  const internal = req.get(INTERNAL_HEADER);
  if (internal !== undefined) return fromInternalHeader(db, internalSecret, internal);

  const authorization = req.get('authorization');
  if (authorization !== undefined) {
    const match = /^Basic\s+(.+)$/i.exec(authorization.trim());
    if (!match) return undefined;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const email = colon >= 0 ? decoded.slice(0, colon) : decoded;
    return asUserPrincipal(findUserByEmail(db, email));
  }

  const email = readCookie(req.get('cookie'), SESSION_COOKIE);
  if (email !== undefined) return asUserPrincipal(findUserByEmail(db, email));
  return undefined;
}

function fromInternalHeader(db: Database, secret: string, header: string): Principal | undefined {
  const [given, kind, accountId] = header.split(';');
  if (!secret || !safeEqual(given ?? '', secret)) return undefined;
  if (kind === 'app') return { kind: 'app' };
  if (kind === 'user' && accountId) return asUserPrincipal(findUserByAccountId(db, accountId));
  return undefined;
}

function asUserPrincipal(user: UserRow | undefined): Principal | undefined {
  if (!user || user.active !== 1) return undefined;
  return { kind: 'user', accountId: user.account_id, email: user.email, displayName: user.display_name };
}

/** Compares digests so neither the content nor the length of the secret leaks through timing. */
function safeEqual(a: string, b: string): boolean {
  const da = crypto.createHash('sha256').update(a).digest();
  const dbuf = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(da, dbuf);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
