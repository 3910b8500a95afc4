/**
 * The Vite configuration every Custom UI app shares. `base: './'` keeps asset URLs relative: Forge
 * (and the local host) serve a resource under a path of their choosing (`/__ui/<resourceKey>/`).
 */
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';
import aliases from './aliases.cjs';

export function customUiConfig(): UserConfig {
  return {
    base: './',
    plugins: [react()],
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
