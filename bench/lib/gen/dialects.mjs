// The runtimes of the parametric corpus and the dialect that renders the program for each.
import { renderCs } from './dialectCs.mjs';
import { renderGo } from './dialectGo.mjs';
import { renderJs } from './dialectJs.mjs';
import { renderPhp } from './dialectPhp.mjs';
import { renderPy } from './dialectPy.mjs';
import { renderRuby } from './dialectRuby.mjs';
import { renderRust } from './dialectRust.mjs';

/** Runtime id → the builder's `lang`, how it is captured, the toolchain it needs, its renderer. */
export const RUNTIMES = {
  'js-cjs': { lang: 'js', render: (spec) => renderJs(spec, 'cjs') },
  'js-esm': { lang: 'js', render: (spec) => renderJs(spec, 'esm') },
  'ts-bundle': { lang: 'js', capture: 'bundle', render: (spec) => renderJs(spec, 'ts') },
  py: { lang: 'py', render: renderPy },
  go: { lang: 'go', toolchain: 'go', render: renderGo },
  ruby: { lang: 'ruby', toolchain: 'ruby', render: renderRuby },
  php: { lang: 'php', toolchain: 'php', render: renderPhp },
  mono: { lang: 'cs', toolchain: 'mono', render: renderCs },
  rust: { lang: 'rust', toolchain: 'rust', render: renderRust },
};

/** The program's files for one runtime: `{ files, main, paths }`. */
export function renderProgram(runtime, spec) {
  const r = RUNTIMES[runtime];
  if (!r) throw new Error(`no dialect for runtime ${runtime}`);
  return r.render(spec);
}
