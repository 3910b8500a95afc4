import type { Database } from '../db';
import type { Principal } from '../auth';
import { openDatabase } from '../db';
import { SEED_ACCOUNTS, SEED_USERS, seedJira } from './seed';

/**
 * A seeded in-memory database (project AIP alone: these tests query the whole site) and principals for
 * the seeded people (shared by the unit tests).
 */
export function seededDb(opts: { demoProjects?: boolean } = {}): Database {
  const db = openDatabase(':memory:');
  seedJira(db, { demoProjects: opts.demoProjects ?? false });
  return db;
}

export function userPrincipal(who: keyof typeof SEED_ACCOUNTS): Principal {
  const u = SEED_USERS.find((x) => x.email.startsWith(`${who}@`))!;
  return { kind: 'user', accountId: SEED_ACCOUNTS[who], email: u.email, displayName: u.name };
}

export const APP: Principal = { kind: 'app' };
