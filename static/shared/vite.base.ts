/**
 * The Vite configuration every Custom UI app shares. `base: './'` keeps asset URLs relative: Forge
 * (and the local host) serve a resource under a path of their choosing (`/__ui/<resourceKey>/`).
 */
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

export function customUiConfig(): UserConfig {
  return {
    base: './',
    plugins: [react()],
    build: {
      outDir: 'build',
      emptyOutDir: true,
      // Atlaskit's token themes load as their own chunks; the app bundle is one file by design.
      chunkSizeWarningLimit: 2500,
      reportCompressedSize: false,
    },
  };
}
