/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  // The shipped bundle runs inside the runtime's vm sandbox; the runtime instruments it
  // (simulator/runtime/coverage.ts) so its coverage lands here.
  collectCoverage: true,
  collectCoverageFrom: ['server/server.js'],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: {
    './server/server.js': { statements: 90, branches: 90, functions: 90, lines: 90 },
  },
  testTimeout: 30000,
};
