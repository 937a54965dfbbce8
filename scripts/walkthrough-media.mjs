// Writes media/walkthrough/<step>.svg: one animated picture per walkthrough step, a terminal
// typing the lesson's docker command beside the Berth view that shows its result. Each
// picture carries its own dark background, so it reads the same in light and dark themes,
// and holds nothing remote. Run it after changing a step: node scripts/walkthrough-media.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'media', 'walkthrough');

const color = { running: '#89d185', stopped: '#f48771', created: '#cca700', image: '#75beff', network: '#c586c0', file: '#d7ba7d' };

/** Each step: the terminal's lines ('$ ' typed, others printed) and the view's rows (label, what it is). */
const pictures = {
  run: { view: 'CONTAINERS', term: ['$ docker run -d --name web busybox:local httpd -f', '3f2a9c1e7b4d', '$ docker ps -a'], rows: [['web', 'running', 'Up 2 seconds'], ['old-job', 'stopped', 'Exited (0)']] },
  createStart: { view: 'CONTAINERS', term: ['$ docker create --name job busybox:local', '8c1d5e2f9a03', '$ docker start job'], rows: [['job', 'created', 'Created'], ['job', 'running', 'Up 1 second']] },
  stopKill: { view: 'CONTAINERS', term: ['$ docker stop web      # SIGTERM, then wait', '$ docker kill worker   # SIGKILL now'], rows: [['web', 'stopped', 'Exited (0)'], ['worker', 'stopped', 'Exited (137)']] },
  removePrune: { view: 'CONTAINERS', term: ['$ docker rm web', '$ docker container prune', 'Total reclaimed space: 12kB'], rows: [['web', 'stopped', 'removed'], ['old-job', 'stopped', 'pruned']] },
  shell: { view: 'TERMINAL  web', term: ['$ docker exec -it web sh', '/ # ls', 'bin  dev  etc  proc  sys', '/ # exit'], rows: [['web', 'running', 'exec: sh']] },
  logs: { view: 'LOGS  web', term: ['$ docker logs -f web', '10:01:02 listening on :80', '10:01:09 GET /index.html 200'], rows: [['web', 'running', 'following']] },
  dockerfile: { view: 'DOCKERFILE', term: ['FROM busybox:local', 'WORKDIR /app', 'COPY hello.txt ./', 'RUN echo built > built.txt', 'EXPOSE 8080', 'CMD ["cat", "hello.txt"]'], rows: [], editor: true },
  build: { view: 'IMAGES', term: ['$ docker build -t hello:1.0 .', 'Step 1/6 : FROM busybox:local', 'Step 4/6 : RUN echo built', 'Successfully tagged hello:1.0'], rows: [['hello:1.0', 'image', 'new']] },
  tag: { view: 'IMAGES', term: ['$ docker tag hello:1.0 \\', '    127.0.0.1:5000/hello:1.0'], rows: [['hello:1.0', 'image', '9b2c…'], ['127.0.0.1:5000/hello:1.0', 'image', '9b2c…']] },
  push: { view: 'REGISTRIES', term: ['$ docker login 127.0.0.1:5000', 'Login Succeeded', '$ docker push 127.0.0.1:5000/hello:1.0', '1.0: digest: sha256:4e1f…'], rows: [['127.0.0.1:5000', 'network', 'registry'], ['hello  1.0', 'image', 'pushed']] },
  commit: { view: 'IMAGES', term: ['$ docker commit web web-snapshot:1', 'sha256:7d3e0a…'], rows: [['web', 'running', 'changed: /app'], ['web-snapshot:1', 'image', 'new']] },
  exportSave: { view: 'FILES', term: ['$ docker export web -o web.tar', '$ docker save -o hello.tar hello:1.0', '$ docker load -i hello.tar'], rows: [['web.tar', 'file', 'file system'], ['hello.tar', 'file', 'layers + tags']] },
  network: { view: 'NETWORKS', term: ['$ docker network create app-net', '$ docker run -d --network app-net \\', '    --name api busybox:local httpd -f'], rows: [['app-net', 'network', 'bridge'], ['api', 'running', '172.20.0.2']] },
};

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function svg(name, picture) {
  const cycle = 9; // seconds, then it starts again
  const styles = [];
  const lines = picture.term.map((line, i) => {
    const typed = line.startsWith('$ ') || picture.editor;
    const start = 0.4 + i * 0.9;
    const chars = line.length;
    const clip = `c${i}`;
    const y = 58 + i * 22;
    styles.push(`#${clip} rect{animation:type${i} ${cycle}s steps(${typed ? Math.max(chars, 1) : 1}) infinite}`);
    const startPct = (start / cycle) * 100;
    const endPct = ((start + (typed ? 0.7 : 0.05)) / cycle) * 100;
    styles.push(`@keyframes type${i}{0%,${startPct.toFixed(1)}%{width:0}${endPct.toFixed(1)}%,100%{width:${chars * 7.2 + 8}px}}`);
    const fill = picture.editor ? (/^[A-Z]+\b/.test(line) ? '#569cd6' : '#d4d4d4') : typed ? '#d4d4d4' : '#9d9d9d';
    const content = picture.editor
      ? `<tspan fill="#569cd6">${escape(line.split(' ')[0])}</tspan><tspan fill="#ce9178"> ${escape(line.split(' ').slice(1).join(' '))}</tspan>`
      : typed ? `<tspan fill="#4ec9b0">$</tspan> ${escape(line.slice(2))}` : escape(line);
    return `<clipPath id="${clip}"><rect x="20" y="${y - 14}" height="20" width="0"/></clipPath><text x="24" y="${y}" fill="${fill}" clip-path="url(#${clip})">${content}</text>`;
  });
  const viewTop = 182;
  const after = 0.4 + picture.term.length * 0.9;
  const rows = picture.rows.map(([label, kind, detail], i) => {
    const y = viewTop + 40 + i * 24;
    const delay = after + i * 0.5;
    styles.push(`.r${i}{opacity:0;animation:show${i} ${cycle}s infinite}@keyframes show${i}{0%,${((delay / cycle) * 100).toFixed(1)}%{opacity:0}${(((delay + 0.3) / cycle) * 100).toFixed(1)}%,100%{opacity:1}}`);
    return `<g class="r${i}"><circle cx="40" cy="${y - 4}" r="5" fill="${color[kind]}"/><text x="54" y="${y}" fill="#e0e0e0">${escape(label)}</text><text x="460" y="${y}" fill="#9d9d9d" text-anchor="end">${escape(detail)}</text></g>`;
  });
  const panel = picture.rows.length
    ? `<rect x="12" y="${viewTop}" width="456" height="${30 + picture.rows.length * 24}" rx="6" fill="#252526" stroke="#3c3c3c"/><text x="24" y="${viewTop + 16}" fill="#bbbbbb" font-size="10" letter-spacing="1">${escape(picture.view)}</text>${rows.join('')}`
    : '';
  const height = picture.rows.length ? viewTop + 30 + picture.rows.length * 24 + 12 : Math.max(200, 58 + picture.term.length * 22 + 20);
  const cursorY = 58 + (picture.term.length - 1) * 22;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 ${height}" width="480" height="${height}" role="img" aria-label="${escape(name)}">
<style>text{font-family:ui-monospace,Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:12px}${styles.join('')}.cursor{animation:blink 1s steps(1) infinite}@keyframes blink{50%{opacity:0}}@media (prefers-reduced-motion:reduce){*{animation:none!important;opacity:1!important}clipPath rect{width:480px}}</style>
<rect x="0.5" y="0.5" width="479" height="${height - 1}" rx="10" fill="#1e1e1e" stroke="#454545"/>
<circle cx="22" cy="20" r="5" fill="#f48771"/><circle cx="38" cy="20" r="5" fill="#cca700"/><circle cx="54" cy="20" r="5" fill="#89d185"/>
<text x="74" y="24" fill="#9d9d9d" font-size="11">${picture.editor ? 'berth-learn/Dockerfile' : 'bash'}</text>
${lines.join('\n')}
<rect class="cursor" x="24" y="${cursorY + 6}" width="7" height="2" fill="#d4d4d4"/>
${panel}
</svg>
`;
}

fs.mkdirSync(out, { recursive: true });
for (const [name, picture] of Object.entries(pictures)) fs.writeFileSync(path.join(out, `${name}.svg`), svg(name, picture));
console.log(`wrote ${Object.keys(pictures).length} pictures to ${path.relative(root, out)}`);
