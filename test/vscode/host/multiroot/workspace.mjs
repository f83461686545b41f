// A multi-root workspace: a web front end listed first (it has a src/server.js too) and the
// orders service whose production 500 is triaged. Frames must resolve into the orders folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prepareDemo } from '../demoData.mjs';

function webFrontend(dir) {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'web-frontend', private: true }, null, 2));
  writeFileSync(
    path.join(dir, 'src', 'server.js'),
    "'use strict';\nconst http = require('node:http');\n\nhttp.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 8080);\n",
  );
  writeFileSync(
    path.join(dir, 'src', 'app.js'),
    'export function render(order) {\n  return `<p>${order.total}</p>`;\n}\n',
  );
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=Grace Hopper', '-c', 'user.email=grace@web.example', ...args], { cwd: dir });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'Web front end');
}

/** @param {string} dir @param {{ run: string }} _context */
export async function prepare(dir, _context) {
  const web = path.join(dir, 'web-frontend');
  webFrontend(web);
  const orders = path.join(dir, 'orders-api');
  mkdirSync(orders, { recursive: true });
  const demo = await prepareDemo(orders);
  const workspaceFile = path.join(path.dirname(dir), 'shop.code-workspace');
  writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: web }, { path: orders }], settings: {} }, null, 2));
  return { ...demo, workspaceFile, web, orders };
}
