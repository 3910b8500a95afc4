/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', moduleResolution: 'node', esModuleInterop: true, jsx: 'react-jsx', ignoreDeprecations: '6.0' } }];
const common = { testEnvironment: 'node', transform: { '^.+\\.tsx?$': tsJest }, moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/local/**/*.test.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.test.ts'] },
  ],
};
