import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  configFrom,
  folderConfigFrom,
  verifyConfigFrom,
  type SettingKey,
  type SettingReader,
} from '../../../src/extension/settingsValues';

interface Property {
  type: string;
  default: unknown;
  minimum?: number;
  maximum?: number;
  enum?: string[];
}

// Read as the editor reads it: the file on disk, not the module the extension bundles.
const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const declared: Record<string, Property> = Object.fromEntries(
  Object.entries(manifest.contributes.configuration.properties as Record<string, Property>).map(([k, v]) => [
    k.replace(/^culprit\./, ''),
    v,
  ]),
);

/** Every value the readers produce, flattened to `setting key → value` (the field names differ). */
function readAll(get: SettingReader): Record<string, unknown> {
  const c = configFrom(get);
  const v = verifyConfigFrom(get);
  return {
    provider: c.provider,
    'sentry.url': c.sentry.url,
    'sentry.org': c.sentry.org,
    'sentry.projects': c.sentry.projects,
    'sentry.environment': c.sentry.environment,
    'sentry.query': c.sentry.query,
    'datadog.site': c.datadog.site,
    'datadog.url': c.datadog.url,
    'datadog.service': c.datadog.service,
    'datadog.env': c.datadog.env,
    'datadog.query': c.datadog.query,
    'bugsnag.url': c.bugsnag.url,
    'bugsnag.project': c.bugsnag.project,
    'bugsnag.stage': c.bugsnag.stage,
    pathMappings: c.pathMappings,
    deployTagPattern: c.deployTagPattern,
    refreshInterval: c.refreshIntervalMinutes,
    issueLimit: c.issueLimit,
    timeout: c.timeoutSeconds,
    'decorations.enabled': c.decorationsEnabled,
    'inlineText.show': c.inlineText.show,
    'inlineText.maxLength': c.inlineText.maxLength,
    'codeLens.enabled': c.codeLensEnabled,
    reproCommand: v.reproCommand,
    serveCommand: v.serveCommand,
    reproSetupCommand: v.setupCommand,
    reproTimeout: v.stepTimeoutSeconds,
  };
}

describe('settings: package.json declares each setting once and the readers follow it', () => {
  it('reads every declared setting and no other', () => {
    const asked = new Set<string>();
    readAll((key) => void asked.add(key));
    folderConfigFrom((key) => void asked.add(key));
    assert.deepEqual([...asked].sort(), Object.keys(declared).sort());
  });

  it('with nothing set, every value is the declared default', () => {
    const values = readAll(() => undefined);
    assert.deepEqual(Object.keys(values).sort(), Object.keys(declared).sort());
    for (const [key, p] of Object.entries(declared)) assert.deepEqual(values[key], p.default, key);
  });

  // The Datadog site takes what people paste (`https://app.datadoghq.eu/`): core normalizes it.
  const freeText = new Set(['datadog.site']);

  it('a value of the wrong type, or outside the declared choices, falls back to the declared default', () => {
    const choices = (key: string) => declared[key].enum && !freeText.has(key);
    const values = readAll((key) => (choices(key) ? 'nonsense' : {}));
    for (const [key, p] of Object.entries(declared)) {
      if (p.type === 'array') assert.deepEqual(values[key], [], key);
      else assert.deepEqual(values[key], p.default, key);
    }
    assert.equal(readAll(() => 'app.datadoghq.eu')['datadog.site'], 'app.datadoghq.eu');
  });

  it('numbers are clamped to the declared bounds', () => {
    const numeric = Object.entries(declared).filter(([, p]) => p.type === 'integer' || p.type === 'number');
    assert.ok(numeric.length >= 5);
    const high = readAll(() => 1e9);
    const low = readAll(() => -1e9);
    for (const [key, p] of numeric) {
      assert.equal(high[key], p.maximum, `${key} max`);
      assert.equal(low[key], p.minimum, `${key} min`);
    }
  });

  it('set values are trimmed, and a blank server URL means the declared one', () => {
    const set: Partial<Record<SettingKey, unknown>> = {
      'sentry.url': '  ',
      'sentry.org': ' acme ',
      provider: ' datadog ',
      'datadog.service': 'orders-api ',
    };
    const values = readAll((key) => set[key]);
    assert.equal(values['sentry.url'], declared['sentry.url'].default);
    assert.equal(values['sentry.org'], 'acme');
    assert.equal(values.provider, 'datadog');
    assert.equal(values['datadog.service'], 'orders-api');
  });
});
