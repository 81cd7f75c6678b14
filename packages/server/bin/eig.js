#!/usr/bin/env node
// The `eig` command: the compiled CLI (npm run build compiles the TypeScript into dist/).
await import('../dist/cli.js');
