// Bundles the extension, its language client (loaded when the first Dockerfile opens,
// src/language/loadClient.ts), the language server, the stats panel's page script, and the host-test runner. `--watch` rebuilds on change; `--production` minifies and drops source maps.
// src/language/loadClient.ts), the language server, the log view's webview script and the host-test runner. `--watch` rebuilds on change; `--production` minifies and drops source maps.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const analyze = process.argv.includes('--analyze');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  // `vscode` is provided by the extension host; the rest is bundled so the .vsix
  // needs no node_modules. ssh2/cpu-features are optional native deps of docker-modem
  // that Berth never uses (ssh goes through the user's own ssh binary).
  external: ['vscode', 'cpu-features'],
  plugins: [ssh2Stub(), lazyHttps()],
};

/**
 * dockerfile-language-service loads Node's https (with tls and crypto) when it loads,
 * for the one `https.get` its Docker Hub client makes when asked. Loading those took
 * a sixth of the analysis worker's start-up, on the way to a person's first
 * diagnostics: the client gets a stand-in that loads https on that first call.
 */
function lazyHttps() {
  return {
    name: 'lazy-https',
    setup(build) {
      build.onResolve({ filter: /^https$/ }, (args) => (/dockerfile-language-service[\\/]/.test(args.importer) ? { path: 'https', namespace: 'lazy-https' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'lazy-https' }, () => ({
        contents: "exports.get = (...args) => require('node:https').get(...args);",
        loader: 'js',
      }));
    },
  };
}

/**
 * docker-modem requires ssh2 when it loads, not when ssh is used, so marking ssh2 external
 * breaks activation of the installed .vsix (no node_modules there). Bundle a stand-in
 * that fails only if docker-modem's own ssh transport were ever used.
 */
function ssh2Stub() {
  return {
    name: 'ssh2-stub',
    setup(build) {
      build.onResolve({ filter: /^ssh2$/ }, () => ({ path: 'ssh2', namespace: 'ssh2-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'ssh2-stub' }, () => ({
        contents: "exports.Client = class { constructor() { throw new Error('ssh2 is not bundled: Berth reaches ssh engines through the ssh binary.'); } };",
        loader: 'js',
      }));
    },
  };
}

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts', languageClient: 'src/language/client.ts', composeModel: 'src/compose/model.ts', server: 'src/language/server/main.ts', serverWorker: 'src/language/server/workerMain.ts', serverWorkerLoader: 'src/language/server/workerLoader.ts', composeServer: 'src/language/server/compose/main.ts' },
    outdir: 'dist',
    metafile: analyze,
    // docker-modem needs readable-stream (about 40 KB minified, a copy of Node 10's streams)
    // only for the duplex it builds when stdin is left open on a plain request, which Berth
    // never asks for (api.ts: hijack with openStdin false); Node's own streams serve it.
    alias: { 'readable-stream': 'stream' },
  },
  // The stats panel's page script (src/stats/panel.ts loads it in a webview): uPlot and its
  // CSS bundled in, so the page loads nothing but dist/statsView.js and dist/statsView.css.
  {
    entryPoints: { statsView: 'src/stats/webview/main.ts' },
    outdir: 'dist',
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'info',
  },
  // The log view's webview script: runs in the webview (a browser page), loaded from dist/ by
  // its nonce under a strict CSP (src/logs/panel.ts), so everything it uses is bundled in.
  { ...common, entryPoints: { logView: 'src/logs/webview/main.ts' }, outdir: 'dist', platform: 'browser', format: 'iife', target: 'chrome120', external: [], plugins: [] },
  // Host tests run inside the real extension host; mocha stays a plain require from node_modules.
  { ...common, entryPoints: { index: 'test/host/index.ts' }, outdir: 'out/test/host', external: [...common.external, 'mocha'], sourcemap: 'inline', minify: false },
];

/**
 * The shell parser's WebAssembly (src/language/server/shell/parser.ts, `shellWasmFiles`)
 * cannot be bundled: the server loads it from its own folder, so it is copied to dist/.
 */
function copyShellWasm() {
  const require = createRequire(import.meta.url);
  const sources = {
    'web-tree-sitter.wasm': path.join(path.dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'),
    'tree-sitter-bash.wasm': require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
  };
  fs.mkdirSync('dist', { recursive: true });
  for (const [name, source] of Object.entries(sources)) fs.copyFileSync(source, path.join('dist', name));
}

/** The compose server bundles the Compose specification's schema (Apache-2.0); its licence ships beside it. */
function copyComposeSpecLicense() {
  fs.copyFileSync(path.join('src', 'language', 'server', 'compose', 'schema', 'LICENSE'), path.join('dist', 'compose-spec-LICENSE.txt'));
}

copyShellWasm();
copyComposeSpecLicense();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  const [dist] = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (analyze) console.log(await esbuild.analyzeMetafile(dist.metafile));
}
