/**
 * Lint rules for the shape of a source tree (bulletproof-react's boundaries, written for this repo):
 * - `no-import-cycle`: no file imports, directly or through others, a file that imports it back, and no
 *   folder does so either (folder A imports from B while B, through any files, imports from A).
 *   Folder cycles are what tangle features together even when no two files form a loop.
 * - `feature-entry`: code outside `features/<name>/` reaches that feature only through its public entry
 *   (`features/<name>/index.ts`), never its internals.
 * The import graph is read with TypeScript's own pre-processor (imports, re-exports, dynamic imports;
 * `import type` counts too: it ties the folders together as much for the reader) and resolved through
 * relative paths and the aliases given in the rule's options. Packages are not part of the graph.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];
const SKIP_DIRS = new Set(['node_modules', 'build', 'dist', 'coverage', '.data']);

function sourceFiles(dir, ignore) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return SKIP_DIRS.has(d.name) ? [] : sourceFiles(p, ignore);
    return EXTENSIONS.includes(path.extname(d.name)) && !d.name.endsWith('.d.ts') && !d.name.endsWith('.d.cts') && !ignore.some((re) => re.test(p)) ? [p] : [];
  });
}

function resolveFile(base) {
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

/** The file an import specifier names, or undefined for packages and files that do not exist. */
function resolveImport(specifier, fromFile, aliases) {
  if (specifier.startsWith('.')) return resolveFile(path.resolve(path.dirname(fromFile), specifier));
  for (const [alias, dir] of Object.entries(aliases)) {
    if (specifier === alias || specifier.startsWith(`${alias}/`)) return resolveFile(path.join(dir, specifier.slice(alias.length)));
  }
  return undefined;
}

function importsOf(file) {
  return ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

// One graph per tree, rebuilt when any file of it was added, removed or changed since.
const graphs = new Map();
function graphOf(root, aliases, ignore) {
  const files = sourceFiles(root, ignore);
  const signature = files.map((f) => `${f}:${fs.statSync(f).mtimeMs}`).join('|');
  const key = JSON.stringify([root, aliases, ignore.map(String)]);
  const cached = graphs.get(key);
  if (cached && cached.signature === signature) return cached;
  const fileEdges = new Map();
  const folderEdges = new Map();
  for (const file of files) {
    const targets = new Set();
    for (const spec of importsOf(file)) {
      const target = resolveImport(spec, file, aliases);
      if (target && target.startsWith(root + path.sep) && target !== file) targets.add(target);
    }
    fileEdges.set(file, targets);
    const from = path.dirname(file);
    if (!folderEdges.has(from)) folderEdges.set(from, new Map());
    for (const target of targets) {
      const to = path.dirname(target);
      if (to !== from && !folderEdges.get(from).has(to)) folderEdges.get(from).set(to, [file, target]);
    }
  }
  const graph = { signature, fileEdges, folderEdges };
  graphs.set(key, graph);
  return graph;
}

/** A path from `start` to `goal` in `edges` (node → iterable of next nodes), or null. */
function pathBetween(edges, start, goal) {
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === goal) {
      const route = [];
      for (let n = goal; n !== null; n = previous.get(n)) route.unshift(n);
      return route;
    }
    for (const next of edges.get(node)?.keys?.() ?? edges.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return null;
}

function importSources(context, visit) {
  const check = (node) => {
    if (node.source && typeof node.source.value === 'string') visit(node.source, node.source.value);
  };
  return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
}

const options = (context) => {
  const o = context.options[0] ?? {};
  const cwd = context.cwd ?? process.cwd();
  return {
    root: path.resolve(cwd, o.root ?? '.'),
    aliases: Object.fromEntries(Object.entries(o.aliases ?? {}).map(([a, d]) => [a, path.resolve(cwd, d)])),
    ignore: (o.ignore ?? []).map((s) => new RegExp(s)),
  };
};

const schema = [
  {
    type: 'object',
    properties: { root: { type: 'string' }, aliases: { type: 'object', additionalProperties: { type: 'string' } }, ignore: { type: 'array', items: { type: 'string' } } },
    additionalProperties: false,
  },
];

const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycle between files or between folders' },
    schema,
    messages: {
      file: 'Import cycle: {{route}}.',
      folder: 'Folder cycle: {{route}} (e.g. {{example}}). Move what both need into one of them, or into a shared folder.',
    },
  },
  create(context) {
    const { root, aliases, ignore } = options(context);
    const file = context.filename;
    if (!file.startsWith(root + path.sep) || ignore.some((re) => re.test(file))) return {};
    const rel = (p) => path.relative(root, p) || '.';
    let graph;
    return importSources(context, (node, specifier) => {
      const target = resolveImport(specifier, file, aliases);
      if (!target || !target.startsWith(root + path.sep)) return;
      graph ??= graphOf(root, aliases, ignore);
      const back = pathBetween(graph.fileEdges, target, file);
      if (back) {
        context.report({ node, messageId: 'file', data: { route: [file, ...back].map(rel).join(' → ') } });
        return;
      }
      const from = path.dirname(file);
      const to = path.dirname(target);
      if (from === to) return;
      const folderBack = pathBetween(graph.folderEdges, to, from);
      if (!folderBack) return;
      const [exampleFile, exampleTarget] = graph.folderEdges.get(folderBack[folderBack.length - 2]).get(from);
      context.report({
        node,
        messageId: 'folder',
        data: { route: [from, ...folderBack].map(rel).join(' → '), example: `${rel(exampleFile)} imports ${rel(exampleTarget)}` },
      });
    });
  },
};

const featureEntry = {
  meta: {
    type: 'problem',
    docs: { description: "Reach a feature only through its public entry (features/<name>/index.ts)" },
    schema,
    messages: { internal: "{{target}} is inside the feature '{{feature}}': import it from {{entry}} (the feature's public entry) instead." },
  },
  create(context) {
    const { aliases } = options(context);
    const file = context.filename;
    const featureOf = (p) => {
      const parts = p.split(path.sep);
      const at = parts.lastIndexOf('features');
      return at >= 0 && at + 2 < parts.length ? parts.slice(0, at + 2).join(path.sep) : undefined;
    };
    return importSources(context, (node, specifier) => {
      const target = resolveImport(specifier, file, aliases);
      const feature = target && featureOf(target);
      if (!feature || file.startsWith(feature + path.sep)) return;
      if (path.dirname(target) === feature && path.basename(target).startsWith('index.')) return;
      context.report({ node, messageId: 'internal', data: { target: specifier, feature: path.basename(feature), entry: path.relative(path.dirname(file), feature) || '.' } });
    });
  },
};

/** The folder import graph of a tree, `{folder: [folders it imports]}` relative to `root`, for docs and reviews. */
function folderGraph(root, aliases = {}, ignore = []) {
  const { folderEdges } = graphOf(path.resolve(root), aliases, ignore.map((s) => new RegExp(s)));
  const rel = (p) => path.relative(path.resolve(root), p) || '.';
  return Object.fromEntries([...folderEdges].filter(([, to]) => to.size > 0).map(([from, to]) => [rel(from), [...to.keys()].map(rel).sort()]).sort());
}

module.exports = { meta: { name: 'structure' }, rules: { 'no-import-cycle': noImportCycle, 'feature-entry': featureEntry }, folderGraph };
