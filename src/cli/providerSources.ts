/** Builds the Sentry or Datadog source from CLI flags and environment variables (secrets only from env). */
import { CulpritError } from '../core/errors';
import type { ErrorSource } from '../core/providers/errorSource';
import { createSentrySource } from '../core/providers/sentry/sentrySource';
import { createDatadogSource } from '../core/providers/datadog/datadogSource';
import { UsageError, type TriageArgs } from './cliArgs';

function need(value: string | null, flag: string, what: string): string {
  if (!value) throw new UsageError(`${flag} is required with ${what}`);
  return value;
}

function sentrySource(args: TriageArgs, env: NodeJS.ProcessEnv, log: ((line: string) => void) | undefined): ErrorSource {
  const token = env.SENTRY_AUTH_TOKEN;
  if (!token) throw new CulpritError('auth', 'set SENTRY_AUTH_TOKEN to a Sentry auth token with org:read, project:read, event:read and project:releases');
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

function datadogSource(args: TriageArgs, env: NodeJS.ProcessEnv, log: ((line: string) => void) | undefined): ErrorSource {
  const apiKey = env.DD_API_KEY;
  const appKey = env.DD_APP_KEY;
  if (!apiKey || !appKey) throw new CulpritError('auth', 'set DD_API_KEY and DD_APP_KEY to a Datadog API key and application key (error_tracking_read, apm_read; logs_read_data for logs)');
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

export function createProviderSource(args: TriageArgs, env: NodeJS.ProcessEnv, log?: (line: string) => void): ErrorSource {
  if (args.sentry) return sentrySource(args, env, log);
  if (args.datadog) return datadogSource(args, env, log);
  throw new UsageError('nothing to triage');
}
