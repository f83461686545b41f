/**
 * The crash of a Sentry exception list (oldest cause first, the exception finally raised last),
 * as the SDKs send it. Most SDKs send a plain chain: the root cause is the crash, except on Python,
 * where an exception raised while handling another is the crash when its line is not a `raise`
 * (see pythonChain). sentry-python sends `mechanism.source` only inside an exception group; there
 * `exception_id`s follow its depth-first walk (an exception, then its `__cause__`/`__context__`
 * chain, then the group's children `exceptions[i]`), and a `__cause__`/`__context__` entry is the
 * cause of the entry whose id is one less: sentry-python 2.68 sends such entries `parent_id` 0
 * whatever their parent, measured on its real events (test/fixtures/events/sentry-python-group.json).
 * A group's crash is in its first child's chain (the group itself only gathered the failures).
 */
import type { ExceptionRecord } from '../../model/event.types';
import { asNonEmptyString, type JsonRecord } from '../../decode/valueDecoder';
import { pythonCrashIndex, type PythonLink } from '../../stack/pythonChain';

/** One decoded exception with the mechanism it was sent with. */
export interface SentChainEntry {
  record: ExceptionRecord;
  mechanism: JsonRecord | null;
}

const LINK_SOURCES: Record<string, PythonLink> = { __cause__: 'cause', __context__: 'context' };

function idOf(m: JsonRecord | null): number | null {
  const v = m?.exception_id;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

function childIndex(m: JsonRecord | null): number | null {
  const source = asNonEmptyString(m?.source, 64);
  const match = source ? /^exceptions\[(\d{1,6})\]$/.exec(source) : null;
  return match ? Number(match[1]) : null;
}

/**
 * The chain (root cause first) that ends at `top`, following `__cause__`/`__context__` entries
 * by id, with the links between them.
 */
function chainEndingAt(
  entries: readonly SentChainEntry[],
  top: SentChainEntry,
): { chain: SentChainEntry[]; links: PythonLink[] } {
  const byId = new Map<number, SentChainEntry>();
  for (const e of entries) {
    const id = idOf(e.mechanism);
    if (id !== null && !byId.has(id)) byId.set(id, e);
  }
  const chain = [top];
  const links: PythonLink[] = [];
  for (let cur = top; chain.length <= entries.length;) {
    const id = idOf(cur.mechanism);
    const cause = id === null ? undefined : byId.get(id + 1);
    const link = cause ? LINK_SOURCES[asNonEmptyString(cause.mechanism?.source, 64) ?? ''] : undefined;
    if (!cause || !link) break;
    chain.unshift(cause);
    links.unshift(link);
    cur = cause;
  }
  return { chain, links };
}

/** Inside an exception group: the first child, descending through nested groups; null without ids. */
function firstLeafChild(entries: readonly SentChainEntry[], group: SentChainEntry): SentChainEntry | null {
  let cur = group;
  for (let depth = 0; depth < entries.length && cur.mechanism?.is_exception_group === true; depth++) {
    const parent = idOf(cur.mechanism);
    if (parent === null) return null;
    const children = entries
      .filter((e) => e.mechanism?.parent_id === parent && childIndex(e.mechanism) !== null)
      .sort((a, b) => (childIndex(a.mechanism) as number) - (childIndex(b.mechanism) as number));
    if (children.length === 0) return cur === group ? null : cur;
    cur = children[0];
  }
  return cur === group ? null : cur;
}

/**
 * Marks the crashing exception (`crashing`) when it is not the list's first (its root cause), and
 * returns the records in the list's order.
 */
export function markSentCrash(entries: readonly SentChainEntry[], platform: string | null): ExceptionRecord[] {
  const records = entries.map((e) => e.record);
  const python = platform?.toLowerCase() === 'python';
  const outer = entries[entries.length - 1];
  const leaf = outer ? firstLeafChild(entries, outer) : null;
  if (leaf) {
    const { chain, links } = chainEndingAt(entries, leaf);
    const crash =
      chain[
        python
          ? pythonCrashIndex(
              chain.map((e) => e.record),
              links,
            )
          : 0
      ];
    if (crash !== entries[0]) crash.record.crashing = true;
    return records;
  }
  if (python) {
    const crash = pythonCrashIndex(records, new Array<PythonLink>(Math.max(0, records.length - 1)).fill('unknown'));
    if (crash > 0) records[crash].crashing = true;
  }
  return records;
}
