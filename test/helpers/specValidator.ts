import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** Validates canned responses against one OpenAPI 3.0 document (Sentry's or Datadog's subset). */
export interface SpecValidator {
  /** Schema errors of `body` as the `status` response of `method path`; empty when valid. */
  errors(method: string, pathTemplate: string, status: number, body: unknown): string[];
  /** Throws with every schema error when `body` does not fit the spec. */
  assertValid(method: string, pathTemplate: string, status: number, body: unknown): void;
  /** The first official example of that response, deep-copied; throws if the spec has none. */
  example(method: string, pathTemplate: string, status: number): unknown;
  /** The raw spec document (for `x-*` sections). */
  readonly spec: Record<string, unknown>;
}

/** The shared spec folder, located from the repository root. */
export const API_SPECS_DIR = process.env.CULPRIT_API_SPECS_DIR ?? '/work/shared/api-specs';

/** Loads an OpenAPI subset (a file name inside API_SPECS_DIR, or a path) and builds a validator. */
export function loadSpecValidator(file: string): SpecValidator {
  const full = path.isAbsolute(file) ? file : path.join(API_SPECS_DIR, file);
  const spec = JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown>;
  // OpenAPI 3.0 is not strict JSON Schema (nullable, example, discriminator, x-*): relax strict mode.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  const cache = new Map<string, ValidateFunction>();

  const response = (method: string, pathTemplate: string, status: number): Record<string, unknown> => {
    const paths = spec.paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
    const op = paths?.[pathTemplate]?.[method.toLowerCase()];
    if (!op) throw new Error(`${path.basename(full)} has no operation ${method.toUpperCase()} ${pathTemplate}`);
    const res = op.responses?.[String(status)] as Record<string, unknown> | undefined;
    const content = (res?.content as Record<string, Record<string, unknown>> | undefined)?.['application/json'];
    if (!content)
      throw new Error(
        `${method.toUpperCase()} ${pathTemplate} has no JSON ${status} response in ${path.basename(full)}`,
      );
    return content;
  };

  const validatorFor = (method: string, pathTemplate: string, status: number): ValidateFunction => {
    const key = `${method.toLowerCase()} ${pathTemplate} ${status}`;
    let fn = cache.get(key);
    if (!fn) {
      const schema = response(method, pathTemplate, status).schema;
      // Local `#/components/...` refs resolve against the compiled root, so carry components along.
      fn = ajv.compile({ allOf: [schema ?? {}], components: spec.components ?? {} });
      cache.set(key, fn);
    }
    return fn;
  };

  const errors = (method: string, pathTemplate: string, status: number, body: unknown): string[] => {
    const fn = validatorFor(method, pathTemplate, status);
    if (fn(body)) return [];
    return (fn.errors ?? [])
      .slice(0, 20)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  };

  return {
    spec,
    errors,
    assertValid(method, pathTemplate, status, body) {
      const errs = errors(method, pathTemplate, status, body);
      if (errs.length > 0)
        throw new Error(
          `canned ${method.toUpperCase()} ${pathTemplate} ${status} does not match the spec:\n  ${errs.join('\n  ')}`,
        );
    },
    example(method, pathTemplate, status) {
      const content = response(method, pathTemplate, status);
      if (content.example !== undefined) return structuredClone(content.example);
      const examples = content.examples as Record<string, { value?: unknown }> | undefined;
      const first = examples ? Object.values(examples)[0] : undefined;
      if (first?.value === undefined)
        throw new Error(`${method.toUpperCase()} ${pathTemplate} ${status} has no example`);
      return structuredClone(first.value);
    },
  };
}
