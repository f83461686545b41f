/** The source mapper's public shapes (sourceMapper.ts implements them). */

/** An original position. */
export interface MappedPosition {
  /** The repo-relative source file; null when the source is outside the workspace or missing. */
  file: string | null;
  /** The source as the map names it (resolved against `sourceRoot` and the map's location). */
  source: string;
  /** 1-based. */
  line: number;
  /** 1-based, like `RawFrame.column`. */
  column: number | null;
  name: string | null;
}

export type SourceMapFailureReason =
  'outside-workspace' | 'no-generated-file' | 'no-map' | 'too-large' | 'invalid-map' | 'unmapped' | 'invalid-input';

export type MapPositionResult =
  { ok: true; position: MappedPosition } | { ok: false; reason: SourceMapFailureReason; message: string };

export interface SourceMapperOptions {
  /** Absolute workspace root; nothing outside it is read. */
  root: string;
  /**
   * Estimated bytes of parsed maps kept (default 256 MB; an esbuild map costs ~100 bytes a segment:
   * 5 MB for a 1 MB map, 79 MB for 15.8 MB, 309 MB for 59 MB). The map in use is kept even alone over it.
   */
  maxCacheBytes?: number;
  /** Parsed maps kept, whatever their size (default: no bound but the bytes). */
  maxEntries?: number;
  /** Larger map files are refused (default 64 MB). */
  maxMapBytes?: number;
  /**
   * How long a generated file's map is reused without re-checking sizes and mtimes (default 1000 ms).
   * The stat/realpath calls cost ~15 µs a frame, three times the mapping itself (the target is
   * 1,000 frames in under 5 ms); 0 re-checks on every call.
   */
  revalidateMs?: number;
}

export interface SourceMapper {
  /**
   * Original position of a 1-based generated line and 1-based column (null: the line's first mapping); null when
   * unmappable.
   */
  mapPosition(generatedRelPath: string, line: number, column: number | null): MappedPosition | null;
  /** Like {@link SourceMapper.mapPosition}, with the reason when there is no position. */
  mapPositionOrReason(generatedRelPath: string, line: number, column: number | null): MapPositionResult;
  /**
   * The original name of minified function `minified` whose body holds the generated position: the
   * map's `names` entry at its definition (`function s(` ↔ `priceOrder`); null when the map has none.
   */
  originalFunctionName(generatedRelPath: string, line: number, column: number | null, minified: string): string | null;
  /** Parsed maps currently cached. */
  readonly cachedMaps: number;
  /** Their estimated bytes (see {@link SourceMapperOptions.maxCacheBytes}). */
  readonly cachedBytes: number;
  clear(): void;
}
