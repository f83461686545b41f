/** Builds the Sentry or Datadog source from CLI flags and environment variables. */
import { CulpritError } from '../core/errors';
import type { ErrorSource } from '../core/providers/errorSource';
import { UsageError, type TriageArgs } from './cliArgs';

export function createProviderSource(args: TriageArgs, _env: NodeJS.ProcessEnv): ErrorSource {
  if (args.sentry || args.datadog) {
    throw new CulpritError('invalid-input', `the ${args.sentry ? 'Sentry' : 'Datadog'} source is not available in this build`);
  }
  throw new UsageError('nothing to triage');
}
