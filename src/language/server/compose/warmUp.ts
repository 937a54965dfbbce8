/**
 * Runs each feature on a made-up compose file before the first real request, in the
 * worker: the first runs of a code path are several times slower than later ones (the JIT
 * has not compiled it yet), and that first run would be a person's. As in ../warmUp.ts.
 */
import type { ComposeAnalyzer } from './analyzer';

/** A compose file of `services` services, each with the usual keys and a blank key line at its end. */
export function composeSample(services: number): string {
  const lines = ['services:'];
  for (let index = 0; index < services; index++) {
    lines.push(`  app-${index}:`, '    image: busybox:local', '    build:', '      context: .', '      target: release', '    environment:', `      PORT: "\${PORT_${index}:-80}"`,
      '    ports:', `      - "${20000 + index}:80"`, '    depends_on:', `      - app-${Math.max(0, index - 1)}`, '    networks: [front]', '    volumes:', '      - data:/data', '    ');
  }
  lines.push('networks:', '  front:', 'volumes:', '  data:');
  return lines.join('\n');
}

export function warmUpCompose(analyzer: ComposeAnalyzer, role: string | undefined): void {
  const uri = 'file:///berth-warm-up/compose.yaml';
  const text = composeSample(40);
  const middle = text.indexOf('    image: busybox:local', text.length / 2);
  try {
    // After the first round, each one is an edit inside a service, as a person types:
    // the parse of the next version starts from the previous one (incremental.ts).
    for (let round = 0; round < 12; round++) {
      analyzer.sync(uri, round, round === 0 ? text : `${text.slice(0, middle)}    image: busybox:v${round}${text.slice(middle + '    image: busybox:local'.length)}`);
      if (role !== 'requests') void analyzer.handle('berth/composeDiagnostics', uri, {});
      if (role !== 'checks') {
        void analyzer.handle('textDocument/completion', uri, { position: { line: 15, character: 4 } });
        void analyzer.handle('textDocument/completion', uri, { position: { line: 2, character: 11 } });
        void analyzer.handle('textDocument/hover', uri, { position: { line: 2, character: 5 } });
      }
    }
  } finally {
    analyzer.close(uri);
  }
}
