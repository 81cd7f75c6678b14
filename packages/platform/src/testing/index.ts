export * from './databases.ts';
export * from './tmpfs.ts';
