/**
 * The bad-input table of the faultsInput suite: one row per (command, field, bad value,
 * what the refusal must say). A row names the command and what a menu would pass it,
 * the answers a person would type or pick (through the Prompter) and the host paths
 * they would choose (through the file dialogs). Rows whose refusal comes from the input
 * box itself leave `box` unset; rows refused after the box (a path that does not
 * exist, a value handed in as text, a task from tasks.json) set `box: false`.
 */
import type { BerthTaskDefinition } from '../../../src/tasks';
import type { DialogAnswer } from '../../../src/files/dialogs';
import type { Answer } from '../../../src/ui/prompt';

export interface Fixtures {
  /** A running container's tree node, its name, and a second container's name (for "already taken"). */
  container: { kind: 'container'; container: { id: string; name: string } };
  containerName: string;
  otherContainerName: string;
  /** The Files tree's root node and a file node of that container. */
  filesRoot: unknown;
  fileEntry: unknown;
  /** The test image's tree node. */
  image: unknown;
  /** A network with subnet 10.213.0.0/16, its tree node and name. */
  network: unknown;
  networkName: string;
  /** A Dockerfile in the workspace (its Uri), relative path, and a file and a folder on the host. */
  dockerfile: unknown;
  dockerfilePath: string;
  hostFile: string;
  hostFolder: string;
}

interface Common {
  what: string;
  /** What the one sentence must say. */
  says: RegExp;
  /** The refusal comes from the input box (the default) or after it. */
  box?: false;
  /** Requests that must not reach the engine at all, not even reads (e.g. an export's GET). */
  noRequests?: RegExp;
}

export interface CommandRow extends Common {
  command: string;
  args?: unknown[];
  answers?: Answer[];
  dialogs?: DialogAnswer[];
}

export interface TaskRow extends Common {
  task: BerthTaskDefinition;
}

export type Row = CommandRow | TaskRow;

const missing = '/nonexistent-berth-faults';

export function badInputRows(f: Fixtures): Row[] {
  const { container, containerName, filesRoot, image, network } = f;
  const form = (answers: Answer[], says: RegExp, what: string): CommandRow => ({ what: `run form: ${what}`, command: 'berth.images.create', args: ['busybox:local'], answers, says });
  return [
    // Image references and tags
    { what: 'pull: uppercase repository', command: 'berth.images.pullReference', answers: ['Busybox:latest'], says: /repository name "Busybox" must be lowercase/ },
    { what: 'pull: empty tag', command: 'berth.images.pullReference', answers: ['busybox:'], says: /tag is empty/ },
    { what: 'tag: whitespace', command: 'berth.images.tag', args: [image], answers: ['app:bad tag'], says: /"app:bad tag" contains whitespace/ },
    { what: 'tag: registry port out of range', command: 'berth.images.tag', args: [image], answers: ['127.0.0.1:99999/app:dev'], says: /registry port 99999 .* outside 1-65535/ },
    { what: 'tag task: bad target', task: { type: 'berth-tag', image: 'busybox:local', tags: ['app:-x'] }, box: false, says: /"-x" is not a valid tag/ },
    { what: 'tag task: bad source', task: { type: 'berth-tag', image: 'Not An Image', tags: ['app:dev'] }, box: false, says: /"Not An Image" contains whitespace/ },
    { what: 'push: reference handed in as text', command: 'berth.images.push', args: ['registry.example.com/UPPER/app'], box: false, says: /must be lowercase/ },
    { what: 'push task: bad tag', task: { type: 'berth-push', tags: ['app:'] }, box: false, says: /tag is empty/ },
    { what: 'build: bad tag typed', command: 'berth.images.build', args: [f.dockerfile], answers: ['Bad Tag'], says: /"Bad Tag" contains whitespace/ },
    { what: 'build task: bad tag', task: { type: 'berth-build', dockerfile: f.dockerfilePath, tags: ['app:-x'] }, box: false, says: /"-x" is not a valid tag/ },
    { what: 'build task: Dockerfile outside the context', task: { type: 'berth-build', dockerfile: f.dockerfilePath, context: `${f.dockerfilePath.split('/')[0]}/sub` }, box: false, says: /is outside the build context/ },
    { what: 'build task: no Dockerfile', task: { type: 'berth-build', dockerfile: 'faults-nowhere/Dockerfile' }, box: false, says: /There is no Dockerfile at .*faults-nowhere\/Dockerfile/ },
    { what: 'commit: bad repository', command: 'berth.containers.commit', args: [container], answers: ['Bad Ref'], says: /"Bad Ref" contains whitespace/ },
    { what: 'commit: RUN is not a commit change', command: 'berth.containers.commit', args: [container], answers: ['', '', '', 'RUN rm -rf /'], says: /"RUN rm -rf \/" is not one of CMD/ },

    // Run and create: every field of the form, then the same values in a berth-run task
    { what: 'run: image handed in as text', command: 'berth.images.create', args: ['Bad Image'], box: false, says: /"Bad Image" contains whitespace/ },
    form(['Name', 'a'], /"a" is not a valid container name \(at least two/, 'one-character name'),
    form(['Ports', '8080:80, 70000:80'], /Bad port spec "70000:80": the host port 70000 is outside 1-65535/, 'host port out of range'),
    form(['Ports', '80:abc'], /container port "abc" is not a number/, 'container port not a number'),
    form(['Environment', 'MODE=dev, =x'], /"=x" has no variable name/, 'env line without a name'),
    form(['Volumes', 'Edit as Text', 'relative/path:/data'], /host path "relative\/path" is relative/, 'relative bind source'),
    form(['Volumes', 'Bind a Folder…', f.hostFolder, 'data'], /container path "data" must be absolute/, 'relative container path for a picked folder'),
    form(['Network', 'Other…', 'nosuchnet'], /There is no network "nosuchnet" on this engine/, 'unknown network'),
    form(['Command', 'sh -c "echo'], /double quote is not closed/, 'unclosed quote in the command'),
    form(['Working directory', 'app'], /working directory "app" must be an absolute path/, 'relative working directory'),
    form(['User', 'a b'], /"a b" is not user\[:group\]/, 'user with a space'),
    form(['Restart policy', 'on-failure:N…', 'on-failure:x'], /"on-failure:x" is not a restart policy/, 'restart policy'),
    form(['Memory limit', '1k'], /at least 6m/, 'memory below the minimum'),
    form(['CPUs', '-1'], /"-1" is not a number of CPUs/, 'negative CPUs'),
    form(['Hostname', 'bad_host'], /"bad_host" is not a host name/, 'host name with _'),
    form(['DNS servers', '8.8.8'], /"8\.8\.8" is not an IP address/, 'DNS server'),
    form(['Extra hosts', 'db'], /"db" is not host:ip/, 'extra host without an IP'),
    form(['Labels', '=x'], /"=x" has no label key/, 'label without a key'),
    form(['Save as Task', ' '], /task label is empty/, 'empty task label'),
    { what: 'run task: port', task: { type: 'berth-run', image: 'busybox:local', ports: ['70000:80'] }, box: false, says: /host port 70000 is outside 1-65535/ },
    { what: 'run task: env line', task: { type: 'berth-run', image: 'busybox:local', env: ['MY VAR=1'] }, box: false, says: /"MY VAR" contains whitespace/ },
    { what: 'run task: bind', task: { type: 'berth-run', image: 'busybox:local', volumes: ['/srv:data'] }, box: false, says: /container path "data" must be absolute/ },
    { what: 'run task: unknown network', task: { type: 'berth-run', image: 'busybox:local', network: 'nosuchnet' }, box: false, says: /There is no network "nosuchnet" on this engine/ },
    { what: 'run task: missing env file', task: { type: 'berth-run', image: 'busybox:local', envFiles: ['faults-missing.env'] }, box: false, says: /There is no env file at .*faults-missing\.env/ },
    { what: 'run -it: unclosed quote', command: 'berth.images.runInteractive', args: ['busybox:local'], answers: ["sh -c 'echo"], says: /Unterminated single quote/ },

    // Containers: rename, exec
    { what: 'rename: one character', command: 'berth.containers.rename', args: [container], answers: ['a'], says: /"a" is not a valid container name/ },
    { what: 'rename: a space', command: 'berth.containers.rename', args: [container], answers: ['my web'], says: /"my web" is not a valid container name/ },
    { what: 'rename: name taken', command: 'berth.containers.rename', args: [container], answers: [f.otherContainerName], says: /container named ".*" already exists/ },
    { what: 'exec: unclosed quote', command: 'berth.containers.exec', args: [container], answers: ['sh -c "ls'], says: /Unterminated double quote/ },
    { what: 'exec: empty command', command: 'berth.containers.exec', args: [container], answers: ['  '], says: /command is empty/ },

    // Networks and volumes
    { what: 'network: name with a space', command: 'berth.networks.create', answers: ['bad name'], says: /"bad name" is not a valid name/ },
    { what: 'network: name taken', command: 'berth.networks.create', answers: [f.networkName], says: /network named ".*" already exists/ },
    { what: 'network: prefix too long', command: 'berth.networks.create', answers: ['faultsnet', 'Set Options…', 'bridge', '10.214.0.0/33'], says: /prefix length "\/33" must be a number from 0 to 32/ },
    { what: 'network: subnet without prefix', command: 'berth.networks.create', answers: ['faultsnet', 'Set Options…', 'bridge', '10.214.0.0'], says: /"10\.214\.0\.0" is not a subnet/ },
    { what: 'network: octet above 255', command: 'berth.networks.create', answers: ['faultsnet', 'Set Options…', 'bridge', '300.1.0.0/16'], says: /octet above 255/ },
    { what: 'network: IP range outside the subnet', command: 'berth.networks.create', answers: ['faultsnet', 'Set Options…', 'bridge', '10.214.0.0/16', '10.9.0.0/24'], says: /IP range 10\.9\.0\.0\/24 is not inside the subnet 10\.214\.0\.0\/16/ },
    { what: 'network: gateway outside the subnet', command: 'berth.networks.create', answers: ['faultsnet', 'Set Options…', 'bridge', '10.214.0.0/16', '', '10.9.0.1'], says: /gateway 10\.9\.0\.1 is not inside the subnet/ },
    { what: 'network: gateway without a subnet', command: 'berth.networks.create', answers: ['faultsnet', 'Set Options…', 'bridge', '', '', '10.9.0.1'], says: /gateway needs a subnet/ },
    { what: 'connect: address outside the subnet', command: 'berth.networks.connect', args: [network], answers: [containerName, '10.99.0.5'], says: /address 10\.99\.0\.5 is not inside the subnet 10\.213\.0\.0\/16/ },
    { what: 'connect: not an address', command: 'berth.networks.connect', args: [network], answers: [containerName, '10.213.0.300'], says: /octet above 255/ },
    { what: 'connect: bad alias', command: 'berth.networks.connect', args: [network], answers: [containerName, '', 'web, -db'], says: /"-db" is not a valid name/ },
    { what: 'volume: one character', command: 'berth.volumes.create', answers: ['v'], says: /"v" is not a valid volume name/ },
    { what: 'volume: a slash', command: 'berth.volumes.create', answers: ['a/b'], says: /"a\/b" is not a valid volume name/ },

    // Registries
    { what: 'add registry: not a host', command: 'berth.registries.add', answers: ['not a host!'], says: /"not a host!" is not a registry host/ },
    { what: 'log in: port out of range', command: 'berth.registries.logIn', answers: ['registry.example.com:99999'], says: /registry port 99999 .* outside 1-65535/ },
    { what: 'log in: registry handed in as text', command: 'berth.registries.logIn', args: ['127.0.0.1:70000'], box: false, says: /registry port 70000 .* outside 1-65535/ },
    { what: 'log in: empty user', command: 'berth.registries.logIn', answers: ['registry.example.com', '  '], says: /user name is empty/ },
    { what: 'log in: empty password', command: 'berth.registries.logIn', answers: ['registry.example.com', 'someone', ''], says: /password \(or access token\) is empty/ },
    { what: 'search: empty term', command: 'berth.registries.searchHub', answers: [' '], says: /search term is empty/ },
    { what: 'switch engine: port out of range', command: 'berth.context.switch', answers: ['Enter an endpoint…', 'tcp://engine:99999'], says: /"tcp:\/\/engine:99999" is not an engine endpoint/ },

    // Files and paths
    { what: 'new file: a slash', command: 'berth.files.newFile', args: [filesRoot], answers: ['a/b'], says: /cannot contain "\/"/ },
    { what: 'new folder: ..', command: 'berth.files.newFolder', args: [filesRoot], answers: ['..'], says: /"\.\." cannot be a file name/ },
    { what: 'upload: missing source', command: 'berth.files.upload', args: [filesRoot], dialogs: [[`${missing}/a.txt`]], box: false, says: /There is no file or folder at \/nonexistent-berth-faults\/a\.txt/, noRequests: /\/archive$/ },
    { what: 'download: missing folder', command: 'berth.files.download', args: [f.fileEntry], dialogs: [`${missing}/passwd`], box: false, says: /the folder \/nonexistent-berth-faults does not exist/, noRequests: /\/archive$/ },
    { what: 'export: a folder as destination', command: 'berth.containers.export', args: [container], dialogs: [f.hostFolder], box: false, says: /it is a folder; choose a file name/, noRequests: /\/export$/ },
    { what: 'save: missing folder', command: 'berth.images.save', args: [image], dialogs: [`${missing}/images.tar`], box: false, says: /the folder \/nonexistent-berth-faults does not exist/, noRequests: /^\/images\/get$/ },
    { what: 'import: missing file', command: 'berth.images.import', dialogs: [`${missing}/rootfs.tar`], box: false, says: /There is no file at \/nonexistent-berth-faults\/rootfs\.tar/ },
    { what: 'import: bad repository', command: 'berth.images.import', dialogs: [f.hostFile], answers: ['Bad Ref'], says: /"Bad Ref" contains whitespace/ },
    { what: 'load: a folder', command: 'berth.images.load', dialogs: [f.hostFolder], box: false, says: /is a folder; choose a file/ },
  ];
}
