#!/usr/bin/env node
// The suite runs its TypeScript sources through tsx (no separate build of the server code).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
