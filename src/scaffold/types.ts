/**
 * What "Add Docker Files to Workspace" knows about a project: the platform and the few
 * facts its Dockerfile needs (package manager, entry point, port, names). Plain data,
 * produced by detect.ts from the folder's files and consumed by templates/.
 */
export const platforms = ['node', 'python', 'go', 'java', 'dotnet', 'ruby', 'rust', 'static'] as const;
export type Platform = (typeof platforms)[number];

export interface NodeFacts {
  platform: 'node';
  manager: 'npm' | 'yarn' | 'pnpm';
  /** The lockfile, when there is one (the install is then frozen to it). */
  lockfile?: string;
  /** Whether package.json has a `build` script to run in the build stage. */
  hasBuild: boolean;
  /** The command that starts the app, as an argv array. */
  start: string[];
  /** The major Node version asked for by `engines.node`, when it names one we have a tag for. */
  nodeMajor?: number;
}

export interface PythonFacts {
  platform: 'python';
  manager: 'pip' | 'poetry' | 'uv';
  /** poetry.lock or uv.lock, when there is one. */
  lockfile?: string;
  start: string[];
}

export interface GoFacts {
  platform: 'go';
  module: string;
  /** The main package to build, `.` or `./cmd/<name>`. */
  mainPackage: string;
  binary: string;
  /** Whether go.sum is there (a module with dependencies). */
  sums: boolean;
  /** The `go` directive's major.minor, e.g. "1.23". */
  goVersion?: string;
}

export interface JavaFacts {
  platform: 'java';
  build: 'maven' | 'gradle';
  /** Whether the project carries its own wrapper (mvnw, gradlew) to build with. */
  wrapper: boolean;
  /** The Java release it compiles for (17, 21, ...), when declared. */
  javaVersion?: number;
  /**
   * A Gradle `application` (not Spring Boot): its jar has no Main-Class, so the image runs
   * the start script `installDist` makes under build/install/<this name>/bin/.
   */
  application?: string;
}

export interface DotnetFacts {
  platform: 'dotnet';
  /** The project file, relative to the folder (e.g. Api.csproj or src/Api/Api.csproj). */
  projectFile: string;
  assembly: string;
  /** The target framework's version, e.g. "8.0". */
  framework: string;
  /** Microsoft.NET.Sdk.Web: runs on the ASP.NET Core image. */
  web: boolean;
}

export interface RubyFacts {
  platform: 'ruby';
  framework: 'rails' | 'rack' | 'plain';
  /** Whether Gemfile.lock is there (then bundler runs in deployment mode). */
  locked: boolean;
  rubyVersion?: string;
  start: string[];
}

export interface RustFacts {
  platform: 'rust';
  binary: string;
  /** Whether Cargo.lock is there (then the build is --locked). */
  locked: boolean;
}

export interface StaticFacts {
  platform: 'static';
  /** A Node build that produces the site, or none (the folder is the site). */
  build?: { manager: NodeFacts['manager']; lockfile?: string; outputDir: string };
}

export type PlatformFacts = NodeFacts | PythonFacts | GoFacts | JavaFacts | DotnetFacts | RubyFacts | RustFacts | StaticFacts;

/** One way to containerize the folder, with what was found and the port it likely listens on. */
export interface Detected {
  facts: PlatformFacts;
  /** The port the app listens on: found in the project, or the platform's usual one. */
  port: number;
  /** Whether the port was read from the project (true) or is the platform's default (false). */
  portFound: boolean;
  /** Short evidence for the quick pick, e.g. "package.json, pnpm-lock.yaml". */
  evidence: string[];
}

export interface Project {
  /** A name usable as a compose service and an image repository (lowercase, [a-z0-9_-]). */
  name: string;
  /** Every platform that fits, the likeliest first; empty when nothing was recognised. */
  candidates: Detected[];
}

export interface GeneratedFile {
  /** Relative to the project folder. */
  path: string;
  content: string;
}
