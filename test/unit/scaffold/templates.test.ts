/** The generated files' shape: pinned tags, a non-root user, the syntax line, cache mounts, and the all-or-nothing write. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { assumed } from '../../../src/scaffold/detect';
import { imageName } from '../../../src/scaffold/files';
import { findPort, portProblem } from '../../../src/scaffold/portHints';
import { dockerfileFor, generateFiles } from '../../../src/scaffold/templates';
import { platforms } from '../../../src/scaffold/types';
import { existingFiles, NotAFileError, writeAll } from '../../../src/scaffold/write';

describe('scaffold templates', () => {
  for (const platform of platforms) {
    it(`${platform}: pinned base tags, the syntax line first, a numeric non-root USER last`, () => {
      const text = dockerfileFor(assumed(platform, 'app').facts, 8080);
      assert.equal(text.split('\n')[0], '# syntax=docker/dockerfile:1');
      const froms = [...text.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
      assert.ok(froms.length >= 1);
      for (const image of froms) {
        if (image === 'scratch') continue;
        assert.match(image, /:[^:]*\d+\.\d+/, `${image} has a version tag`);
        assert.doesNotMatch(image, /:latest$/);
      }
      const users = [...text.matchAll(/^USER (\S+)/gm)].map((m) => m[1]);
      assert.match(users.at(-1) ?? '', /^[1-9]\d*(:[1-9]\d*)?$/, 'the last USER is a non-root uid');
      if (platform !== 'static' || text.includes('AS build')) assert.ok(froms.length >= 2, 'multi-stage');
    });
  }

  it('mounts the package managers\' caches where installs happen', () => {
    assert.match(dockerfileFor({ platform: 'node', manager: 'pnpm', lockfile: 'pnpm-lock.yaml', hasBuild: true, start: ['node', 'dist/index.js'] }, 3000), /RUN --mount=type=cache,target=\/root\/\.local\/share\/pnpm\/store pnpm install --frozen-lockfile/);
    assert.match(dockerfileFor(assumed('go', 'app').facts, 8080), /--mount=type=cache,target=\/go\/pkg\/mod/);
    assert.match(dockerfileFor({ platform: 'python', manager: 'uv', lockfile: 'uv.lock', start: ['python', 'main.py'] }, 8000), /--mount=type=cache,target=\/root\/\.cache\/uv uv sync --frozen/);
  });

  it('puts the chosen port into the command, the environment and EXPOSE', () => {
    const text = dockerfileFor({ platform: 'python', manager: 'pip', start: ['uvicorn', 'main:app', '--port', '{port}'] }, 9001);
    assert.match(text, /^CMD \["uvicorn", "main:app", "--port", "9001"\]$/m);
    assert.match(text, /PORT=9001/);
    assert.match(text, /^EXPOSE 9001$/m);
  });

  it('picks the .NET images of the target framework, and HEALTHCHECK only for the static site', () => {
    const dotnet = dockerfileFor({ platform: 'dotnet', projectFile: 'Api.csproj', assembly: 'Api', framework: '9.0', web: true }, 8080);
    assert.match(dotnet, /FROM mcr\.microsoft\.com\/dotnet\/sdk:9\.0\.\d+-bookworm-slim AS build/);
    assert.match(dotnet, /FROM mcr\.microsoft\.com\/dotnet\/aspnet:9\.0\.\d+-bookworm-slim$/m);
    for (const platform of platforms) assert.equal(/^HEALTHCHECK/m.test(dockerfileFor(assumed(platform, 'app').facts, 8080)), platform === 'static', platform);
  });

  it('the compose file publishes the port to the container port (nginx\'s 8080 for a static site)', () => {
    const [, ignore, compose] = generateFiles('site', assumed('static', 'site'), 8000);
    assert.match(compose.content, /^ {2}site:\n {4}build:\n {6}context: \.\n {4}image: site:dev\n {4}ports:\n {6}- "8000:8080"$/m);
    assert.match(ignore.content, /^\.git$/m);
  });
});

describe('scaffold helpers', () => {
  it('finds ports the ways apps write them', () => {
    assert.equal(findPort('app.listen(8080)'), 8080);
    assert.equal(findPort('const port = process.env.PORT || 4000;'), 4000);
    assert.equal(findPort('http.ListenAndServe(":9000", nil)'), 9000);
    assert.equal(findPort('server.port=8081'), 8081);
    assert.equal(findPort('nothing here', undefined), undefined);
    assert.equal(findPort('listen(99999)'), undefined);
  });

  it('validates a typed port', () => {
    assert.deepEqual(['', 'abc', '0', '70000', ' 8080 '].map(portProblem), ['empty', 'notNumber', 'range', 'range', undefined]);
  });

  it('makes names image-safe', () => {
    assert.deepEqual(['@shop/Catalog', 'My Project', '---', 'api_v2'].map(imageName), ['catalog', 'my-project', 'app', 'api_v2']);
  });

  it('writes the whole set, or nothing when one file cannot be written', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-write-'));
    try {
      fs.writeFileSync(path.join(folder, 'Dockerfile'), 'FROM old\n');
      assert.deepEqual(await existingFiles(folder, [{ path: 'Dockerfile' }, { path: 'compose.yaml' }]), ['Dockerfile']);
      // A folder where compose.yaml should go: refused before anything is written.
      fs.mkdirSync(path.join(folder, 'compose.yaml'));
      await assert.rejects(writeAll(folder, [{ path: 'Dockerfile', content: 'FROM new\n' }, { path: 'compose.yaml', content: 'services: {}\n' }]), NotAFileError);
      assert.equal(fs.readFileSync(path.join(folder, 'Dockerfile'), 'utf8'), 'FROM old\n');
      fs.rmdirSync(path.join(folder, 'compose.yaml'));
      // A file that cannot be staged (its folder is missing): the ones staged before it are removed, nothing replaced.
      await assert.rejects(writeAll(folder, [{ path: 'Dockerfile', content: 'FROM new\n' }, { path: 'missing/compose.yaml', content: 'services: {}\n' }]), /ENOENT/);
      assert.equal(fs.readFileSync(path.join(folder, 'Dockerfile'), 'utf8'), 'FROM old\n');
      assert.deepEqual(fs.readdirSync(folder), ['Dockerfile'], 'no temporaries left');
      await writeAll(folder, [{ path: 'Dockerfile', content: 'FROM new\n' }, { path: 'compose.yaml', content: 'services: {}\n' }]);
      assert.equal(fs.readFileSync(path.join(folder, 'Dockerfile'), 'utf8'), 'FROM new\n');
      assert.deepEqual(fs.readdirSync(folder).sort(), ['Dockerfile', 'compose.yaml']);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
