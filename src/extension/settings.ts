/**
 * The one place that reads `culprit.*` settings. `CulpritConfig` mirrors package.json's
 * `contributes.configuration`; to add a setting: declare it there, add the field and its
 * normalizer here, and react to it where `affects()` names it.
 */
import * as vscode from 'vscode';
import type { PathMapping } from '../core/resolve';

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

const SECTION = 'culprit';

function str(c: vscode.WorkspaceConfiguration, key: string, fallback: string): string {
  const v = c.get<unknown>(key);
  return typeof v === 'string' ? v.trim() : fallback;
}

function num(c: vscode.WorkspaceConfiguration, key: string, fallback: number, min: number, max: number): number {
  const v = c.get<unknown>(key);
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

function strings(c: vscode.WorkspaceConfiguration, key: string): string[] {
  const v = c.get<unknown>(key);
  return Array.isArray(v)
    ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim())
    : [];
}

/** `{ "/app/dist": "." }` or `[{ "from": "/app", "to": "." }]`: both forms people write. */
function mappings(c: vscode.WorkspaceConfiguration): PathMapping[] {
  const v = c.get<unknown>('pathMappings');
  const out: PathMapping[] = [];
  if (Array.isArray(v)) {
    for (const m of v) {
      if (
        m &&
        typeof m === 'object' &&
        typeof (m as { from?: unknown }).from === 'string' &&
        typeof (m as { to?: unknown }).to === 'string'
      ) {
        out.push({ prod: (m as { from: string }).from, local: (m as { to: string }).to || '.' });
      }
    }
  } else if (v && typeof v === 'object') {
    for (const [prod, local] of Object.entries(v))
      if (typeof local === 'string') out.push({ prod, local: local || '.' });
  }
  return out.filter((m) => m.prod !== '');
}

/** A snapshot of the settings; core and features receive plain values, never the API object. */
export function readConfig(): CulpritConfig {
  const c = vscode.workspace.getConfiguration(SECTION);
  const provider = str(c, 'provider', 'none');
  return {
    provider: provider === 'sentry' || provider === 'datadog' || provider === 'bugsnag' ? provider : 'none',
    sentry: {
      url: str(c, 'sentry.url', 'https://sentry.io') || 'https://sentry.io',
      org: str(c, 'sentry.org', ''),
      projects: strings(c, 'sentry.projects'),
      environment: str(c, 'sentry.environment', 'production'),
      query: str(c, 'sentry.query', ''),
    },
    datadog: {
      site: str(c, 'datadog.site', 'datadoghq.com') || 'datadoghq.com',
      url: str(c, 'datadog.url', ''),
      service: str(c, 'datadog.service', ''),
      env: str(c, 'datadog.env', 'production'),
      query: str(c, 'datadog.query', ''),
    },
    bugsnag: {
      url: str(c, 'bugsnag.url', 'https://api.bugsnag.com') || 'https://api.bugsnag.com',
      project: str(c, 'bugsnag.project', ''),
      stage: str(c, 'bugsnag.stage', 'production'),
    },
    pathMappings: mappings(c),
    deployTagPattern: str(c, 'deployTagPattern', ''),
    refreshIntervalMinutes: num(c, 'refreshInterval', 5, 0, 1440),
    issueLimit: num(c, 'issueLimit', 20, 1, 200),
    timeoutSeconds: Math.round(num(c, 'timeout', 120, 0, 3600)),
    decorationsEnabled: c.get<unknown>('decorations.enabled') !== false,
    inlineText: {
      show: ((v) => (v === 'crashLine' || v === 'off' ? v : 'all'))(c.get<unknown>('inlineText.show')),
      maxLength: Math.round(num(c, 'inlineText.maxLength', 120, 30, 500)),
    },
    codeLensEnabled: c.get<unknown>('codeLens.enabled') !== false,
  };
}

/** The resource-scoped settings of one folder (a multi-root workspace maps each service its own way). */
export function readFolderConfig(folder: vscode.Uri | undefined): FolderConfig {
  const c = vscode.workspace.getConfiguration(SECTION, folder);
  return { pathMappings: mappings(c), deployTagPattern: str(c, 'deployTagPattern', '') };
}

/** Confirm by Bisect's settings for one folder: the reproduction is the repository's own. */
export interface VerifyConfig {
  /** `culprit.reproCommand`, with `{file}` / `{test}` placeholders; empty lets Culprit choose. */
  reproCommand: string;
  /** `culprit.reproSetupCommand`: installs dependencies, rerun only when a lockfile changes. */
  setupCommand: string;
  /** `culprit.reproTimeout`: per-step timeout, seconds. */
  stepTimeoutSeconds: number;
}

export function readVerifyConfig(folder: vscode.Uri | undefined): VerifyConfig {
  const c = vscode.workspace.getConfiguration(SECTION, folder);
  return {
    reproCommand: str(c, 'reproCommand', ''),
    setupCommand: str(c, 'reproSetupCommand', ''),
    stepTimeoutSeconds: Math.round(num(c, 'reproTimeout', 120, 5, 3600)),
  };
}

/**
 * Writes one setting to the user settings by default: a workspace write creates
 * `.vscode/settings.json` in the repository, which callers must ask about first.
 */
export async function updateSetting(
  key: string,
  value: unknown,
  target: vscode.ConfigurationTarget = vscode.ConfigurationTarget.Global,
  folder?: vscode.Uri,
): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION, folder).update(key, value, target);
}

/** Which parts of the extension a configuration change touches. */
export function affects(e: vscode.ConfigurationChangeEvent): {
  source: boolean;
  triage: boolean;
  decorations: boolean;
  polling: boolean;
} {
  const a = (k: string) => e.affectsConfiguration(`${SECTION}.${k}`);
  return {
    source: a('provider') || a('sentry') || a('datadog') || a('bugsnag') || a('issueLimit'),
    triage: a('pathMappings') || a('deployTagPattern'),
    decorations: a('decorations') || a('inlineText') || a('codeLens'),
    polling: a('refreshInterval'),
  };
}
