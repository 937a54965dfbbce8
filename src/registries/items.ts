/**
 * The Registries tree's elements are plain records; what each shows (label,
 * description, context value for the menus, icon) is a pure function of them.
 */
import * as l10n from '@vscode/l10n';
export type RegistryNode =
  | { kind: 'registry'; registry: string; sources: string[]; loggedIn: string | undefined }
  | { kind: 'repository'; registry: string; repository: string }
  | { kind: 'tag'; registry: string; repository: string; tag: string }
  | { kind: 'message'; parent: string; text: string; error: boolean };

export interface RegistryItemSpec {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  contextValue: string;
  icon: { id: string; color?: string };
  collapsible: boolean;
}

/** The reference a tag node stands for; Docker Hub's "library/x" and registry prefix as docker writes them. */
export function tagReference(node: { registry: string; repository: string; tag: string }): string {
  if (node.registry === 'docker.io') return `${node.repository.replace(/^library\//, '')}:${node.tag}`;
  return `${node.registry}/${node.repository}:${node.tag}`;
}

/** Where a registry or credential came from, in words (the sources themselves are data: context values test them). */
function sourceWord(source: string): string {
  switch (source) {
    case 'built in': return l10n.t('built in');
    case 'docker config': return l10n.t('docker config');
    case 'added': return l10n.t('added');
    case 'Berth login': return l10n.t('Berth login');
    default: return source;
  }
}

export function registryItem(node: RegistryNode): RegistryItemSpec {
  switch (node.kind) {
    case 'registry': {
      const hub = node.registry === 'docker.io';
      return {
        id: `registry:${node.registry}`,
        label: hub ? 'Docker Hub' : node.registry,
        description: [node.loggedIn ? l10n.t('logged in ({0})', sourceWord(node.loggedIn)) : l10n.t('anonymous'), ...node.sources.map(sourceWord)].join(' · '),
        tooltip: `${node.registry}\n${l10n.t('From: {0}', node.sources.map(sourceWord).join(', '))}\n${node.loggedIn ? l10n.t('Credential from {0}', sourceWord(node.loggedIn)) : l10n.t('No credential: anonymous access')}`,
        contextValue: `registry.${hub ? 'hub' : 'v2'}.${node.loggedIn ? 'loggedIn' : 'anonymous'}${node.sources.includes('added') ? '.added' : ''}`,
        icon: { id: hub ? 'globe' : 'server', color: node.loggedIn ? 'testing.iconPassed' : undefined },
        collapsible: !hub,
      };
    }
    case 'repository':
      return {
        id: `registry:${node.registry}/${node.repository}`,
        label: node.repository,
        contextValue: 'registry.repository',
        icon: { id: 'repo' },
        collapsible: true,
      };
    case 'tag':
      return {
        id: `registry:${node.registry}/${node.repository}:${node.tag}`,
        label: node.tag,
        description: tagReference(node),
        contextValue: 'registry.tag',
        icon: { id: 'tag' },
        collapsible: false,
      };
    case 'message':
      return {
        id: `registry-message:${node.parent}`,
        label: node.text,
        tooltip: node.text,
        contextValue: node.error ? 'registry.error' : 'registry.message',
        icon: node.error ? { id: 'warning', color: 'problemsWarningIcon.foreground' } : { id: 'info' },
        collapsible: false,
      };
  }
}

/** Registries to show, in order: Docker Hub, then docker config's, then added ones and Berth logins; each once, with where it came from. */
export function mergeRegistries(dockerConfig: string[], added: string[], berthLogins: string[]): { registry: string; sources: string[] }[] {
  const out = new Map<string, string[]>();
  const add = (registry: string, source: string): void => {
    const sources = out.get(registry) ?? [];
    if (!sources.includes(source)) sources.push(source);
    out.set(registry, sources);
  };
  add('docker.io', 'built in');
  for (const r of dockerConfig) add(r, 'docker config');
  for (const r of added) add(r, 'added');
  for (const r of berthLogins) add(r, 'Berth login');
  return [...out.entries()].map(([registry, sources]) => ({ registry, sources }));
}
