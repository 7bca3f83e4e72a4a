// The dist build itself: two builds byte-identical, SHA256SUMS complete and checked by sha256sum, the single file's
// policy exactly its own inline code, the widget's markup taken from index.html, and the widget module importable
// in node with no DOM (as static-site generators import it when they pre-render pages).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, WWW, run, tempDir } from './harness.mjs';
import { DIST, SITE, missingDist } from './dist-helpers.mjs';

/** Every file under `dir`, relative, sorted. */
const walk = (dir, base = dir) => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name))])).sort();

test('two dist builds are byte-identical', { skip: missingDist }, (t) => {
  const dir = tempDir(t);
  for (const out of ['a', 'b']) execFileSync('node', [join(ROOT, 'tools/dist.mjs'), '--out', join(dir, out)], { stdio: 'pipe' });
  const files = walk(join(dir, 'a'));
  assert.ok(files.includes('keyfit.html') && files.includes('site/SHA256SUMS'));
  assert.deepEqual(walk(join(dir, 'b')), files);
  for (const f of files) assert.ok(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f))), `${f} differs`);
});

test('./build.sh dist again after cleaning keyfit\'s wasm build gives byte-identical files', { skip: missingDist, timeout: 900_000 }, (t) => {
  const before = join(tempDir(t), 'before');
  execFileSync(join(ROOT, 'build.sh'), ['dist'], { cwd: ROOT, stdio: 'pipe' });
  cpSync(DIST, before, { recursive: true });
  execFileSync('cargo', ['clean', '-q', '-p', 'keyfit', '--release', '--target', 'wasm32-unknown-unknown'], { cwd: ROOT, stdio: 'pipe' });
  execFileSync(join(ROOT, 'build.sh'), ['dist'], { cwd: ROOT, stdio: 'pipe' });
  const files = walk(before);
  assert.deepEqual(walk(DIST), files);
  for (const f of files) assert.ok(readFileSync(join(before, f)).equals(readFileSync(join(DIST, f))), `${f} differs`);
});

test('SHA256SUMS lists every file of dist/site/ and sha256sum -c passes; a changed file fails it', { skip: missingDist }, (t) => {
  const listed = readFileSync(join(SITE, 'SHA256SUMS'), 'utf8').trim().split('\n').map((line) => line.split('  ')[1]);
  assert.deepEqual(listed, walk(SITE).filter((f) => f !== 'SHA256SUMS'));
  for (const f of ['index.html', 'keyfit.html', 'keyfit-widget.js', 'embed.html', 'worker.js', 'pkg/keyfit_bg.wasm',
    'pkg/keyfit_url_bg.wasm', 'pkg/keyfit_kdf_bg.wasm', 'pkg/widget-parts.js']) {
    assert.ok(listed.includes(f), f);
  }
  const ok = run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: SITE });
  assert.equal(ok.code, 0, ok.out);
  const copy = join(tempDir(t), 'site');
  cpSync(SITE, copy, { recursive: true });
  writeFileSync(join(copy, 'keyfit.html'), `${readFileSync(join(copy, 'keyfit.html'), 'utf8')}<!-- changed -->`);
  const bad = run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: copy });
  assert.notEqual(bad.code, 0);
  assert.match(bad.out, /keyfit\.html: FAILED/);
  assert.ok(readFileSync(join(DIST, 'keyfit.html')).equals(readFileSync(join(SITE, 'keyfit.html'))));
});

test('the single file loads nothing and its CSP allows exactly its own inline code', { skip: missingDist }, () => {
  const html = readFileSync(join(DIST, 'keyfit.html'), 'utf8');
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
  const directive = (name) => csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name)?.slice(1);
  const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => hash(m[1]));
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => hash(m[1]));
  assert.equal(scripts.length, 2);
  assert.equal(styles.length, 1);
  assert.deepEqual(directive('default-src'), ["'none'"]);
  assert.deepEqual(directive('script-src').sort(), [...scripts, "'wasm-unsafe-eval'"].sort());
  assert.deepEqual(directive('style-src'), styles);
  assert.deepEqual(directive('worker-src'), ['blob:', 'data:']);
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes("'unsafe-eval'"), csp);
  assert.doesNotMatch(html, /<script[^>]*\ssrc=|<link[^>]*rel="stylesheet"|type="module"/);
  assert.match(html, /<span id="keyfit-version">\d+\.\d+\.\d+ \(git [0-9a-f]{12}(\+changes)?\)<\/span>/);
  assert.match(readFileSync(join(SITE, 'index.html'), 'utf8'), /<span id="keyfit-version">\d+\.\d+\.\d+/);
});

test('the widget markup is index.html\'s sections, not a copy kept by hand', { skip: missingDist }, async () => {
  const { MARKUP } = await import(pathToFileURL(join(SITE, 'pkg/widget-parts.js')).href);
  const index = readFileSync(join(WWW, 'index.html'), 'utf8');
  const ids = (html) => [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(Object.keys(MARKUP), ['check', 'generate', 'convert', 'connect']);
  for (const [mode, markup] of Object.entries(MARKUP)) {
    assert.ok(markup.startsWith(`<section id="${mode}" part="panel">`), mode);
    for (const id of ids(markup)) assert.ok(index.includes(` id="${id}"`), `${mode}: #${id} is not in index.html`);
    assert.doesNotMatch(markup, /\sstyle=|<style|<script/i);
  }
});

test('importing keyfit-widget.js in node (no DOM) does not throw and defines nothing', { skip: missingDist }, () => {
  for (const file of [join(SITE, 'keyfit-widget.js'), join(WWW, 'keyfit-widget.js')]) {
    const out = execFileSync('node', ['--input-type=module', '-e', `
      const m = await import(${JSON.stringify(pathToFileURL(file).href)});
      console.log(JSON.stringify({ widget: typeof m.KeyfitWidget, window: typeof window, customElements: typeof customElements }));
    `], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), { widget: 'function', window: 'undefined', customElements: 'undefined' });
  }
});

test('event details keep only public facts, whatever the report holds', async () => {
  const { reportDetail, generatedDetail } = await import(pathToFileURL(join(WWW, 'keyfit-widget.js')).href);
  const secret = '-----BEGIN RSA PRIVATE KEY-----\nMIIEsecret\n-----END RSA PRIVATE KEY-----\n';
  const detail = reportDetail({ format: 'pkcs1', kind: 'private', algorithm: 'rsa', bits: 2048, jiraReady: false,
    problems: [{ code: 'mangled-paste', severity: 'error', message: 'm' }], repairedText: secret, repairs: ['line-breaks'],
    passphrase: 'pw', publicKey: 'ssh-rsa AAAA', fingerprintSha256: 'SHA256:x' });
  assert.equal(detail.verdict, 'not-jira-ready');
  assert.deepEqual(detail.problems, ['mangled-paste']);
  assert.ok(!JSON.stringify(detail).includes('MIIEsecret') && !JSON.stringify(detail).includes('"pw"'));
  const generated = generatedDetail({ privateKey: secret, publicKey: 'ssh-rsa AAAA', fingerprintSha256: 'SHA256:x',
    fingerprintMd5: 'MD5:y', bits: 2048, engine: 'rust' });
  assert.ok(!JSON.stringify(generated).includes('PRIVATE'));
  assert.equal(reportDetail({ problems: [{ code: 'passphrase-required', severity: 'error' }] }).verdict, 'needs-passphrase');
});
