/**
 * The one builder of every Culprit hover. Server text is hostile: it goes through appendText
 * (escaped) or into code blocks fenced longer than any backtick run inside them, and the
 * markdown is trusted only for Culprit's allow-listed commands, with JSON arguments URI-encoded.
 */
import * as vscode from 'vscode';
import { CMD, HOVER_COMMANDS, type CommandId } from '../constants';
import type { IssueEntry } from '../state/issueStore';
import type { RawFrame } from '../../core/model/event.types';
import { flattenFrames } from '../../core/triage/frameSelection';
import { safeRequest } from '../../core/request/requestRedaction';
import { authorName, errorType, relativeTime, releaseLabel, shortSha } from '../../core/present/issueSummary';

const MAX_BLOCK = 1500;

function fenced(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `\n${fence}${lang}\n${text}\n${fence}\n`;
}

function clip(text: string, max = MAX_BLOCK): string {
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;
}

function commandLink(label: string, id: CommandId, args: unknown[]): string {
  if (!HOVER_COMMANDS.includes(id)) throw new Error(`${id} is not a hover command`);
  return `[${label}](command:${id}?${encodeURIComponent(JSON.stringify(args))})`;
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The raw frame behind triaged frame `index` (the pipeline keeps flattenFrames' order). */
export function rawFrameOf(entry: IssueEntry, index: number): RawFrame | undefined {
  return flattenFrames(entry.sample.event.exceptions)[index];
}

export function buildHover(entry: IssueEntry, frameIndex: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  const { group, event } = entry.sample;
  const ex = event.exceptions[event.exceptions.length - 1];

  md.appendMarkdown('$(error) **').appendText(errorType(entry.sample)).appendMarkdown('**');
  const message = ex?.value ?? event.message;
  if (message) md.appendMarkdown(' ').appendText(clip(message, 400));
  md.appendMarkdown('\n\n');

  const facts = [
    group.count !== null ? `×${group.count} events` : null,
    group.firstSeen ? `first seen ${relativeTime(group.firstSeen)}` : null,
    group.lastSeen ? `last seen ${relativeTime(group.lastSeen)}` : null,
    group.firstRelease ? `since ${releaseLabel(group.firstRelease)}` : null,
    group.release ? `release ${releaseLabel(group.release)}` : null,
    (group.environment ?? event.environment) ? `env ${group.environment ?? event.environment}` : null,
  ].filter((x): x is string => x !== null);
  if (facts.length) md.appendText(facts.join(' · ')).appendMarkdown('\n\n');

  const raw = rawFrameOf(entry, frameIndex);
  if (raw?.vars && Object.keys(raw.vars).length) {
    md.appendMarkdown('**Local variables**');
    md.appendMarkdown(fenced(clip(stringify(raw.vars)), 'json'));
  }

  if (event.request) {
    const req = safeRequest(event.request);
    md.appendMarkdown('**Request** ')
      .appendText(`${req.method ?? ''} ${req.url ?? ''}${req.query ? `?${req.query}` : ''}`.trim())
      .appendMarkdown('\n');
    const lines = req.headers.map(([n, v]) => `${n}: ${v}`);
    const body = req.data === null || req.data === undefined ? '' : stringify(req.data);
    if (lines.length || body)
      md.appendMarkdown(fenced(clip([...lines.slice(0, 12), ...(body ? ['', body] : [])].join('\n'), 800), 'http'));
  }

  const suspects = entry.triage?.issue.suspects ?? [];
  if (suspects.length) {
    md.appendMarkdown('\n**Suspects**\n\n');
    suspects.slice(0, 3).forEach((s, i) => {
      md.appendMarkdown(
        `${i + 1}. ${commandLink(`$(git-commit) ${shortSha(s.sha)}`, CMD.openSuspectDiff, [entry.key, s.sha])} `,
      );
      md.appendText(`${s.summary} — ${authorName(s.author)}, ${relativeTime(s.date) ?? s.date}`).appendMarkdown('\n');
      for (const r of s.reasons.slice(0, 4)) md.appendMarkdown('    - ').appendText(r).appendMarkdown('\n');
    });
  } else if (entry.triage && !entry.triage.gitRan) {
    md.appendMarkdown('\n').appendText('Suspects need git, which is not run in Restricted Mode.').appendMarkdown('\n');
  }

  const links = [
    commandLink('Details', CMD.openDetails, [entry.key]),
    commandLink('Show suspects', CMD.showSuspects, [entry.key]),
  ];
  const provider =
    ({ sentry: 'Sentry', datadog: 'Datadog', bugsnag: 'Bugsnag' } as Record<string, string>)[group.source] ??
    'the provider';
  if (group.url) links.push(commandLink(`Open in ${provider}`, CMD.openInProvider, [entry.key]));
  md.appendMarkdown(`\n${links.join(' · ')}`);
  return md;
}
