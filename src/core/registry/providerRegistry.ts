/**
 * The one description of each provider both front ends use: its connection settings (with the CLI
 * flag and the `culprit.<id>.*` setting of each), its secrets (environment variable and
 * SecretStorage key), how its source and its event lookup are built, its issue actions and its
 * insights. The CLI and the extension map their own inputs onto `ConnectionValues` and never
 * switch on the provider themselves.
 */
import { CulpritError } from '../errors';
import type { ErrorSource } from '../providers/errorSource';
import type { EventLookupTarget } from '../providers/eventLookup';
import type { IssueActions } from '../actions/issueActions';
import type { FixStatus, FixWatch } from '../insights/fixStatus';
import type { TagComparison } from '../insights/tagComparison.types';
import type { ResourceMetrics } from '../insights/resourceContext.types';
import type { ErrorEvent } from '../model/event.types';

export type ProviderName = EventLookupTarget['provider'];

/** Values a front end read from its flags or settings, under one name per meaning. */
export interface ConnectionValues {
  url?: string;
  site?: string;
  org?: string;
  projects?: string[];
  environment?: string;
  query?: string;
  period?: string;
  service?: string;
  from?: string;
}

/** One connection setting: its value name, the CLI flags that give it, the `culprit.<id>.` setting. */
export interface ProviderField {
  name: keyof ConnectionValues;
  /** First flag wins; later ones are accepted aliases (`--env`, then `--environment`). */
  flags: readonly string[];
  /** Leaf under `culprit.<id>.` (`org` → `culprit.sentry.org`), or null when only the CLI has it. */
  setting: string | null;
  /** `always`: listing and lookups need it; `list`: only listing. */
  required?: 'always' | 'list';
  /** Takes exactly one value (Bugsnag's project). */
  single?: boolean;
  /** What it is, for messages: "your organization slug". */
  label: string;
}

/** One secret: the option it fills, the CLI's environment variable, the extension's SecretStorage key. */
export interface ProviderSecret {
  name: string;
  env: string;
  storageKey: string;
}

interface ProviderInsights {
  whatDiffers(issueId: string, window: { from: string | null; to: string | null }): Promise<TagComparison>;
  fixStatus(issueId: string, watch: FixWatch): Promise<FixStatus>;
  /** Host or container metrics around the event (Datadog); providers without metrics leave it out. */
  resources?(event: ErrorEvent): Promise<ResourceMetrics>;
}

interface BuildContext {
  logger?: (line: string) => void;
  /** The front end shows the provider's own suspect commits (the extension's tree; the CLI report has none). */
  providerSuspects?: boolean;
}

export interface ProviderDescriptor {
  id: ProviderName;
  name: string;
  fields: readonly ProviderField[];
  secrets: readonly ProviderSecret[];
  /** "an auth token with org:read, …": what the secrets are and which scopes they need. */
  secretsHelp: string;
  /** "auth token" / "API and application keys": what Connect asks for. */
  secretsNoun: string;
  /** Builds the options its source and lookup take. */
  target(values: ConnectionValues, secrets: Record<string, string>, ctx: BuildContext): EventLookupTarget;
  /** The origin (scheme://host:port) its credentials are sent to for these values. */
  origin(values: ConnectionValues): string;
  source(target: EventLookupTarget): ErrorSource;
  label(values: ConnectionValues): string;
  /** Resolve / ignore / assign, when the provider's API allows them. */
  actions?(source: ErrorSource): IssueActions;
  insights?(target: EventLookupTarget): ProviderInsights;
  /** A `vscode://…/open?provider=<id>&issue=…` link may open its issues; `scope` names the value it checks. */
  links?: { scope?: keyof ConnectionValues };
}

/** The first required field missing from `values` (for the listing, or for a lookup by ID). */
export function missingField(
  p: ProviderDescriptor,
  values: ConnectionValues,
  purpose: 'list' | 'lookup',
): ProviderField | null {
  for (const f of p.fields) {
    if (f.required !== 'always' && !(f.required === 'list' && purpose === 'list')) continue;
    const v = values[f.name];
    if (Array.isArray(v) ? v.length === 0 : !v) return f;
  }
  return null;
}

/** The secrets present, or null when any is missing. */
export function presentSecrets(p: ProviderDescriptor, read: (s: ProviderSecret) => string | undefined) {
  const out: Record<string, string> = {};
  for (const s of p.secrets) {
    const v = read(s);
    if (!v) return null;
    out[s.name] = v;
  }
  return out;
}

/** The scheme, host and port of a URL, with the port always written (`https://sentry.io:443`). */
export function originOf(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CulpritError('invalid-input', 'the provider URL is not a valid URL');
  }
  const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
  return `${u.protocol}//${u.hostname.toLowerCase()}:${port}`;
}

/**
 * Why stored credentials must not go to these values' origin, or null when they may: they were
 * verified against `verified` at connect time, and the configured URL now names another origin
 * (a workspace setting pointed it elsewhere), or they were stored before origins were recorded.
 */
export function originRefusal(p: ProviderDescriptor, values: ConnectionValues, verified: string | null): string | null {
  let now: string;
  try {
    now = p.origin(values);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const connect = `run "Culprit: Connect ${p.name}…" to check them against it`;
  if (!verified)
    return (
      `the ${p.name} credentials were stored without the host they were checked against, ` +
      `so they are not sent: ${connect}`
    );
  if (verified === now) return null;
  return (
    `the ${p.name} credentials were checked against ${verified}, but the settings now point at ${now}; ` +
    `they are not sent there: ${connect}`
  );
}
