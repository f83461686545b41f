/** Provider credentials in VS Code's SecretStorage (the OS keychain), never in settings. */
import * as vscode from 'vscode';
import { SECRET_KEYS } from './constants';
import type { Logger } from './log';

/** A single token (Sentry auth token, Bugsnag personal auth token). */
export interface TokenCredentials {
  token: string;
}
export interface DatadogCredentials {
  apiKey: string;
  appKey: string;
}

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

  async sentry(): Promise<TokenCredentials | undefined> {
    const token = await this.read(SECRET_KEYS.sentryToken);
    return token ? { token } : undefined;
  }

  async datadog(): Promise<DatadogCredentials | undefined> {
    const apiKey = await this.read(SECRET_KEYS.datadogApiKey);
    const appKey = await this.read(SECRET_KEYS.datadogAppKey);
    return apiKey && appKey ? { apiKey, appKey } : undefined;
  }

  async bugsnag(): Promise<TokenCredentials | undefined> {
    const token = await this.read(SECRET_KEYS.bugsnagToken);
    return token ? { token } : undefined;
  }

  async storeBugsnag(c: TokenCredentials): Promise<void> {
    this.log.addSecrets([c.token]);
    await this.storage.store(SECRET_KEYS.bugsnagToken, c.token);
  }

  async deleteBugsnag(): Promise<void> {
    await this.storage.delete(SECRET_KEYS.bugsnagToken);
  }

  async storeSentry(c: TokenCredentials): Promise<void> {
    this.log.addSecrets([c.token]);
    await this.storage.store(SECRET_KEYS.sentryToken, c.token);
  }

  async storeDatadog(c: DatadogCredentials): Promise<void> {
    this.log.addSecrets([c.apiKey, c.appKey]);
    await this.storage.store(SECRET_KEYS.datadogApiKey, c.apiKey);
    await this.storage.store(SECRET_KEYS.datadogAppKey, c.appKey);
  }

  async deleteSentry(): Promise<void> {
    await this.storage.delete(SECRET_KEYS.sentryToken);
  }

  async deleteDatadog(): Promise<void> {
    await this.storage.delete(SECRET_KEYS.datadogApiKey);
    await this.storage.delete(SECRET_KEYS.datadogAppKey);
  }
}
