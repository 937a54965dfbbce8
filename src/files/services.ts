/**
 * What the files commands need at run time, behind one interface with no vscode
 * import, so src/commands/files.ts loads in plain Node (the manifest test builds the
 * command table there). registerFiles() builds it at activation; commands get it in
 * the services record.
 */
import type { ContainerFs } from './containerFs';
import type { FilesNode, FilesOwner } from './nodes';

export interface Progress {
  report(message: string, increment?: number): void;
}

export interface HostDialogs {
  /** A path to save to, or undefined when cancelled. */
  save(options: { title: string; defaultName: string; filters?: Record<string, string[]> }): Promise<string | undefined>;
  /** Paths to read, or undefined when cancelled. */
  open(options: { title: string; files: boolean; folders: boolean; many: boolean; filters?: Record<string, string[]> }): Promise<string[] | undefined>;
}

export interface FilesServices {
  /** Containers' files. */
  fs: ContainerFs;
  /** The files of a node's owner: a container's (`fs`) or a volume's. */
  fsOf(owner: FilesOwner): ContainerFs;
  dialogs: HostDialogs;
  /** Runs cancellable work under one progress notification. */
  withProgress<T>(title: string, work: (progress: Progress, signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Streams host files and folders into a container folder, with progress; the tree follows. */
  upload(node: FilesNode, folder: string, hostPaths: string[]): Promise<void>;
  /** Opens a container's or volume's file in an editor. */
  openFile(owner: FilesOwner, path: string): Promise<void>;
  /** A path changed through Berth: editors, the Explorer and the trees follow. */
  changed(owner: FilesOwner, path: string, created: boolean): void;
  /** Closes the editors of containers about to be removed; their unsaved text moves to untitled editors. */
  release(containerIds: readonly string[]): Promise<void>;
  /** Re-reads a node's children (all when undefined). */
  refresh(node?: FilesNode): void;
  info(message: string): void;
  warn(message: string): void;
}
