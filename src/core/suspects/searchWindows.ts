/**
 * How far the evidence collectors look: lines around a frame's line and up or down its function, callers and
 * helpers followed, names and tokens kept, commits per line history. Each bounds a search, so each is data
 * (evidenceWeights.json `windows`), not searched by `npm run fit` but measured halved and doubled by
 * `npm run fit -- --windows` (bench/RESULTS.md, section "windows"). Read once, when the core loads.
 */
import fitted from './evidenceWeights.json';

export const WINDOWS: Readonly<typeof fitted.windows> = fitted.windows;
