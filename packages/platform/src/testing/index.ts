export * from './databases.ts';
export * from './server-process.ts';
export * from './tmpfs.ts';
