/**
 * Small total functions for reading untrusted JSON: each returns a typed value or a neutral
 * default, never throws, and bounds what it keeps (string length, depth, item counts).
 * Shared by the Sentry, Datadog and file decoders.
 */

/** Longest string kept for messages, paths, header values… (longer ones are cut with `…`). */
export const MAX_STRING = 8_192;
/** Longest string kept inside captured values (vars, request bodies, breadcrumb data). */
export const MAX_VALUE_STRING = 1_024;
/** Most frames kept per exception (the crashing end is kept). */
export const MAX_FRAMES = 500;
/** Most exceptions kept per chain (the outermost end is kept). */
export const MAX_EXCEPTIONS = 20;
/** Most breadcrumbs kept (the latest are kept). */
export const MAX_BREADCRUMBS = 100;
/** Most header pairs / tags kept. */
const MAX_PAIRS = 200;

export type JsonRecord = Record<string, unknown>;

/** A plain object, or null for arrays, primitives and null. */
export function asRecord(v: unknown): JsonRecord | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonRecord) : null;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Cuts a string to `max` characters, marking the cut. */
export function clampString(s: string, max = MAX_STRING): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A string (numbers and booleans are stringified, as 64-bit ids and status codes often are), else null. */
export function asString(v: unknown, max = MAX_STRING): string | null {
  if (typeof v === 'string') return clampString(v, max);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return null;
}

/** A non-empty string, else null. */
export function asNonEmptyString(v: unknown, max = MAX_STRING): string | null {
  const s = asString(v, max);
  return s === null || s.trim() === '' ? null : s;
}

/** A non-negative integer from a number or a short numeric string, else null. */
export function asInt(v: unknown): number | null {
  let n: number | null = null;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.length <= 16 && /^\s*\d+\s*$/.test(v)) n = Number(v);
  return n !== null && Number.isFinite(n) && n >= 0 ? Math.trunc(n) : null;
}

/** Largest line or column number accepted: a 32-bit signed int (no real file has more lines). */
const MAX_POSITION = 2_147_483_647;

/**
 * A 1-based line or column number, else null: 0, fractions, negatives, `1e+23`, `1e+308` and
 * anything past MAX_POSITION are not positions (they would reach the JSON contract and git `-L`).
 */
export function asPosition(v: unknown): number | null {
  let n: number | null = null;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.length <= 10 && /^\s*\d+\s*$/.test(v)) n = Number(v);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= MAX_POSITION ? n : null;
}

/** A position that came from anywhere (a source map, a drift computation), or null when impossible. */
export function positionOrNull(n: number | null | undefined): number | null {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_POSITION ? n : null;
}

export function asBool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

/** Lines of source text (arrays of strings); other items are dropped. */
export function asLines(v: unknown, maxLines = 50): string[] {
  const out: string[] = [];
  for (const item of asArray(v)) {
    if (out.length >= maxLines) break;
    const s = asString(item, MAX_VALUE_STRING);
    if (s !== null) out.push(s);
  }
  return out;
}

/**
 * Timestamps as ISO 8601: epoch seconds (Sentry), epoch milliseconds (Datadog logs), epoch
 * nanoseconds (tracer spans, as a number or digit string) or a date string. Else null.
 */
export function asIsoTimestamp(v: unknown): string | null {
  let ms: number | null = null;
  if (typeof v === 'number' && Number.isFinite(v)) {
    const abs = Math.abs(v);
    ms = abs >= 1e17 ? v / 1e6 : abs >= 1e11 ? v : v * 1000;
  } else if (typeof v === 'string' && v.length <= 64) {
    if (/^\d{16,25}$/.test(v)) ms = Number(v.slice(0, v.length - 6));
    else if (/^\d+(\.\d+)?$/.test(v)) return asIsoTimestamp(Number(v));
    else ms = Date.parse(v);
  }
  if (ms === null || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

interface CloneBudget {
  nodes: number;
}

/**
 * A bounded JSON-safe copy of an arbitrary value (for vars, request bodies, contexts): strings cut
 * to MAX_VALUE_STRING, at most `maxDepth` levels, 50 keys/items per level and ~2,000 nodes overall.
 */
export function clampValue(v: unknown, maxDepth = 5): unknown {
  return cloneBounded(v, maxDepth, { nodes: 2_000 });
}

function cloneBounded(v: unknown, depth: number, budget: CloneBudget): unknown {
  budget.nodes--;
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string') return clampString(v, MAX_VALUE_STRING);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v !== 'object') return null;
  if (depth <= 0 || budget.nodes <= 0) return Array.isArray(v) ? '[…]' : '{…}';
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (let i = 0; i < v.length && i < 50 && budget.nodes > 0; i++) out.push(cloneBounded(v[i], depth - 1, budget));
    if (v.length > out.length) out.push(`… ${v.length - out.length} more`);
    return out;
  }
  const out: JsonRecord = {};
  let kept = 0;
  for (const key in v) {
    // `__proto__` from JSON.parse is an own key; assigning it would re-prototype the copy.
    if (!Object.prototype.hasOwnProperty.call(v, key) || key === '__proto__') continue;
    if (kept >= 50 || budget.nodes <= 0) {
      out['…'] = 'more keys omitted';
      break;
    }
    out[clampString(key, 256)] = cloneBounded((v as JsonRecord)[key], depth - 1, budget);
    kept++;
  }
  return out;
}

/** A bounded record copy, or null when `v` is not an object. */
export function asClampedRecord(v: unknown, maxDepth = 5): JsonRecord | null {
  const r = asRecord(v);
  return r ? (clampValue(r, maxDepth) as JsonRecord) : null;
}

/** Header pairs from an object (`{name: value}`) or a list of `[name, value]` pairs. */
export function asHeaderPairs(v: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const push = (k: unknown, val: unknown): void => {
    const key = asNonEmptyString(k, 256);
    const value = asString(val);
    if (key !== null && value !== null && out.length < MAX_PAIRS) out.push([key, value]);
  };
  if (Array.isArray(v)) {
    for (const pair of v) {
      if (out.length >= MAX_PAIRS) break;
      if (Array.isArray(pair)) push(pair[0], pair[1]);
    }
  } else {
    const r = asRecord(v);
    if (r) for (const k of Object.keys(r).slice(0, MAX_PAIRS)) push(k, r[k]);
  }
  return out;
}

/**
 * Tags from any common shape: an object, `[key, value]` pairs, `{key, value}` items (Sentry
 * REST) or `key:value` strings (Datadog). Later duplicates win.
 */
export function asTagRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  const put = (k: unknown, val: unknown): void => {
    const key = asNonEmptyString(k, 256);
    const value = asString(val, MAX_VALUE_STRING);
    if (key !== null && value !== null && n < MAX_PAIRS && key !== '__proto__') {
      if (!(key in out)) n++;
      out[key] = value;
    }
  };
  if (Array.isArray(v)) {
    for (const item of v.slice(0, MAX_PAIRS * 4)) {
      if (Array.isArray(item)) put(item[0], item[1]);
      else if (typeof item === 'string') {
        const i = item.indexOf(':');
        if (i > 0) put(item.slice(0, i), item.slice(i + 1));
      } else {
        const r = asRecord(item);
        if (r) put(r.key, r.value);
      }
    }
  } else {
    const r = asRecord(v);
    if (r) for (const k of Object.keys(r).slice(0, MAX_PAIRS * 4)) put(k, r[k]);
  }
  return out;
}

/**
 * Reads a dotted attribute from Datadog-style data where `a.b.c` may be nested objects, a flat
 * key, or a mix (`{"a": {"b.c": 1}}`). Bounded by the number of dots.
 */
export function getDotted(root: unknown, dotted: string): unknown {
  const r = asRecord(root);
  if (!r) return undefined;
  if (Object.prototype.hasOwnProperty.call(r, dotted)) return r[dotted];
  const parts = dotted.split('.');
  for (let i = 1; i < parts.length; i++) {
    const head = parts.slice(0, i).join('.');
    if (Object.prototype.hasOwnProperty.call(r, head)) {
      const found = getDotted(r[head], parts.slice(i).join('.'));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
