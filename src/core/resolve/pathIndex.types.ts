/** What a path-index lookup answers and the options it takes. */

/** The outcome of one lookup. */
export interface IndexMatch {
  /** The single best file, or null when none or several tie. */
  file: string | null;
  /** When ambiguous: the files tied at the best depth, most likely first (capped). */
  candidates: string[];
  /** Segments matched from the file name upward (the file name counts as 1); 0 when nothing matched. */
  depth: number;
  /** Leading production segments left unmatched: the production prefix. */
  queryPrefix: number;
  /** Leading segments of the matched file left unmatched: the local prefix. */
  localPrefix: number;
}

/** Options for {@link StemIndex.lookup}. */
export interface LookupOptions {
  /** Accept only matches that consume every production and every local segment. */
  anchored?: boolean;
  /** Accept only matches that consume every production segment (module-derived paths). */
  fullQuery?: boolean;
  maxCandidates?: number;
}
