/**
 * Settings as plain data: their types and defaults, with no vscode import so unit
 * tests can hold these defaults equal to package.json's `contributes.configuration`.
 * Keys are the setting names after `berth.`.
 */
export interface BerthConfig {
  /** Engine endpoint; empty means DOCKER_HOST, then the Docker context, then default sockets. */
  host: string;
  /** Attach Shell's command line; empty means bash when the container has it, else sh. */
  shell: string;
  /** Lines of history a logs terminal shows before following. */
  'logs.tail': number;
  /** Whether logs terminals show each line's timestamp. */
  'logs.timestamps': boolean;
  /** Show only logs newer than this: a duration (10m, 1h30m), Unix seconds or a date; empty for all. */
  'logs.since': string;
  /** Whether Run Interactive offers to remove the container when the session ends (--rm) as its first choice. */
  'run.autoRemove': boolean;
}

export const configSection = 'berth';

export const configDefaults: BerthConfig = {
  host: '',
  shell: '',
  'logs.tail': 1000,
  'logs.timestamps': false,
  'logs.since': '',
  'run.autoRemove': true,
};
