import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources in tests (their "eig-source" export
  // condition); production resolves them to the compiled dist/.
  resolve: { conditions: ['eig-source'] },
  ssr: { resolve: { conditions: ['eig-source'], externalConditions: ['eig-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx', 'packages/*/test/**/*.test.ts'],
    // Integration tests share one PostgreSQL server and the browser test starts a real server:
    // keep files in separate processes, two at a time on the 2-core CI machine.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
