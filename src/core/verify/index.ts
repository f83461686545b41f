/** Public surface of reproduction and bisection: what the CLI and the extension may use. */
export { verifyIssue } from './verifyIssue';
export { cleanStaleWorktrees } from './scratchWorktree';
export type { VerifyOptions, VerifyProgress } from './verify.types';
