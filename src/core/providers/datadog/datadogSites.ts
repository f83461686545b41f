/** Datadog sites: an org and its keys live on exactly one, so the site is a user setting. */
import { CulpritError } from '../../errors';

/**
 * Every public site, US1 first (the default): the site list of Datadog's official API client,
 * which added uk1 and us2.ddog-gov.com after the others.
 */
export const DATADOG_SITES = [
  'datadoghq.com',
  'us3.datadoghq.com',
  'us5.datadoghq.com',
  'datadoghq.eu',
  'ap1.datadoghq.com',
  'ap2.datadoghq.com',
  'uk1.datadoghq.com',
  'ddog-gov.com',
  'us2.ddog-gov.com',
] as const;

export type DatadogSite = (typeof DATADOG_SITES)[number];

const DATADOG_DEFAULT_SITE: DatadogSite = 'datadoghq.com';

/**
 * The site named by user input. Accepts the bare site and the forms people paste from the
 * browser or docs (`https://app.datadoghq.eu/`, `api.us5.datadoghq.com`, any case).
 * Throws `invalid-input` listing the sites for anything else.
 */
export function normalizeDatadogSite(input: unknown): DatadogSite {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === ''))
    return DATADOG_DEFAULT_SITE;
  if (typeof input !== 'string')
    throw new CulpritError('invalid-input', `the Datadog site must be a string, one of ${DATADOG_SITES.join(', ')}`);
  const host = input
    .trim()
    .toLowerCase()
    .slice(0, 256)
    .replace(/^https?:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^(app|api)\./, '');
  const hit = DATADOG_SITES.find((s) => s === host);
  if (!hit) {
    const shown = input.trim().slice(0, 80);
    throw new CulpritError('invalid-input', `unknown Datadog site "${shown}"; use one of ${DATADOG_SITES.join(', ')}`);
  }
  return hit;
}

/** API origin of a site: `https://api.<site>`. */
export function datadogApiBaseUrl(site: DatadogSite): string {
  return `https://api.${site}`;
}

/**
 * Web UI origin of a site. US1, EU1 and US1-FED use `app.<site>`; the newer sites (US3, US5,
 * AP1, AP2, UK1, US2-FED) serve the UI on the site host itself.
 */
function datadogUiBaseUrl(site: DatadogSite): string {
  return site === 'datadoghq.com' || site === 'datadoghq.eu' || site === 'ddog-gov.com'
    ? `https://app.${site}`
    : `https://${site}`;
}

/** Link to an Error Tracking issue (the same `/error-tracking?issueId=` path Datadog cases link to). */
export function datadogIssueUrl(site: DatadogSite, issueId: string): string {
  return `${datadogUiBaseUrl(site)}/error-tracking?issueId=${encodeURIComponent(issueId)}`;
}

/** Link to the APM trace of a span. */
export function datadogTraceUrl(site: DatadogSite, traceId: string): string {
  return `${datadogUiBaseUrl(site)}/apm/trace/${encodeURIComponent(traceId)}`;
}

/** Link to one log event in the Log Explorer. */
export function datadogLogUrl(site: DatadogSite, logId: string): string {
  return `${datadogUiBaseUrl(site)}/logs?event=${encodeURIComponent(logId)}`;
}
