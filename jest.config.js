/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, jsx: 'react-jsx', ignoreDeprecations: '6.0' } }];
const common = { testEnvironment: 'node', transform: { '^.+\\.tsx?$': tsJest }, moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/local/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    // The Custom UI's hooks, forms and draft mappers in jsdom, through the real @forge/bridge (static/shared/testing/bridge.ts).
    {
      ...common,
      displayName: 'ui',
      testEnvironment: '<rootDir>/static/shared/testing/environment.js',
      testMatch: ['<rootDir>/static/**/*.test.ts', '<rootDir>/static/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/static/shared/testing/setup.ts'],
      moduleNameMapper: {
        '\\.css$': '<rootDir>/static/shared/testing/style.ts',
        ...Object.fromEntries(Object.entries(require('./static/shared/aliases.cjs')).map(([alias, dir]) => [`^${alias}/(.*)$`, `${dir}/$1`])),
      },
    },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
    // The gate's and the handoff resolvers' integration tests again, on a host running the backend as Forge's
    // bundler builds it (FORGE_BUNDLE=1; the bundle is built once per `npm test` and reused).
    {
      ...common,
      displayName: 'bundle',
      testMatch: ['<rootDir>/test/integration/gate.test.ts', '<rootDir>/test/integration/handoff-resolvers.test.ts'],
      globals: { HOST_MODE: 'bundle' },
    },
  ],
};
