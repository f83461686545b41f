/**
 * Bugsnag / Insight Hub hosts. The API and the dashboard are two hosts of one domain:
 * `api.bugsnag.com` + `app.bugsnag.com`, or SmartBear's Insight Hub `api.bugsnag.smartbear.com`
 * + `app.bugsnag.smartbear.com` (chosen, as SmartBear's own client does, by a project API key
 * starting with `00000`).
 * An on-premise install gives its API URL (and optionally its dashboard URL) explicitly.
 */
const DEFAULT_DOMAIN = 'bugsnag.com';
const HUB_DOMAIN = 'bugsnag.smartbear.com';
const HUB_KEY_PREFIX = '00000';

export interface BugsnagHosts {
  api: string;
  /** Dashboard origin for issue links. */
  app: string;
}

/** The API and dashboard origins for the given options; never throws. */
export function bugsnagHosts(opts: { baseUrl?: string; appUrl?: string; apiKey?: string }): BugsnagHosts {
  const hub = typeof opts.apiKey === 'string' && opts.apiKey.trim().startsWith(HUB_KEY_PREFIX);
  const known = (domain: string): BugsnagHosts => ({ api: `https://api.${domain}`, app: `https://app.${domain}` });
  if (!opts.baseUrl) return known(hub ? HUB_DOMAIN : DEFAULT_DOMAIN);
  let host = '';
  try {
    host = new URL(opts.baseUrl).hostname.toLowerCase();
  } catch {
    // An unparsable URL is reported by the HTTP client with its own message.
  }
  const base = opts.baseUrl.replace(/\/+$/, '');
  if (host === HUB_DOMAIN || host.endsWith(`.${HUB_DOMAIN}`)) return { ...known(HUB_DOMAIN), api: base };
  if (host === DEFAULT_DOMAIN || host.endsWith(`.${DEFAULT_DOMAIN}`)) return { ...known(DEFAULT_DOMAIN), api: base };
  return { api: base, app: (opts.appUrl ?? base).replace(/\/+$/, '') };
}

/**
 * The dashboard link of an error: `{app}/{org slug}/{project slug}/errors/{id}` (the form
 * SmartBear's client builds in `getErrorUrl`), with `?event_id=` to open the event triaged.
 */
export function bugsnagErrorUrl(
  app: string,
  dashboardPath: string | null,
  errorId: string,
  eventId: string | null,
): string | null {
  if (!dashboardPath) return null;
  const event = eventId ? `?event_id=${encodeURIComponent(eventId)}` : '';
  return `${app}${dashboardPath}/errors/${encodeURIComponent(errorId)}${event}`;
}

/**
 * `/{org slug}/{project slug}` from a project's `html_url` (recorded as
 * `https://api.bugsnag.com/bugsnag/testproject-5` in a recorded project answer), else from
 * the two slugs when both are known.
 */
export function bugsnagDashboardPath(
  htmlUrl: string | null,
  orgSlug: string | null,
  projectSlug: string | null,
): string | null {
  const safe = (s: string): boolean => /^[A-Za-z0-9._~-]{1,200}$/.test(s);
  if (htmlUrl) {
    try {
      const parts = new URL(htmlUrl).pathname.split('/').filter(Boolean);
      if (parts.length === 2 && parts.every(safe)) return `/${parts[0]}/${parts[1]}`;
    } catch {
      // fall through to the slugs
    }
  }
  return orgSlug && projectSlug && safe(orgSlug) && safe(projectSlug) ? `/${orgSlug}/${projectSlug}` : null;
}
