import type { Database } from '../db';
import type { Principal } from '../auth';
import { openDatabase } from '../db';
import { SEED_ACCOUNTS, SEED_USERS, seedJira } from './seed';

/** A seeded in-memory database and principals for the seeded people (shared by the unit tests). */
export function seededDb(): Database {
  const db = openDatabase(':memory:');
  seedJira(db);
  return db;
}

export function userPrincipal(who: keyof typeof SEED_ACCOUNTS): Principal {
  const u = SEED_USERS.find((x) => x.email.startsWith(`${who}@`))!;
  return { kind: 'user', accountId: SEED_ACCOUNTS[who], email: u.email, displayName: u.name };
}

export const APP: Principal = { kind: 'app' };
