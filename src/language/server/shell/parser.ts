/**
 * The bash grammar (tree-sitter-bash) on web-tree-sitter. Loading the two WebAssembly
 * modules is asynchronous, parsing is not: the language server awaits
 * `initShellParser()` once at start-up, after which rule checks (synchronous by
 * contract) parse RUN bodies directly. Until then `shellParser()` is null and the
 * shell-based rules stay silent rather than guess.
 *
 * Chosen over mvdan-sh (GopherJS, synchronous but ~5× slower once its AST is walked)
 * and sh-syntax (mvdan/sh as WASM, but async per parse and a lossy JSON AST).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TreeSitter from 'web-tree-sitter';

// The CommonJS build on purpose: bundled into the CommonJS server, the ESM build's
// `createRequire(import.meta.url)` has no URL to work from.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Language, Parser } = require('web-tree-sitter') as typeof TreeSitter;
type Parser = TreeSitter.Parser;

/** Node's WebAssembly global (this project's TypeScript libraries declare only its types). */
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;

let parser: Parser | null = null;
let loading: Promise<void> | null = null;
let failed = false;

export const shellWasmFiles = ['web-tree-sitter.wasm', 'tree-sitter-bash.wasm'] as const;

/**
 * Loads the parser once. `wasmDir` is where a bundle ships the two .wasm files
 * (`shellWasmFiles`); without it they are resolved from node_modules (tests, dev).
 */
export function initShellParser(wasmDir?: string): Promise<void> {
  loading ??= (async () => {
    const runtime = wasmDir ? path.join(wasmDir, shellWasmFiles[0]) : path.join(path.dirname(resolveModule('web-tree-sitter')), shellWasmFiles[0]);
    const grammar = wasmDir ? path.join(wasmDir, shellWasmFiles[1]) : resolveModule(`tree-sitter-bash/${shellWasmFiles[1]}`);
    // The grammar (1.3 MB of WebAssembly) compiles on V8's background threads while the
    // runtime loads, not after it: each step of a sequential load waited for the worker's
    // thread, which is busy parsing the Dockerfile just opened (about a second under load).
    const grammarModule = fs.promises.readFile(grammar).then((bytes) => wasm.compile(bytes));
    grammarModule.catch(() => undefined);
    await Parser.init({ locateFile: () => runtime });
    const bash = Language.loadSync(await grammarModule);
    const p = new Parser();
    p.setLanguage(bash);
    parser = p;
  })();
  loading.catch(() => { failed = true; });
  return loading;
}

/** node_modules lookup for tests and development; a bundle passes `wasmDir` instead (and bundlers need not follow this). */
function resolveModule(request: string): string {
  return require.resolve(request);
}

/** The ready parser, or null while `initShellParser()` has not finished (or failed). */
export function shellParser(): Parser | null {
  return parser;
}

/** Resolves once loading ended, loaded or not (at once when it never started). */
export function shellParserSettled(): Promise<void> {
  return (loading ?? Promise.resolve()).catch(() => undefined);
}

/** Still on its way: a lint now lacks shell facts that will come (false once loaded, failed, or never asked for). */
export function shellParserLoading(): boolean {
  return loading !== null && parser === null && !failed;
}
