/**
 * Builds the configured provider's source and event-lookup target from the settings snapshot and
 * SecretStorage, through the one provider registry in core. Stored credentials go only to the
 * origin they were verified against when connecting.
 */
import type { EventLookupTarget, ErrorSource } from '../../core/providers';
import {
  missingField,
  originRefusal,
  providerFor,
  type ConnectionValues,
  type ProviderDescriptor,
} from '../../core/registry';
import type { CulpritConfig } from '../settings';
import type { StoredCredentials } from '../secrets';
import type { Logger } from '../log';

/** Where credentials come from: SecretStorage, or the values a connect flow is about to check. */
export interface CredentialSource {
  credentials(id: ProviderDescriptor['id']): Promise<StoredCredentials | undefined>;
}

export interface ProviderSetup {
  provider: ProviderDescriptor;
  target: EventLookupTarget;
  source: ErrorSource;
  label: string;
}

export type SourceSetup =
  { kind: 'ready'; setup: ProviderSetup } | { kind: 'none' } | { kind: 'incomplete'; message: string };

/** The connection values of a provider, read from its `culprit.<id>.*` settings as the registry names them. */
export function connectionValues(config: CulpritConfig, provider: ProviderDescriptor): ConnectionValues {
  const section = (config as unknown as Record<string, Record<string, unknown>>)[provider.id] ?? {};
  const values: ConnectionValues = {};
  for (const field of provider.fields) {
    if (!field.setting) continue;
    const v = section[field.setting];
    const value = field.name === 'projects' && typeof v === 'string' ? (v ? [v] : []) : v;
    if (value !== undefined && value !== '') (values as Record<string, unknown>)[field.name] = value;
  }
  return values;
}

export async function buildSource(config: CulpritConfig, secrets: CredentialSource, log: Logger): Promise<SourceSetup> {
  const provider = providerFor(config.provider);
  if (!provider) return { kind: 'none' };
  const connect = `run "Culprit: Connect ${provider.name}…"`;
  const creds = await secrets.credentials(provider.id);
  if (!creds) return { kind: 'incomplete', message: `${provider.name} has no ${provider.secretsNoun} yet: ${connect}` };
  const values = connectionValues(config, provider);
  const missing = missingField(provider, values, 'list');
  if (missing)
    return {
      kind: 'incomplete',
      message: `Set culprit.${provider.id}.${missing.setting} (${missing.label}) or ${connect}`,
    };
  const refusal = originRefusal(provider, values, creds.origin);
  if (refusal) {
    log.warn(`${provider.name}: ${refusal}`);
    return { kind: 'incomplete', message: refusal.charAt(0).toUpperCase() + refusal.slice(1) };
  }
  const target = provider.target(values, creds.values, { logger: (line) => log.info(line), providerSuspects: true });
  return { kind: 'ready', setup: { provider, target, source: provider.source(target), label: provider.label(values) } };
}
