/**
 * Connect/disconnect Sentry, Datadog and Bugsnag: the credentials are checked against the API
 * before anything is saved; settings go to the user settings (never silently into the
 * repository's .vscode/settings.json), credentials to SecretStorage.
 */
import * as vscode from 'vscode';
import { readConfig, updateSetting, type CulpritConfig } from '../settings';
import type { Secrets } from '../secrets';
import { DATADOG_SITES } from '../../core/providers';
import { providerFor, type ProviderName } from '../../core/registry';
import { buildSource, connectionValues } from '../sources/sourceFactory';
import { CulpritError, messageOf } from '../../core/errors';
import type { Logger } from '../log';

interface Candidate {
  config: CulpritConfig & { provider: ProviderName };
  /** The secrets by the registry's names (`token`, `apiKey`, `appKey`). */
  secrets: Record<string, string>;
}

/** The origin the candidate's credentials are checked against, and so the only one they will go to. */
function candidateOrigin(candidate: Candidate): string {
  const provider = providerFor(candidate.config.provider)!;
  return provider.origin(connectionValues(candidate.config, provider));
}

/**
 * Lists one issue with the new settings and credentials (nothing stored yet). True when the API
 * accepted them, or when it could not be reached and the user chose to save anyway.
 */
async function checkCredentials(name: string, candidate: Candidate, log: Logger): Promise<boolean> {
  let origin: string;
  try {
    origin = candidateOrigin(candidate);
  } catch (e) {
    void vscode.window.showErrorMessage(`Culprit: ${messageOf(e)} Nothing was saved.`);
    return false;
  }
  const creds = { credentials: async () => ({ values: candidate.secrets, origin }) };
  const setup = await buildSource(candidate.config, creds, log);
  if (setup.kind !== 'ready') {
    if (setup.kind === 'incomplete')
      void vscode.window.showErrorMessage(`Culprit: ${setup.message} Nothing was saved.`);
    return false;
  }
  const failure = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Culprit: checking the credentials with ${name}…`,
      cancellable: true,
    },
    async (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      try {
        await setup.setup.source.listSamples({ limit: 1, signal: controller.signal });
        return null;
      } catch (e) {
        return e;
      }
    },
  );
  if (failure === null) return true;
  const message = messageOf(failure);
  log.warn(`${name} credentials check failed: ${message}`);
  if (
    CulpritError.is(failure, 'auth') ||
    CulpritError.is(failure, 'forbidden') ||
    CulpritError.is(failure, 'not-found')
  ) {
    void vscode.window.showErrorMessage(`Culprit: ${message} Nothing was saved.`, 'Open Log').then((pick) => {
      if (pick) void vscode.commands.executeCommand('culprit.showLog');
    });
    return false;
  }
  if (CulpritError.is(failure, 'cancelled')) return false;
  const pick = await vscode.window.showWarningMessage(
    `Culprit: could not check the credentials with ${name}: ${message}`,
    { modal: true },
    'Save Anyway',
  );
  return pick === 'Save Anyway';
}

function validUrl(v: string): string | undefined {
  try {
    const u = new URL(v.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? undefined : 'Use an http(s) URL';
  } catch {
    return 'Enter a URL like https://sentry.io';
  }
}

const required = (what: string) => (v: string) => (v.trim() ? undefined : `${what} is required`);

export async function connectSentry(secrets: Secrets, log: Logger): Promise<boolean> {
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
      'Auth token with org:read, project:read, event:read and project:releases (event:write to resolve and assign). ' +
      'Stored in your OS keychain, never in settings.',
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
  const projectList = projects
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const sentry = { ...config.sentry, url: url.trim(), org: org.trim(), projects: projectList };
  const candidate: Candidate = { config: { ...config, provider: 'sentry', sentry }, secrets: { token: token.trim() } };
  if (!(await checkCredentials('Sentry', candidate, log))) return false;
  await secrets.store('sentry', candidate.secrets, candidateOrigin(candidate));
  await updateSetting('sentry.url', sentry.url, vscode.ConfigurationTarget.Global);
  await updateSetting('sentry.org', sentry.org, vscode.ConfigurationTarget.Global);
  await updateSetting('sentry.projects', projectList, vscode.ConfigurationTarget.Global);
  await updateSetting('provider', 'sentry', vscode.ConfigurationTarget.Global);
  return true;
}

export async function connectDatadog(secrets: Secrets, log: Logger): Promise<boolean> {
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
    prompt:
      'Application key with error_tracking_read and apm_read; timeseries_query is optional: it adds the host and ' +
      'container metrics to the Resources section, which without it says what is missing',
    password: true,
    ignoreFocusOut: true,
    validateInput: required('The application key'),
  });
  if (appKey === undefined) return false;
  const datadog = { ...config.datadog, site: site.label, service: service.trim(), env: env.trim() };
  const keys = { apiKey: apiKey.trim(), appKey: appKey.trim() };
  const candidate: Candidate = { config: { ...config, provider: 'datadog', datadog }, secrets: keys };
  if (!(await checkCredentials('Datadog', candidate, log))) return false;
  await secrets.store('datadog', keys, candidateOrigin(candidate));
  await updateSetting('datadog.site', site.label, vscode.ConfigurationTarget.Global);
  await updateSetting('datadog.service', service.trim(), vscode.ConfigurationTarget.Global);
  await updateSetting('datadog.env', env.trim(), vscode.ConfigurationTarget.Global);
  await updateSetting('provider', 'datadog', vscode.ConfigurationTarget.Global);
  return true;
}

export async function connectBugsnag(secrets: Secrets, log: Logger): Promise<boolean> {
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
      'Personal auth token (Bugsnag → My account → Personal auth tokens). Stored in your OS keychain, never in ' +
      'settings.',
    password: true,
    ignoreFocusOut: true,
    validateInput: required('The token'),
  });
  if (token === undefined) return false;
  const bugsnag = { ...config.bugsnag, url: url.trim(), project: project.trim(), stage: stage.trim() };
  const candidate: Candidate = {
    config: { ...config, provider: 'bugsnag', bugsnag },
    secrets: { token: token.trim() },
  };
  if (!(await checkCredentials('Bugsnag', candidate, log))) return false;
  await secrets.store('bugsnag', candidate.secrets, candidateOrigin(candidate));
  await updateSetting('bugsnag.url', url.trim(), vscode.ConfigurationTarget.Global);
  await updateSetting('bugsnag.project', project.trim(), vscode.ConfigurationTarget.Global);
  await updateSetting('bugsnag.stage', stage.trim(), vscode.ConfigurationTarget.Global);
  await updateSetting('provider', 'bugsnag', vscode.ConfigurationTarget.Global);
  return true;
}

export async function disconnect(secrets: Secrets, provider: ProviderName): Promise<void> {
  // The provider goes first: a refresh the deleted secret starts must not find it still configured, or the
  // view shows "no auth token" instead of its welcome.
  if (readConfig().provider === provider) await updateSetting('provider', 'none', vscode.ConfigurationTarget.Global);
  await secrets.delete(provider);
  void vscode.window.showInformationMessage(
    `Culprit: ${providerFor(provider)!.name} disconnected and its credentials removed from the keychain.`,
  );
}
