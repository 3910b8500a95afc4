/**
 * The backend as `forge deploy` bundles it (scripts/forge-bundle.mjs): built once per test run by
 * `npm test`, and reused here while none of its inputs changed; built here when a test runs alone.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FORGE_BUNDLE_ROOT = path.join(REPO_ROOT, '.forge-bundle');
export const FORGE_BUNDLE_DIST = path.join(FORGE_BUNDLE_ROOT, 'dist');

interface StepResult {
  ok: boolean;
  ms: number;
  errors: string[];
  warnings: string[];
}

/** .forge-bundle/report.json, written by scripts/forge-bundle.mjs. */
export interface ForgeBundleReport {
  inputsHash: string;
  tools: Record<string, string>;
  wallMs: number;
  bundle: StepResult & { entryPoints: string[]; files: Array<{ name: string; bytes: number }>; bundledPackages: string[] };
  lint: StepResult & { files: number; parsed: number };
}

/** Runs the bundle and lint unless the last result is still current; answers the report and the output. */
export function ensureForgeBundle(): { report: ForgeBundleReport; output: string } {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'forge-bundle.mjs'), '--reuse'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 600_000 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const reportFile = path.join(FORGE_BUNDLE_ROOT, 'report.json');
  if (!fs.existsSync(reportFile)) throw new Error(`scripts/forge-bundle.mjs wrote no report (exit ${r.status}):\n${output}`);
  return { report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as ForgeBundleReport, output };
}

/** For a host on the bundle: the bundle must exist and be current (the lint result does not matter here). */
export function requireForgeBundle(): void {
  const { report, output } = ensureForgeBundle();
  if (!report.bundle.ok) throw new Error(`Forge's bundler failed, so there is no bundle to run:\n${output}`);
}
