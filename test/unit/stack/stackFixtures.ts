import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import type { ExceptionRecord, RawFrame } from '../../../src/core/model/event.types';
import type { ParsedStack } from '../../../src/core/stack/stack.types';
import { parseStackText } from '../../../src/core/stack/parseStackText';

/** Absolute directory the crash programs ran from (scripts/fixtures/crashes/generate.sh). */
export const APP = '/tmp/culprit-crashes/app';

/** Reads test/fixtures/stacks/<name>.txt, produced by real runtimes. */
export function stackFixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '../../fixtures/stacks', `${name}.txt`), 'utf8');
}

/** Parses a fixture and asserts a trace was found. */
export function parseFixture(name: string): ParsedStack {
  const parsed = parseStackText(stackFixture(name));
  assert.ok(parsed, `${name}: a stack trace was found`);
  return parsed;
}

/** [type, value] of each exception, root cause first. */
export function chainOf(p: ParsedStack): Array<[string | null, string | null]> {
  return p.exceptions.map((e: ExceptionRecord) => [e.type, e.value]);
}

/** The compact [path, module, function, line, column] of a frame. */
export function where(
  f: RawFrame | undefined,
): [string | null, string | null, string | null, number | null, number | null] {
  assert.ok(f, 'frame exists');
  return [f.path, f.module, f.function, f.line, f.column];
}
