// #16: one provider registry in core; the CLI and the extension build the same source options
// from their own inputs (flags + env, settings + SecretStorage), so they cannot drift apart.
import assert from 'node:assert/strict';
import { PROVIDERS, hasIssueActions, missingField, providerFor } from '../../../src/core/registry';
import { connectionValues } from '../../../src/extension/sources/sourceFactory';
import type { CulpritConfig } from '../../../src/extension/settings';

const config = {
  provider: 'sentry',
  sentry: { url: 'https://sentry.example', org: 'acme', projects: ['orders-api'], environment: 'prod', query: 'q' },
  datadog: { site: 'datadoghq.eu', url: '', service: 'orders-api', env: 'prod', query: 'q' },
  bugsnag: { url: 'https://api.bugsnag.com', project: 'b'.repeat(24), stage: 'prod' },
} as unknown as CulpritConfig;

describe('provider registry (#16)', () => {
  it('describes each provider once, with secrets that have an env var and a SecretStorage key', () => {
    assert.deepEqual(
      PROVIDERS.map((p) => p.id),
      ['sentry', 'datadog', 'bugsnag'],
    );
    for (const p of PROVIDERS) {
      assert.ok(p.secrets.length > 0);
      for (const s of p.secrets) assert.match(s.storageKey, new RegExp(`^culprit\\.${p.id}\\.`));
      for (const f of p.fields) assert.ok(f.flags.length > 0 && f.flags.every((x) => x.startsWith('--')));
    }
    assert.equal(providerFor('none'), undefined);
    assert.equal(hasIssueActions('sentry') && hasIssueActions('datadog'), true);
    assert.equal(hasIssueActions('bugsnag') || hasIssueActions('file'), false);
  });

  it('reads each provider’s settings under the names its options are built from', () => {
    assert.deepEqual(connectionValues(config, providerFor('sentry')!), {
      url: 'https://sentry.example',
      org: 'acme',
      projects: ['orders-api'],
      environment: 'prod',
      query: 'q',
    });
    assert.deepEqual(connectionValues(config, providerFor('datadog')!), {
      site: 'datadoghq.eu',
      service: 'orders-api',
      environment: 'prod',
      query: 'q',
    });
    const bugsnag = providerFor('bugsnag')!;
    const values = connectionValues(config, bugsnag);
    assert.deepEqual(values, { url: 'https://api.bugsnag.com', projects: ['b'.repeat(24)], environment: 'prod' });
    assert.deepEqual(bugsnag.target(values, { token: 't' }, {}).options, {
      baseUrl: 'https://api.bugsnag.com',
      token: 't',
      project: 'b'.repeat(24),
      stage: 'prod',
      logger: undefined,
    });
    assert.equal(missingField(providerFor('datadog')!, { site: 'datadoghq.com' }, 'lookup'), null);
    assert.equal(missingField(providerFor('datadog')!, { site: 'datadoghq.com' }, 'list')?.flags[0], '--service');
  });
});
