/** What the compose server's features see: the settings, and where to report trouble. */
import type { LocalImage, YamlOverlap } from '../../protocol';

export interface ComposeConfig {
  localImages: LocalImage[];
  /** What is left to Red Hat's YAML extension (all false when it is absent). */
  yamlOverlap: YamlOverlap;
  /** The client's translation bundle (a file: URI); absent for English. */
  l10nBundle?: string;
  /**
   * The client takes one edit range for a whole completion list (LSP 3.17 `itemDefaults`,
   * as VS Code does): each item then carries only its text, not a range of its own.
   */
  completionEditRange?: boolean;
}

export interface ComposeFeatureHost {
  readonly config: ComposeConfig;
  log(message: string): void;
}
