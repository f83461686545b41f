/**
 * The error's own class changed its base in the deploy (`AError extends
 * BError` → `extends CError`): a handler that caught it by its old base no
 * longer does, so it escapes from code nobody touched. Reads the deploy diff already fetched
 * (cached by the host) and blames only the changed declaration line.
 */
import type { Evidence } from './evidence.types';
import { parseRangePatch } from './rangePatch';
import type { SuspectGitPort } from './suspectPort.types';

/** Input safety, not a search window: longer lines (minified or generated code) are not scanned. */
const MAX_LINE = 400; // bound: a longer line is generated code, not read

/** The simple class name an error message starts with (`com.acme.X: …` → `X`), or null. */
export function errorClassName(message: string | null): string | null {
  // bound: characters of a message read
  const head = /^\s*([A-Za-z_$][\w$.]{0,200})\s*(?::|$)/.exec((message ?? '').slice(0, 300))?.[1];
  const name = head?.split('.').pop() ?? '';
  // Built-in, untyped errors (`Error`, `TypeError`) are never declared in the project.
  return /^[A-Z][\w$]{2,}$/.test(name) && !/^(?:Error|TypeError|RangeError|ReferenceError|SyntaxError)$/.test(name)
    ? name
    : null;
}

/** The declaration's base part (`extends X implements Y`, `(Base)`) for class `name` on a line, or null. */
export function declaredBase(line: string, name: string): string | null {
  if (line.length > MAX_LINE || !line.includes(name)) return null;
  const m = new RegExp(`\\bclass\\s+${name.replace(/\$/g, '\\$')}\\b\\s*(<[^>]*>)?(.*)$`).exec(line);
  if (!m) return null;
  return m[2]
    .replace(/[{:]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `shape`/`hierarchy` evidence for the commit that changed the error class's declared base. */
export async function hierarchyEvidence(
  port: SuspectGitPort,
  from: string,
  to: string,
  message: string | null,
): Promise<Evidence[]> {
  const name = errorClassName(message);
  if (!name) return [];
  const diff = parseRangePatch(
    `\0deploy\n${await port.runImmutable(['diff', '-U0', '--no-renames', '--no-color', from, to])}`,
  )[0];
  const out: Evidence[] = [];
  for (const file of diff?.files ?? []) {
    for (const h of file.hunks) {
      const before = h.removed.map((l) => declaredBase(l, name)).find((b) => b !== null);
      const i = h.added.findIndex((l) => declaredBase(l, name) !== null);
      if (before === undefined || before === null || i < 0 || declaredBase(h.added[i], name) === before) continue;
      const line = h.newStart + i;
      const blame = await port.blameRange(from, to, file.path, [[line, line]]);
      const sha = blame.find((b) => !b.boundary && b.finalLine === line)?.sha;
      if (!sha) continue;
      out.push({
        sha,
        kind: 'shape',
        shape: 'hierarchy',
        frameDepth: 0,
        file: file.path,
        frameLine: 0,
        function: null,
        distance: 0,
        lines: 1,
        changedLine: line,
        tokens: [name],
      });
    }
  }
  return out;
}
