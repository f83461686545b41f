/** Reads Error Tracking responses (untrusted JSON) into small typed records; never throws. */
import { asArray, asInt, asIsoTimestamp, asNonEmptyString, asRecord, asString } from '../../decode/valueDecoder';

/** One issue from a search result joined with its `included` issue object. */
export interface DatadogIssueDto {
  id: string;
  errorType: string | null;
  errorMessage: string | null;
  filePath: string | null;
  functionName: string | null;
  count: number | null;
  userCount: number | null;
  /** ISO 8601 (the API gives epoch ms). */
  firstSeen: string | null;
  lastSeen: string | null;
  firstSeenVersion: string | null;
  lastSeenVersion: string | null;
  service: string | null;
  state: string | null;
}

/**
 * Search results in server order, each with its included issue (matched by id and type).
 * A result whose issue was not included keeps its id and count; the rest stays null.
 */
export function readIssueSearch(body: unknown): Array<DatadogIssueDto | null> {
  const root = asRecord(body);
  const included = new Map<string, Record<string, unknown>>();
  for (const item of asArray(root?.included)) {
    const r = asRecord(item);
    const id = asNonEmptyString(r?.id, 128);
    if (r && id && r.type === 'issue') included.set(id, asRecord(r.attributes) ?? {});
  }
  return asArray(root?.data).map((item) => {
    const r = asRecord(item);
    const rel = asRecord(asRecord(asRecord(r?.relationships)?.issue)?.data);
    const id = asNonEmptyString(rel?.id, 128) ?? asNonEmptyString(r?.id, 128);
    if (!r || !id) return null;
    const counts = asRecord(r.attributes) ?? {};
    const a = included.get(id) ?? {};
    return {
      id,
      errorType: asNonEmptyString(a.error_type, 512),
      errorMessage: asNonEmptyString(a.error_message, 2048),
      filePath: asNonEmptyString(a.file_path, 1024),
      functionName: asNonEmptyString(a.function_name, 512),
      count: asInt(counts.total_count),
      userCount: asInt(counts.impacted_users),
      firstSeen: asIsoTimestamp(a.first_seen),
      lastSeen: asIsoTimestamp(a.last_seen),
      firstSeenVersion: asNonEmptyString(a.first_seen_version, 512),
      lastSeenVersion: asNonEmptyString(a.last_seen_version, 512),
      service: asNonEmptyString(a.service, 256),
      state: asNonEmptyString(a.state, 64),
    };
  });
}

/** Title the way Datadog shows it: `Type: message`, falling back to either part or the id. */
export function issueTitle(issue: Pick<DatadogIssueDto, 'id' | 'errorType' | 'errorMessage'>): string {
  if (issue.errorType && issue.errorMessage) return `${issue.errorType}: ${issue.errorMessage}`;
  return issue.errorType ?? issue.errorMessage ?? `Datadog issue ${issue.id}`;
}

/** State and assignee from an `IssueResponse` (state/assignee updates). */
export function readIssueResponse(body: unknown): { state: string | null; assigneeId: string | null } {
  const data = asRecord(asRecord(body)?.data);
  const assignee = asRecord(asRecord(asRecord(data?.relationships)?.assignee)?.data);
  return { state: asString(asRecord(data?.attributes)?.state, 64), assigneeId: asNonEmptyString(assignee?.id, 128) };
}
