/**
 * Where a service's build reads from: its context folder and Dockerfile on disk, with the
 * nodes that name them (for links) and the `target` node (for the stage check and completion).
 * Remote contexts (git URLs, `https://`) and values holding `$` have no local path.
 */
import * as path from 'node:path';
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { child, scalarText } from './model';

export interface BuildInfo {
  contextNode?: Node;
  dockerfileNode?: Node;
  targetNode?: Node;
  /** Absolute path of the context folder, when it is local and known. */
  context?: string;
  /** Absolute path of the Dockerfile, when it is local and known. */
  dockerfile?: string;
}

function isLocal(value: string): boolean {
  return !value.includes('$') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith('git@') && !value.startsWith('github.com/');
}

export function buildOf(body: YAMLMap | undefined, composeFolder: string | undefined): BuildInfo | undefined {
  const build = body ? child(body, 'build') : undefined;
  if (build === undefined) return undefined;
  const info: BuildInfo = {};
  let contextText: string | undefined;
  if (isScalar(build)) {
    info.contextNode = build;
    contextText = scalarText(build);
  } else if (isMap(build)) {
    const context = child(build, 'context');
    if (isScalar(context)) {
      info.contextNode = context;
      contextText = scalarText(context);
    }
    const dockerfile = child(build, 'dockerfile');
    if (isScalar(dockerfile)) info.dockerfileNode = dockerfile;
    const target = child(build, 'target');
    if (isScalar(target)) info.targetNode = target;
  } else return info;
  if (!composeFolder) return info;
  const contextValue = contextText ?? '.';
  if (!isLocal(contextValue)) return info;
  info.context = path.resolve(composeFolder, contextValue);
  const dockerfileText = info.dockerfileNode ? scalarText(info.dockerfileNode) : 'Dockerfile';
  if (dockerfileText && isLocal(dockerfileText)) info.dockerfile = path.resolve(info.context, dockerfileText);
  return info;
}
