/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // Coverage is collected by the full runs only (`npm test`, `npm run fdk-unit-test` pass
  // --coverage), so one suite run alone is not held to the threshold of the whole.
  // The shipped bundle runs inside the runtime's vm sandbox; the runtime instruments it
  // (simulator/runtime/coverage.ts) so its coverage lands here.
  collectCoverageFrom: ['server/server.js'],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: {
    './server/server.js': { statements: 90, branches: 90, functions: 90, lines: 90 },
  },
  // Generous: a loaded CI machine runs the engine's long scenarios several times slower than a quiet one.
  testTimeout: 120000,
};
