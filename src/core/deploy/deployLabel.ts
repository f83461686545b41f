/**
 * The one sentence that says which deploy range was blamed and where it came from, shown by the
 * tree, the hover, the panel and the CLI table alike. A guess never reads like a known range.
 */
import type { DeployRange } from '../model/triage.types';
import { shortSha } from '../present/issueSummary';

/** Names the error sources use for what they report about deploys. */
const SOURCE_DEPLOYS: Record<string, string> = {
  sentry: 'Sentry deploys',
  datadog: 'Datadog deploy tags',
  bugsnag: 'Bugsnag releases',
};

export interface DeployLabelInput {
  range: Pick<DeployRange, 'from' | 'to' | 'source'>;
  /** True when the range is Culprit's assumption (newest tag) rather than something reported. */
  guessed: boolean;
  /** Which error source the sample came from (`sentry`, `datadog`, `file`…). */
  errorSource: string;
  /** The event's release as reported, for `(from tags: release 1.5.0)`. */
  release: string | null;
  /** A revision's display name: its tag when one points at it, else its short SHA. */
  names: { from: string | null; to: string | null };
  /** For a range set by hand, what was picked: `release 1.5.0 from Sentry`, `tag v1.5.0`. */
  setAs?: string;
}

/** What a range set by hand is when nothing names it better: `tags v1.4.0..v1.5.0`, `commit 2b16db1`. */
function setRange(range: DeployLabelInput['range'], names: DeployLabelInput['names']): string {
  const tagged = (sha: string | null, name: string | null) => !!sha && !!name && name !== shortSha(sha);
  const ends = [tagged(range.to, names.to), ...(range.from ? [tagged(range.from, names.from)] : [])];
  const kind = ends.every(Boolean) ? 'tag' : ends.some(Boolean) ? 'revision' : 'commit';
  return names.from ? `${kind}s ${names.from}..${names.to}` : `${kind} ${names.to}`;
}

/** `v1.4.0..v1.5.0 (from Sentry deploys)`, `(guessed: newest tag — no release in the event)`… */
export function deployLabel(input: DeployLabelInput): string {
  const { range, guessed, names } = input;
  if (range.source === 'none' || !range.to) return '(none: blamed at HEAD)';
  const span = names.from ? `${names.from}..${names.to}` : `${names.to} (no earlier tag: full history)`;
  if (guessed) return `${span} (guessed: newest tag — no release in the event)`;
  switch (range.source) {
    case 'flag':
      return `${span} (set: ${input.setAs?.slice(0, 80) ?? setRange(range, names)})`;
    case 'provider':
      return `${span} (from ${SOURCE_DEPLOYS[input.errorSource] ?? 'the error source’s deploys'})`;
    case 'tags': {
      const release = input.release ? input.release.slice(0, 80) : null;
      return `${span} (from tags${release ? `: release ${release}` : ''})`;
    }
  }
}

/** The triage's deploy field: the range with `guessed` and its label, names from the repository's tags. */
export async function describeDeploy(
  git: { label(sha: string): Promise<string> } | null,
  range: Pick<DeployRange, 'from' | 'to' | 'source'>,
  guessed: boolean,
  sample: { group: { source: string; release: string | null }; event: { release: string | null } },
  setAs?: string,
): Promise<DeployRange & { guessed: boolean; label: string }> {
  const name = async (sha: string | null) => (sha ? ((await git?.label(sha)) ?? shortSha(sha)) : null);
  const label = deployLabel({
    range,
    guessed,
    errorSource: sample.group.source,
    release: sample.event.release ?? sample.group.release,
    names: { from: await name(range.from), to: await name(range.to) },
    setAs,
  });
  return { from: range.from, to: range.to, source: range.source, guessed, label };
}
