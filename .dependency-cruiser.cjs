/**
 * The import rules `npm run check:imports` holds src/ to (part of `npm test`'s checks):
 * no import cycle between files, counting type-only and dynamic imports, and no
 * `vscode` in the engine layer or the language server, which run in plain Node.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Files under src/ import each other in one direction only (docs/ARCHITECTURE.md).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-vscode-in-engine-or-server',
      severity: 'error',
      comment: 'src/engine, the language server and the scaffold templates run in plain Node: no vscode import, types included.',
      from: { path: '^src/(engine|language/server|scaffold)/' },
      // 'vscode' resolves to @types/vscode when TypeScript can see it, to itself otherwise.
      to: { path: '^vscode$|(^|/)node_modules/@types/vscode/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|\\.vscode-test)/' },
  },
};
