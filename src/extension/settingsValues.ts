/**
 * The `culprit.*` settings as plain values. package.json's `contributes.configuration` is the one
 * declaration of each setting: its default, bounds and choices are read from there, never copied.
 * No `vscode` import, so the unit tests check the normalizers against the manifest.
 */
import { contributes } from '../../package.json';
import type { PathMapping } from '../core/resolve';

type Declared = typeof contributes.configuration.properties;

/** A setting's key under `culprit.`, as package.json declares it (`sentry.url`, `timeout`, …). */
export type SettingKey = { [P in keyof Declared]: P extends `culprit.${infer K}` ? K : never }[keyof Declared];

interface Declaration {
  default: unknown;
  minimum?: number;
  maximum?: number;
  enum?: readonly string[];
}

/** What package.json declares for `key`. */
function declaration(key: SettingKey): Declaration {
  return (contributes.configuration.properties as Record<string, Declaration>)[`culprit.${key}`];
}

/** Reads one setting's raw value (VS Code's `WorkspaceConfiguration.get`, or a test's table). */
export type SettingReader = (key: SettingKey) => unknown;

type ProviderId = 'none' | 'sentry' | 'datadog' | 'bugsnag';

export interface CulpritConfig {
  provider: ProviderId;
  sentry: { url: string; org: string; projects: string[]; environment: string; query: string };
  datadog: { site: string; url: string; service: string; env: string; query: string };
  bugsnag: { url: string; project: string; stage: string };
  pathMappings: PathMapping[];
  deployTagPattern: string;
  /** Minutes; 0 turns polling off. */
  refreshIntervalMinutes: number;
  issueLimit: number;
  /** Seconds a refresh may take in all (list, events, git); 0: no deadline. */
  timeoutSeconds: number;
  decorationsEnabled: boolean;
  /** What the after-line text shows: the crashing line and its callers, only the crashing line, nothing. */
  inlineText: { show: 'all' | 'crashLine' | 'off'; maxLength: number };
  codeLensEnabled: boolean;
}

/** Settings a workspace folder may set for itself (`scope: resource`), read with that folder. */
export interface FolderConfig {
  pathMappings: PathMapping[];
  deployTagPattern: string;
}

/** Confirm by Bisect's settings for one folder: the reproduction is the repository's own. */
export interface VerifyConfig {
  /** `culprit.reproCommand`, with `{file}` / `{test}` placeholders; empty lets Culprit choose. */
  reproCommand: string;
  /** `culprit.serveCommand`: starts the app the regression test replays the request against. */
  serveCommand: string;
  /** `culprit.reproSetupCommand`: installs dependencies, rerun only when a lockfile changes. */
  setupCommand: string;
  /** `culprit.reproTimeout`: per-step timeout, seconds. */
  stepTimeoutSeconds: number;
}

/** Trimmed; the declared default when unset or not a string, and also when blank if `blankIsDefault`. */
function str(get: SettingReader, key: SettingKey, blankIsDefault = false): string {
  const v = get(key);
  const fallback = String(declaration(key).default);
  if (typeof v !== 'string') return fallback;
  return v.trim() === '' && blankIsDefault ? fallback : v.trim();
}

/** One of the declared choices, else the declared default. */
function choice<T extends string>(get: SettingReader, key: SettingKey): T {
  const v = get(key);
  const d = declaration(key);
  return (typeof v === 'string' && d.enum?.includes(v.trim()) ? v.trim() : d.default) as T;
}

/** Clamped to the declared bounds and rounded; the declared default when unset or not a number. */
function num(get: SettingReader, key: SettingKey): number {
  const v = get(key);
  const d = declaration(key);
  const n = typeof v === 'number' && Number.isFinite(v) ? v : Number(d.default);
  return Math.round(Math.min(d.maximum ?? Infinity, Math.max(d.minimum ?? -Infinity, n)));
}

function flag(get: SettingReader, key: SettingKey): boolean {
  const v = get(key);
  return typeof v === 'boolean' ? v : declaration(key).default === true;
}

function strings(get: SettingReader, key: SettingKey): string[] {
  const v = get(key);
  return Array.isArray(v)
    ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim())
    : [];
}

/** `{ "/app/dist": "." }` or `[{ "from": "/app", "to": "." }]`: both forms people write. */
function mappings(get: SettingReader): PathMapping[] {
  const v = get('pathMappings');
  const out: PathMapping[] = [];
  if (Array.isArray(v)) {
    for (const m of v) {
      const { from, to } = (m ?? {}) as { from?: unknown; to?: unknown };
      if (typeof from === 'string' && typeof to === 'string') out.push({ prod: from, local: to || '.' });
    }
  } else if (v && typeof v === 'object') {
    for (const [prod, local] of Object.entries(v))
      if (typeof local === 'string') out.push({ prod, local: local || '.' });
  }
  return out.filter((m) => m.prod !== '');
}

/** A snapshot of the settings; core and features receive plain values, never the API object. */
export function configFrom(get: SettingReader): CulpritConfig {
  return {
    provider: choice<ProviderId>(get, 'provider'),
    sentry: {
      url: str(get, 'sentry.url', true),
      org: str(get, 'sentry.org'),
      projects: strings(get, 'sentry.projects'),
      environment: str(get, 'sentry.environment'),
      query: str(get, 'sentry.query'),
    },
    datadog: {
      site: str(get, 'datadog.site', true),
      url: str(get, 'datadog.url'),
      service: str(get, 'datadog.service'),
      env: str(get, 'datadog.env'),
      query: str(get, 'datadog.query'),
    },
    bugsnag: {
      url: str(get, 'bugsnag.url', true),
      project: str(get, 'bugsnag.project'),
      stage: str(get, 'bugsnag.stage'),
    },
    ...folderConfigFrom(get),
    refreshIntervalMinutes: num(get, 'refreshInterval'),
    issueLimit: num(get, 'issueLimit'),
    timeoutSeconds: num(get, 'timeout'),
    decorationsEnabled: flag(get, 'decorations.enabled'),
    inlineText: { show: choice(get, 'inlineText.show'), maxLength: num(get, 'inlineText.maxLength') },
    codeLensEnabled: flag(get, 'codeLens.enabled'),
  };
}

export function folderConfigFrom(get: SettingReader): FolderConfig {
  return { pathMappings: mappings(get), deployTagPattern: str(get, 'deployTagPattern') };
}

export function verifyConfigFrom(get: SettingReader): VerifyConfig {
  return {
    reproCommand: str(get, 'reproCommand'),
    serveCommand: str(get, 'serveCommand'),
    setupCommand: str(get, 'reproSetupCommand'),
    stepTimeoutSeconds: num(get, 'reproTimeout'),
  };
}
