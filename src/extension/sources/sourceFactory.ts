/**
 * Builds the configured provider's options from the settings snapshot and SecretStorage, and from
 * them its ErrorSource (the list) and its event-lookup target ("Open Error by ID…").
 */
import {
  createSentrySource,
  createDatadogSource,
  createBugsnagSource,
  type EventLookupTarget,
  type ErrorSource,
} from '../../core/providers';
import type { CulpritConfig } from '../settings';
import type { DatadogCredentials, TokenCredentials } from '../secrets';

/** Where credentials come from: SecretStorage, or the values a connect flow is about to check. */
export interface CredentialSource {
  sentry(): Promise<TokenCredentials | undefined>;
  datadog(): Promise<DatadogCredentials | undefined>;
  bugsnag(): Promise<TokenCredentials | undefined>;
}
import type { Logger } from '../log';

export interface ProviderSetup {
  target: EventLookupTarget;
  source: ErrorSource;
  label: string;
}

export type SourceSetup =
  { kind: 'ready'; setup: ProviderSetup } | { kind: 'none' } | { kind: 'incomplete'; message: string };

export async function buildSource(config: CulpritConfig, secrets: CredentialSource, log: Logger): Promise<SourceSetup> {
  const logger = (line: string) => log.info(line);
  let target: EventLookupTarget;
  let source: ErrorSource;
  let label: string;
  if (config.provider === 'sentry') {
    const creds = await secrets.sentry();
    if (!creds) return { kind: 'incomplete', message: 'Sentry has no auth token yet: run "Culprit: Connect Sentry…"' };
    if (!config.sentry.org)
      return {
        kind: 'incomplete',
        message: 'Set culprit.sentry.org (your organization slug) or run "Culprit: Connect Sentry…"',
      };
    target = {
      provider: 'sentry',
      options: {
        baseUrl: config.sentry.url,
        token: creds.token,
        org: config.sentry.org,
        projects: config.sentry.projects,
        environment: config.sentry.environment,
        query: config.sentry.query || undefined,
        suspects: true,
        logger,
      },
    };
    source = createSentrySource(target.options);
    label =
      `Sentry ${config.sentry.org} ` +
      `(${config.sentry.projects.length ? config.sentry.projects.join(', ') : 'all projects'})`;
  } else if (config.provider === 'datadog') {
    const creds = await secrets.datadog();
    if (!creds)
      return {
        kind: 'incomplete',
        message: 'Datadog has no API and application keys yet: run "Culprit: Connect Datadog…"',
      };
    if (!config.datadog.service)
      return { kind: 'incomplete', message: 'Set culprit.datadog.service or run "Culprit: Connect Datadog…"' };
    const options = {
      site: config.datadog.site,
      baseUrl: config.datadog.url || undefined,
      apiKey: creds.apiKey,
      appKey: creds.appKey,
      service: config.datadog.service,
      env: config.datadog.env,
      query: config.datadog.query || undefined,
      logger,
    };
    target = { provider: 'datadog', options };
    source = createDatadogSource(options);
    label = `Datadog ${config.datadog.service} (${config.datadog.site})`;
  } else if (config.provider === 'bugsnag') {
    const creds = await secrets.bugsnag();
    if (!creds)
      return { kind: 'incomplete', message: 'Bugsnag has no auth token yet: run "Culprit: Connect Bugsnag…"' };
    if (!config.bugsnag.project)
      return { kind: 'incomplete', message: 'Set culprit.bugsnag.project or run "Culprit: Connect Bugsnag…"' };
    target = {
      provider: 'bugsnag',
      options: {
        baseUrl: config.bugsnag.url,
        token: creds.token,
        project: config.bugsnag.project,
        stage: config.bugsnag.stage,
        logger,
      },
    };
    source = createBugsnagSource(target.options);
    label = `Bugsnag ${config.bugsnag.project}`;
  } else {
    return { kind: 'none' };
  }
  return { kind: 'ready', setup: { target, source, label } };
}
