/**
 * `git version` output remembered per git executable (its real path, size and times), so only
 * the first run with a given git pays a process for the version check. Kept in a folder of the
 * user's own under the temp dir; anything unexpected there means no memory, never a failure.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';

const MAX_REMEMBERED = 16;

/** The file git would run for `binary` (a path, or a name looked up on PATH); null when not found. */
function executableOf(binary: string): string | null {
  const names = process.platform === 'win32' && !/\.\w+$/.test(binary) ? ['.exe', '.cmd', ''] : [''];
  const dirs = /[\\/]/.test(binary) ? [''] : (process.env.PATH ?? '').split(nodePath.delimiter).filter(Boolean);
  for (const dir of dirs)
    for (const ext of names) {
      const file = dir ? nodePath.join(dir, binary + ext) : binary + ext;
      try {
        if (fs.statSync(file).isFile()) return fs.realpathSync(file);
      } catch {
        // not here
      }
    }
  return null;
}

/** What identifies one git build: a changed, replaced or upgraded binary is another key. */
function identityOf(binary: string): string | null {
  const file = executableOf(binary);
  if (!file) return null;
  try {
    const s = fs.statSync(file);
    return `${file}\0${s.size}\0${s.mtimeMs}\0${s.ctimeMs}`;
  } catch {
    return null;
  }
}

/** The cache file, in a folder only this user can write (checked: another user's folder is not trusted). */
function cacheFile(): string | null {
  const uid = typeof process.getuid === 'function' ? process.getuid() : null;
  const dir = nodePath.join(os.tmpdir(), `culprit-${uid ?? os.userInfo().username}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const s = fs.lstatSync(dir);
    if (!s.isDirectory() || (uid !== null && (s.uid !== uid || (s.mode & 0o022) !== 0))) return null;
    return nodePath.join(dir, 'git-versions.json');
  } catch {
    return null;
  }
}

function readAll(file: string): Record<string, string> {
  try {
    const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The remembered `git version` output of `binary`, or null (then run it and {@link rememberVersion}). */
export function knownVersion(binary: string): string | null {
  const key = identityOf(binary);
  const file = key ? cacheFile() : null;
  if (!key || !file) return null;
  const out = readAll(file)[key];
  return typeof out === 'string' ? out : null;
}

export function rememberVersion(binary: string, output: string): void {
  const key = identityOf(binary);
  const file = key ? cacheFile() : null;
  if (!key || !file) return;
  const entries = Object.entries(readAll(file)).filter(([k]) => k !== key);
  const kept = Object.fromEntries([...entries.slice(-(MAX_REMEMBERED - 1)), [key, output]]);
  const tmp = `${file}.${process.pid}`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(kept), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    fs.rmSync(tmp, { force: true });
  }
}
