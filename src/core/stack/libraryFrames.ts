import type { RawFrame } from '../model/event.types';
import type { StackLanguage } from './stack.types';

// Path fragments that are never application code, whatever the workspace.
const LIBRARY_PATH_PARTS = [
  '/node_modules/',
  '\\node_modules\\',
  '/site-packages/',
  '/dist-packages/',
  '\\site-packages\\',
  '/usr/lib/python3',
  '/usr/local/lib/python3',
  '/usr/local/go/src/',
  '/usr/lib/go/src/',
  '/usr/lib/go-1.',
  '/go/pkg/mod/',
  '/gems/',
  '/rubygems/',
  '/vendor/',
  '\\vendor\\',
  // Rust: crates from the registry or git (`~/.cargo/…`, `/usr/local/cargo/…` in images), rustup's std sources.
  '/cargo/registry/',
  '/.cargo/registry/',
  '/cargo/git/checkouts/',
  '/.cargo/git/checkouts/',
  '/rustlib/src/rust/library/',
];
const LIBRARY_PATH_PREFIXES = [
  'node:',
  'internal/',
  '<frozen ',
  'vendor/',
  'runtime/',
  'GOROOT/',
  '<internal:',
  // Rust's std as built by rustup (`/rustc/<sha>/`, `./rustc/…` when run from /) and Debian; glibc start-up.
  '/rustc/',
  './rustc/',
  '/usr/src/rustc-',
  './csu/',
  './nptl/',
  './misc/../sysdeps/',
];
const EXACT_PATHS = new Set(['<anonymous>', 'native', '[native code]', '[internal]', 'unknown location', '<string>']);
// An interpreter's own standard library wherever it is installed (pyenv, conda, /opt, Windows):
// `…/lib/python3.11/_strptime.py`, `…/lib/ruby/3.1.0/json/common.rb`.
const STDLIB_DIRS = /[\\/]lib[\\/](?:python\d(?:\.\d+)?|ruby[\\/]\d+\.\d+(?:\.\d+)?)[\\/]/i;
const JVM_PACKAGES = [
  'java.',
  'javax.',
  'jdk.',
  'sun.',
  'com.sun.',
  'kotlin.',
  'kotlinx.',
  'scala.',
  'org.springframework.',
  'org.apache.',
  'io.netty.',
  'org.hibernate.',
  'org.eclipse.jetty.',
  'io.micronaut.',
  'io.quarkus.',
  'reactor.',
  'io.reactivex.',
  'com.fasterxml.',
  'org.junit.',
  'io.undertow.',
  'okhttp3.',
];
// Rust crates that are runtime or framework plumbing (`std::`, `tokio::runtime::`, `actix_web::`).
const RUST_CRATE_NAMES = [
  'std|core|alloc|__rustc|tokio|tokio_util|hyper|hyper_util|axum|axum_core|tower|tower_http|actix_web|actix_rt',
  'actix_server|actix_http|actix_service|futures|futures_util|futures_core|async_std|rocket|warp|tracing|backtrace',
  'anyhow|eyre|serde|serde_json',
].join('|');
const RUST_CRATES = new RegExp(`^(?:${RUST_CRATE_NAMES})(?:::|$)`);
// Frames of the C runtime and the panic entry that a Rust backtrace prints without a useful path.
const NATIVE_FUNCTIONS = new Set([
  '_start',
  '__libc_start_main',
  '__libc_start_call_main',
  '__libc_start_main_impl',
  'start_thread',
  'clone',
  'clone3',
  '__clone',
  '__clone3',
  '__GI___clone3',
  '<unknown>',
  '__rust_try',
  'rust_begin_unwind',
  '__rust_begin_short_backtrace',
  '__rust_end_short_backtrace',
]);
const DOTNET_NAMESPACES = ['System.', 'Microsoft.'];
// Go standard library packages have no dot in their first path element (`net/http`, `runtime`).
const GO_STDLIB =
  /^(?:runtime|net|net\/http|sync|syscall|reflect|internal\/[\w/]+|encoding\/[\w/]+|io|os|fmt|testing)$/;

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
    if (STDLIB_DIRS.test(p)) return true;
  }
  if (module !== '') {
    const jvm = language === 'java' || language == null;
    if (jvm && startsWithAny(module, JVM_PACKAGES)) return true;
    const dotnet = language === 'dotnet' || language == null;
    if (dotnet && (startsWithAny(module, DOTNET_NAMESPACES) || module === 'System')) return true;
    if ((language === 'go' || language == null) && GO_STDLIB.test(module)) return true;
    // Unknown language: only a `crate::path` module counts (a Python module named `core` is app code).
    if ((language === 'rust' || (language == null && module.includes('::'))) && RUST_CRATES.test(module)) return true;
  }
  const fn = typeof frame.function === 'string' ? frame.function : '';
  if (path === '' && NATIVE_FUNCTIONS.has(fn) && (language === 'rust' || language == null)) return true;
  return false;
}
