/**
 * The model behind the tree, decorations, hovers and status bar: the issues listed by the
 * configured provider and the traces the user pasted or opened, each with its triage.
 * Refreshes never overlap (a newer one cancels the older) and a failed one keeps the last good
 * list beside an error status. The tree and editors only read this; they never call providers.
 */
import * as vscode from 'vscode';
import type { ErrorSource, ListTotal, ReleaseLister, SentrySuspectCommit } from '../../core/providers';
import type { ErrorSample, TriagedIssue } from '../../core/model';
import { CulpritError, messageOf } from '../../core/errors';
import type { FolderTriage, TriageOptions, Workspaces } from './workspaces';
import { createDeadline } from '../../core/triage';
import { shortSha } from '../../core/present';
import type { Logger } from '../log';
import type { ProgressStep } from '../progress';

export type EntryOrigin = 'provider' | 'file' | 'lookup';

/** A deploy range set with Set Deploy Range…: the `--deploy` flag, and what it was picked as. */
export interface DeployPick {
  flag: string;
  /** `release 1.5.0 from Sentry`, `tag v1.5.0`; absent for a typed range (the label names its ends). */
  as?: string;
}

export interface IssueEntry {
  /** Stable across refreshes: `<source>:<group id>`. */
  key: string;
  origin: EntryOrigin;
  sample: ErrorSample;
  triage: FolderTriage | null;
  triageError: string | null;
  /** Sentry's own suspect commits, shown beside Culprit's ranking. */
  providerSuspects: SentrySuspectCommit[];
  /** The only repository this entry is triaged on (the bundled sample's clone), not the workspace. */
  repo?: string;
}

/** A Confirm by Bisect in flight: what the tree and panel show until it ends. */
export interface BisectProgress {
  step: number;
  maxSteps: number;
  sha: string;
  phase: string;
}

/** A Confirm by Bisect that ended without a verdict: the tree says so instead of going blank. */
export interface BisectInterruption {
  kind: 'cancelled' | 'failed';
  message: string;
}

/** A finished Confirm by Bisect, kept across re-triages of the same deploy range. */
interface KeptVerification {
  from: string | null;
  to: string | null;
  issue: TriagedIssue;
}

export interface ProviderStatus {
  state: 'off' | 'loading' | 'ok' | 'error';
  /** `Sentry acme/orders-api`, `Datadog orders-api (datadoghq.eu)`. */
  label: string;
  message?: string;
  reason?: string;
  /** When the last good list arrived (ms). */
  lastOk?: number;
}

export interface ConfiguredSource {
  source: ErrorSource;
  label: string;
}

const MAX_FILE_ENTRIES = 20;

/** What an issue says when a cancelled refresh or triage never got to it. */
const CANCELLED = 'the triage was cancelled (Refresh to finish it)';

/** A user's cancel (not a passed deadline, not a newer refresh): what was shown stays. */
function cancelledBy(signal: AbortSignal | undefined): boolean {
  return !!signal?.aborted && CulpritError.is(signal.reason, 'cancelled');
}

/** One log line of what a triage decided: range and its source, frames resolved and why not, top suspect. */
function triageDecisions(key: string, result: FolderTriage | null, ms: number, deployFlag?: string): string {
  if (!result) return `triaged ${key} in ${ms} ms: no local folder to resolve onto`;
  const { issue } = result;
  const inApp = issue.frames.filter((f) => f.inApp);
  const unresolved = inApp.filter((f) => !f.file);
  const parts = [
    `deploy ${issue.deploy.label ?? issue.deploy.source}${deployFlag ? ` [set: ${deployFlag}]` : ''}`,
    `folder ${result.folder.name}${result.gitRan ? '' : ' (git not run)'}`,
    `${inApp.length - unresolved.length}/${inApp.length} in-app frames resolved`,
    `${issue.frames.filter((f) => f.file && f.localLine !== null && f.localLine !== f.line).length} moved since the ` +
      `deploy`,
    issue.suspects[0]
      ? `top suspect ${shortSha(issue.suspects[0].sha)} (${issue.suspects.length} ranked)`
      : 'no suspect',
  ];
  const why = unresolved
    .slice(0, 5)
    .map((f) =>
      f.candidates?.length
        ? `${f.raw.trim().slice(0, 100)}: ${f.candidates.length} candidates`
        : `${f.raw.trim().slice(0, 100)}: no workspace file matches`,
    );
  return `triaged ${key} in ${ms} ms: ${parts.join('; ')}${why.length ? `; unresolved: ${why.join(' | ')}` : ''}`;
}

export class IssueStore implements vscode.Disposable {
  private readonly byKey = new Map<string, IssueEntry>();
  private providerKeys: string[] = [];
  private fileKeys: string[] = [];
  private configured: ConfiguredSource | null = null;
  private generation = 0;
  private inFlight: AbortController | null = null;
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  private readonly selectionChanged = new vscode.EventEmitter<IssueEntry | undefined>();
  private selectedKey: string | undefined;
  /** Set Deploy Range… per issue; `defaultDeploy` is the workspace default. */
  private readonly deployOverrides = new Map<string, DeployPick>();
  private readonly verified = new Map<string, KeptVerification>();
  private readonly bisecting = new Map<string, BisectProgress>();
  private readonly interrupted = new Map<string, BisectInterruption>();
  defaultDeploy: DeployPick | undefined;
  status: ProviderStatus = { state: 'off', label: '' };

  /** Fires with an entry key for a targeted change, undefined when the list changed. */
  readonly onDidChange = this.changed.event;
  readonly onDidChangeSelection = this.selectionChanged.event;

  constructor(
    private readonly workspaces: Workspaces,
    private readonly triageOptions: () => TriageOptions,
    private readonly log: Logger,
  ) {}

  entries(): IssueEntry[] {
    return [...this.providerKeys, ...this.fileKeys]
      .map((k) => this.byKey.get(k))
      .filter((e): e is IssueEntry => e !== undefined);
  }

  get(key: string): IssueEntry | undefined {
    return this.byKey.get(key);
  }

  get selected(): IssueEntry | undefined {
    return this.selectedKey ? this.byKey.get(this.selectedKey) : undefined;
  }

  select(key: string | undefined): void {
    if (key === this.selectedKey) return;
    this.selectedKey = key && this.byKey.has(key) ? key : undefined;
    this.selectionChanged.fire(this.selected);
  }

  get hasProvider(): boolean {
    return this.configured !== null;
  }

  /** The connected provider when it can list its releases (Sentry, Bugsnag), for Set Deploy Range…. */
  get releaseLister(): { lister: ReleaseLister; label: string } | null {
    const source = this.configured?.source as (ErrorSource & Partial<ReleaseLister>) | undefined;
    return source && typeof source.listReleases === 'function'
      ? { lister: source as ErrorSource & ReleaseLister, label: this.configured!.label }
      : null;
  }

  logLine(line: string): void {
    this.log.info(line);
  }

  /** A new provider (or none): its old issues go, pasted traces stay. */
  setSource(configured: ConfiguredSource | null): void {
    this.inFlight?.abort();
    this.generation++;
    for (const k of this.providerKeys) this.byKey.delete(k);
    this.providerKeys = [];
    this.configured = configured;
    this.status = configured ? { state: 'ok', label: configured.label } : { state: 'off', label: '' };
    if (this.selectedKey && !this.byKey.has(this.selectedKey)) this.select(undefined);
    this.changed.fire(undefined);
  }

  /**
   * Lists the provider's issues and triages each; returns false when the list could not be read.
   * `signal` is the user's cancel: it stops the listing or the triage under way and what was
   * already shown stays; issues not reached yet say they were not triaged.
   */
  async refresh(options: { signal?: AbortSignal; progress?: (p: ProgressStep) => void } = {}): Promise<boolean> {
    const configured = this.configured;
    if (!configured) return false;
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const cancel = () => controller.abort(new CulpritError('cancelled', 'the refresh was cancelled'));
    if (options.signal?.aborted) cancel();
    options.signal?.addEventListener('abort', cancel, { once: true });
    const report = options.progress ?? (() => undefined);
    // `culprit.timeout`: a provider or git that never answers ends the refresh with that reason.
    const deadline = createDeadline(
      (this.triageOptions().timeoutSeconds ?? 0) * 1000,
      'culprit.timeout',
      controller.signal,
    );
    const generation = ++this.generation;
    const current = () => generation === this.generation && this.configured === configured;
    this.status = { ...this.status, state: 'loading', label: configured.label };
    this.changed.fire(undefined);
    const started = Date.now();
    try {
      report({ message: `listing issues from ${configured.label}` });
      const listed = await configured.source.listSamples({ limit: this.limit(), signal: deadline.signal });
      if (!current()) return false;
      // A source may turn aborted event reads into per-issue failures: a cancel still keeps the old list.
      if (cancelledBy(controller.signal)) return this.cancelled([], 0, configured.label);
      this.workspaces.invalidate();
      const extra = (listed as { sentrySuspects?: Map<string, SentrySuspectCommit[]> }).sentrySuspects;
      const keys: string[] = [];
      for (const sample of listed.samples) {
        const key = `${sample.group.source}:${sample.group.id}`;
        keys.push(key);
        const previous = this.byKey.get(key);
        // Until its new triage lands, an issue keeps its previous one: nothing goes blank.
        this.byKey.set(key, {
          key,
          origin: 'provider',
          sample,
          triage: previous?.triage ?? null,
          triageError: previous?.triageError ?? null,
          providerSuspects: extra?.get(sample.group.id) ?? [],
        });
      }
      for (const k of this.providerKeys) if (!keys.includes(k)) this.byKey.delete(k);
      this.providerKeys = keys;
      this.listTotal = listed.total ?? null;
      const failures = listed.failures.map((f) => `${f.issueId ?? 'an issue'}: ${f.message}`);
      this.status = {
        state: failures.length ? 'error' : 'ok',
        label: configured.label,
        lastOk: Date.now(),
        message: failures.length ? `${failures.length} issue(s) could not be read: ${failures[0]}` : undefined,
      };
      this.changed.fire(undefined);
      this.log.info(`listed ${keys.length} issue(s) from ${configured.label} in ${Date.now() - started} ms`);
      for (const [i, key] of keys.entries()) {
        if (!current()) return false;
        if (cancelledBy(controller.signal)) return this.cancelled(keys, i, configured.label);
        report({ message: `triaging ${i + 1} of ${keys.length}`, increment: 100 / keys.length });
        await this.triageEntry(key, deadline.signal, current);
      }
      if (cancelledBy(controller.signal)) return this.cancelled(keys, keys.length, configured.label);
      return true;
    } catch (e) {
      if (!current()) return false;
      if (cancelledBy(controller.signal)) return this.cancelled([], 0, configured.label);
      const reason = CulpritError.is(e) ? e.reason : 'unknown';
      this.status = {
        state: 'error',
        label: configured.label,
        lastOk: this.status.lastOk,
        message: messageOf(e),
        reason,
      };
      this.log.error(`${configured.label}: ${messageOf(e)}`);
      this.changed.fire(undefined);
      return false;
    } finally {
      options.signal?.removeEventListener('abort', cancel);
      deadline.dispose();
      if (this.inFlight === controller) this.inFlight = null;
    }
  }

  /** Whether a refresh is listing or triaging now (Stop Refresh applies). */
  get refreshing(): boolean {
    return this.inFlight !== null;
  }

  /** Stops the refresh under way (its notification's Cancel, Stop Refresh); true when one was running. */
  cancelRefresh(): boolean {
    if (!this.inFlight) return false;
    this.inFlight.abort(new CulpritError('cancelled', 'the refresh was cancelled'));
    return true;
  }

  /** After a cancel: the list and triages shown stay; the issues not reached say so. Returns false. */
  private cancelled(keys: string[], reached: number, label: string): false {
    for (const key of keys.slice(reached)) {
      const entry = this.byKey.get(key);
      if (entry && !entry.triage) entry.triageError = CANCELLED;
    }
    this.status = { ...this.status, state: 'ok', label, message: undefined };
    this.log.info(`refresh of ${label} cancelled: ${reached} of ${keys.length} issue(s) triaged`);
    this.changed.fire(undefined);
    return false;
  }

  /** Adds the errors of a pasted or opened trace/event; returns their keys (newest first). */
  async addSamples(
    samples: ErrorSample[],
    options: {
      origin?: Exclude<EntryOrigin, 'provider'>;
      /** The user's cancel: the triages done stay, the rest say they were cancelled. */
      signal?: AbortSignal;
      /** Triage on this repository only (the bundled sample's), never on the workspace folders. */
      repo?: string;
    } = {},
  ): Promise<string[]> {
    const { origin = 'file', signal, repo } = options;
    const keys: string[] = [];
    for (const sample of samples) {
      const key = `${sample.group.source}:${sample.group.id}`;
      keys.push(key);
      // Already listed by the provider (an ID of a listed issue): keep that entry.
      if (this.providerKeys.includes(key)) continue;
      this.byKey.set(key, { key, origin, sample, triage: null, triageError: null, providerSuspects: [], repo });
      this.fileKeys = [key, ...this.fileKeys.filter((k) => k !== key)];
    }
    for (const k of this.fileKeys.splice(MAX_FILE_ENTRIES)) this.byKey.delete(k);
    this.changed.fire(undefined);
    const generation = this.generation;
    for (const key of keys) {
      const entry = this.byKey.get(key);
      if (!entry || entry.triage) continue;
      if (cancelledBy(signal)) this.keepOnCancel(entry);
      else await this.triageEntry(key, signal, () => this.byKey.has(key) && generation === this.generation);
    }
    return keys;
  }

  /** The deploy range the user set for this issue (or the workspace default), if any. */
  deployOverride(key: string): DeployPick | undefined {
    return this.deployOverrides.get(key) ?? this.defaultDeploy;
  }

  /** Sets (or clears, with undefined) an issue's deploy range and triages it again. */
  async setDeployOverride(key: string, pick: DeployPick | undefined): Promise<void> {
    if (pick) this.deployOverrides.set(key, pick);
    else this.deployOverrides.delete(key);
    await this.triageEntry(key, undefined, () => this.byKey.has(key));
  }

  /** Triages one issue again (Retry on its row). */
  async retriage(key: string): Promise<void> {
    await this.triageEntry(key, undefined, () => this.byKey.has(key));
  }

  /** Triages everything again (mappings or tag pattern changed, trust granted). */
  async retriageAll(): Promise<void> {
    const generation = this.generation;
    for (const e of this.entries())
      await this.triageEntry(e.key, undefined, () => generation === this.generation && this.byKey.has(e.key));
  }

  private async triageEntry(key: string, signal: AbortSignal | undefined, current: () => boolean): Promise<void> {
    const entry = this.byKey.get(key);
    if (!entry) return;
    const started = Date.now();
    try {
      const pick = this.deployOverride(key);
      const deployFlag = pick?.flag;
      const options = { ...this.triageOptions(), deployFlag, deployChoice: pick?.as, signal };
      const result = entry.repo
        ? await this.workspaces.triageIn(entry.repo, entry.sample, options)
        : await this.workspaces.triage(entry.sample, options);
      if (!current()) return;
      // Cancelled midway: an unfinished triage must not replace the one shown.
      if (cancelledBy(signal)) return this.keepOnCancel(entry);
      entry.triage = result ? { ...result, issue: this.withVerification(key, result.issue) } : null;
      entry.triageError = result ? null : 'open a folder to resolve the stack onto your code';
      this.log.info(triageDecisions(key, result, Date.now() - started, deployFlag));
    } catch (e) {
      if (!current()) return;
      if (cancelledBy(signal)) return this.keepOnCancel(entry);
      entry.triageError = messageOf(e);
      this.log.warn(`triage of ${key} failed: ${messageOf(e)}`);
    }
    this.changed.fire(key);
  }

  private keepOnCancel(entry: IssueEntry): void {
    if (!entry.triage) entry.triageError = CANCELLED;
    this.changed.fire(entry.key);
  }

  /** The Confirm by Bisect running on this issue, if any. */
  bisectProgress(key: string): BisectProgress | undefined {
    return this.bisecting.get(key);
  }

  /** Marks a bisect as running (with its latest step) or, with undefined, as ended. */
  setBisectProgress(key: string, progress: BisectProgress | undefined): void {
    if (progress) {
      this.bisecting.set(key, progress);
      this.interrupted.delete(key);
    } else this.bisecting.delete(key);
    this.changed.fire(key);
  }

  /** How the last Confirm by Bisect on this issue ended when it gave no verdict (cancelled, failed). */
  bisectInterruption(key: string): BisectInterruption | undefined {
    return this.interrupted.get(key);
  }

  /** Records that the bisect ended without a verdict; the tree shows it until the next run. */
  setBisectInterrupted(key: string, how: BisectInterruption): void {
    this.interrupted.set(key, how);
    this.changed.fire(key);
  }

  /**
   * Records a Confirm by Bisect result: the issue as verifyIssue returned it (verification, and a
   * confirmed commit first among the suspects). It stays while later triages keep the same range.
   */
  setVerified(key: string, issue: TriagedIssue): void {
    const entry = this.byKey.get(key);
    if (!entry?.triage) return;
    this.verified.set(key, { from: issue.deploy.from, to: issue.deploy.to, issue });
    this.interrupted.delete(key);
    entry.triage = { ...entry.triage, issue };
    this.changed.fire(key);
  }

  /** A new triage of the same deploy range keeps the bisect's verdict; a new range drops it. */
  private withVerification(key: string, issue: TriagedIssue): TriagedIssue {
    const kept = this.verified.get(key);
    if (!kept) return issue;
    if (kept.from !== issue.deploy.from || kept.to !== issue.deploy.to) {
      this.verified.delete(key);
      return issue;
    }
    return { ...issue, suspects: kept.issue.suspects, verification: kept.issue.verification };
  }

  /** Load More adds this many to the configured limit. */
  private extra = 0;

  private limit(): number {
    return (this.triageOptions().issueLimit ?? 20) + this.extra;
  }

  /** How many issues the provider listed. */
  get providerCount(): number {
    return this.providerKeys.length;
  }

  /** What the provider said matches in all on the last list (Sentry `X-Hits`, Bugsnag `X-Total-Count`). */
  private listTotal: ListTotal | null = null;

  get providerTotal(): ListTotal | null {
    return this.configured ? this.listTotal : null;
  }

  /** True when the provider reports more than the limit, or (no total) the last list filled it. */
  get mayHaveMore(): boolean {
    if (this.configured === null || this.providerKeys.length === 0) return false;
    const total = this.providerTotal;
    if (total) return total.capped || total.count > this.limit();
    return this.providerKeys.length >= this.limit();
  }

  /** Lists one more page (the configured limit again) on the next refresh. */
  loadMore(): void {
    this.extra += this.triageOptions().issueLimit ?? 20;
  }

  dispose(): void {
    this.inFlight?.abort();
    this.changed.dispose();
    this.selectionChanged.dispose();
  }
}
