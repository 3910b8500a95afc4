/**
 * The build answers Atlaskit's feature-gate lookups with feature-gates.ts instead of Statsig's client
 * (vite.base.ts). Both claims that makes safe are checked against the installed packages: Atlaskit's flag
 * resolver calls nothing of the client but `checkGate`, and in a frame where nobody initialised the client
 * (every Forge frame) the real one answers as ours does.
 */
import fs from 'node:fs';
import path from 'node:path';
import RealFeatureGates from '@atlaskit/feature-gate-js-client/feature-gates';
import FeatureGates from './feature-gates';

const flagsDist = path.join(path.dirname(require.resolve('@atlaskit/platform-feature-flags/package.json')), 'dist');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

test("Atlaskit's flag resolver uses only the feature-gates entry of the client, and only its checkGate", () => {
  const files = sourceFiles(flagsDist);
  expect(files.length).toBeGreaterThan(0);
  const entries = new Set<string>();
  const members = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"](@atlaskit\/feature-gate-js-client[^'"]*)['"]/g)) entries.add(m[1]);
    // ESM: `import FeatureGates from ...` then `FeatureGates.x`; CJS: `_featureGates.default.x`.
    for (const m of text.matchAll(/\b(?:FeatureGates|_featureGates\.default)\.(\w+)/g)) members.add(m[1]);
  }
  expect([...entries]).toEqual(['@atlaskit/feature-gate-js-client/feature-gates']);
  expect([...members]).toEqual(['checkGate']);
});

describe('in a frame where nobody initialised the client', () => {
  const gates = ['platform-component-visual-refresh', 'any.gate.name', ''];
  let warn: jest.SpyInstance;
  beforeEach(() => {
    // The real client says once that it was never initialised.
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    warn.mockRestore();
    delete (window as { __CRITERION__?: unknown }).__CRITERION__;
  });

  test('every gate is off, as with the real client', () => {
    for (const gate of gates) expect({ gate, answer: FeatureGates.checkGate(gate) }).toEqual({ gate, answer: RealFeatureGates.checkGate(gate) });
    expect(gates.map((g) => FeatureGates.checkGate(g))).toEqual([false, false, false]);
  });

  test("the override hook of Atlassian's tooling wins, as with the real client", () => {
    (window as { __CRITERION__?: unknown }).__CRITERION__ = { getFeatureFlagOverride: (name: string) => (name === 'any.gate.name' ? true : undefined) };
    for (const gate of gates) expect({ gate, answer: FeatureGates.checkGate(gate) }).toEqual({ gate, answer: RealFeatureGates.checkGate(gate) });
    expect(FeatureGates.checkGate('any.gate.name')).toBe(true);
  });
});
