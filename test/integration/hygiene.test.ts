/**
 * Rules of the codebase that a reviewer would otherwise have to remember: no UI Kit 1, no removed
 * storage API, and no hand-written stand-ins for @forge/* packages anywhere in the app or the host.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'build', '.git', '.data', 'coverage']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [p] : [];
  });
}

const sources = ['src', 'static', 'local', 'test', 'bench', 'scripts'].flatMap((d) => {
  try {
    return files(join(root, d));
  } catch {
    return [];
  }
});
const self = relative(root, __filename);

describe('codebase hygiene', () => {
  it('finds the sources it checks', () => {
    expect(sources.length).toBeGreaterThan(20);
  });

  it.each([
    ['@forge/ui (UI Kit 1 is removed)', /from ['"]@forge\/ui['"]|require\(['"]@forge\/ui['"]\)/],
    ['storage from @forge/api (removed in 8.0)', /import\s*\{[^}]*\bstorage\b[^}]*\}\s*from ['"]@forge\/api['"]/],
    ['jest.mock of a @forge package', /jest\.(mock|doMock|unstable_mockModule)\(\s*['"]@forge\//],
    ['a __mocks__ stand-in for @forge', /__mocks__\/@forge/],
  ])('never uses %s', (_name, pattern) => {
    const offenders = sources.filter((f) => relative(root, f) !== self && pattern.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });

  it('has no __mocks__ folders', () => {
    const all = ['src', 'static', 'local', 'test'].flatMap((d) => {
      try {
        return files(join(root, d));
      } catch {
        return [];
      }
    });
    expect(all.filter((f) => f.includes('__mocks__'))).toEqual([]);
  });

  it('keeps the app independent of the local host', () => {
    const appFiles = sources.filter((f) => f.startsWith(join(root, 'src')) || f.startsWith(join(root, 'static')));
    const offenders = appFiles.filter((f) => /from ['"][./]*\/local\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
