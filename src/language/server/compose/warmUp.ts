/**
 * Runs each feature on a made-up compose file before the first real request, in the
 * worker: the first runs of a code path are several times slower than later ones (the JIT
 * has not compiled it yet), and that first run would be a person's. As in ../warmUp.ts.
 */
import type { ComposeAnalyzer } from './analyzer';

function sample(services: number): string {
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
  const text = sample(40);
  try {
    for (let round = 0; round < 6; round++) {
      analyzer.sync(uri, round, text);
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
