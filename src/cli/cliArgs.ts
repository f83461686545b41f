/** Parses `culprit triage …` arguments. Usage errors are thrown as UsageError and exit 2. */
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

export interface TriageArgs {
  event: string | null;
  repo: string;
  deploy: string | null;
  maps: Array<{ prod: string; local: string }>;
  limit: number;
  json: boolean;
  tagPattern: string | null;
  sentry: boolean;
  datadog: boolean;
  url: string | null;
  org: string | null;
  projects: string[];
  environment: string | null;
  query: string | null;
  period: string | null;
  site: string | null;
  service: string | null;
  env: string | null;
  from: string | null;
  verbose: boolean;
  /** `--bugsnag`: Bugsnag's Data Access API (token in BUGSNAG_TOKEN). */
  bugsnag: boolean;
  /** `--stage`: Bugsnag release stage (default production). */
  stage: string | null;
  /** `--event-id`: open one error by event/correlation ID (or a Sentry short ID) instead of listing. */
  eventId: string | null;
  /** `--timeout`: the whole run's deadline in ms (0: none). */
  timeoutMs: number;
}

/** Default whole-run deadline: far above a normal triage, well below a CI job's patience. */
export const DEFAULT_TIMEOUT_MS = 300_000;

/** `90`, `90s`, `2m`, `1m30s`, `0` (no deadline) → ms. */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (!m || t === '') return null;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

export const USAGE = `Usage: culprit triage [options]

Inputs (one of):
  --event FILE            a Sentry event/envelope, Datadog span/log JSON, or a text stack trace ("-" for stdin);
                          --file FILE is the same
  --sentry --org ORG --project SLUG[,SLUG] [--url URL] [--environment ENV] [--query Q] [--period 14d]
                          recent issues from Sentry (token in SENTRY_AUTH_TOKEN)
  --datadog --service S [--site SITE | --url URL] [--env ENV] [--query Q] [--from now-24h]
                          recent issues from Datadog (keys in DD_API_KEY and DD_APP_KEY)
  --bugsnag --project ID [--url URL] [--stage production]
                          recent errors from Bugsnag (personal auth token in BUGSNAG_TOKEN)
  --event-id ID           with --sentry, --datadog or --bugsnag: open the one error with this event ID,
                          request/correlation or trace ID (Datadog), or Sentry short ID (ORDERS-API-1K)

Options:
  --repo DIR              the git checkout of the service (default: current directory)
  --deploy FROM..TO       the deploy range (any git revisions); default: from the release and tags
  --map PROD=LOCAL        rewrite a production path prefix (repeatable), e.g. --map /app=.
  --tag-pattern GLOB      only tags matching GLOB are deploys (e.g. 'v*')
  --limit N               most issues (default 10)
  --timeout DURATION      deadline for the whole run: 90, 90s, 2m (default 5m; 0: none). When it passes,
                          the issues triaged so far are printed and the report says what is missing
  --json                  print the JSON report on stdout
  -v, --verbose           log each API request to stderr (secrets redacted)
  -h, --help              this text`;

function parseMap(spec: string): { prod: string; local: string } {
  const i = spec.indexOf('=');
  if (i <= 0) throw new UsageError(`--map takes PROD=LOCAL (e.g. /app=.), got '${spec}'`);
  return { prod: spec.slice(0, i), local: spec.slice(i + 1) || '.' };
}

export function parseTriageArgs(argv: string[]): TriageArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        event: { type: 'string' },
        // The same input under the name people reach for first.
        file: { type: 'string' },
        repo: { type: 'string' },
        deploy: { type: 'string' },
        map: { type: 'string', multiple: true },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        'tag-pattern': { type: 'string' },
        sentry: { type: 'boolean' },
        datadog: { type: 'boolean' },
        url: { type: 'string' },
        org: { type: 'string' },
        project: { type: 'string', multiple: true },
        environment: { type: 'string' },
        query: { type: 'string' },
        period: { type: 'string' },
        site: { type: 'string' },
        service: { type: 'string' },
        env: { type: 'string' },
        from: { type: 'string' },
        bugsnag: { type: 'boolean' },
        stage: { type: 'string' },
        'event-id': { type: 'string' },
        timeout: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.file !== undefined) {
    if (v.event !== undefined && v.event !== v.file)
      throw new UsageError('--file is another name for --event: give one of them');
    v.event = v.file;
  }
  const limit = v.limit === undefined ? 10 : Number(v.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new UsageError(`--limit takes a whole number from 1 to 1000, got '${v.limit}'`);
  if (v.deploy !== undefined && !/^[^.\s][^\s]*\.\.[^.\s][^\s]*$/.test(v.deploy))
    throw new UsageError(`--deploy takes FROM..TO (two revisions), got '${v.deploy}'`);
  const sources = [v.event !== undefined, !!v.sentry, !!v.datadog, !!v.bugsnag].filter(Boolean).length;
  if (sources === 0) throw new UsageError('nothing to triage: pass --event FILE, --sentry, --datadog or --bugsnag');
  if (sources > 1) throw new UsageError('pass only one of --event, --sentry, --datadog and --bugsnag');
  if (v['event-id'] !== undefined && (v.event !== undefined || v['event-id'].trim() === '')) {
    throw new UsageError('--event-id takes an ID and goes with --sentry, --datadog or --bugsnag');
  }
  const timeoutMs = v.timeout === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(v.timeout);
  if (timeoutMs === null || timeoutMs > 24 * 3600 * 1000)
    throw new UsageError(`--timeout takes a duration such as 90, 90s or 2m (0: none), got '${v.timeout}'`);
  return {
    timeoutMs,
    event: v.event ?? null,
    repo: v.repo ?? process.cwd(),
    deploy: v.deploy ?? null,
    maps: (v.map ?? []).map(parseMap),
    limit,
    json: !!v.json,
    tagPattern: v['tag-pattern'] ?? null,
    sentry: !!v.sentry,
    datadog: !!v.datadog,
    url: v.url ?? null,
    org: v.org ?? null,
    projects: (v.project ?? [])
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter(Boolean),
    environment: v.environment ?? null,
    query: v.query ?? null,
    period: v.period ?? null,
    site: v.site ?? null,
    service: v.service ?? null,
    env: v.env ?? null,
    from: v.from ?? null,
    verbose: !!v.verbose,
    bugsnag: !!v.bugsnag,
    stage: v.stage ?? null,
    eventId: v['event-id']?.trim() ?? null,
  };
}
