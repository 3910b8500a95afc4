/** Reads the local host's KVS rows straight from its SQLite file (read-only), to prove what is stored. */
import path from 'node:path';
import Database from 'better-sqlite3';

export interface KvsSnapshot {
  entities: Array<{ entity_name: string; key: string; value: string }>;
  keys: Array<{ key: string; value: string }>;
}

export function readKvs(dataDir: string): KvsSnapshot {
  const db = new Database(path.join(dataDir, 'production-handoff.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return {
      // Locks are transient coordination, not data.
      entities: db.prepare("SELECT entity_name, key, value FROM kvs_entity WHERE entity_name != 'lock' ORDER BY entity_name, key").all() as KvsSnapshot['entities'],
      keys: db.prepare('SELECT key, value FROM kvs ORDER BY key').all() as KvsSnapshot['keys'],
    };
  } finally {
    db.close();
  }
}
