/**
 * Provider credentials in VS Code's SecretStorage (the OS keychain), never in settings. Each
 * provider's credentials are stored with the origin (scheme, host and port) they were checked
 * against at connect time; the source factory sends them nowhere else.
 */
import * as vscode from 'vscode';
import { providerFor, type ProviderName } from '../core/registry';
import type { Logger } from './log';

/** A single token (Sentry auth token, Bugsnag personal auth token). */
export interface TokenCredentials {
  token: string;
}
export interface DatadogCredentials {
  apiKey: string;
  appKey: string;
}

/** A provider's stored secrets (by the registry's secret names) and the origin they were verified for. */
export interface StoredCredentials {
  values: Record<string, string>;
  origin: string | null;
}

const originKey = (id: ProviderName) => `culprit.${id}.verifiedOrigin`;

export class Secrets {
  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly log: Logger,
  ) {}

  get onDidChange(): vscode.Event<vscode.SecretStorageChangeEvent> {
    return this.storage.onDidChange;
  }

  private async read(key: string): Promise<string | undefined> {
    const v = await this.storage.get(key);
    if (v) this.log.addSecrets([v]);
    return v || undefined;
  }

  /** Every secret the provider needs and the origin they were checked against; undefined when one is missing. */
  async credentials(id: ProviderName): Promise<StoredCredentials | undefined> {
    const values: Record<string, string> = {};
    for (const s of providerFor(id)!.secrets) {
      const v = await this.read(s.storageKey);
      if (!v) return undefined;
      values[s.name] = v;
    }
    return { values, origin: (await this.storage.get(originKey(id))) || null };
  }

  /** Stores the secrets with the origin (`originOf`) they were just checked against. */
  async store(id: ProviderName, values: Record<string, string>, origin: string): Promise<void> {
    this.log.addSecrets(Object.values(values));
    await this.storage.store(originKey(id), origin);
    for (const s of providerFor(id)!.secrets) await this.storage.store(s.storageKey, values[s.name] ?? '');
  }

  async delete(id: ProviderName): Promise<void> {
    for (const s of providerFor(id)!.secrets) await this.storage.delete(s.storageKey);
    await this.storage.delete(originKey(id));
  }

  // Typed shorthands (tests and the connect flows).
  async sentry(): Promise<TokenCredentials | undefined> {
    const c = await this.credentials('sentry');
    return c ? { token: c.values.token } : undefined;
  }

  async datadog(): Promise<DatadogCredentials | undefined> {
    const c = await this.credentials('datadog');
    return c ? { apiKey: c.values.apiKey, appKey: c.values.appKey } : undefined;
  }

  async bugsnag(): Promise<TokenCredentials | undefined> {
    const c = await this.credentials('bugsnag');
    return c ? { token: c.values.token } : undefined;
  }

  storeSentry(c: TokenCredentials, origin: string): Promise<void> {
    return this.store('sentry', { token: c.token }, origin);
  }

  storeDatadog(c: DatadogCredentials, origin: string): Promise<void> {
    return this.store('datadog', { apiKey: c.apiKey, appKey: c.appKey }, origin);
  }

  storeBugsnag(c: TokenCredentials, origin: string): Promise<void> {
    return this.store('bugsnag', { token: c.token }, origin);
  }
}
