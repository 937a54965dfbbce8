/**
 * Which shell Attach Shell runs, decided without running anything in the container
 * (it may have no shell to ask with): the berth.shell setting, else bash when
 * /bin/bash or /usr/bin/bash exists (the engine's archive stat), else sh.
 */
import { splitArgv } from './argv';

export async function resolveShell(setting: string, exists: (path: string) => Promise<boolean>): Promise<string[]> {
  if (setting.trim()) return splitArgv(setting);
  for (const bash of ['/bin/bash', '/usr/bin/bash']) if (await exists(bash)) return [bash];
  return ['/bin/sh'];
}
