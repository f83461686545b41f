/** The human-readable report (the default output when --json is not given). */
import type { TriageReport, TriagedIssue } from '../core/model';
import {
  changedSinceText,
  isMoreLinksReason,
  noSuspectsReason,
  placementText,
  probabilityText,
  shortSha,
  verdictText,
} from '../core/present';
import { terminalSafe as t } from './terminalText';

function short(sha: string | null): string {
  return sha ? t(shortSha(sha)) : '—';
}

function issueText(issue: TriagedIssue): string {
  const lines: string[] = [];
  const count = issue.count === null ? '' : ` ×${issue.count}`;
  lines.push(`● ${t(issue.title)}${count}${issue.release ? `  (release ${t(issue.release)})` : ''}`);
  if (issue.url) lines.push(`  ${t(issue.url)}`);
  const d = issue.deploy;
  // The same sentence the extension shows; older reports without a label fall back to the SHAs.
  lines.push(
    d.label
      ? `  deploy: ${t(d.label)}`
      : d.source === 'none'
        ? '  deploy: (none: blamed at HEAD)'
        : `  deploy: ${short(d.from)}..${short(d.to)} (from ${d.source})`,
  );
  lines.push('  frames (crashing first):');
  const shown = issue.frames.filter((f) => f.inApp).slice(0, 12);
  for (const f of shown) {
    if (f.folded) {
      lines.push(`    ${t(f.raw)}`);
      continue;
    }
    const where = f.file ? `${t(f.file)}:${f.line ?? '?'}${f.column ? `:${f.column}` : ''}` : `unresolved ${t(f.raw)}`;
    const local =
      f.file && f.localLine !== f.line && f.placedBy !== null
        ? f.localLine === null
          ? '  → line deleted since'
          : `  → now line ${f.localLine}`
        : '';
    lines.push(`    ${t(f.function ?? '<anonymous>')}  ${where}${local}`);
    // The usual case, the reported line number, goes without saying.
    const placed = f.placedBy === 'line-number' ? null : placementText(f);
    if (placed) lines.push(`      ${t(placed)}`);
    const changed = changedSinceText(f.changedSince);
    if (changed) lines.push(`      ${t(changed)}`);
  }
  const hidden = issue.frames.length - shown.length;
  if (hidden > 0) lines.push(`    (+${hidden} library or hidden frames)`);
  const none = noSuspectsReason(issue);
  const verdict = verdictText(issue);
  lines.push(none ? `  suspects: ${t(none)}` : `  suspects${verdict ? ` (${t(verdict)})` : ''}:`);
  issue.suspects.forEach((s, i) => {
    lines.push(
      `    ${i + 1}. ${short(s.sha)} ${t(s.summary)}  — ${t(s.author)}, ${t(s.date.slice(0, 10))}  ` +
        probabilityText(s),
    );
    for (const r of s.reasons) {
      lines.push(`         · ${t(r)}`);
      if (isMoreLinksReason(s, r)) for (const link of s.moreLinks!) lines.push(`             – ${t(link)}`);
    }
  });
  return lines.join('\n');
}

export function formatTextReport(report: TriageReport): string {
  const parts = report.issues.map(issueText);
  for (const e of report.errors) parts.push(`✗ ${e.issueId ? `${t(e.issueId)}: ` : ''}${t(e.message)}`);
  return parts.join('\n\n') + '\n';
}
