/** Builds the configured provider's ErrorSource from the settings snapshot and SecretStorage. */
import { createSentrySource } from '../../core/providers/sentry/sentrySource';
import { createDatadogSource } from '../../core/providers/datadog/datadogSource';
import type { CulpritConfig } from '../settings';
import type { Secrets } from '../secrets';
import type { Logger } from '../log';
import type { ConfiguredSource } from '../state/issueStore';

export type SourceSetup = { kind: 'ready'; configured: ConfiguredSource } | { kind: 'none' } | { kind: 'incomplete'; message: string };

export async function buildSource(config: CulpritConfig, secrets: Secrets, log: Logger): Promise<SourceSetup> {
  const logger = (line: string) => log.info(line);
  if (config.provider === 'sentry') {
    const creds = await secrets.sentry();
    if (!creds) return { kind: 'incomplete', message: 'Sentry has no auth token yet: run "Culprit: Connect Sentry…"' };
    if (!config.sentry.org) return { kind: 'incomplete', message: 'Set culprit.sentry.org (your organization slug) or run "Culprit: Connect Sentry…"' };
    const source = createSentrySource({
      baseUrl: config.sentry.url,
      token: creds.token,
      org: config.sentry.org,
      projects: config.sentry.projects,
      environment: config.sentry.environment,
      query: config.sentry.query || undefined,
      suspects: true,
      logger,
    });
    const projects = config.sentry.projects.length ? config.sentry.projects.join(', ') : 'all projects';
    return { kind: 'ready', configured: { source, label: `Sentry ${config.sentry.org} (${projects})` } };
  }
  if (config.provider === 'datadog') {
    const creds = await secrets.datadog();
    if (!creds) return { kind: 'incomplete', message: 'Datadog has no API and application keys yet: run "Culprit: Connect Datadog…"' };
    if (!config.datadog.service) return { kind: 'incomplete', message: 'Set culprit.datadog.service or run "Culprit: Connect Datadog…"' };
    const source = createDatadogSource({
      site: config.datadog.site,
      baseUrl: config.datadog.url || undefined,
      apiKey: creds.apiKey,
      appKey: creds.appKey,
      service: config.datadog.service,
      env: config.datadog.env,
      query: config.datadog.query || undefined,
      logger,
    });
    return { kind: 'ready', configured: { source, label: `Datadog ${config.datadog.service} (${config.datadog.site})` } };
  }
  return { kind: 'none' };
}
