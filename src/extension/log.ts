/**
 * The "Culprit" log channel. Every line passes the redactor first: provider clients already
 * redact their own credentials, and this catches any stored secret that reaches a message.
 */
import * as vscode from 'vscode';
import { createRedactor, secretVariants, type Redactor } from '../core/http';

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  debug(line: string): void;
  /** Also redact these values from now on (tokens as they are read from SecretStorage). */
  addSecrets(values: Iterable<string>): void;
}

export class ExtensionLog implements Logger, vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Culprit', { log: true });
  private readonly secrets = new Set<string>();
  private redact: Redactor = (t) => t;

  addSecrets(values: Iterable<string>): void {
    let added = false;
    for (const v of values) {
      if (v && v.length >= 4 && !this.secrets.has(v)) {
        this.secrets.add(v);
        added = true;
      }
    }
    if (added) this.redact = createRedactor(secretVariants(this.secrets));
  }

  /** The redactor for text leaving the extension some other way (error messages, webview). */
  scrub(text: string): string {
    return this.redact(text);
  }

  info(line: string): void {
    this.channel.info(this.redact(line));
  }
  warn(line: string): void {
    this.channel.warn(this.redact(line));
  }
  error(line: string): void {
    this.channel.error(this.redact(line));
  }
  debug(line: string): void {
    this.channel.debug(this.redact(line));
  }

  dispose(): void {
    this.channel.dispose();
  }
}
