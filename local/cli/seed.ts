/**
 * `npm run seed`: wipes the local host's database (Jira data and Forge storage) and seeds it
 * again with the demo project and, when local/seed-app.ts exists, the demo handoff records.
 * Honours DATA_DIR (default <repo>/.data). Stop `npm start` first.
 */
import { startHost, wipeDatabase, seedHost } from '../server';

async function main(): Promise<void> {
  // Start without seeding (a free port, so a running host does not clash), wipe, seed through the live host.
  const host = await startHost({ port: 0, dataDir: process.env.DATA_DIR || undefined, seed: false, scheduledTriggers: 'manual' });
  try {
    wipeDatabase(host.db);
    await seedHost(host);
    const count = (t: string) => (host.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    console.log(`Seeded ${host.dataDir}: ${count('projects')} project(s), ${count('issues')} issue(s), ${count('users')} user(s), ${count('kvs')} KVS key(s).`);
  } finally {
    await host.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
