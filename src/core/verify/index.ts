/** Public surface of reproduction and bisection (#15): what the CLI and the extension may use. */
export { verifyIssue } from './verifyIssue';
export { cleanStaleWorktrees, scratchParent } from './scratchWorktree';
export { isWithheldVariable } from './reproEnv';
export { DEFAULT_BUDGET_MS, DEFAULT_STEP_TIMEOUT_MS } from './stepRunner';
export type { VerifyOptions, VerifyProgress } from './verify.types';
