/**
 * The providers' official recorded exchanges (`<api-specs>/recorded/<provider>/*.json`: Bugsnag's
 * Ruby-client VCR cassettes, Datadog's TypeScript-client Polly recordings, Sentry's CLI/MCP
 * fixtures and spec examples; see that folder's README for what each kind is worth). Stand-ins
 * build every answer from one of these bodies (ids, counts, timestamps and the captured stack
 * changed), and the contract test checks Culprit's requests and reads against them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { API_SPECS_DIR } from './specValidator';
import { FIXTURES_DIR } from './fixturesDir';

export type RecordedProvider = 'sentry' | 'datadog' | 'bugsnag';

export interface RecordedExchange {
  file: string;
  kind: string;
  operation: string;
  method: string;
  pathTemplate: string;
  status: number | null;
  query: Record<string, unknown>;
  requestBody: unknown;
  headers: Record<string, string>;
  body: unknown;
}

interface RecordedFile {
  kind?: string;
  operation?: string;
  path_template?: string;
  request?: { method?: string; query?: Record<string, unknown>; body?: unknown };
  response?: { status?: number; headers?: Record<string, string>; body?: unknown };
}

/** Recorded bodies are arbitrary JSON that tests edit in place; callers name the shape they need. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

export const RECORDED_DIR = path.join(API_SPECS_DIR, 'recorded');
/**
 * Official recordings this repository added in the same format, for endpoints the shared folder
 * lacks (Datadog's metrics query); test/fixtures/<provider>/recorded/README.md names each source.
 */
const LOCAL_RECORDED_DIR = FIXTURES_DIR;
const cache = new Map<RecordedProvider, RecordedExchange[]>();

/** Every recorded exchange of a provider (SDK samples, which have no request, are left out). */
export function recordedExchanges(provider: RecordedProvider): RecordedExchange[] {
  let list = cache.get(provider);
  if (!list) {
    const dirs = [path.join(RECORDED_DIR, provider), path.join(LOCAL_RECORDED_DIR, provider, 'recorded')];
    const files = dirs.flatMap((dir) =>
      fs.existsSync(dir) ? fs.readdirSync(dir).map((file) => [dir, file] as const) : [],
    );
    list = [];
    for (const [dir, file] of files.sort((a, b) => a[1].localeCompare(b[1]))) {
      if (!file.endsWith('.json')) continue;
      const raw = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as RecordedFile;
      if (!raw.path_template || !raw.request) continue;
      list.push({
        file: file.replace(/\.json$/, ''),
        kind: String(raw.kind),
        operation: String(raw.operation),
        method: String(raw.request.method ?? 'GET').toUpperCase(),
        pathTemplate: String(raw.path_template),
        status: typeof raw.response?.status === 'number' ? raw.response.status : null,
        query: raw.request.query ?? {},
        requestBody: raw.request.body,
        headers: Object.fromEntries(Object.entries(raw.response?.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
        body: raw.response?.body,
      });
    }
    cache.set(provider, list);
  }
  return list;
}

/** A deep copy of one recorded response body, by file name (without `.json`). */
export function recordedBody<T = AnyJson>(provider: RecordedProvider, file: string): T {
  const hit = recordedExchanges(provider).find((x) => x.file === file);
  if (!hit) throw new Error(`no recorded ${provider} exchange ${file}`);
  return structuredClone(hit.body) as T;
}

/** Whether a concrete path fits a `{param}` template (a parameter is one non-empty segment). */
function pathFitsTemplate(concrete: string, template: string): boolean {
  const re = new RegExp(
    '^' +
      template
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+') +
      '$',
  );
  return re.test(concrete);
}

/** The recorded exchanges whose method and path template fit a request. */
export function recordedFor(provider: RecordedProvider, method: string, concretePath: string): RecordedExchange[] {
  return recordedExchanges(provider).filter(
    (x) => x.method === method.toUpperCase() && pathFitsTemplate(concretePath, x.pathTemplate),
  );
}

/**
 * Key paths of a JSON value: `a.b`, `a[].c` (array items merged), leaves included. Below a parent
 * that `fold` names (free-form data: tags, variables, custom attributes, code context) only
 * `parent.*` is recorded.
 */
function keyPaths(value: unknown, fold: (parent: string) => boolean = () => false, prefix = ''): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, at: string): void => {
    if (at && fold(at)) {
      if (v && typeof v === 'object' && Object.keys(v).length > 0) out.add(`${at}.*`);
      return;
    }
    if (Array.isArray(v)) {
      for (const item of v) walk(item, `${at}[]`);
      return;
    }
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const p = at ? `${at}.${k}` : k;
        out.add(p);
        walk(child, p);
      }
    }
  };
  walk(value, prefix);
  return out;
}

/** Key paths present in `served` but in none of the recorded bodies (after `fold`), minus the allowed ones. */
export function unrecordedKeys(
  served: unknown,
  recorded: unknown[],
  allowed: (keyPath: string) => boolean,
  fold?: (parent: string) => boolean,
): string[] {
  const known = new Set<string>();
  for (const body of recorded) for (const k of keyPaths(body, fold)) known.add(k);
  return [...keyPaths(served, fold)].filter((k) => !known.has(k) && !allowed(k));
}
