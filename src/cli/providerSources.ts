/**
 * Builds the Sentry, Datadog or Bugsnag source (or an event-ID lookup) from CLI flags and environment variables
 * (secrets only from env).
 */
import { CulpritError } from '../core/errors';
import {
  createSentrySource,
  createDatadogSource,
  createBugsnagSource,
  createEventLookupSource,
  type ErrorSource,
} from '../core/providers';
import { UsageError, type TriageArgs } from './cliArgs';

function need(value: string | null, flag: string, what: string): string {
  if (!value) throw new UsageError(`${flag} is required with ${what}`);
  return value;
}

function sentrySource(
  args: TriageArgs,
  env: NodeJS.ProcessEnv,
  log: ((line: string) => void) | undefined,
): ErrorSource {
  const token = env.SENTRY_AUTH_TOKEN;
  if (!token)
    throw new CulpritError(
      'auth',
      'set SENTRY_AUTH_TOKEN to a Sentry auth token with org:read, project:read, event:read and project:releases',
    );
  return createSentrySource({
    baseUrl: args.url ?? undefined,
    token,
    org: need(args.org, '--org', '--sentry'),
    projects: args.projects,
    environment: args.environment ?? undefined,
    query: args.query ?? undefined,
    period: args.period ?? undefined,
    logger: log,
  });
}

function datadogSource(
  args: TriageArgs,
  env: NodeJS.ProcessEnv,
  log: ((line: string) => void) | undefined,
): ErrorSource {
  const apiKey = env.DD_API_KEY;
  const appKey = env.DD_APP_KEY;
  if (!apiKey || !appKey)
    throw new CulpritError(
      'auth',
      'set DD_API_KEY and DD_APP_KEY to a Datadog API key and application key (error_tracking_read, apm_read; ' +
        'logs_read_data for logs)',
    );
  return createDatadogSource({
    site: args.site ?? undefined,
    baseUrl: args.url ?? undefined,
    apiKey,
    appKey,
    service: need(args.service, '--service', '--datadog'),
    env: args.env ?? args.environment ?? undefined,
    query: args.query ?? undefined,
    from: args.from ?? undefined,
    logger: log,
  });
}

function bugsnagSource(
  args: TriageArgs,
  env: NodeJS.ProcessEnv,
  log: ((line: string) => void) | undefined,
): ErrorSource {
  const token = env.BUGSNAG_TOKEN;
  if (!token)
    throw new CulpritError(
      'auth',
      'set BUGSNAG_TOKEN to a Bugsnag personal auth token (Settings > My account > Personal auth tokens)',
    );
  if (args.projects.length > 1) throw new UsageError('--bugsnag takes one --project');
  return createBugsnagSource({
    baseUrl: args.url ?? undefined,
    token,
    project: need(args.projects[0] ?? null, '--project', '--bugsnag'),
    stage: args.stage ?? args.environment ?? undefined,
    logger: log,
  });
}

/** `--event-id`: the one error with that ID, through the provider's own lookup. */
function eventIdSource(
  args: TriageArgs,
  id: string,
  env: NodeJS.ProcessEnv,
  log: ((line: string) => void) | undefined,
): ErrorSource {
  if (args.sentry) {
    const token = env.SENTRY_AUTH_TOKEN;
    if (!token)
      throw new CulpritError(
        'auth',
        'set SENTRY_AUTH_TOKEN to a Sentry auth token with org:read, project:read, event:read and project:releases',
      );
    const options = {
      baseUrl: args.url ?? undefined,
      token,
      org: need(args.org, '--org', '--sentry'),
      projects: args.projects,
      environment: args.environment ?? undefined,
      logger: log,
    };
    return createEventLookupSource({ provider: 'sentry', options }, id);
  }
  if (args.datadog) {
    const apiKey = env.DD_API_KEY;
    const appKey = env.DD_APP_KEY;
    if (!apiKey || !appKey)
      throw new CulpritError(
        'auth',
        'set DD_API_KEY and DD_APP_KEY to a Datadog API key and application key (apm_read; logs_read_data for logs)',
      );
    const options = {
      site: args.site ?? undefined,
      baseUrl: args.url ?? undefined,
      apiKey,
      appKey,
      service: args.service ?? undefined,
      env: args.env ?? args.environment ?? undefined,
      from: args.from ?? undefined,
      logger: log,
    };
    return createEventLookupSource({ provider: 'datadog', options }, id);
  }
  bugsnagSource(args, env, log); // validates the flags and token before any request
  const options = {
    baseUrl: args.url ?? undefined,
    token: env.BUGSNAG_TOKEN ?? '',
    project: args.projects[0] ?? '',
    stage: args.stage ?? args.environment ?? undefined,
    logger: log,
  };
  return createEventLookupSource({ provider: 'bugsnag', options }, id);
}

export function createProviderSource(
  args: TriageArgs,
  env: NodeJS.ProcessEnv,
  log?: (line: string) => void,
): ErrorSource {
  if (args.eventId !== null && args.eventId !== undefined && (args.sentry || args.datadog || args.bugsnag))
    return eventIdSource(args, args.eventId, env, log);
  if (args.bugsnag) return bugsnagSource(args, env, log);
  if (args.sentry) return sentrySource(args, env, log);
  if (args.datadog) return datadogSource(args, env, log);
  throw new UsageError('nothing to triage');
}
