/**
 * Settings as plain data: their types and defaults, with no vscode import so unit
 * tests can hold these defaults equal to package.json's `contributes.configuration`.
 */
export interface BerthConfig {
  /** Engine endpoint; empty means DOCKER_HOST, then the Docker context, then default sockets. */
  host: string;
}

export const configSection = 'berth';

export const configDefaults: BerthConfig = {
  host: '',
};
