/**
 * The one place that reads and writes `culprit.*` settings. Each setting is declared once, in
 * package.json's `contributes.configuration` (default, bounds, choices); settingsValues.ts turns
 * what VS Code holds into plain values. To add a setting: declare it there, add its field in
 * settingsValues.ts, and react to it where `affects()` names it.
 */
import * as vscode from 'vscode';
import {
  configFrom,
  folderConfigFrom,
  verifyConfigFrom,
  type CulpritConfig,
  type FolderConfig,
  type SettingKey,
  type VerifyConfig,
} from './settingsValues';

export type { CulpritConfig } from './settingsValues';

const SECTION = 'culprit';

function reader(folder?: vscode.Uri): (key: SettingKey) => unknown {
  const c = vscode.workspace.getConfiguration(SECTION, folder);
  return (key) => c.get<unknown>(key);
}

/** A snapshot of the settings; core and features receive plain values, never the API object. */
export function readConfig(): CulpritConfig {
  return configFrom(reader());
}

/** The resource-scoped settings of one folder (a multi-root workspace maps each service its own way). */
export function readFolderConfig(folder: vscode.Uri | undefined): FolderConfig {
  return folderConfigFrom(reader(folder));
}

export function readVerifyConfig(folder: vscode.Uri | undefined): VerifyConfig {
  return verifyConfigFrom(reader(folder));
}

/**
 * Every settings write. The target is the caller's choice, always stated: a workspace write creates
 * `.vscode/settings.json` in the repository, which callers must ask about first.
 */
export async function updateSetting(
  key: SettingKey,
  value: unknown,
  target: vscode.ConfigurationTarget,
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
