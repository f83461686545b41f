/** Time windows: Error Tracking wants epoch ms, span/log search also takes `now-15m` strings. */
import { CulpritError } from '../../errors';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Epoch ms for `now`, `now-24h` (units s/m/h/d/w), epoch milliseconds or an ISO date.
 * Throws `invalid-input` naming the option for anything else.
 */
function parseDatadogTime(value: string, now: number, option: string): number {
  const v = value.trim();
  const rel = /^now(?:\s*-\s*(\d{1,9})\s*([smhdw]))?$/i.exec(v);
  if (rel) return rel[1] === undefined ? now : now - Number(rel[1]) * UNIT_MS[rel[2].toLowerCase()];
  if (/^\d{1,16}$/.test(v)) return Number(v);
  if (v.length <= 64) {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  throw new CulpritError(
    'invalid-input',
    `${option} "${v.slice(0, 64)}" is not a time: use now, now-24h, now-15m, an ISO date or epoch milliseconds`,
  );
}

/** The window as epoch ms; `from` must be before `to`. */
export function datadogWindow(from: string, to: string, now: number = Date.now()): { from: number; to: number } {
  const f = parseDatadogTime(from, now, '--from');
  const t = parseDatadogTime(to, now, '--to');
  if (f >= t)
    throw new CulpritError('invalid-input', `the time window is empty: --from ${from} is not before --to ${to}`);
  return { from: f, to: t };
}
