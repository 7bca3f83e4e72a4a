// tools/serve.mjs, the static server README offers as the model for headers: malformed URLs answer 400 and the
// server keeps serving; nothing outside its root is ever read (dot segments, encoded slashes, a sibling folder
// whose name starts with the root's name). Symbolic links inside the root are the operator's own choice and are
// followed (the browser tests serve www/ through one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { serve, fileFor, stopServer } from '../../tools/serve.mjs';

/** A raw GET (no URL normalisation by the client): [status, body]. */
function get(port, path) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => ok([res.statusCode, body, res.headers]));
    });
    req.on('error', fail);
    req.end();
  });
}

test('serve.mjs: bad URLs and paths out of the root', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'keyfit-serve-'));
  const root = join(dir, 'www');
  mkdirSync(root);
  mkdirSync(join(dir, 'www-private'));
  writeFileSync(join(root, 'index.html'), 'home');
  writeFileSync(join(root, 'a.js'), 'js');
  writeFileSync(join(dir, 'www-private', 'secret.txt'), 'SECRET');
  writeFileSync(join(dir, 'outside.txt'), 'SECRET');
  const server = await serve(root, 0);
  const { port } = server.address();
  t.after(async () => { await stopServer(server); rmSync(dir, { recursive: true, force: true }); });

  const [status, body, headers] = await get(port, '/');
  assert.equal(status, 200);
  assert.equal(body, 'home');
  assert.match(headers['content-security-policy'], /default-src 'none'/);
  assert.equal((await get(port, '/a.js'))[0], 200);

  for (const path of ['/%E0%A4%A', '/%', '/%ZZ', '/a%00.js', '/%00']) {
    assert.equal((await get(port, path))[0], 400, path);
  }
  for (const path of [
    '/..%2fwww-private/secret.txt',
    '/..%2Fwww-private%2Fsecret.txt',
    '/%2e%2e%2fwww-private/secret.txt',
    '/..%2foutside.txt',
    '/..%5c..%5coutside.txt',
    '/missing.txt',
    '/../www-private/secret.txt',
  ]) {
    const [code, text] = await get(port, path);
    assert.ok(code >= 400 && code < 500, `${path}: ${code}`);
    assert.ok(!text.includes('SECRET'), path);
  }
  // Still serving after all that.
  assert.equal((await get(port, '/a.js'))[1], 'js');
});

test('serve.mjs: fileFor maps URLs inside the root only', () => {
  assert.deepEqual(fileFor('/srv/www', '/'), { file: '/srv/www/index.html' });
  assert.deepEqual(fileFor('/srv/www', '/js/app.js?x=1'), { file: '/srv/www/js/app.js' });
  assert.deepEqual(fileFor('/srv/www', '/..%2fwww-private/secret.txt'), { status: 403 });
  assert.deepEqual(fileFor('/srv/www', '/%2e%2e%2fetc/passwd'), { status: 403 });
  assert.deepEqual(fileFor('/srv/www', '/%E0%A4%A'), { status: 400 });
  assert.deepEqual(fileFor('/', '/etc/hostname'), { file: '/etc/hostname' });
});
