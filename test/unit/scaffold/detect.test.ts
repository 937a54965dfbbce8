/** Detection on each scaffold fixture: the platform, its manager or build tool, the entry point and the port. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { detectFolder, detectProject } from '../../../src/scaffold/detect';
import type { ProjectFiles } from '../../../src/scaffold/files';
import type { Detected, PlatformFacts } from '../../../src/scaffold/types';

const fixture = (name: string) => detectFolder(path.resolve(__dirname, '..', '..', 'fixtures', 'scaffold', name));
const first = async (name: string) => {
  const project = await fixture(name);
  assert.ok(project.candidates[0], `nothing detected in ${name}`);
  return { project, top: project.candidates[0] as Detected & { facts: PlatformFacts } };
};

/** A folder held in memory, for the cases the fixtures do not cover. */
function memory(entries: Record<string, string>, folderName = 'demo'): ProjectFiles {
  return {
    folderName,
    read: async (relative) => entries[relative],
    list: async (relative = '') => {
      const prefix = relative ? `${relative}/` : '';
      return [...new Set(Object.keys(entries).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split('/')[0]))].sort();
    },
  };
}

describe('scaffold detection', () => {
  it('node with npm: package-lock.json, the start script, the port the server listens on', async () => {
    const { project, top } = await first('node');
    assert.equal(project.name, 'orders-api');
    assert.deepEqual(top.facts, { platform: 'node', manager: 'npm', lockfile: 'package-lock.json', hasBuild: false, start: ['node', 'server.js'] });
    assert.deepEqual([top.port, top.portFound], [4000, true]);
    assert.equal(project.candidates.length, 1);
  });

  it('node with pnpm: the lockfile, a build script, engines.node, a scoped name made image-safe', async () => {
    const { project, top } = await first('node-pnpm');
    assert.equal(project.name, 'catalog');
    assert.deepEqual(top.facts, { platform: 'node', manager: 'pnpm', lockfile: 'pnpm-lock.yaml', hasBuild: true, start: ['node', 'dist/index.js'], nodeMajor: 20 });
    assert.equal(top.portFound, false, 'dist/index.js is not built yet');
    assert.equal(top.port, 3000);
  });

  it('node with yarn: yarn.lock, main, the port in the source', async () => {
    const { top } = await first('node-yarn');
    assert.deepEqual(top.facts, { platform: 'node', manager: 'yarn', lockfile: 'yarn.lock', hasBuild: false, start: ['node', 'index.js'] });
    assert.equal(top.port, 8090);
  });

  it('the package manager comes from packageManager when there is no lockfile', async () => {
    const project = await detectProject(memory({ 'package.json': JSON.stringify({ name: 'x', packageManager: 'yarn@4.5.3', scripts: { start: 'node app.js' } }), 'app.js': 'require("http").createServer().listen(8123)' }));
    assert.deepEqual(project.candidates[0].facts, { platform: 'node', manager: 'yarn', hasBuild: false, start: ['node', 'app.js'] });
    assert.equal(project.candidates[0].port, 8123);
  });

  it('python with pip: Flask behind gunicorn, the port app.run names', async () => {
    const { top } = await first('python');
    assert.deepEqual(top.facts, { platform: 'python', manager: 'pip', start: ['gunicorn', 'app:app', '--bind', '0.0.0.0:{port}'] });
    assert.deepEqual([top.port, top.portFound], [5000, true]);
  });

  it('python with poetry: [tool.poetry] and poetry.lock, FastAPI under uvicorn', async () => {
    const { project, top } = await first('python-poetry');
    assert.equal(project.name, 'inventory');
    assert.deepEqual(top.facts, { platform: 'python', manager: 'poetry', lockfile: 'poetry.lock', start: ['uvicorn', 'main:app', '--host', '0.0.0.0', '--port', '{port}'] });
    assert.equal(top.port, 8000);
  });

  it('python with uv: uv.lock, Django through gunicorn and the settings module manage.py names', async () => {
    const { project, top } = await first('python-uv');
    assert.equal(project.name, 'blog');
    assert.deepEqual(top.facts, { platform: 'python', manager: 'uv', lockfile: 'uv.lock', start: ['gunicorn', 'blog.wsgi', '--bind', '0.0.0.0:{port}'] });
  });

  it('go: the module, the main package under cmd/, go.sum, the listen address', async () => {
    const { project, top } = await first('go');
    assert.equal(project.name, 'shortener');
    assert.deepEqual(top.facts, { platform: 'go', module: 'github.com/example/shortener', mainPackage: './cmd/shortener', binary: 'shortener', sums: true, goVersion: '1.22' });
    assert.deepEqual([top.port, top.portFound], [9000, true]);
  });

  it('java with Maven: the wrapper, java.version, the artifactId after the parent, server.port', async () => {
    const { project, top } = await first('java');
    assert.equal(project.name, 'billing');
    assert.deepEqual(top.facts, { platform: 'java', build: 'maven', wrapper: true, javaVersion: 21 });
    assert.deepEqual([top.port, top.portFound], [8081, true]);
  });

  it('java with Gradle (Kotlin DSL, no wrapper): the toolchain version, rootProject.name, an application run by its start script', async () => {
    const { project, top } = await first('java-gradle');
    assert.equal(project.name, 'reports');
    assert.deepEqual(top.facts, { platform: 'java', build: 'gradle', wrapper: false, javaVersion: 17, application: 'reports' });
    assert.equal(top.port, 8080);
  });

  it('.NET: the .csproj under src/, AssemblyName, the target framework, the web SDK', async () => {
    const { project, top } = await first('dotnet');
    assert.equal(project.name, 'weatherapi');
    assert.deepEqual(top.facts, { platform: 'dotnet', projectFile: 'src/Weather.Api/Weather.Api.csproj', assembly: 'WeatherApi', framework: '8.0', web: true });
  });

  it('ruby: Rails by its gem, the Ruby version in the Gemfile, the lockfile', async () => {
    const { top } = await first('ruby');
    assert.deepEqual(top.facts, { platform: 'ruby', framework: 'rails', locked: true, start: ['bin/rails', 'server', '--binding', '0.0.0.0', '--port', '{port}'], rubyVersion: '3.3.6' });
    assert.equal(top.port, 3000);
  });

  it('ruby: Rack by config.ru, no lockfile', async () => {
    const { top } = await first('ruby-rack');
    assert.deepEqual(top.facts, { platform: 'ruby', framework: 'rack', locked: false, start: ['bundle', 'exec', 'rackup', '--host', '0.0.0.0', '--port', '{port}'] });
    assert.equal(top.port, 9292);
  });

  it('rust: the [[bin]] name over the package name, Cargo.lock, the bound port', async () => {
    const { project, top } = await first('rust');
    assert.equal(project.name, 'metrics-agent');
    assert.deepEqual(top.facts, { platform: 'rust', binary: 'agent', locked: true });
    assert.equal(top.port, 7878);
  });

  it('a static site: index.html alone', async () => {
    const { project, top } = await first('static');
    assert.equal(project.name, 'static');
    assert.deepEqual(top.facts, { platform: 'static' });
    assert.deepEqual(project.candidates.map((c) => c.facts.platform), ['static']);
  });

  it('a Vite app is a static site built by Node first, and a Node project second', async () => {
    const { project, top } = await first('static-vite');
    assert.deepEqual(top.facts, { platform: 'static', build: { manager: 'npm', lockfile: 'package-lock.json', outputDir: 'dist' } });
    assert.deepEqual(project.candidates.map((c) => c.facts.platform), ['static', 'node']);
  });

  it('an empty folder offers nothing, named after the folder', async () => {
    const project = await detectProject(memory({}, 'My Project'));
    assert.deepEqual(project, { name: 'my-project', candidates: [] });
  });

  it('a broken package.json still reads as a Node project', async () => {
    const project = await detectProject(memory({ 'package.json': '{ not json' }));
    assert.deepEqual(project.candidates.map((c) => c.facts.platform), ['node']);
    assert.deepEqual(project.candidates[0].facts, { platform: 'node', manager: 'npm', hasBuild: false, start: ['node', 'index.js'] });
  });
});
