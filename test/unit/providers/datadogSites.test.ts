// The Datadog UI links of each site (docs.datadoghq.com/getting_started/site: the site URL each
// region logs in at), UK1 and US2-FED included; the API host is always api.<site>.
import assert from 'node:assert/strict';
import {
  DATADOG_SITES,
  datadogApiBaseUrl,
  datadogIssueUrl,
  datadogLogUrl,
  datadogTraceUrl,
} from '../../../src/core/providers/datadog/datadogSites';

const UI: Record<(typeof DATADOG_SITES)[number], string> = {
  'datadoghq.com': 'https://app.datadoghq.com',
  'us3.datadoghq.com': 'https://us3.datadoghq.com',
  'us5.datadoghq.com': 'https://us5.datadoghq.com',
  'datadoghq.eu': 'https://app.datadoghq.eu',
  'ap1.datadoghq.com': 'https://ap1.datadoghq.com',
  'ap2.datadoghq.com': 'https://ap2.datadoghq.com',
  'uk1.datadoghq.com': 'https://uk1.datadoghq.com',
  'ddog-gov.com': 'https://app.ddog-gov.com',
  'us2.ddog-gov.com': 'https://us2.ddog-gov.com',
};

describe('Datadog links per site', () => {
  it('links issues, traces and logs to the UI host of each of the nine sites', () => {
    assert.deepEqual(Object.keys(UI).sort(), [...DATADOG_SITES].sort());
    for (const site of DATADOG_SITES) {
      assert.equal(datadogIssueUrl(site, 'a b'), `${UI[site]}/error-tracking?issueId=a%20b`);
      assert.equal(datadogTraceUrl(site, '123'), `${UI[site]}/apm/trace/123`);
      assert.equal(datadogLogUrl(site, 'AY/1'), `${UI[site]}/logs?event=AY%2F1`);
      assert.equal(datadogApiBaseUrl(site), `https://api.${site}`);
    }
  });
});
