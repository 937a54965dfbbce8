/**
 * Node projects (npm, yarn or pnpm by lockfile, then `packageManager`) and static sites:
 * a folder with index.html, or a Node build (Vite, Parcel, Create React App, Astro, ...)
 * whose output is served as files.
 */
import type { ProjectFiles } from './files';
import { findPort } from './portHints';
import type { Detected, NodeFacts } from './types';

interface PackageJson {
  name?: string;
  main?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  packageManager?: string;
  engines?: { node?: string };
}

export async function readPackageJson(files: ProjectFiles): Promise<PackageJson | undefined> {
  const text = await files.read('package.json');
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as PackageJson) : {};
  } catch {
    return {};
  }
}

async function managerOf(files: ProjectFiles, pkg: PackageJson): Promise<{ manager: NodeFacts['manager']; lockfile?: string }> {
  const names = new Set(await files.list());
  if (names.has('pnpm-lock.yaml')) return { manager: 'pnpm', lockfile: 'pnpm-lock.yaml' };
  if (names.has('yarn.lock')) return { manager: 'yarn', lockfile: 'yarn.lock' };
  if (names.has('package-lock.json')) return { manager: 'npm', lockfile: 'package-lock.json' };
  if (names.has('npm-shrinkwrap.json')) return { manager: 'npm', lockfile: 'npm-shrinkwrap.json' };
  const declared = /^(npm|yarn|pnpm)@/.exec(pkg.packageManager ?? '')?.[1] as NodeFacts['manager'] | undefined;
  return { manager: declared ?? 'npm' };
}

const siteBuilders: Array<{ dependency: string; outputDir: string }> = [
  { dependency: 'react-scripts', outputDir: 'build' },
  { dependency: 'vite', outputDir: 'dist' },
  { dependency: 'parcel', outputDir: 'dist' },
  { dependency: 'astro', outputDir: 'dist' },
  { dependency: '@vue/cli-service', outputDir: 'dist' },
];

/** A start script of the plain form `node <file>` runs without the package manager. */
function startCommand(pkg: PackageJson): { start: string[]; file?: string } {
  const script = pkg.scripts?.start?.trim();
  const plain = script ? /^node\s+([\w./-]+\.[cm]?js)$/.exec(script) : null;
  if (plain) return { start: ['node', plain[1]], file: plain[1] };
  if (script) return { start: ['npm', 'start'] };
  const main = pkg.main ?? 'index.js';
  return { start: ['node', main], file: main };
}

function nodeMajor(range: string | undefined): number | undefined {
  const major = Number(/(\d+)/.exec(range ?? '')?.[1]);
  return [18, 20, 22].includes(major) ? major : undefined;
}

/** Node and static-site candidates, the likelier first, and package.json's name. */
export async function detectNode(files: ProjectFiles): Promise<{ candidates: Detected[]; name?: string }> {
  const pkg = await readPackageJson(files);
  const hasIndexHtml = (await files.read('index.html')) !== undefined;
  const plainSite: Detected = { facts: { platform: 'static' }, port: 8080, portFound: false, evidence: ['index.html'] };
  if (!pkg) return { candidates: hasIndexHtml ? [plainSite] : [] };
  const { manager, lockfile } = await managerOf(files, pkg);
  const evidence = ['package.json', ...(lockfile ? [lockfile] : [])];
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  const hasBuild = typeof pkg.scripts?.build === 'string';
  const { start, file } = startCommand(pkg);
  const source = file ? await files.read(file) : undefined;
  const found = findPort(pkg.scripts?.start, source);
  const node: Detected = {
    facts: { platform: 'node', manager, ...(lockfile ? { lockfile } : {}), hasBuild, start, ...(nodeMajor(pkg.engines?.node) ? { nodeMajor: nodeMajor(pkg.engines?.node) } : {}) },
    port: found ?? 3000,
    portFound: found !== undefined,
    evidence,
  };
  const builder = siteBuilders.find((b) => deps[b.dependency] !== undefined);
  const site: Detected | undefined = hasBuild && builder
    ? { facts: { platform: 'static', build: { manager, ...(lockfile ? { lockfile } : {}), outputDir: builder.outputDir } }, port: 8080, portFound: false, evidence: [...evidence, builder.dependency] }
    : undefined;
  // A site builder without a server of its own (no start script, no main) is a static site first.
  const serverLike = (pkg.scripts?.start !== undefined && !/\b(vite|react-scripts|parcel|astro)\b/.test(pkg.scripts.start)) || pkg.main !== undefined;
  const candidates = site ? (serverLike ? [node, site] : [site, node]) : hasIndexHtml && !serverLike ? [plainSite, node] : [node];
  return { candidates, ...(pkg.name ? { name: pkg.name } : {}) };
}
