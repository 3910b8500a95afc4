/** `npm start` entry (via scripts/start.mjs): runs the local host until interrupted. */
import { parseExpiredKeys } from './forge/kvs';
import { parseScheduleMode } from './forge/schedules';
import { startHost } from './server';
import { describeLatencyModel, parseLatencySpec } from './forge/latency';

async function main(): Promise<void> {
  const port = process.env.PORT === undefined ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0..65535, got ${process.env.PORT}`);
  const bundleSwitch = process.env.FORGE_BUNDLE ?? '';
  if (!['', '0', '1'].includes(bundleSwitch)) throw new Error(`FORGE_BUNDLE must be 1 (run Forge's bundle) or 0, got ${bundleSwitch}`);
  const bundled = bundleSwitch === '1';
  const latency = parseLatencySpec(process.env.FORGE_LATENCY);
  const host = await startHost({ port, dataDir: process.env.DATA_DIR || undefined, appDir: process.env.APP_DIR || undefined, bundled, latency, kvsExpiredKeys: parseExpiredKeys(process.env.KVS_EXPIRED_KEYS), scheduledTriggers: parseScheduleMode(process.env.SCHEDULED_TRIGGERS) });
  const users = host.db.prepare('SELECT email, display_name FROM users WHERE active = 1 ORDER BY site_admin DESC, display_name').all() as Array<{ email: string; display_name: string }>;
  console.log(`Production Handoff local host: ${host.url}`);
  console.log(`  data: ${host.dataDir}`);
  console.log(`  app code: ${bundled ? `Forge's bundle in ${host.app.codeInfo.dir} (FORGE_BUNDLE=1)` : `${host.app.codeInfo.dir} through tsx`}`);
  console.log(`  latency model (FORGE_LATENCY): ${describeLatencyModel(latency)}`);
  if (users.length) {
    console.log('  demo users (switch in the page header; REST: basic auth with the email, any password):');
    for (const u of users) console.log(`    ${u.email.padEnd(28)} ${u.display_name}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the local host`);
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
