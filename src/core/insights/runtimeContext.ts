/**
 * The runtime, OS, device and app facts an event carries, for the panel: Sentry's `contexts`
 * (develop.sentry.dev/sdk/data-model/event-payloads/contexts: `runtime`, `os`, `device`, `app`;
 * the recorded REST events and SDK samples use these names, and a .NET event's `server-runtime`
 * says its kind in `type`) and Bugsnag's `device` / `app` (docs.bugsnag.com/api/error-reporting:
 * `freeMemory`, `totalMemory`, `runtimeVersions`, `duration`…; kept by bugsnagEvent.ts under
 * contexts). Values are untrusted: only known keys are shown, each formatted and bounded.
 */
import type { ErrorEvent } from '../model/event.types';
import type { RuntimeFactGroup } from './resourceContext.types';

type Format = 'text' | 'bytes' | 'ms' | 'since' | 'versions';

const GROUPS: Record<string, { title: string; fields: Array<[string, string, Format]> }> = {
  runtime: {
    title: 'Runtime',
    fields: [
      ['name', 'name', 'text'],
      ['version', 'version', 'text'],
      ['raw_description', 'description', 'text'],
    ],
  },
  os: {
    title: 'Operating system',
    fields: [
      ['name', 'name', 'text'],
      ['version', 'version', 'text'],
      ['kernel_version', 'kernel', 'text'],
      ['build', 'build', 'text'],
    ],
  },
  device: {
    title: 'Device',
    fields: [
      ['hostname', 'host', 'text'],
      ['osName', 'OS', 'text'],
      ['osVersion', 'OS version', 'text'],
      ['runtimeVersions', 'runtime', 'versions'],
      ['model', 'model', 'text'],
      ['arch', 'architecture', 'text'],
      ['processor_count', 'CPUs', 'text'],
      ['cpu_description', 'CPU', 'text'],
      ['memory_size', 'memory', 'bytes'],
      ['totalMemory', 'memory', 'bytes'],
      ['free_memory', 'free memory', 'bytes'],
      ['freeMemory', 'free memory', 'bytes'],
      ['usable_memory', 'usable memory', 'bytes'],
      ['low_memory', 'low memory', 'text'],
      ['storage_size', 'storage', 'bytes'],
      ['free_storage', 'free storage', 'bytes'],
      ['freeDisk', 'free disk', 'bytes'],
      ['boot_time', 'host up', 'since'],
    ],
  },
  app: {
    title: 'App',
    fields: [
      ['app_memory', 'process memory', 'bytes'],
      ['memoryUsage', 'memory used', 'bytes'],
      ['memoryLimit', 'memory limit', 'bytes'],
      ['free_memory', 'free memory', 'bytes'],
      ['lowMemory', 'low memory', 'text'],
      ['app_start_time', 'process up', 'since'],
      ['duration', 'process up', 'ms'],
      ['durationInForeground', 'in foreground', 'ms'],
    ],
  },
};
const ORDER = ['runtime', 'os', 'device', 'app'];
/** A free share at or below this is a note. */
const LOW_FREE = 0.1;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** `94.1 MiB`, `23.5 GiB`. */
export function bytesText(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

/** `42 s`, `12 min`, `5 h`, `3 d`. */
function durationText(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}

function format(v: unknown, how: Format, eventAt: number): string | null {
  switch (how) {
    case 'bytes': {
      const n = num(v);
      return n === null ? null : bytesText(n);
    }
    case 'ms': {
      const n = num(v);
      return n === null ? null : durationText(n);
    }
    case 'since': {
      const t = typeof v === 'string' ? Date.parse(v) : NaN;
      return Number.isFinite(t) && Number.isFinite(eventAt) && eventAt >= t ? durationText(eventAt - t) : null;
    }
    case 'versions': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
      const pairs = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => typeof x === 'string' || typeof x === 'number')
        .slice(0, 5)
        .map(([k, x]) => `${k.slice(0, 40)} ${String(x).slice(0, 40)}`);
      return pairs.length ? pairs.join(', ') : null;
    }
    case 'text':
      if (typeof v === 'string') return v.trim() === '' ? null : v.trim().slice(0, 300);
      return typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
  }
}

/** A low-free-memory note for a device or app context, when its numbers say so. */
function lowMemoryNote(group: string, c: Record<string, unknown>): string | null {
  const total = num(c.memory_size) ?? num(c.totalMemory);
  const free = num(c.free_memory) ?? num(c.freeMemory);
  if (group === 'device' && total && free !== null && free / total <= LOW_FREE)
    return `free memory ${Math.round((free / total) * 100)}% of the device's ${bytesText(total)} at the error`;
  const used = num(c.memoryUsage);
  const limit = num(c.memoryLimit);
  if (group === 'app' && used !== null && limit && used / limit >= 1 - LOW_FREE)
    return `app memory at ${Math.round((used / limit) * 100)}% of its limit at the error`;
  return null;
}

/** The fact groups (runtime, OS, device, app) and any low-memory note the event's contexts give. */
export function runtimeFacts(event: ErrorEvent): { groups: RuntimeFactGroup[]; notes: string[] } {
  const contexts = event.contexts && typeof event.contexts === 'object' ? event.contexts : {};
  const at = Date.parse(event.timestamp ?? '');
  const byGroup = new Map<string, RuntimeFactGroup>();
  const notes: string[] = [];
  for (const [key, raw] of Object.entries(contexts).slice(0, 50)) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const c = raw as Record<string, unknown>;
    // `server-runtime` (.NET) and friends say what they are in `type`.
    const group = key in GROUPS ? key : typeof c.type === 'string' && c.type in GROUPS ? c.type : null;
    if (!group || byGroup.has(group)) continue;
    const seen = new Set<string>();
    const rows: Array<[string, string]> = [];
    for (const [field, label, how] of GROUPS[group].fields) {
      const value = format(c[field], how, at);
      if (value === null || seen.has(label)) continue;
      seen.add(label);
      rows.push([label, value]);
    }
    if (rows.length === 0) continue;
    byGroup.set(group, { group, title: GROUPS[group].title, rows });
    const note = lowMemoryNote(group, c);
    if (note) notes.push(note);
  }
  return { groups: ORDER.flatMap((g) => byGroup.get(g) ?? []), notes };
}
