/** Where a function is declared, in any of the languages the corpus covers, by one line-level pattern. */
import { escapeRegExp } from '../util/escapeRegExp';
import { WINDOWS } from './searchWindows';

/** Lines after a header searched for its body's opening brace (blank lines between). */
const BRACE_LINES = WINDOWS['declaration.braceLines'];

const MODIFIERS = 'public|private|protected|internal|static|final|async|override|virtual|abstract|sealed|synchronized';

/** The first line (1-based) declaring function `name` in `lines`, or null. */
export function declarationLine(lines: string[], name: string): number | null {
  const n = escapeRegExp(name);
  const decl = new RegExp(
    `\\b(?:function|func|fn|fun)\\s+${n}\\s*[(<]|\\bdef\\s+(?:self\\.)?${n}\\s*(?:[(<]|$)|` +
      `^\\s*(?:(?:${MODIFIERS}|export|default)\\s+)*` +
      `(?:[\\w<>\\[\\],.?]+\\s+)?${n}\\s*\\([^;]*\\)\\s*(?::[^={;]+)?` +
      `(?:throws\\s+[\\w.,\\s]+)?\\{\\s*$|` +
      `\\b(?:const|let|var)\\s+${n}\\s*=\\s*(?:async\\s*)?(?:function\\b|\\(|` +
      `[A-Za-z_$][\\w$]*\\s*=>)|\\b${n}\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|` +
      `lambda\\b)`,
  );
  // A method header whose body brace opens on the next line (C#, PHP, Allman style): a type or modifier first.
  const header = new RegExp(
    `^\\s*(?:(?:${MODIFIERS}|function)\\s+)*(?:[\\w<>\\[\\],.?]+\\s+)${n}\\s*\\([^;]*\\)\\s*(?::[^={;]+)?$`,
  );
  for (let i = 0; i < lines.length; i++) {
    // Most lines never mention the name: a plain search first keeps big files cheap.
    // bound: a longer line is generated code, not read
    if (lines[i].length > 1000 || !lines[i].includes(name)) continue;
    if (/^\s*(?:return|if|for|while|switch|catch|new|throw|await|else|yield)\b/.test(lines[i])) continue;
    if (decl.test(lines[i]) || (header.test(lines[i]) && /^\s*\{/.test(nextCodeLine(lines, i)))) return i + 1;
  }
  return null;
}

/** The next line after `i` that is not blank, or ''. */
function nextCodeLine(lines: string[], i: number): string {
  for (let k = i + 1; k < Math.min(lines.length, i + BRACE_LINES); k++) if (lines[k].trim() !== '') return lines[k];
  return '';
}
