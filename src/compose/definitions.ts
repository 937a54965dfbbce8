/**
 * What Berth keeps of a compose file, as plain data, and how several files combine. No
 * parser here: the `yaml` parser is in model.ts, its own bundle (dist/composeModel.js), loaded
 * when a compose file is first read, so activation does not carry it.
 */

/** The parser's one sentence of its own (src/compose/load.ts localizes it: the parser is a bundle without Berth's bundle). */
export const notAComposeMap = 'A compose file is a map with a services key at its top level.';

export interface Position {
  /** 0-based. */
  line: number;
  /** 0-based. */
  character: number;
}

export interface ComposeProblem {
  start: Position;
  end: Position;
  /** One sentence (the parser's first line). */
  message: string;
}

export interface ServiceDefinition {
  name: string;
  /** Where the service's key is. */
  position: Position;
  /** Empty: the service starts without choosing a profile. */
  profiles: string[];
  dependsOn: string[];
}

export interface ComposeModel {
  name?: string;
  /** Where the top-level `services:` key is (the file's "Up" lens), when there is one. */
  servicesPosition?: Position;
  services: ServiceDefinition[];
  problems: ComposeProblem[];
}

/**
 * Several files merged as the tools merge them, as far as Berth needs: a service defined
 * in more than one file is one service; profiles and dependencies from a later file add to
 * the earlier ones' (the tools replace profiles; a later file that lists them says the same).
 */
export function mergeModels(models: readonly ComposeModel[]): ServiceDefinition[] {
  const byName = new Map<string, ServiceDefinition>();
  for (const model of models) {
    for (const service of model.services) {
      const known = byName.get(service.name);
      if (!known) byName.set(service.name, { ...service, profiles: [...service.profiles], dependsOn: [...service.dependsOn] });
      else {
        if (service.profiles.length > 0) known.profiles = [...service.profiles];
        known.dependsOn = [...new Set([...known.dependsOn, ...service.dependsOn])];
      }
    }
  }
  return [...byName.values()];
}

/** Every profile the services name, sorted. */
export function profilesOf(services: readonly ServiceDefinition[]): string[] {
  return [...new Set(services.flatMap((s) => s.profiles))].sort();
}
