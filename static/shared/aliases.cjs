/**
 * The Custom UI's import aliases, one list for Vite (vite.base.ts), jest's ui project and the lint's
 * folder-cycle rule; static/tsconfig.json repeats them as `paths` for TypeScript.
 * `@src/…` is the app's backend source (the contract and the pure domain), `@ui/…` this shared folder.
 */
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

module.exports = {
  '@src': path.join(root, 'src'),
  '@ui': path.join(root, 'static', 'shared'),
};
