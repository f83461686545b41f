/** Where a function is declared, in any of the languages the corpus covers, by one line-level pattern. */
import { escapeRegExp } from '../util/escapeRegExp';

/** The first line (1-based) declaring function `name` in `lines`, or null. */
export function declarationLine(lines: string[], name: string): number | null {
  const n = escapeRegExp(name);
  const decl = new RegExp(
    `\\b(?:def|function|func|fn|fun)\\s+${n}\\s*[(<]|^\\s*(?:(?:public|private|` +
      `protected|static|final|async|override|abstract|synchronized|export|default)\\s+)*` +
      `(?:[\\w<>\\[\\],.?]+\\s+)?${n}\\s*\\([^;]*\\)\\s*(?::[^={;]+)?` +
      `(?:throws\\s+[\\w.,\\s]+)?\\{\\s*$|` +
      `\\b(?:const|let|var)\\s+${n}\\s*=\\s*(?:async\\s*)?(?:function\\b|\\(|` +
      `[A-Za-z_$][\\w$]*\\s*=>)|\\b${n}\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|` +
      `lambda\\b)`,
  );
  for (let i = 0; i < lines.length; i++) {
    // Most lines never mention the name: a plain search first keeps big files cheap.
    if (lines[i].length > 1000 || !lines[i].includes(name)) continue;
    if (decl.test(lines[i]) && !/^\s*(?:return|if|for|while|switch|catch|new|throw|await|else|yield)\b/.test(lines[i]))
      return i + 1;
  }
  return null;
}
