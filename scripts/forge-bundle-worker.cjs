#!/usr/bin/env node
/**
 * One half of `npm run bundle` (scripts/forge-bundle.mjs), run in the app's folder with the packages of
 * tools/forge-bundler (Forge's own bundler and linter, in a tree of their own so ts-loader compiles with
 * the TypeScript 5.9 that @forge/bundler pins, as it does inside the Forge CLI):
 *
 *   node scripts/forge-bundle-worker.cjs bundle <result.json> <outDir>
 *   node scripts/forge-bundle-worker.cjs lint <result.json> <offline-spec.json>
 *
 * `bundle` does what `forge deploy` does before uploading: entry points from manifest.yml's function
 * handlers (ConfigFile.getAppHandlers + getEntryPoints), then @forge/bundler's node bundler (webpack 5 +
 * ts-loader over the app's tsconfig.json, not transpile-only, commonjs `<module>.cjs`). `lint` does what
 * the bundler's runLinter does: every file under src/ minus .gitignore, @forge/lint's client-side rules.
 * CommonJS on purpose: the bundler's webpack config refuses to run when `require.main` is unset, which is
 * the case under an ES module entry.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { createRequire } = require('node:module');
const { stripVTControlCharacters } = require('node:util');

const [mode, resultFile, arg] = process.argv.slice(2);
const appDir = process.cwd();
const toolsRequire = createRequire(path.join(__dirname, '..', 'tools', 'forge-bundler', 'package.json'));

/** The CLI's Logger interface; messages are kept for the report. */
function makeLogger() {
  const warnings = [];
  const lines = [];
  const logger = {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => {},
    debug: () => {},
    info: (m) => lines.push(String(m)),
    warn: (m) => warnings.push(String(m)),
    error: (e) => lines.push(e instanceof Error ? e.message : String(e)),
  };
  return { logger, warnings, lines };
}

function write(result) {
  fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
}

async function bundle(outDir) {
  const started = Date.now();
  const { getNodeBundler, getEntryPoints } = toolsRequire('@forge/bundler');
  const { ConfigFile, FileSystemReader, FileSystemWriter } = toolsRequire('@forge/cli-shared');
  const { logger, warnings } = makeLogger();
  const configFile = new ConfigFile(new FileSystemReader(), new FileSystemWriter());
  const entryPoints = getEntryPoints(await configFile.getAppHandlers());
  // The Node runtime wrapper and loader are Forge's own code, fetched from its CDN by the CLI and shipped
  // beside the bundle; they are not built from the app, so offline the bundler gets empty ones and they
  // are not copied out.
  const offlineRuntime = async () => ({ script: '', source: 'offline', version: 'offline' });
  const bundler = getNodeBundler(logger, { getNodeRuntimeWrapper: offlineRuntime, getNodeRuntimeLoader: offlineRuntime }, configFile);
  try {
    const output = await bundler.bundle({ appDirectory: appDir, entryPoints, successMessage: '' });
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.cpSync(output.outputDir, outDir, { recursive: true });
    fs.rmSync(output.outputDir, { recursive: true, force: true });
    const files = fs.readdirSync(outDir).sort();
    return {
      ok: true,
      ms: Date.now() - started,
      entryPoints: entryPoints.map((e) => e.name),
      files: files.map((f) => ({ name: f, bytes: fs.statSync(path.join(outDir, f)).size })),
      bundledPackages: output.metadata?.modules ?? [],
      errors: [],
      warnings,
    };
  } catch (e) {
    return { ok: false, ms: Date.now() - started, entryPoints: entryPoints.map((x) => x.name), files: [], bundledPackages: [], errors: [e instanceof Error ? e.message : String(e)], warnings };
  }
}

async function lint(offlineSpec) {
  const started = Date.now();
  // The permission linter compares the product REST calls it finds with Atlassian's published REST
  // specifications, which it downloads. Offline it gets empty ones through its documented local-file
  // switch; any product call it finds is then reported below instead of passing unchecked.
  process.env.USE_LOCAL_SWAGGER = 'true';
  for (const v of ['LOCAL_CONF_SWAGGER', 'LOCAL_CONF_V2_SWAGGER', 'LOCAL_JIRA_SWAGGER', 'LOCAL_JSM_SWAGGER', 'LOCAL_JSW_SWAGGER', 'LOCAL_BB_SWAGGER']) process.env[v] = offlineSpec;
  const { lint: forgeLint, getClientSideLintersOnly, parseSourceFile } = toolsRequire('@forge/lint');
  const { ConfigFile, FileSystemReader, FileSystemWriter, listGitIgnoreFiles, StatsigReader } = toolsRequire('@forge/cli-shared');
  // Feature flags come from Atlassian's flag service; offline every flag takes the CLI's built-in default.
  class OfflineFlags extends StatsigReader {
    async checkGate() {
      return undefined;
    }
    async getDynamicConfig() {
      return undefined;
    }
  }
  const { logger, lines } = makeLogger();
  const reader = new FileSystemReader();
  const configFile = new ConfigFile(reader, new FileSystemWriter());
  const manifest = await configFile.readConfig();
  const exclude = [...(await listGitIgnoreFiles(reader)), '.git', 'node_modules'];
  const uiKitDirs = (await configFile.getResources(['nativeUI'])).map((r) => (r.entry ? r.path : path.dirname(r.path)));
  const files = (await Promise.all([reader.recursiveReadDir('./src', exclude), ...uiKitDirs.map((d) => reader.recursiveReadDir(d, exclude))])).flat();
  const flags = new OfflineFlags();
  const linters = await getClientSideLintersOnly(manifest, 'development', logger, flags);
  const parsed = new Set();
  const errors = [];
  const warnings = [];
  try {
    const results = await forgeLint(files, manifest, 'development', logger, flags, {
      linters,
      parseFunction: async (file, parser) => {
        parsed.add(path.resolve(file));
        return parseSourceFile(file, parser);
      },
    });
    const where = (r, p) => `${path.relative(appDir, path.resolve(r.file))}:${p.line}:${p.column} ${p.message}${p.reference ? ` (${p.reference})` : ''}`;
    for (const r of results) {
      for (const p of [...r.errors, ...r.approvals]) errors.push(where(r, p));
      for (const p of r.warnings) warnings.push(where(r, p));
    }
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
  // A linter that throws is only logged by @forge/lint ("Could not perform some linting actions for …"):
  // here that is an error, since the rule it carries was not checked.
  for (const l of lines.map((m) => stripVTControlCharacters(m).trim()).filter((m) => m.includes('Could not perform some linting actions'))) errors.push(l);
  const sources = files.filter((f) => /\.[cm]?[jt]sx?$/.test(f)).map((f) => path.resolve(f));
  const skipped = sources.filter((f) => !parsed.has(f));
  if (skipped.length > 0) {
    errors.push(
      `Forge's linter skipped ${skipped.length} of ${sources.length} source files, so it checked nothing in them: ` +
        `it lints only the .ts files matched by tsconfig.json "include", which must list globs such as "src/**/*" (first skipped: ${path.relative(appDir, skipped[0])})`,
    );
  }
  const productCalls = [];
  for (const l of linters) {
    if (l.constructor.name !== 'PermissionLinter') continue;
    for (const [file, m] of l.matches) {
      for (const product of ['jira', 'confluence', 'bitbucket']) for (const c of m[product] ?? []) productCalls.push(`${path.relative(appDir, file)}:${c.line} ${product} ${c.method} ${c.path}`);
    }
  }
  if (productCalls.length > 0) {
    errors.push(`Forge's permission linter found product REST calls whose scopes it can only check against Atlassian's online REST specifications: ${productCalls.join('; ')}`);
  }
  return { ok: errors.length === 0, ms: Date.now() - started, files: sources.length, parsed: parsed.size, errors, warnings };
}

async function main() {
  if (mode === 'bundle') write(await bundle(path.resolve(arg)));
  else if (mode === 'lint') write(await lint(path.resolve(arg)));
  else throw new Error(`Unknown mode ${mode}: use bundle or lint`);
}

main().catch((e) => {
  write({ ok: false, ms: 0, errors: [e instanceof Error ? e.stack ?? e.message : String(e)], warnings: [] });
  process.exitCode = 1;
});
