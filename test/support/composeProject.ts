/**
 * Compose projects for the engine and host tiers and the bench, made only of what this
 * machine has: busybox:local and a build FROM it (no image can be pulled). Services trap
 * TERM so a stop takes a moment, not the engine's 10 s kill timeout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const sleeper = `["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]`;

/**
 * Three services with a network each way, a named volume and depends_on (web → api → db),
 * web built from a Dockerfile, plus a fourth service behind the `debug` profile.
 */
export const threeServices = [
  'services:',
  '  web:',
  '    build: ./web',
  `    command: ${sleeper}`,
  '    networks: [front]',
  '    volumes: [data:/data]',
  '    depends_on: [api]',
  '  api:',
  '    image: busybox:local',
  `    command: ${sleeper}`,
  '    networks: [front, back]',
  '    depends_on:',
  '      - db',
  '  db:',
  '    image: busybox:local',
  `    command: ${sleeper}`,
  '    networks: [back]',
  '    volumes: [data:/var/lib/data]',
  '  debug:',
  '    image: busybox:local',
  `    command: ${sleeper}`,
  '    profiles: [debug]',
  '    networks: [back]',
  'networks:',
  '  front: {}',
  '  back: {}',
  'volumes:',
  '  data: {}',
  '',
].join('\n');

export const webDockerfile = 'FROM busybox:local\nRUN echo built > /built.txt\nCMD ["sleep", "3600"]\n';

/** `count` busybox services on one network, each depending on the one before. */
export function manyServices(count: number): string {
  const lines = ['services:'];
  for (let i = 1; i <= count; i++) {
    lines.push(`  s${i}:`, '    image: busybox:local', `    command: ${sleeper}`, '    networks: [net]');
    if (i > 1) lines.push(`    depends_on: [s${i - 1}]`);
  }
  lines.push('networks:', '  net: {}', '');
  return lines.join('\n');
}

/** Writes the three-service project (compose.yaml and web/Dockerfile) into `dir`. */
export function writeThreeServices(dir: string): void {
  fs.mkdirSync(path.join(dir, 'web'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'compose.yaml'), threeServices);
  fs.writeFileSync(path.join(dir, 'web', 'Dockerfile'), webDockerfile);
}
