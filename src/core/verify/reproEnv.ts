/** The environment a reproduction runs with: the user's, minus provider credentials and git overrides. */

// Provider credentials by name (CLI variables of Sentry, Datadog, Bugsnag and their SDKs) …
const PROVIDER = /^(SENTRY_|DD_|DATADOG_|BUGSNAG_)/i;
// … and anything that names itself a credential: a reproduction of production code needs none.
const CREDENTIAL = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|APP_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH)/i;
// The scratch worktree is its own repository view; inherited GIT_DIR and friends would point elsewhere.
const GIT = /^GIT_/i;

/** True when `name` is dropped from a reproduction's environment. */
function isWithheldVariable(name: string): boolean {
  return PROVIDER.test(name) || CREDENTIAL.test(name) || GIT.test(name);
}

/** A copy of `env` without credentials, with `CI=1` so test runners do not wait for a terminal. */
export function reproductionEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !isWithheldVariable(k)) out[k] = v;
  out.CI = '1';
  out.CULPRIT_VERIFY = '1';
  return out;
}
