/**
 * What Culprit requests or reads that no official recording shows, each with the source that
 * documents it. The contract test fails on anything else, so this list is the whole gap between
 * the recordings and the product.
 */
import type { RecordedProvider } from '../../helpers/recordedExchanges';

export interface Documented {
  /** A key path (`a.b`, `a[].c`) of a stand-in answer. */
  path: RegExp;
  source: string;
}

const SENTRY_EVENT = '(event\\.)?';

export const DOCUMENTED: Record<RecordedProvider, Documented[]> = {
  sentry: [
    {
      path: /^projects(\[\]\.(id|slug|name))?$/,
      source:
        'org details embed projects in the detailed view (getsentry/sentry DetailedOrganizationSerializerWithProjectsAndTeams); Culprit also falls back to GET /organizations/{org}/projects/',
    },
    {
      path: /^currentProjectMeta\.(prevReleaseVersion|nextReleaseVersion|firstReleaseVersion|lastReleaseVersion|sessionsLowerBound|sessionsUpperBound)$/,
      source:
        'release details with ?project= (getsentry/sentry tests/sentry/api/endpoints/test_organization_release_details.py, test_correct_project_contains_current_project_meta); the recordings were made without ?project=',
    },
    {
      path: new RegExp(`^${SENTRY_EVENT}contexts\\.\\*$`),
      source:
        'event contexts (runtime, os, device, app, trace): Sentry event payload docs (develop.sentry.dev/sdk/data-model/event-payloads/contexts); the recorded REST events carry few',
    },
    {
      path: new RegExp(
        `^${SENTRY_EVENT}entries\\[\\]\\.data\\.(data\\.\\*|values\\[\\]\\.(mechanism\\.(exception_id|parent_id|source)|stacktrace\\.frames\\[\\]\\.vars\\.\\*))$`,
      ),
      source:
        'request body, exception-group mechanism fields and frame variables as the real @sentry/node capture in test/fixtures/events sent them (develop.sentry.dev/sdk/data-model/event-payloads/exception, .../stacktrace `vars`)',
    },
    {
      path: new RegExp(`^${SENTRY_EVENT}entries\\[\\]\\.data\\.(lineNo|filename|context)$`),
      source:
        'a `template` entry (Django, Jinja): its data is the Template interface get_api_context (getsentry/sentry src/sentry/interfaces/template.py, tests/sentry/interfaces/test_template.py); no recorded event renders a template',
    },
    {
      path: new RegExp(`^${SENTRY_EVENT}release\\.(shortVersion|status|userAgent|versionInfo)$`),
      source:
        "the event's release object carries the release serializer's fields (recorded getOrganizationRelease bodies)",
    },
  ],
  datadog: [
    {
      path: /^included(\[\]\.(id|type|attributes(\.[a-z_]+)?))?$/,
      source:
        'SearchIssues with ?include=issue: IssuesSearchResponse.included in datadog-openapi-subset.json; its attributes are the recorded GetIssue attributes',
    },
    {
      path: /^data\[\]\.attributes\.impacted_users$/,
      source:
        'IssuesSearchResultAttributes.impacted_users (datadog-openapi-subset.json); the only trace-track search recorded was empty',
    },
    {
      path: /^data\[\]\.attributes\.service$/,
      source:
        'LogAttributes.service (datadog-openapi-subset.json); the recorded logs come from a service-less Cloud Foundry app',
    },
  ],
  bugsnag: [
    {
      path: /^(\[\]\.)?app\.version$/,
      source:
        'Bugsnag Error Reporting API app.version (docs.bugsnag.com/api/error-reporting); the 2017 recordings set no version',
    },
    {
      path: /^(\[\]\.)?request\.(url|httpMethod|headers(\.\*)?|params)$/,
      source:
        'Error Reporting API request.{url, httpMethod, headers}; request.params per issue #16; the recorded request is {}',
    },
    {
      path: /^(\[\]\.)?breadcrumbs\[\]\.(name|timestamp|type|metaData(\.\*)?)$/,
      source: 'Error Reporting API breadcrumbs[].{timestamp, name, type, metaData}; the recorded breadcrumbs are []',
    },
    {
      path: /^(\[\]\.)?device\.runtimeVersions(\.node)?$/,
      source: 'Error Reporting API device.runtimeVersions',
    },
    {
      path: /^\[\]\.source_control(\.(service|commit_url|revision|diff_url_to_previous))?$/,
      source:
        'a release reported by the Build API (docs.bugsnag.com/api/build: sourceControl.revision) carries source_control; the recorded releases came from events and sessions',
    },
  ],
};

/** Endpoints Culprit calls that no recording covers. */
export const UNRECORDED_ENDPOINTS: Record<
  RecordedProvider,
  Array<{ method: string; pattern: RegExp; source: string }>
> = {
  sentry: [
    {
      method: 'GET',
      pattern: /^\/api\/0\/projects\/[^/]+\/[^/]+\/events\/[^/]+\/committers\/$/,
      source:
        'suspect commits: not in the public spec (Sentry marks it private); shape from x-not-in-public-spec in sentry-openapi-subset.json. A 404 means none.',
    },
  ],
  datadog: [],
  bugsnag: [],
};
