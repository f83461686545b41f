/**
 * "Copy as Markdown": an issue for a bug report or a chat: the error, the deploy range, the
 * frames (linked to the repository host when a remote is known), the suspects with reasons and
 * the verification result. Production text is escaped or fenced: pasting it never makes links.
 */
import type { ErrorSample } from '../model/group.types';
import type { TriagedIssue } from '../model/triage.types';
import { authorName, errorHeadline, probabilityText, releaseLabel, shortSha } from './issueSummary';
import { relativeTime } from './relativeTime';

export interface MarkdownOptions {
  /** A browsable URL of `path` at line `line` and revision `rev`, or null when the host is unknown. */
  fileLink?: (path: string, line: number | null, rev: string | null) => string | null;
  /** `issues[i].verification` when a bisect ran. */
  verification?: { status: string; commit: string | null; command?: string } | undefined;
  now?: number;
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|~<>&]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${flat} ${fence}`;
}

function block(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}\n${text}\n${fence}`;
}

export function issueMarkdown(sample: ErrorSample, issue: TriagedIssue | null, options: MarkdownOptions = {}): string {
  const g = sample.group;
  const out: string[] = [];
  out.push(`### ${code(g.title.slice(0, 200))}`);
  out.push(block(errorHeadline(sample).slice(0, 2000)));
  const facts = [
    g.count !== null ? `${g.count} events` : null,
    g.firstRelease ? `since ${releaseLabel(g.firstRelease)}` : null,
    g.release ? `release ${releaseLabel(g.release)}` : null,
    g.environment ? `env ${g.environment}` : null,
    g.lastSeen ? `last seen ${relativeTime(g.lastSeen, options.now)}` : null,
  ].filter((x): x is string => x !== null);
  if (facts.length) out.push(escapeInline(facts.join(' · ')));
  if (g.url) out.push(`Issue: ${code(g.url)}`);
  if (issue?.deploy.label) out.push(`Deploy: ${escapeInline(issue.deploy.label)}`);

  const frames = (issue?.frames ?? []).filter((f) => f.inApp).slice(0, 10);
  if (frames.length) {
    out.push('**Frames** (crashing first)');
    out.push(
      frames
        .map((f, i) => {
          const name = code(f.function ?? '<anonymous>');
          if (!f.file) return `${i + 1}. ${name} ${code(f.raw.trim().slice(0, 160))} (not found in the repository)`;
          const where = `${f.file}:${f.localLine ?? f.line ?? '?'}`;
          const link = options.fileLink?.(f.file, f.localLine ?? f.line, null);
          return `${i + 1}. ${name} ${link ? `[${code(where)}](${link})` : code(where)}`;
        })
        .join('\n'),
    );
  }

  const suspects = (issue?.suspects ?? []).slice(0, 5);
  if (suspects.length) {
    out.push('**Suspect commits**');
    out.push(
      suspects
        .map((s, i) => {
          const head =
            `${i + 1}. ${code(shortSha(s.sha))} ${escapeInline(s.summary.slice(0, 160))} — ` +
            `${escapeInline(authorName(s.author))}, ${s.date.slice(0, 10)} · ${probabilityText(s)}`;
          const reasons = s.reasons.slice(0, 4).map((r) => `   - ${escapeInline(r.slice(0, 240))}`);
          return [head, ...reasons].join('\n');
        })
        .join('\n'),
    );
  } else if (issue) out.push('No suspect commit in the deploy range.');

  const v = options.verification;
  if (v) {
    const who = v.commit ? ` ${code(shortSha(v.commit))}` : '';
    out.push(`**Verification:** ${escapeInline(v.status)}${who}${v.command ? ` by replaying ${code(v.command)}` : ''}`);
  }
  out.push('_Triaged by Culprit_');
  return out.join('\n\n') + '\n';
}

// `https://`, `ssh://` (either with a user) or scp-like `git@`, a known host, then the repository path.
const KNOWN_HOST_REMOTE = new RegExp(
  String.raw`^(?:https:\/\/(?:[^@/]+@)?|ssh:\/\/(?:[^@/]+@)?|git@)(github\.com|gitlab\.com|bitbucket\.org)` +
    String.raw`[:/]([\w.-]+(?:\/[\w.-]+)+?)(?:\.git)?\/?$`,
  'i',
);

/** The browsable repository of a git remote on a known host, e.g. `https://github.com/acme/orders-api`. */
export function remoteWebUrl(remote: string | null): string | null {
  if (!remote) return null;
  const r = remote.trim();
  const m = KNOWN_HOST_REMOTE.exec(r);
  return m ? `https://${m[1].toLowerCase()}/${m[2].replace(/\.git$/i, '')}` : null;
}

/** A link to a file at a revision and line on the remote's host. */
export function remoteFileUrl(web: string, path: string, line: number | null, rev: string): string {
  const host = new URL(web).host;
  const p = path.split('/').map(encodeURIComponent).join('/');
  if (host === 'bitbucket.org') return `${web}/src/${rev}/${p}${line ? `#lines-${line}` : ''}`;
  const blob = host === 'gitlab.com' ? '-/blob' : 'blob';
  return `${web}/${blob}/${rev}/${p}${line ? `#L${line}` : ''}`;
}
