/**
 * The one builder of every Culprit hover. It leads with the answer (the error, then the top
 * suspect and one row of actions), then the other suspects, then compact variables and request.
 * Server text is hostile: it goes through `prose` (escaped, wrappable, link-like tokens as code)
 * or into code blocks, and the markdown is trusted only for Culprit's allow-listed commands.
 */
import * as vscode from 'vscode';
import { CMD, HOVER_COMMANDS, type CommandId } from '../constants';
import type { IssueEntry } from '../state/issueStore';
import type { RawFrame, Suspect } from '../../core/model';
import { flattenFrames } from '../../core/triage';
import { safeRequest } from '../../core/request';
import {
  authorName,
  clipAtWord,
  errorType,
  placementText,
  noSuspectsReason,
  probabilityText,
  verdictText,
  relativeTime,
  releaseLabel,
  shortSha,
} from '../../core/present';
import { inlineCode, prose } from './markdownSafe';
import { verificationOf, type VerificationView } from '../state/optionalFields';
import { verificationHeadline } from '../commands/verifyCommands';

/**
 * The hover must fit above a crashing line near the top of an editor (VS Code caps it at about
 * 250 px there): each part is bounded, and what does not fit is "… in Details" (the panel).
 */
const MAX_VARS = 4;
const MAX_VALUE = 30;
/** Characters of the variables line: one line of a hover at its usual width (code is wider than prose). */
const VARS_BUDGET = 60;
const MAX_MESSAGE = 140;
const MAX_REASON = 100;
const MAX_REQUEST = 90;
const PROVIDER_NAMES: Record<string, string> = { sentry: 'Sentry', datadog: 'Datadog', bugsnag: 'Bugsnag' };

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function commandLink(label: string, id: CommandId, args: unknown[], tooltip?: string): string {
  if (!HOVER_COMMANDS.includes(id)) throw new Error(`${id} is not a hover command`);
  const title = tooltip ? ` "${tooltip.replace(/["\\]/g, '')}"` : '';
  return `[${label}](command:${id}?${encodeURIComponent(JSON.stringify(args))}${title})`;
}

function valueText(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return clipText(text, MAX_VALUE);
}

/** `text` cut to `max` characters with an ellipsis (a URL has no words to cut at). */
function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The raw frame behind triaged frame `index` (the pipeline keeps flattenFrames' order). */
export function rawFrameOf(entry: IssueEntry, index: number): RawFrame | undefined {
  return flattenFrames(entry.sample.event.exceptions)[index];
}

/** `2b16db1 summary — Ada Lovelace, 3 d ago · 90%` (the SHA links to the suspect's diff). */
function suspectLine(entry: IssueEntry, s: Suspect, confirmed: boolean): string {
  const when = relativeTime(s.date) ?? s.date.slice(0, 10);
  const sha = commandLink(`$(git-commit) ${shortSha(s.sha)}`, CMD.openSuspectDiff, [entry.key, s.sha], 'Open Diff');
  // A confirmed commit has no probability: the verdict's line right below says confirmed.
  const badge = confirmed ? '' : ` · ${probabilityText(s)}`;
  return `${sha} ${prose(clipAtWord(s.summary, 90))} — ${prose(authorName(s.author))}, ${when}${badge}`;
}

const VERDICT_ICONS = { confirmed: '$(pass-filled)', 'not-reproduced': '$(circle-slash)', inconclusive: '$(question)' };

/** `Confirmed by bisect: 2b16db1 · 5 runs`, then why, and for "not reproduced" what production had. */
function verificationLine(v: VerificationView): string {
  const head = `${VERDICT_ICONS[v.status]} **${prose(verificationHeadline(v))}**`;
  // A confirmed commit's reason (the suspect line above) already says where it fails.
  const why = v.summary && v.status !== 'confirmed' ? ` — ${prose(clipAtWord(v.summary, 200))}` : '';
  const differs = v.differs?.length ? `\\\n${prose(clipAtWord(`Production had: ${v.differs.join('; ')}`, 200))}` : '';
  return `${head}${why}${differs}`;
}

export function buildHover(entry: IssueEntry, frameIndex: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  const { group, event } = entry.sample;
  const issue = entry.triage?.issue;
  const blocks: string[] = [];

  // 1. A fix may already be in: the deployed line changed after the deploy.
  const change = issue?.frames[frameIndex]?.changedSince;
  if (change) {
    const deployed = commandLink('deployed version', CMD.openDeployedFile, [entry.key, frameIndex]);
    blocks.push(
      'uncommitted' in change
        ? `$(history) **Changed after deploy** by your uncommitted edits — a fix may already be in · ${deployed}`
        : `$(history) **Changed after deploy** by ${inlineCode(shortSha(change.sha))} ` +
            `${prose(clipAtWord(change.summary, 70))} — ${prose(authorName(change.author))}, ` +
            `${relativeTime(change.date) ?? ''} — a fix may already be in · ${deployed}`,
    );
  }

  // How the line was found, when not simply by the number production reported.
  const frame = issue?.frames[frameIndex];
  const placed = frame && frame.placedBy !== 'line-number' ? placementText(frame) : null;
  if (placed) blocks.push(`$(location) ${prose(capitalized(placed))}`);

  // 2. The error in one line: type, message, count, since which release.
  const ex = event.exceptions[event.exceptions.length - 1];
  const message = ex?.value ?? event.message ?? '';
  const facts = [
    group.count !== null ? `×${group.count}` : null,
    group.firstRelease ? `since ${releaseLabel(group.firstRelease)}` : null,
    group.lastSeen ? `last ${relativeTime(group.lastSeen)}` : null,
  ].filter((x): x is string => !!x);
  blocks.push(
    `$(error) **${prose(errorType(entry.sample))}** ${prose(clipAtWord(message, MAX_MESSAGE))}` +
      (facts.length ? ` · ${prose(facts.join(' · '))}` : ''),
  );

  // 3. The answer, in one paragraph (a hover's paragraphs cost a margin each): the top suspect,
  //    its strongest reason, the verdict, the deploy range, then one row of actions.
  const suspects = issue?.suspects ?? [];
  const verification = issue ? verificationOf(issue) : undefined;
  const top = suspects[0];
  const answer: string[] = [];
  if (top) {
    const confirmed = verification?.status === 'confirmed' && verification.commit === top.sha;
    answer.push(`**Suspect** ${suspectLine(entry, top, confirmed)}`);
    // A confirmed commit's first reason is the replay's: it goes on the verdict's line below.
    if (top.reasons[0] && !confirmed) answer.push(prose(clipAtWord(top.reasons[0], MAX_REASON)));
  } else if (issue) {
    // The triage's own reason: git not run, a failed blame, the deadline, or none fit.
    answer.push(`**Suspects** ${prose(clipAtWord(noSuspectsReason(issue) ?? 'none found', 240))}`);
  }
  // A close call or "none of these" is said where the answer is, never left to the percentages.
  const verdict = issue?.confidence === 'low' && !verification ? verdictText(issue) : null;
  if (verdict) answer.push(`$(warning) ${prose(clipAtWord(verdict, 200))}`);
  const confirmedTop = !!top && verification?.status === 'confirmed' && verification.commit === top.sha;
  if (verification) answer.push(verificationLine(verification));
  if (confirmedTop && top.reasons[0]) answer.push(prose(clipAtWord(top.reasons[0], MAX_REASON)));
  if (issue?.deploy.label) answer.push(`$(rocket) deploy ${prose(issue.deploy.label)}`);
  const canBisect = !!(entry.triage?.gitRan && issue?.deploy.from && issue.deploy.to && vscode.workspace.isTrusted);

  const actions = [
    top ? commandLink('Open Diff', CMD.openSuspectDiff, [entry.key, top.sha]) : null,
    commandLink('Details', CMD.openDetails, [entry.key]),
    canBisect && verification?.status !== 'confirmed'
      ? commandLink('Confirm by Bisect', CMD.confirmByBisect, [entry.key], 'Replay the failure across the deploy range')
      : null,
    commandLink('Copy as Markdown', CMD.copyAsMarkdown, [entry.key]),
    group.url
      ? commandLink(`Open in ${PROVIDER_NAMES[group.source] ?? 'provider'}`, CMD.openInProvider, [entry.key])
      : null,
  ].filter((x): x is string => x !== null);
  answer.push(actions.join(' · '));
  blocks.push(answer.join('\\\n'));

  // 4. The other suspects on one line (summary in each link's tooltip): the hover must fit above
  //    a line near the top of the editor with its variables still on screen.
  if (suspects.length > 1) {
    const rest = suspects.slice(1, 4).map((s) => {
      const link = commandLink(`$(git-commit) ${shortSha(s.sha)}`, CMD.openSuspectDiff, [entry.key, s.sha], s.summary);
      return `${link} ${probabilityText(s)}`;
    });
    if (suspects.length > 4)
      rest.push(commandLink(`${suspects.length - 4} more in Details`, CMD.openDetails, [entry.key]));
    blocks.push(`Also: ${rest.join(' · ')}`);
  }

  // 5. Compact context: a few variables on one line, the request line; the rest is in Details.
  const raw = rawFrameOf(entry, frameIndex);
  const context: string[] = [];
  const vars = Object.entries(raw?.vars ?? {});
  if (vars.length) {
    const shown: string[] = [];
    let used = 0;
    for (const [k, v] of vars.slice(0, MAX_VARS)) {
      const text = `${clipAtWord(k, 24)} = ${valueText(v)}`;
      if (shown.length > 0 && used + text.length > VARS_BUDGET) break;
      shown.push(inlineCode(text));
      used += text.length + 3;
    }
    const hidden = vars.length - shown.length;
    const more =
      hidden > 0
        ? ` · ${commandLink(`+${hidden} more`, CMD.openDetails, [entry.key], 'Every variable in Details')}`
        : '';
    context.push(`**Variables** ${shown.join(' · ')}${more}`);
  }
  if (event.request) {
    const req = safeRequest(event.request);
    const url = req.url ?? '';
    const query = req.query && !url.includes('?') ? `?${req.query}` : '';
    const line = `${req.method ?? ''} ${url}${query}`.trim();
    if (line) context.push(`**Request** ${inlineCode(clipText(line, MAX_REQUEST))}`);
  }
  if (context.length) blocks.push(`---\n\n${context.join('\\\n')}`);

  md.appendMarkdown(blocks.join('\n\n'));
  return md;
}
