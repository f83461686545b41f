import type { RawFrame } from '../model/event.types';
import type { StackLanguage } from './stack.types';

// Path fragments that are never application code, whatever the workspace.
const LIBRARY_PATH_PARTS = [
  '/node_modules/', '\\node_modules\\',
  '/site-packages/', '/dist-packages/', '\\site-packages\\', '/usr/lib/python3', '/usr/local/lib/python3',
  '/usr/local/go/src/', '/usr/lib/go/src/', '/usr/lib/go-1.', '/go/pkg/mod/',
  '/gems/', '/rubygems/', '/vendor/', '\\vendor\\',
];
const LIBRARY_PATH_PREFIXES = ['node:', 'internal/', '<frozen ', 'vendor/', 'runtime/', 'GOROOT/', '<internal:'];
const EXACT_PATHS = new Set(['<anonymous>', 'native', '[native code]', 'unknown location', '<string>']);
const JVM_PACKAGES = [
  'java.', 'javax.', 'jdk.', 'sun.', 'com.sun.', 'kotlin.', 'kotlinx.', 'scala.',
  'org.springframework.', 'org.apache.', 'io.netty.', 'org.hibernate.', 'org.eclipse.jetty.', 'io.micronaut.',
  'io.quarkus.', 'reactor.', 'io.reactivex.', 'com.fasterxml.', 'org.junit.', 'io.undertow.', 'okhttp3.',
];
const DOTNET_NAMESPACES = ['System.', 'Microsoft.'];
// Go standard library packages have no dot in their first path element (`net/http`, `runtime`).
const GO_STDLIB = /^(?:runtime|net|net\/http|sync|syscall|reflect|internal\/[\w/]+|encoding\/[\w/]+|io|os|fmt|testing)$/;

function startsWithAny(s: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => s.startsWith(p));
}

/**
 * True for frames that are certainly not application code in any workspace: dependencies
 * (`node_modules`, site-packages, gems, vendor), runtime internals (`node:`, `<frozen …>`, the Go
 * runtime, `java.*`, `System.*`) and common frameworks. Conservative: unsure means false.
 */
export function isLibraryFrame(frame: RawFrame, language?: StackLanguage | null): boolean {
  if (!frame || typeof frame !== 'object') return false;
  const path = typeof frame.path === 'string' ? frame.path : '';
  const module = typeof frame.module === 'string' ? frame.module : '';
  if (path !== '') {
    if (EXACT_PATHS.has(path)) return true;
    if (startsWithAny(path, LIBRARY_PATH_PREFIXES)) return true;
    const p = path.startsWith('file://') ? path.slice(7) : path;
    if (LIBRARY_PATH_PARTS.some((part) => p.includes(part))) return true;
  }
  if (module !== '') {
    const jvm = language === 'java' || language == null;
    if (jvm && startsWithAny(module, JVM_PACKAGES)) return true;
    const dotnet = language === 'dotnet' || language == null;
    if (dotnet && (startsWithAny(module, DOTNET_NAMESPACES) || module === 'System')) return true;
    if ((language === 'go' || language == null) && GO_STDLIB.test(module)) return true;
  }
  return false;
}
