/**
 * Builds the provider source (or an event-ID lookup) from CLI flags and environment variables
 * (secrets only from env), through the one provider registry in core.
 */
import { CulpritError } from '../core/errors';
import { createEventLookupSource, type ErrorSource } from '../core/providers';
import { missingField, presentSecrets, providerFor, type ConnectionValues } from '../core/registry';
import { UsageError, type TriageArgs } from './cliArgs';

/** The value each flag carries, by the flag's own name. */
function flagValues(args: TriageArgs): Record<string, string | string[] | null> {
  return {
    '--url': args.url,
    '--org': args.org,
    '--project': args.projects,
    '--environment': args.environment,
    '--query': args.query,
    '--period': args.period,
    '--site': args.site,
    '--service': args.service,
    '--env': args.env,
    '--from': args.from,
    '--stage': args.stage,
  };
}

export function createProviderSource(
  args: TriageArgs,
  env: NodeJS.ProcessEnv,
  log?: (line: string) => void,
): ErrorSource {
  const id = args.sentry ? 'sentry' : args.datadog ? 'datadog' : args.bugsnag ? 'bugsnag' : null;
  const provider = providerFor(id);
  if (!provider) throw new UsageError('nothing to triage');
  const byFlag = flagValues(args);
  const values: ConnectionValues = {};
  for (const field of provider.fields) {
    const given = field.flags.map((f) => byFlag[f]).find((v) => (Array.isArray(v) ? v.length > 0 : !!v));
    if (Array.isArray(given) && field.single && given.length > 1)
      throw new UsageError(`--${provider.id} takes one ${field.flags[0]}`);
    if (given)
      (values as Record<string, string | string[]>)[field.name] = field.name === 'projects' ? [given].flat() : given;
  }
  const secrets = presentSecrets(provider, (s) => env[s.env]);
  if (!secrets)
    throw new CulpritError(
      'auth',
      `set ${provider.secrets.map((s) => s.env).join(' and ')} to ${provider.secretsHelp}`,
    );
  const lookup = args.eventId !== null && args.eventId !== undefined;
  const missing = missingField(provider, values, lookup ? 'lookup' : 'list');
  if (missing) throw new UsageError(`${missing.flags[0]} is required with --${provider.id}`);
  const target = provider.target(values, secrets, { logger: log });
  return lookup ? createEventLookupSource(target, args.eventId!) : provider.source(target);
}
