/**
 * Python (pip with requirements.txt, Poetry, uv) and Ruby (Rails, Rack, plain) projects:
 * the dependency manager by its files, the web framework by its dependencies, the start
 * command that framework's documentation uses inside a container (bound to 0.0.0.0).
 */
import type { ProjectFiles } from './files';
import { findPort } from './portHints';
import type { Detected, PythonFacts, RubyFacts } from './types';

/** Stands for the chosen port in a start command; the template puts the number in. */
export const portToken = '{port}';
const portVar = portToken;

export async function detectPython(files: ProjectFiles): Promise<{ candidates: Detected[]; name?: string }> {
  const names = new Set(await files.list());
  const pyproject = await files.read('pyproject.toml');
  const requirements = await files.read('requirements.txt');
  let manager: PythonFacts['manager'] | undefined;
  const evidence: string[] = [];
  if (names.has('uv.lock')) {
    manager = 'uv';
    evidence.push('uv.lock');
  } else if (names.has('poetry.lock') || /^\[tool\.poetry\]/m.test(pyproject ?? '')) {
    manager = 'poetry';
    evidence.push(names.has('poetry.lock') ? 'poetry.lock' : 'pyproject.toml');
  } else if (requirements !== undefined) {
    manager = 'pip';
    evidence.push('requirements.txt');
  }
  if (!manager) return { candidates: [] };
  const lockfile = manager === 'uv' ? 'uv.lock' : manager === 'poetry' && names.has('poetry.lock') ? 'poetry.lock' : undefined;
  const deps = `${requirements ?? ''}\n${pyproject ?? ''}`.toLowerCase();
  const has = (name: string) => new RegExp(`(^|[\\s"'])${name}\\b`, 'm').test(deps);
  const entry = ['main.py', 'app.py', 'server.py', 'wsgi.py'].find((f) => names.has(f));
  const module = entry?.replace(/\.py$/, '') ?? 'main';
  const source = entry ? await files.read(entry) : undefined;
  const djangoProject = names.has('manage.py') ? await djangoModule(files) : undefined;
  let start: string[];
  let defaultPort = 8000;
  if (djangoProject && has('gunicorn')) start = ['gunicorn', `${djangoProject}.wsgi`, '--bind', `0.0.0.0:${portVar}`];
  else if (djangoProject) start = ['python', 'manage.py', 'runserver', `0.0.0.0:${portVar}`];
  else if (has('fastapi') || has('uvicorn')) start = ['uvicorn', `${module}:app`, '--host', '0.0.0.0', '--port', portVar];
  else if (has('flask') && has('gunicorn')) start = ['gunicorn', `${module}:app`, '--bind', `0.0.0.0:${portVar}`];
  else if (has('flask')) {
    defaultPort = 5000;
    start = ['flask', '--app', module, 'run', '--host', '0.0.0.0', '--port', portVar];
  } else start = ['python', entry ?? 'main.py'];
  const found = findPort(source);
  const name = /^\s*name\s*=\s*"([^"]+)"/m.exec(pyproject ?? '')?.[1];
  return {
    candidates: [{ facts: { platform: 'python', manager, ...(lockfile ? { lockfile } : {}), start }, port: found ?? defaultPort, portFound: found !== undefined, evidence }],
    ...(name ? { name } : {}),
  };
}

/** The settings package manage.py points at (`DJANGO_SETTINGS_MODULE`, "<project>.settings"). */
async function djangoModule(files: ProjectFiles): Promise<string | undefined> {
  const manage = await files.read('manage.py');
  return /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w]+)\.settings/.exec(manage ?? '')?.[1];
}

export async function detectRuby(files: ProjectFiles): Promise<{ candidates: Detected[] }> {
  const gemfile = await files.read('Gemfile');
  if (gemfile === undefined) return { candidates: [] };
  const names = new Set(await files.list());
  const evidence = ['Gemfile', ...(names.has('Gemfile.lock') ? ['Gemfile.lock'] : [])];
  const rubyVersion = /^\s*ruby\s+["'](\d+\.\d+(?:\.\d+)?)["']/m.exec(gemfile)?.[1] ?? /(\d+\.\d+\.\d+)/.exec((await files.read('.ruby-version')) ?? '')?.[1];
  let framework: RubyFacts['framework'] = 'plain';
  let start: string[];
  let port = 0;
  if (/^\s*gem\s+["']rails["']/m.test(gemfile)) {
    framework = 'rails';
    start = ['bin/rails', 'server', '--binding', '0.0.0.0', '--port', portVar];
    port = 3000;
  } else if (names.has('config.ru')) {
    framework = 'rack';
    start = ['bundle', 'exec', 'rackup', '--host', '0.0.0.0', '--port', portVar];
    port = 9292;
  } else {
    const main = ['app.rb', 'main.rb', 'server.rb'].find((f) => names.has(f)) ?? 'app.rb';
    start = ['bundle', 'exec', 'ruby', main];
    port = 4567;
  }
  const found = findPort(await files.read('config/puma.rb'), await files.read('config.ru'));
  return { candidates: [{ facts: { platform: 'ruby', framework, locked: names.has('Gemfile.lock'), start, ...(rubyVersion ? { rubyVersion } : {}) }, port: found ?? port, portFound: found !== undefined, evidence }] };
}
