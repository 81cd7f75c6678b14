/** Reading decision files and folders from disk (the CLI's import): each file parsed on its own. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatOf, parseFile, type ParseProblem, type RawDecision } from './parse.ts';

/** Every file under `target` (itself if it is a file), sorted, hidden files and folders skipped. */
export async function listFiles(target: string): Promise<string[]> {
  const st = await stat(target);
  if (st.isFile()) return [target];
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) out.push(full);
    }
  };
  await walk(target);
  return out;
}

export interface FileBatch {
  file: string;
  decisions: RawDecision[];
  problems: ParseProblem[];
}

/** Reads and parses one file, bounded in size; unknown extensions are reported, not read. */
export async function readDecisionFile(file: string, maxBytes: number, source: string, root: string): Promise<FileBatch> {
  const rel = path.relative(root, file) || path.basename(file);
  if (!formatOf(file))
    return {
      file: rel,
      decisions: [],
      problems: [{ origin: rel, message: 'format non pris en charge (.txt, .html, .json ou .jsonl attendu) : ignoré' }],
    };
  const st = await stat(file);
  if (st.size > maxBytes)
    return { file: rel, decisions: [], problems: [{ origin: rel, message: `fichier trop gros (${st.size} octets, ${maxBytes} au plus)` }] };
  if (st.size === 0) return { file: rel, decisions: [], problems: [{ origin: rel, message: 'fichier vide' }] };
  const parsed = parseFile(rel, await readFile(file), source);
  return { file: rel, ...parsed };
}
