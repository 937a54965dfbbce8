/**
 * Berth's terminals in the real VS Code against the private engine: each kind opened
 * through its command (the container passed as the tree passes it), its output read
 * back from what the Pseudoterminal wrote, input sent through the real terminal.
 */
/* eslint-disable no-control-regex -- the tests read raw terminal output, escape sequences included */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../../src/extension';
import type { ContainerSummary } from '../../../src/engine/types';
import type { AttachSession, ExecSession, LogsSession, RunSession, Session, StatsSession, TopSession } from '../../../src/terminals';
import { plainText } from '../../../src/terminals/table';
import { testDocker, testImage, uniqueName } from '../../support/engine';
import { takeScreenshot } from '../../support/screenshot';
import { waitFor } from '../../support/wait';
import { ended, output } from './terminalHelpers';

const extensionId = 'berth.berth';
const docker = testDocker();
const made: string[] = [];

async function api(): Promise<BerthApi> {
  const extension = vscode.extensions.getExtension<BerthApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed in this host`);
  return extension.isActive ? extension.exports : extension.activate();
}

/** Creates and starts a container; returns the record the Containers tree holds for it. */
async function container(prefix: string, cmd: string[], extra: Record<string, unknown> = {}): Promise<ContainerSummary> {
  const name = uniqueName(prefix);
  const created = await docker.createContainer({ Image: testImage, name, Cmd: cmd, ...extra });
  made.push(created.id);
  await created.start();
  return summary(created.id);
}

async function summary(id: string): Promise<ContainerSummary> {
  const berth = await api();
  const found = (await berth.context.engine.listContainers({ all: true })).find((c) => c.id === id);
  assert.ok(found, `container ${id} is listed`);
  return found;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

async function run<T extends Session>(command: string, arg: unknown): Promise<T> {
  const session = await vscode.commands.executeCommand<T>(command, arg);
  assert.ok(session, `${command} returned its session`);
  return session;
}

describe('Terminals', function () {
  this.timeout(90_000);

  after(async () => {
    for (const session of (await api()).terminals.sessions) session.terminal?.dispose();
    for (const id of made) await docker.getContainer(id).remove({ force: true }).catch(() => undefined);
  });

  it('opens a shell (sh when there is no bash), runs a command and reports its exit code', async () => {
    const c = await container('shell', ['sleep', '600']);
    const shell = await run<ExecSession>('berth.containers.attachShell', c);
    assert.equal(shell.kind, 'shell');
    await output(shell, /# $/m, 'the shell prompt');
    assert.deepEqual(shell.argv, ['/bin/sh'], 'busybox:local has no bash, so sh');
    shell.terminal!.sendText('echo "hello from $((6*7))"; echo $TERM');
    const text = await output(shell, /hello from 42/);
    assert.match(text, /xterm-256color/);
    await takeScreenshot('terminal-shell', { selector: '.terminal-wrapper.active .xterm' });
    shell.terminal!.sendText('exit 7');
    await ended(shell);
    assert.equal(shell.exitCode, 7);
    assert.match(plainText(shell.transcript), /The shell exited with code 7\. Press any key to close\./);
  });

  it('resizes the exec with the terminal', async () => {
    const c = await container('resize', ['sleep', '600']);
    const shell = await run<ExecSession>('berth.containers.attachShell', c);
    await output(shell, /# $/m, 'the shell prompt');
    // VS Code may resize the terminal itself (layout changes) at any moment: whatever the
    // last size that reached the engine, `stty size` in the exec must report it.
    let reported = '';
    for (let attempt = 0; attempt < 3 && reported !== '27 91'; attempt++) {
      shell.setDimensions({ columns: 91, rows: 27 });
      await waitFor(() => shell.resizes.some((d) => d.columns === 91 && d.rows === 27), 'the resize to reach the engine');
      const before = count(plainText(shell.transcript), 'stty size');
      shell.terminal!.sendText('stty size');
      const text = await output(shell, (t) => count(t, 'stty size') > before && /stty size\r?\n(\d+ \d+)\r?\n[\s\S]*# $/.test(t.slice(t.lastIndexOf('stty size'))), 'the answer of stty size');
      reported = /stty size\r?\n(\d+ \d+)/.exec(text.slice(text.lastIndexOf('stty size')))![1];
      const last = shell.resizes.at(-1)!;
      assert.equal(reported, `${last.rows} ${last.columns}`, 'the exec has the size that last reached the engine');
    }
    assert.equal(reported, '27 91');
  });

  it('runs several shells on one container at once, and closing one ends its exec', async () => {
    const c = await container('two-shells', ['sleep', '600']);
    const first = await run<ExecSession>('berth.containers.attachShell', c);
    const second = await run<ExecSession>('berth.containers.attachShell', c);
    await Promise.all([output(first, /# $/m), output(second, /# $/m)]);
    second.terminal!.sendText('echo second-$((1+1))');
    await output(second, /second-2/);
    const execId = first.processId!;
    assert.equal((await docker.getExec(execId).inspect()).Running, true);
    first.terminal!.dispose();
    await waitFor(async () => !(await docker.getExec(execId).inspect()).Running, 'the closed shell\'s exec to end');
    assert.ok(first.closed);
    assert.equal(second.ended, false, 'the other shell keeps running');
  });

  it('executes a command line split into argv, quotes respected', async () => {
    const c = await container('exec', ['sleep', '600']);
    const exec = await run<ExecSession>('berth.containers.exec', { container: c, command: `sh -c 'echo "exec $((3*3))"; exit 5'` });
    await ended(exec);
    assert.deepEqual(exec.argv, ['sh', '-c', 'echo "exec $((3*3))"; exit 5']);
    assert.match(plainText(exec.transcript), /exec 9/);
    assert.equal(exec.exitCode, 5);
  });

  it('asks who and where to run (exec -u -w), refuses what is not a user or a folder, and offers the last answers for that container next time', async () => {
    const berth = await api();
    const c = await container('as', ['sleep', '600']);
    const other = await container('as-other', ['sleep', '600']);
    berth.prompts.reset();
    berth.prompts.strict = true;
    try {
      // Execute Command from the menu: the command, then the user (a bad one first, as typed), then the folder.
      berth.prompts.answer('sh -c \'echo "uid=$(id -u) gid=$(id -g) dir=$(pwd) end"\'', ['root;id', 'nobody:root'], ['tmp', '/var/www']);
      const exec = await run<ExecSession>('berth.containers.exec', c);
      const inputs = berth.prompts.asked.filter((q) => q.kind === 'input');
      assert.deepEqual(inputs.map((q) => q.message), [`Command to run in ${c.name}`, `Run as which user in ${c.name}? (exec -u)`, `In which folder of ${c.name}? (exec -w)`]);
      assert.match(inputs[1].validation?.[0] ?? '', /"root;id" is not user\[:group\]/, 'the bad user was refused as typed');
      assert.match(inputs[2].validation?.[0] ?? '', /working directory "tmp" must be an absolute path/);
      assert.equal(exec.terminal?.name, `Exec: ${c.name} as nobody:root in /var/www`);
      assert.match(await output(exec, /uid=\S+ gid=\S+ dir=\S+ end/), /uid=65534 gid=0 dir=\/var\/www end/);
      await ended(exec);

      // Open Shell As… on the same container offers those answers; another container offers nothing.
      berth.prompts.reset();
      berth.prompts.answer('nobody:root', '/var/www');
      const shell = await run<ExecSession>('berth.containers.attachShellAs', c);
      assert.deepEqual(berth.prompts.asked.map((q) => q.offered), ['nobody:root', '/var/www'], 'remembered for this container');
      shell.terminal!.sendText('echo "me=$(id -u) at=$(pwd) end"');
      assert.match(await output(shell, /me=\S+ at=\S+ end/), /me=65534 at=\/var\/www end/);
      shell.terminal!.dispose();
      berth.prompts.reset();
      berth.prompts.answer('', '');
      const plain = await run<ExecSession>('berth.containers.attachShellAs', other);
      assert.deepEqual(berth.prompts.asked.map((q) => q.offered), ['', ''], 'nothing remembered for another container');
      assert.equal(plain.terminal?.name, `Shell: ${other.name}`, 'empty answers keep the image\'s user and folder');
      plain.terminal!.dispose();
      assert.equal(berth.prompts.pending(), 0);
    } finally {
      berth.prompts.reset();
    }
  });

  it('ends a shell with a message when its container is removed', async () => {
    const c = await container('removed', ['sleep', '600']);
    const shell = await run<ExecSession>('berth.containers.attachShell', c);
    await output(shell, /# $/m);
    await docker.getContainer(c.id).remove({ force: true });
    await ended(shell);
    assert.match(plainText(shell.transcript), /gone|exited with code/);
  });

  it('follows logs with stderr marked, across a restart, and says when the container is removed', async () => {
    const c = await container('logs', ['sh', '-c', 'echo "run started"; echo "to stderr" >&2; exec sleep 600']);
    const logs = await run<LogsSession>('berth.containers.viewLogs', c);
    await output(logs, /run started[\s\S]*to stderr|to stderr[\s\S]*run started/);
    assert.match(logs.transcript, /\x1b\[31mto stderr\x1b\[0m/, 'stderr is red');
    assert.doesNotMatch(logs.transcript, /\x1b\[31mrun started/, 'stdout is not');
    await takeScreenshot('terminal-logs', { selector: '.terminal-wrapper.active .xterm' });
    await docker.getContainer(c.id).restart({ t: 0 });
    const text = await output(logs, /restarted at[\s\S]*run started/, 'the restart banner, then the new run\'s lines');
    assert.equal(count(text, 'run started'), 2, 'the first run\'s lines are not repeated');
    assert.equal(logs.followers[0].restarts, 1);
    await docker.getContainer(c.id).remove({ force: true });
    await output(logs, /The container was removed\./);
    await ended(logs);
    assert.equal(logs.closed, false, 'the terminal keeps its text');
  });

  it('survives binary, non-UTF-8 output in logs', async () => {
    const c = await container('binary', ['sh', '-c', 'head -c 4000 /dev/urandom; printf "\\377\\376 latin1 \\351\\n"; echo after-binary; exec sleep 600']);
    const logs = await run<LogsSession>('berth.containers.viewLogs', c);
    const text = await output(logs, /after-binary/);
    assert.match(text, /\ufffd\ufffd latin1 \ufffd/);
    assert.doesNotMatch(logs.transcript, /\x1b\][^\x07]*\x07/, 'no OSC sequence from the random bytes reached the terminal');
  });

  it('opens a snapshot of the logs as a read-only document', async () => {
    const c = await container('snapshot', ['sh', '-c', 'for i in 1 2 3; do echo "line $i"; done; echo oops >&2; exec sleep 600']);
    await waitFor(async () => (await docker.getContainer(c.id).logs({ stdout: true, stderr: true })).toString().includes('oops'), 'the log lines');
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('berth.containers.openLogs', c);
    assert.equal(document.uri.scheme, 'berth-logs');
    assert.match(document.getText(), /line 1\nline 2\nline 3|line 1[\s\S]*line 3/);
    assert.match(document.getText(), /\[stderr\] oops/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('follows a compose group, each line prefixed with its coloured service', async () => {
    const project = uniqueName('proj');
    const labels = (service: string) => ({ 'com.docker.compose.project': project, 'com.docker.compose.service': service });
    await container('web', ['sh', '-c', 'echo "web ready"; exec sleep 600'], { Labels: labels('web') });
    await container('db', ['sh', '-c', 'echo "db ready"; exec sleep 600'], { Labels: labels('db') });
    const logs = await run<LogsSession>('berth.containerGroup.viewLogs', { project });
    assert.equal(logs.kind, 'groupLogs');
    const text = await output(logs, /web ready[\s\S]*db ready|db ready[\s\S]*web ready/);
    assert.match(text, /^web \| web ready$/m);
    assert.match(text, /^db {2}\| db ready$/m);
    const colourOf = (service: string) => new RegExp(`(\\x1b\\[[0-9;]+m)${service}\\s*\\|`).exec(logs.transcript)?.[1];
    assert.ok(colourOf('web') && colourOf('db') && colourOf('web') !== colourOf('db'), 'each service has its own colour');
  });

  it('attaches to the main process: input reaches it, Ctrl+P Ctrl+Q detaches and leaves it running', async () => {
    const c = await container('attach', ['sh'], { Tty: true, OpenStdin: true, AttachStdin: true, AttachStdout: true, AttachStderr: true });
    const attach = await run<AttachSession>('berth.containers.attach', c);
    await output(attach, /Attached to .*main process/);
    attach.terminal!.sendText('echo "attached $((2+3))"');
    await output(attach, /attached 5/);
    attach.terminal!.sendText('\x10\x11', false);
    await ended(attach);
    assert.match(plainText(attach.transcript), /Detached from .*; it keeps running\./);
    assert.equal((await docker.getContainer(c.id).inspect()).State.Running, true);
  });

  it('runs an image interactively and, with auto-remove, leaves nothing behind', async () => {
    const session = await run<RunSession>('berth.images.runInteractive', { image: testImage, cmd: ['sh'], autoRemove: true });
    await output(session, /# $/m, 'the shell prompt');
    const id = session.containerId!;
    assert.ok(id);
    session.terminal!.sendText('echo "run $((1+1))"; exit 4');
    await output(session, /run 2/);
    await ended(session);
    assert.equal(session.exitCode, 4);
    await waitFor(async () => docker.getContainer(id).inspect().then(() => false, (e: { statusCode?: number }) => e.statusCode === 404), 'the container to be removed');
  });

  it('shows live stats with values in range, and stops its stream when closed', async () => {
    const c = await container('stats', ['sh', '-c', 'while :; do :; done']);
    const stats = await run<StatsSession>('berth.containers.stats', c);
    // The first sample has no CPU delta (0.00%); wait for a drawn row with a real one.
    const prefix = `${c.id.slice(0, 12)}   ${c.name}`;
    const latestRow = (text: string) => text.split(/\r?\n/).reverse().find((line) => line.startsWith(prefix));
    const cpuOf = (row: string | undefined) => Number(/\s(\d+\.\d\d)%/.exec(row ?? '')?.[1] ?? 0);
    const text = await output(stats, (t) => cpuOf(latestRow(t)) > 0, 'a stats row with CPU above 0', 30_000);
    const row = latestRow(text)!;
    const cpu = cpuOf(row);
    assert.ok(cpu > 0 && cpu <= 100 * 64, `CPU % ${cpu} in range`);
    const values = stats.tracked.get(c.id)!.values!;
    assert.ok(values.memoryUsage > 0 && values.memoryUsage <= values.memoryLimit, 'memory used within the limit');
    assert.ok(values.memoryPercent > 0 && values.memoryPercent <= 100);
    assert.ok(values.pids >= 1);
    assert.match(row, /\d+(\.\d+)?(B|KiB|MiB|GiB) \/ \d+(\.\d+)?(B|KiB|MiB|GiB)/);
    stats.terminal!.dispose();
    await waitFor(() => stats.openStreams === 0, 'the stats stream to stop');
  });

  it('shows stats of every running container', async () => {
    const busy = await container('stats-all-busy', ['sh', '-c', 'while :; do :; done']);
    const idle = await container('stats-all-idle', ['sleep', '600']);
    const stoppedName = uniqueName('stats-all-stopped');
    made.push((await docker.createContainer({ Image: testImage, name: stoppedName, Cmd: ['sleep', '600'] })).id);
    const running = (await docker.listContainers({ filters: { status: ['running'] } })).map((c) => c.Id);
    const stats = await run<StatsSession>('berth.containers.statsAll', undefined);
    // Every running container is tracked, and each gets a sample with memory and pids.
    await waitFor(() => running.every((id) => stats.tracked.get(id)?.values) || undefined, `samples for all ${running.length} running containers`, 30_000);
    assert.deepEqual([...stats.tracked.keys()].sort(), [...running].sort(), 'exactly the running containers are tracked');
    for (const c of [busy, idle]) {
      const values = stats.tracked.get(c.id)!.values!;
      assert.ok(values.memoryUsage > 0 && values.memoryUsage <= values.memoryLimit, `${c.name}: memory used within the limit`);
      assert.ok(values.pids >= 1, `${c.name}: pids`);
    }
    // The drawn table: a titled frame counting them, a row per container with memory figures,
    // and the busy loop's CPU above 0 once a second sample gives a delta.
    const rowOf = (text: string, name: string) => text.split(/\r?\n/).reverse().find((line) => line.includes(name));
    const cpuOf = (row: string | undefined) => Number(/\s(\d+\.\d\d)%/.exec(row ?? '')?.[1] ?? 0);
    const text = await output(stats, (t) => cpuOf(rowOf(t, busy.name)) > 0, 'the busy container\'s row with CPU above 0', 30_000);
    assert.match(text, new RegExp(`Stats of ${running.length} running containers`));
    for (const c of [busy, idle]) assert.match(rowOf(text, c.name) ?? '', /\d+(\.\d+)?(B|KiB|MiB|GiB) \/ \d+(\.\d+)?(B|KiB|MiB|GiB)/, `${c.name}'s row shows memory`);
    assert.ok(!text.includes(stoppedName), 'a stopped container has no row');
    stats.terminal!.dispose();
    await waitFor(() => stats.openStreams === 0, 'every stats stream to stop');
  });

  it('lists the container\'s processes, and refreshes on r', async () => {
    const c = await container('top', ['sleep', '1234']);
    const top = await run<TopSession>('berth.containers.top', c);
    await output(top, /sleep 1234/);
    assert.match(plainText(top.transcript), /PID/);
    const before = top.refreshes;
    top.terminal!.sendText('r', false);
    await waitFor(() => top.refreshes > before, 'a refresh');
    top.terminal!.sendText('q', false);
    await waitFor(() => top.closed, 'q to close the terminal');
  });
});
