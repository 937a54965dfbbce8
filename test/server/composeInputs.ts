/** Compose files of a given size for the benchmark and the fuzzer's corpus: many realistic services. */

function service(index: number): string[] {
  const name = `svc-${index}`;
  return [
    `  ${name}:`,
    '    image: busybox:local',
    '    build:',
    '      context: .',
    '      target: release',
    `    command: ["sh", "-c", "echo ${name}"]`,
    '    environment:',
    `      SERVICE: ${name}`,
    `      PORT: "\${PORT_${index}:-80}"`,
    '    ports:',
    `      - "${10000 + index}:80"`,
    ...(index > 0 ? ['    depends_on:', `      - svc-${index - 1}`] : []),
    '    networks:',
    '      - front',
    '      - back',
    '    volumes:',
    '      - data:/data',
    '      - ./src:/src:ro',
    '    healthcheck:',
    '      test: ["CMD", "true"]',
    '      interval: 10s',
    '    restart: unless-stopped',
  ];
}

const footer = ['networks:', '  front:', '  back:', 'volumes:', '  data:'];

/** A compose file of exactly `lines` lines (services until the footer fits, then comments). */
export function largeCompose(lines: number): string {
  const out = ['services:'];
  for (let index = 0; out.length + service(index).length + footer.length <= lines; index++) out.push(...service(index));
  while (out.length + footer.length < lines) out.push('  # filler');
  out.push(...footer);
  return `${out.join('\n')}\n`;
}

/** The line and character of the value after `image:` in the service nearest the middle (for completion). */
export function middleImagePosition(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  for (let offset = 0; offset < lines.length; offset++) {
    for (const line of [middle + offset, middle - offset]) {
      if (lines[line]?.startsWith('    image: ')) return { line, character: lines[line].length };
    }
  }
  return { line: 1, character: 0 };
}
