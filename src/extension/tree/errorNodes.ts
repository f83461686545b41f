/** The node kinds of the Production Errors tree: plain data with stable ids; the provider renders them. */
import type { BisectInterruption, IssueEntry } from '../state/issueStore';
import type { Suspect, TriagedFrame, Verification } from '../../core/model';
import type { ListTotal, SentrySuspectCommit } from '../../core/providers';

export class StatusNode {
  readonly kind = 'status';
  constructor(
    readonly id: string,
    readonly label: string,
    readonly detail: string,
    readonly severity: 'error' | 'warning' | 'info' | 'loading',
    readonly command?: { id: string; title: string },
  ) {}
}

export class IssueNode {
  readonly kind = 'issue';
  constructor(readonly entry: IssueEntry) {}
  get id(): string {
    return `issue:${this.entry.key}`;
  }
}

export class FrameNode {
  readonly kind = 'frame';
  constructor(
    readonly entry: IssueEntry,
    readonly index: number,
    readonly frame: TriagedFrame,
  ) {}
  get id(): string {
    return `frame:${this.entry.key}:${this.index}`;
  }
}

export class LibraryFramesNode {
  readonly kind = 'libraryFrames';
  constructor(
    readonly entry: IssueEntry,
    readonly frames: Array<{ index: number; frame: TriagedFrame }>,
  ) {}
  get id(): string {
    return `libraries:${this.entry.key}`;
  }
}

export class SuspectsNode {
  readonly kind = 'suspects';
  constructor(readonly entry: IssueEntry) {}
  get id(): string {
    return `suspects:${this.entry.key}`;
  }
}

export class SuspectNode {
  readonly kind = 'suspect';
  constructor(
    readonly entry: IssueEntry,
    readonly rank: number,
    readonly suspect: Suspect,
  ) {}
  get id(): string {
    return `suspect:${this.entry.key}:${this.suspect.sha}`;
  }
}

export class ProviderSuspectNode {
  readonly kind = 'providerSuspect';
  constructor(
    readonly entry: IssueEntry,
    readonly commit: SentrySuspectCommit,
  ) {}
  get id(): string {
    return `providerSuspect:${this.entry.key}:${this.commit.sha}`;
  }
}

/** One reason under a suspect; the `and N more links` line holds those links and expands into them. */
export class ReasonNode {
  readonly kind = 'reason';
  constructor(
    readonly parent: SuspectNode | ReasonNode,
    readonly index: number,
    readonly text: string,
    readonly links: readonly string[] = [],
  ) {}
  get entry(): IssueEntry {
    return this.parent.entry;
  }
  get id(): string {
    return `${this.parent.id}:reason:${this.index}`;
  }
}

/** Confirm by Bisect's verdict (its progress while it runs, or how it ended without one), first under Suspects. */
export class VerificationNode {
  readonly kind = 'verification';
  constructor(
    readonly entry: IssueEntry,
    /** Null while the bisect runs, or when it ended without a verdict (`interrupted`). */
    readonly verification: Verification | null,
    readonly interrupted: BisectInterruption | null = null,
  ) {}
  get id(): string {
    return `verification:${this.entry.key}`;
  }
}

/** One line under the verdict: a bisect step, or what production had that the reproduction lacks. */
export class VerificationDetailNode {
  readonly kind = 'verificationDetail';
  constructor(
    readonly parent: VerificationNode,
    readonly index: number,
    readonly label: string,
    readonly description: string,
    readonly icon: string,
    readonly tooltip: string,
  ) {}
  get id(): string {
    return `${this.parent.id}:${this.index}`;
  }
}

/** The last row when the provider may have more issues than were listed. */
export class LoadMoreNode {
  readonly kind = 'loadMore';
  readonly id = 'loadMore';
  /** `total`: what the provider says matches in all, when it says (Sentry, Bugsnag). */
  constructor(
    readonly shown: number,
    readonly total: ListTotal | null = null,
  ) {}
}

export type ErrorTreeNode =
  | LoadMoreNode
  | StatusNode
  | IssueNode
  | FrameNode
  | LibraryFramesNode
  | SuspectsNode
  | SuspectNode
  | ProviderSuspectNode
  | ReasonNode
  | VerificationNode
  | VerificationDetailNode;
