/**
 * Evidence from the key a lookup did not find (`KeyError: 'en'`): a commit in the deploy range
 * that wrote that exact string literal into production code put the missing key into the data,
 * wherever it did so (a constant, a default, a column name). Likewise for any other literal the
 * message quotes (`does not match format '%Y-%m-%dT%H:%M%z'`): the commit that wrote it chose
 * the value the failing operation was given.
 */
import { isTestPath } from './pathKinds';
import type { Evidence } from './evidence.types';
import { RANGE_PATCH_FORMAT, parseRangePatch } from './rangePatch';
import type { SuspectGitPort } from './suspectPort.types';
import { escapeRegExp } from '../util/escapeRegExp';
import { WINDOWS } from './searchWindows';

const MAX_KEYS = WINDOWS['literal.keys'];
/** A quoted literal longer than this is text, not a key. */
const MAX_KEY_LENGTH = WINDOWS['literal.maxLength'];

function count(lines: string[], literal: RegExp): number {
  return lines.reduce((n, l) => n + (l.match(literal)?.length ?? 0), 0);
}

/**
 * `literal` evidence for each missing key (or quoted `literals`) some commit in `range` added more often than it
 * removed.
 */
export async function collectLiteralEvidence(
  port: SuspectGitPort,
  range: string,
  missing: string[],
  literals: string[] = [],
): Promise<Evidence[]> {
  const missingSet = new Set(missing);
  const keys = [...new Set([...missing, ...literals])]
    .filter((k) => k.length > 0 && k.length <= MAX_KEY_LENGTH && !/["'`\n]/.test(k))
    .slice(0, MAX_KEYS);
  if (keys.length === 0) return [];
  const pattern = `(["'\`])(${keys.map(escapeRegExp).join('|')})(["'\`])`;
  const patches = parseRangePatch(
    await port.runImmutable([
      'log',
      '-p',
      '-U0',
      '--no-renames',
      '--no-color',
      '-E',
      `-G${pattern}`,
      RANGE_PATCH_FORMAT,
      range,
    ]),
  );
  const out: Evidence[] = [];
  for (const c of patches) {
    for (const file of c.files) {
      if (isTestPath(file.path)) continue;
      for (const key of keys) {
        const literal = new RegExp(`(["'\`])${escapeRegExp(key)}\\1`, 'g');
        const added = count(
          file.hunks.flatMap((h) => h.added),
          literal,
        );
        const removed = count(
          file.hunks.flatMap((h) => h.removed),
          literal,
        );
        if (added <= removed) continue;
        const first = file.hunks.find((h) => h.added.some((l) => l.match(literal)));
        const e: Evidence = {
          sha: c.sha,
          kind: 'literal',
          frameDepth: 0,
          file: file.path,
          frameLine: 0,
          function: null,
          distance: Infinity,
          lines: added - removed,
          changedLine: first?.newStart,
          tokens: [key],
        };
        if (!missingSet.has(key)) e.quoted = true;
        out.push(e);
      }
    }
  }
  return out;
}
