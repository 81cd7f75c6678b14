/**
 * Front-end work without an ingest: the web pages over the mock ExploCode API.
 *   npm run build -w @eig/web && node --import tsx packages/web/scripts/dev-server.ts [port]
 * MOCK_NOT_READY=1 simulates a first ingest in progress.
 */
import Fastify from 'fastify';
import { registerWeb } from '../src/server/register.ts';
import { mockStands, mockStatus, registerMockApi } from '../src/testing/mock-api.ts';

const port = Number(process.argv[2] ?? 3100);
const notReady = process.env.MOCK_NOT_READY === '1';
const started = Date.now();
const status = () =>
  notReady
    ? { ready: false, dataset: null, ingest: { state: 'running', done: Math.min(95, Math.round((Date.now() - started) / 1000)), total: 100, message: 'Import des articles du Code du travail (3 / 6)' }, counts: {} }
    : mockStatus;

const app = Fastify({ logger: false });
await registerMockApi(app, { status });
await registerWeb(app, {
  stands: async () =>
    notReady
      ? mockStands.map((s) => ({ ...s, ready: false, status: 'Premier import des textes en cours.', figures: [] }))
      : mockStands,
});
await app.listen({ port, host: '127.0.0.1' });
console.log(`mock web server on http://127.0.0.1:${port}`);
