/**
 * The Vite configuration every Custom UI app shares. `base: './'` keeps asset URLs relative: Forge
 * (and the local host) serve a resource under a path of their choosing (`/__ui/<resourceKey>/`).
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { Plugin, UserConfig } from 'vite';
import aliases from './aliases.cjs';

/** Atlaskit's feature-gate lookups answer without Statsig's client in a Forge frame (see feature-gates.ts). */
function featureGatesWithoutStatsig(): Plugin {
  const replacement = path.join(__dirname, 'feature-gates.ts');
  return {
    name: 'feature-gates-without-statsig',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@atlaskit/feature-gate-js-client/feature-gates' && importer?.includes('/@atlaskit/platform-feature-flags/')) return replacement;
      return null;
    },
  };
}

export function customUiConfig(): UserConfig {
  return {
    base: './',
    plugins: [featureGatesWithoutStatsig(), react()],
    resolve: { alias: aliases },
    build: {
      outDir: 'build',
      emptyOutDir: true,
      // Atlaskit's token themes load as their own chunks; the app bundle is one file by design.
      chunkSizeWarningLimit: 2500,
      reportCompressedSize: false,
    },
  };
}
