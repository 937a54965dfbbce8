/**
 * Before Open in Browser: can this machine open a TCP connection to the port? A remote
 * engine's port may be firewalled or bound where only its host reaches it; the browser
 * would then show its own vague error. One connection attempt, a few seconds at most.
 */
import * as l10n from '@vscode/l10n';
import * as net from 'node:net';

/** undefined when the port accepts a connection; otherwise one sentence saying it is not reachable from here. */
export function probePort(url: string, timeoutMs = 3000): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const finish = (problem: string | undefined): void => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => finish(l10n.t('{0} did not answer from this machine within {1} s: the port is published on the engine\'s host, but a firewall or the network keeps it from here.', `${host}:${port}`, timeoutMs / 1000)));
    socket.once('connect', () => finish(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(l10n.t('{0} is not reachable from this machine ({1}): nothing accepts connections there from here.', `${host}:${port}`, error.code ?? error.message)));
  });
}
