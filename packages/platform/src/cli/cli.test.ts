import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.ts';

describe('createProgress without a TTY', () => {
  it('prints plain lines, throttled, and always the final state', () => {
    const out: string[] = [];
    const stream = { isTTY: false, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream;
    const p = createProgress('Import', 100, { stream, intervalMs: 60_000 });
    for (let i = 1; i <= 100; i++) p.update(i, 'articles');
    p.stop();
    p.stop();
    expect(out).toEqual(['Import : 1/100 (1 %) articles\n', 'Import : 100/100 (100 %) articles\n']);
    expect(out.join('')).not.toMatch(/\r/);
  });
});

describe('runCommand', () => {
  const run = (body: string, env: Record<string, string> = {}) => {
    const runUrl = new URL('./run.ts', import.meta.url).href;
    return spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `import { runCommand } from ${JSON.stringify(runUrl)};\n${body}`],
      { encoding: 'utf8', cwd: fileURLToPath(new URL('.', import.meta.url)), env: { ...process.env, DEBUG: '', ...env } },
    );
  };

  it('prints "Erreur : <message>" without a stack and exits 1', () => {
    const r = run(`await runCommand(async () => { throw new Error('fichier introuvable'); });`);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Erreur : fichier introuvable\n');
  });

  it('adds the stack with DEBUG', () => {
    const r = run(`await runCommand(() => { throw new Error('oups'); });`, { DEBUG: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : oups\n.*at /s);
  });

  it('exits 0 and lets output through on success', () => {
    const r = run(`await runCommand(async () => { console.log('ok'); });`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ok\n');
  });
});
