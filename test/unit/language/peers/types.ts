/** The shapes of the peer tables (hadolint's and BuildKit's own test cases as data). */

export interface HadolintPeerCase {
  /** The spec file and the line of the assertion in it. */
  spec: string;
  line: number;
  /** The spec's `it` text. */
  name: string;
  rule: string;
  dockerfile: string;
  /** 'some': at least one finding of `rule`; 'none': no finding; a number: exactly that many. */
  expect: 'some' | 'none' | number;
  /** hadolint's onBuild helpers: every RUN wrapped in ONBUILD, exactly one finding expected. */
  onbuild?: boolean;
  /** The .hadolint.yaml values the spec sets. */
  config?: { trustedRegistries?: string[]; labelSchema?: Record<string, string>; strictLabels?: boolean };
}

export interface BuildkitPeerCase {
  /** The Go test function and the line of its checkLinterWarnings call. */
  test: string;
  line: number;
  dockerfile: string;
  dockerignore?: string;
  /** Build options (build args); Berth lints the file alone, without them. */
  frontendAttrs?: Record<string, string>;
  /** Every BuildKit check finding of the build: rule and 1-based line. */
  warnings: Array<{ rule: string; line: number }>;
}
