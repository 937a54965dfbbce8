/**
 * The base images generated Dockerfiles start from, every one pinned to a release tag
 * (never `latest`), so a build next month starts from the same bits. Update this table,
 * and only this table, when new releases come out.
 */

const nodeReleases: Record<number, string> = { 18: '18.20.5', 20: '20.18.1', 22: '22.12.0' };
export const nodeImage = (major = 22) => `node:${nodeReleases[major] ?? nodeReleases[22]}-bookworm-slim`;

export const pythonImage = 'python:3.12.8-slim-bookworm';
export const uvImage = 'ghcr.io/astral-sh/uv:0.5.11';
export const poetryVersion = '1.8.5';

const goReleases: Record<string, string> = { '1.21': '1.21.13', '1.22': '1.22.10', '1.23': '1.23.4' };
export const goImage = (version?: string) => `golang:${goReleases[version ?? ''] ?? goReleases['1.23']}-bookworm`;

export const rustImage = 'rust:1.83.0-slim-bookworm';
export const debianImage = 'debian:12.8-slim';

const temurinReleases: Record<number, string> = { 17: '17.0.13_11', 21: '21.0.5_11' };
const javaRelease = (version?: number) => (version !== undefined && version <= 17 ? 17 : 21);
export const jdkImage = (version?: number) => `eclipse-temurin:${temurinReleases[javaRelease(version)]}-jdk-noble`;
export const jreImage = (version?: number) => `eclipse-temurin:${temurinReleases[javaRelease(version)]}-jre-noble`;
export const mavenImage = (version?: number) => `maven:3.9.9-eclipse-temurin-${javaRelease(version)}`;
export const gradleImage = (version?: number) => `gradle:8.11.1-jdk${javaRelease(version)}`;

const dotnetReleases: Record<string, { sdk: string; runtime: string }> = {
  '6.0': { sdk: '6.0.428', runtime: '6.0.36' },
  '7.0': { sdk: '7.0.410', runtime: '7.0.20' },
  '8.0': { sdk: '8.0.404', runtime: '8.0.11' },
  '9.0': { sdk: '9.0.101', runtime: '9.0.0' },
};
export function dotnetImages(framework: string, web: boolean): { sdk: string; runtime: string } {
  const release = dotnetReleases[framework] ?? dotnetReleases['8.0'];
  const runtime = web ? 'aspnet' : 'runtime';
  return {
    sdk: `mcr.microsoft.com/dotnet/sdk:${release.sdk}-bookworm-slim`,
    runtime: `mcr.microsoft.com/dotnet/${runtime}:${release.runtime}-bookworm-slim`,
  };
}

const rubyReleases: Record<string, string> = { '3.1': '3.1.6', '3.2': '3.2.6', '3.3': '3.3.6', '3.4': '3.4.1' };
/** The project's own Ruby when it names a full version, else the newest patch of its minor. */
export function rubyTag(version?: string): string {
  if (version && /^\d+\.\d+\.\d+$/.test(version)) return version;
  return rubyReleases[version ?? ''] ?? rubyReleases['3.3'];
}

export const nginxImage = 'nginxinc/nginx-unprivileged:1.27.3-alpine';
/** nginx-unprivileged listens here, and runs as this user, whatever port the user publishes. */
export const nginxPort = 8080;
export const nginxUser = '101';
