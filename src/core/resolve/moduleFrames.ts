import { JVM_EXTENSIONS } from './codeExtensions';

/**
 * Frames that name a module rather than a path: JVM frames report a bare file name plus the class
 * (`OrderService.java` + `com.acme.orders.OrderService$Inner`), Python may report only the module.
 */

const MAX_MODULE_LENGTH = 512;
const DOTTED_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function extOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : null;
}

/** True for a frame whose path is a bare JVM source file name (no folders). */
export function isBareJvmFile(path: string | null): boolean {
  if (typeof path !== 'string' || path.includes('/') || path.includes('\\')) return false;
  const ext = extOf(path);
  return ext !== null && JVM_EXTENSIONS.has(ext);
}

/**
 * The path suffix of a JVM class's source file: the package as folders plus the reported file
 * name (`com/acme/orders/OrderService.java`). Nested, anonymous and lambda classes (`$…`) and
 * Java module prefixes (`app//`, `java.base/`) are dropped. Null when the class is not a dotted name.
 */
export function jvmSuffix(className: string | null, fileName: string): string[] | null {
  if (typeof className !== 'string' || className.length > MAX_MODULE_LENGTH) return null;
  let name = className;
  const dollar = name.indexOf('$');
  if (dollar >= 0) name = name.slice(0, dollar);
  name = name.slice(name.lastIndexOf('/') + 1);
  if (!DOTTED_NAME.test(name)) return null;
  const parts = name.split('.');
  parts.pop(); // the class; its file is the reported name (several classes may share a file)
  return [...parts, fileName];
}

/**
 * Candidate path suffixes for a Python module (`app.services.pricing` →
 * `app/services/pricing.py`, then `app/services/pricing/__init__.py`). Empty for `__main__` and
 * names that are not dotted identifiers.
 */
export function pythonSuffixes(moduleName: string | null): string[][] {
  if (typeof moduleName !== 'string' || moduleName.length > MAX_MODULE_LENGTH || !DOTTED_NAME.test(moduleName))
    return [];
  const parts = moduleName.split('.');
  const last = parts[parts.length - 1];
  if (last === '__main__') return [];
  const dirs = parts.slice(0, -1);
  return [
    [...dirs, `${last}.py`],
    [...dirs, last, '__init__.py'],
  ];
}
