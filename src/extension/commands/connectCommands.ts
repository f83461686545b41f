/** Connect/disconnect Sentry and Datadog: settings for where, SecretStorage for the credentials. */
import * as vscode from 'vscode';
import { readConfig, updateSetting } from '../settings';
import type { Secrets } from '../secrets';
import { DATADOG_SITES } from '../../core/providers/datadog/datadogSites';

function validUrl(v: string): string | undefined {
  try {
    const u = new URL(v.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? undefined : 'Use an http(s) URL';
  } catch {
    return 'Enter a URL like https://sentry.io';
  }
}

const required = (what: string) => (v: string) => (v.trim() ? undefined : `${what} is required`);

export async function connectSentry(secrets: Secrets): Promise<boolean> {
  const config = readConfig();
  const title = 'Connect Sentry';
  const url = await vscode.window.showInputBox({
    title: `${title} (1/4)`,
    prompt: 'Sentry URL (sentry.io or your self-hosted instance)',
    value: config.sentry.url,
    ignoreFocusOut: true,
    validateInput: validUrl,
  });
  if (url === undefined) return false;
  const org = await vscode.window.showInputBox({
    title: `${title} (2/4)`,
    prompt: 'Organization slug',
    value: config.sentry.org,
    placeHolder: 'acme',
    ignoreFocusOut: true,
    validateInput: required('The organization slug'),
  });
  if (org === undefined) return false;
  const token = await vscode.window.showInputBox({
    title: `${title} (3/4)`,
    prompt:
      'Auth token with org:read, project:read, event:read and project:releases (event:write to resolve and assign). Stored in your OS keychain, never in settings.',
    password: true,
    ignoreFocusOut: true,
    validateInput: required('The token'),
  });
  if (token === undefined) return false;
  const projects = await vscode.window.showInputBox({
    title: `${title} (4/4)`,
    prompt: 'Project slugs, comma-separated (empty for every project the token can see)',
    value: config.sentry.projects.join(', '),
    ignoreFocusOut: true,
  });
  if (projects === undefined) return false;
  await secrets.storeSentry({ token: token.trim() });
  await updateSetting('sentry.url', url.trim());
  await updateSetting('sentry.org', org.trim());
  await updateSetting(
    'sentry.projects',
    projects
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );
  await updateSetting('provider', 'sentry');
  return true;
}

export async function connectDatadog(secrets: Secrets): Promise<boolean> {
  const config = readConfig();
  const title = 'Connect Datadog';
  const site = await vscode.window.showQuickPick(
    DATADOG_SITES.map((s) => ({ label: s, picked: s === config.datadog.site })),
    { title: `${title} (1/5)`, placeHolder: 'Your Datadog site (the host you log in to)', ignoreFocusOut: true },
  );
  if (!site) return false;
  const service = await vscode.window.showInputBox({
    title: `${title} (2/5)`,
    prompt: 'Service name (the service: tag)',
    value: config.datadog.service,
    ignoreFocusOut: true,
    validateInput: required('The service'),
  });
  if (service === undefined) return false;
  const env = await vscode.window.showInputBox({
    title: `${title} (3/5)`,
    prompt: 'Environment (the env: tag; empty for all)',
    value: config.datadog.env,
    ignoreFocusOut: true,
  });
  if (env === undefined) return false;
  const apiKey = await vscode.window.showInputBox({
    title: `${title} (4/5)`,
    prompt: 'API key. Stored in your OS keychain, never in settings.',
    password: true,
    ignoreFocusOut: true,
    validateInput: required('The API key'),
  });
  if (apiKey === undefined) return false;
  const appKey = await vscode.window.showInputBox({
    title: `${title} (5/5)`,
    prompt: 'Application key with error_tracking_read and apm_read',
    password: true,
    ignoreFocusOut: true,
    validateInput: required('The application key'),
  });
  if (appKey === undefined) return false;
  await secrets.storeDatadog({ apiKey: apiKey.trim(), appKey: appKey.trim() });
  await updateSetting('datadog.site', site.label);
  await updateSetting('datadog.service', service.trim());
  await updateSetting('datadog.env', env.trim());
  await updateSetting('provider', 'datadog');
  return true;
}

export async function connectBugsnag(secrets: Secrets): Promise<boolean> {
  const config = readConfig();
  const title = 'Connect Bugsnag';
  const url = await vscode.window.showInputBox({
    title: `${title} (1/4)`,
    prompt: 'Bugsnag Data Access API URL (api.bugsnag.com or your on-premise API)',
    value: config.bugsnag.url,
    ignoreFocusOut: true,
    validateInput: validUrl,
  });
  if (url === undefined) return false;
  const project = await vscode.window.showInputBox({
    title: `${title} (2/4)`,
    prompt: 'Project ID (24 hex digits, from the project settings) or its name',
    value: config.bugsnag.project,
    ignoreFocusOut: true,
    validateInput: required('The project'),
  });
  if (project === undefined) return false;
  const stage = await vscode.window.showInputBox({
    title: `${title} (3/4)`,
    prompt: 'Release stage (empty for all)',
    value: config.bugsnag.stage,
    ignoreFocusOut: true,
  });
  if (stage === undefined) return false;
  const token = await vscode.window.showInputBox({
    title: `${title} (4/4)`,
    prompt:
      'Personal auth token (Bugsnag → My account → Personal auth tokens). Stored in your OS keychain, never in settings.',
    password: true,
    ignoreFocusOut: true,
    validateInput: required('The token'),
  });
  if (token === undefined) return false;
  await secrets.storeBugsnag({ token: token.trim() });
  await updateSetting('bugsnag.url', url.trim());
  await updateSetting('bugsnag.project', project.trim());
  await updateSetting('bugsnag.stage', stage.trim());
  await updateSetting('provider', 'bugsnag');
  return true;
}

const NAMES = { sentry: 'Sentry', datadog: 'Datadog', bugsnag: 'Bugsnag' } as const;

export async function disconnect(secrets: Secrets, provider: 'sentry' | 'datadog' | 'bugsnag'): Promise<void> {
  if (provider === 'sentry') await secrets.deleteSentry();
  else if (provider === 'datadog') await secrets.deleteDatadog();
  else await secrets.deleteBugsnag();
  if (readConfig().provider === provider) await updateSetting('provider', 'none');
  void vscode.window.showInformationMessage(
    `Culprit: ${NAMES[provider]} disconnected and its credentials removed from the keychain.`,
  );
}
