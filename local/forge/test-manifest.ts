import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readManifest, type Manifest } from './app';

/** Parses a manifest.yml text the way the host does (for unit tests of manifest rules). */
export function manifestFrom(yamlText: string): Manifest {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-manifest-'));
  try {
    fs.writeFileSync(path.join(dir, 'manifest.yml'), yamlText);
    return readManifest(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
