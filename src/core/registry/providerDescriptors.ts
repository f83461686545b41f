/** Sentry, Datadog and Bugsnag, each described once (see providerRegistry.ts). */
import { datadogIssueActions, sentryIssueActions } from '../actions/issueActions';
import type { DatadogSource, DatadogSourceOptions } from '../providers/datadog/datadog.types';
import { datadogApiBaseUrl, normalizeDatadogSite } from '../providers/datadog/datadogSites';
import { createDatadogSource } from '../providers/datadog/datadogSource';
import { createDatadogInsights } from '../providers/datadog/datadogTagInsights';
import { createBugsnagSource } from '../providers/bugsnag/bugsnagSource';
import { bugsnagHosts } from '../providers/bugsnag/bugsnagHosts';
import type { SentrySource } from '../providers/sentry/sentry.types';
import { createSentrySource } from '../providers/sentry/sentrySource';
import { createSentryInsights } from '../providers/sentry/sentryTagInsights';
import type { IssueActions } from '../actions/issueActions';
import type { ErrorSource } from '../providers/errorSource';
import type { ProviderDescriptor } from './providerRegistry';
import { originOf } from './providerRegistry';

const SENTRY_URL = 'https://sentry.io';

const sentry: ProviderDescriptor = {
  id: 'sentry',
  name: 'Sentry',
  fields: [
    { name: 'url', flags: ['--url'], setting: 'url', label: 'the Sentry URL' },
    { name: 'org', flags: ['--org'], setting: 'org', required: 'always', label: 'your organization slug' },
    { name: 'projects', flags: ['--project'], setting: 'projects', label: 'the project slugs' },
    { name: 'environment', flags: ['--environment'], setting: 'environment', label: 'the environment' },
    { name: 'query', flags: ['--query'], setting: 'query', label: 'the issue search' },
    { name: 'period', flags: ['--period'], setting: null, label: 'the stats period' },
  ],
  secrets: [{ name: 'token', env: 'SENTRY_AUTH_TOKEN', storageKey: 'culprit.sentry.token' }],
  secretsHelp: 'a Sentry auth token with org:read, project:read, event:read and project:releases',
  secretsNoun: 'auth token',
  target: (v, s, ctx) => ({
    provider: 'sentry',
    options: {
      baseUrl: v.url || undefined,
      token: s.token,
      org: v.org ?? '',
      projects: v.projects ?? [],
      environment: v.environment || undefined,
      query: v.query || undefined,
      period: v.period || undefined,
      suspects: !!ctx.providerSuspects,
      logger: ctx.logger,
    },
  }),
  origin: (v) => originOf(v.url || SENTRY_URL),
  source: (t) => createSentrySource(t.options as Parameters<typeof createSentrySource>[0]),
  label: (v) => `Sentry ${v.org} (${v.projects?.length ? v.projects.join(', ') : 'all projects'})`,
  actions: (source) => sentryIssueActions(source as SentrySource),
  insights: (t) => {
    const i = createSentryInsights(t.options as Parameters<typeof createSentryInsights>[0]);
    return { whatDiffers: (id, window) => i.whatDiffers(id, { window }), fixStatus: (id, w) => i.fixStatus(id, w) };
  },
  links: { scope: 'org' },
};

const datadog: ProviderDescriptor = {
  id: 'datadog',
  name: 'Datadog',
  fields: [
    { name: 'site', flags: ['--site'], setting: 'site', label: 'the Datadog site' },
    { name: 'url', flags: ['--url'], setting: 'url', label: 'a proxy URL' },
    { name: 'service', flags: ['--service'], setting: 'service', required: 'list', label: 'the service: tag' },
    { name: 'environment', flags: ['--env', '--environment'], setting: 'env', label: 'the env: tag' },
    { name: 'query', flags: ['--query'], setting: 'query', label: 'the search query' },
    { name: 'from', flags: ['--from'], setting: null, label: 'the window start' },
  ],
  secrets: [
    { name: 'apiKey', env: 'DD_API_KEY', storageKey: 'culprit.datadog.apiKey' },
    { name: 'appKey', env: 'DD_APP_KEY', storageKey: 'culprit.datadog.appKey' },
  ],
  secretsHelp:
    'a Datadog API key and application key (error_tracking_read, apm_read; logs_read_data for logs; ' +
    'timeseries_query for host metrics)',
  secretsNoun: 'API and application keys',
  target: (v, s, ctx) => ({
    provider: 'datadog',
    options: {
      site: v.site || undefined,
      baseUrl: v.url || undefined,
      apiKey: s.apiKey,
      appKey: s.appKey,
      service: v.service || undefined,
      env: v.environment || undefined,
      query: v.query || undefined,
      from: v.from || undefined,
      logger: ctx.logger,
    },
  }),
  origin: (v) => originOf(v.url || datadogApiBaseUrl(normalizeDatadogSite(v.site))),
  source: (t) => createDatadogSource(t.options as DatadogSourceOptions),
  label: (v) => `Datadog ${v.service} (${v.site || 'datadoghq.com'})`,
  actions: (source) => datadogIssueActions(source as DatadogSource),
  insights: (t) => {
    const i = createDatadogInsights(t.options as DatadogSourceOptions);
    return {
      whatDiffers: (id) => i.whatDiffers(id),
      fixStatus: (id, w) => i.fixStatus(id, w),
      resources: (event) => i.resources(event),
    };
  },
  links: {},
};

const bugsnag: ProviderDescriptor = {
  id: 'bugsnag',
  name: 'Bugsnag',
  fields: [
    { name: 'url', flags: ['--url'], setting: 'url', label: 'the Data Access API URL' },
    {
      name: 'projects',
      flags: ['--project'],
      setting: 'project',
      required: 'always',
      single: true,
      label: 'the project ID or name',
    },
    { name: 'environment', flags: ['--stage', '--environment'], setting: 'stage', label: 'the release stage' },
  ],
  secrets: [{ name: 'token', env: 'BUGSNAG_TOKEN', storageKey: 'culprit.bugsnag.token' }],
  secretsHelp: 'a Bugsnag personal auth token (Settings > My account > Personal auth tokens)',
  secretsNoun: 'auth token',
  target: (v, s, ctx) => ({
    provider: 'bugsnag',
    options: {
      baseUrl: v.url || undefined,
      token: s.token,
      project: v.projects?.[0] ?? '',
      stage: v.environment || undefined,
      logger: ctx.logger,
    },
  }),
  origin: (v) => originOf(bugsnagHosts({ baseUrl: v.url || undefined }).api),
  source: (t) => createBugsnagSource(t.options as Parameters<typeof createBugsnagSource>[0]),
  label: (v) => `Bugsnag ${v.projects?.[0] ?? ''}`,
};

export const PROVIDERS: readonly ProviderDescriptor[] = [sentry, datadog, bugsnag];

/** The descriptor of a provider id, or undefined for anything else (`none`, `file`, a typo). */
export function providerFor(id: string | null | undefined): ProviderDescriptor | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/** The descriptor of a source's id, when that provider supports issue actions. */
export function issueActionsFor(source: ErrorSource): IssueActions | null {
  return providerFor(source.id)?.actions?.(source) ?? null;
}

/** Whether issues from this source id can be resolved, ignored or assigned from Culprit. */
export function hasIssueActions(sourceId: string): boolean {
  return !!providerFor(sourceId)?.actions;
}
