/**
 * The floor for a listing: one plain HTTP GET on the engine's unix socket (node:http with
 * socketPath, nothing else) and JSON.parse of the answer. Nothing that lists over the API
 * can be faster, so a listing row puts Berth beside it as well as beside the CLI.
 *
 * The floor must ask exactly what Berth asks: `berthRequestUrl` points a Berth engine at a
 * throwaway socket that records the request line (version prefix and query as sent) and
 * answers an empty list, and the floor replays that URL against the real engine.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../src/engine/engine';

/** The URL (path and query) Berth's engine layer sends for one call of `list`. */
export async function berthRequestUrl(list: (engine: Engine) => Promise<unknown>, pathPrefix: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-floor-'));
  const socket = path.join(dir, 'engine.sock');
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  const engine = new Engine({ url: `unix://${socket}`, source: 'setting', why: 'recording the request Berth sends' });
  try {
    await list(engine);
  } finally {
    await engine.dispose();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const url = seen.find((u) => u.split('?')[0].replace(/^\/v\d+(\.\d+)?/, '').startsWith(pathPrefix));
  if (!url) throw new Error(`Berth sent no ${pathPrefix} request (saw: ${seen.join(', ') || 'nothing'})`);
  return url;
}

/** GET `url` on the unix socket and parse the JSON array answered. */
export function rawGetList(socketPath: string, url: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    http.get({ socketPath, path: url }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET ${url} answered ${res.statusCode}`));
        else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]);
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** The name a floor row gives its alternative. */
export function floorName(url: string): string {
  return `raw GET ${url} on the socket`;
}
