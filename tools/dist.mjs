// keyfit's distribution build, run by `./build.sh dist` (after the wasm build) from the same sources as the page:
//   node tools/dist.mjs [--out DIR]    DIR/keyfit.html (one self-contained file), DIR/site/ (the folder to host,
//                                      with the widget, embed.html, keyfit.html and SHA256SUMS); DIR is dist/
//   node tools/dist.mjs widget-parts   www/pkg/widget-parts.js: the widget's markup and styles, taken from
//                                      index.html and style.css (run by every build, so www/ has a working widget)
// Output depends only on the sources and the built wasm: no timestamps, files in a fixed order, so two builds
// from one checkout are byte-identical. Anything unexpected stops the build with a message, never a partial dist.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { elementById, fail, replaceOnce, setTextById, withAttribute, withoutAttribute } from './bundle/html.mjs';
import { PAGE_BUNDLE, bundle, minifyCss, minifyScript } from './bundle/esbuild.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WWW = join(ROOT, 'www');
const SINGLE = join(ROOT, 'tools/bundle/single-file');
const read = (path) => readFileSync(path, 'utf8');
const sha256 = (data, encoding = 'hex') => createHash('sha256').update(data).digest(encoding);

/** The widget's modes, each the page section of the same id and the templates it mounts (key check, converter). */
export const WIDGET_MODES = {
  check: ['check', 'key-check-template', 'converter-template'],
  generate: ['generate'],
  convert: ['convert', 'converter-template'],
  connect: ['connect', 'key-check-template', 'converter-template'],
};

/** "0.1.0 (git 1a2b3c4d5e6f)" from Cargo.toml and the checkout; "+changes" when files differ from that commit. */
export function version() {
  const cargo = read(join(ROOT, 'Cargo.toml')).match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms);
  if (!cargo) fail('Cargo.toml has no [package] version');
  try {
    const git = (...args) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = git('rev-parse', '--short=12', 'HEAD');
    const changed = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${cargo[1]} (git ${commit}${changed ? '+changes' : ''})`;
  } catch {
    return cargo[1]; // not a git checkout (e.g. a source archive)
  }
}

// ---------------------------------------------------------------------------------------------- widget parts

/** A page section as widget markup: shown (not a hidden tab panel), and with ::part names for theming. */
function widgetMarkup(html, ids) {
  return ids.map((id) => elementById(html, id)).join('\n')
    .replace(/^<section\b[^>]*>/, (tag) => withAttribute(
      withoutAttribute(withoutAttribute(withoutAttribute(tag, 'hidden'), 'role'), 'aria-labelledby'), 'part', 'panel'))
    .replace(/<(button|textarea|input|select)\b[^>]*>/g, (tag, name) => (/\spart="/.test(tag) ? tag
      : withAttribute(tag, 'part', name === 'button' ? 'button' : 'field')))
    .replace(/<[a-z]+\b[^>]*\sclass="(verdict|status)"[^>]*>/g, (tag, cls) => (/\spart="/.test(tag) ? tag : withAttribute(tag, 'part', cls)));
}

/** style.css for a shadow root: page-level rules apply to the host, and custom properties get a keyfit- prefix. */
function widgetCss(css) {
  return css
    .replace(/:root\b/g, ':host')
    .replace(/(^|[},]\s*)body(?=\s*[{,])/gm, '$1:host')
    .replace(/--([a-zA-Z][\w-]*)/g, '--keyfit-$1');
}

/** Source indentation and CSS comments go: the widget ships what the browser reads (index.html has no <pre> and
 * its textareas are empty, so no whitespace that shows is touched). */
const compact = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n\s*/g, '\n');

/** The text of pkg/widget-parts.js. */
export function widgetParts() {
  const html = read(join(WWW, 'index.html'));
  const markup = Object.fromEntries(Object.entries(WIDGET_MODES)
    .map(([mode, ids]) => [mode, widgetMarkup(html, ids).replace(/\n\s*/g, '\n')]));
  return '// Made by tools/dist.mjs from index.html and style.css: the widget\'s markup per mode and its styles.\n'
    + `export const MARKUP = ${JSON.stringify(markup)};\n`
    + `export const CSS = ${JSON.stringify(compact(widgetCss(read(join(WWW, 'style.css')))))};\n`;
}

// ---------------------------------------------------------------------------------------------- single file

/** The engine's parts in www/pkg/ (build.sh) that the single file carries: the key engine, the Host URL check, the
 * KDFs. Not the check part (pkg/keyfit_read_bg.wasm): it is a subset of the key engine, there to be fetched first
 * over a network, and the single file has nothing to fetch; its key engine answers in the check part's place. */
const WASM_PARTS = ['pkg/keyfit_bg.wasm', 'pkg/keyfit_url_bg.wasm', 'pkg/keyfit_kdf_bg.wasm'];

/** Fails when inline text would end its <script>/<style> early or open an HTML comment inside it. */
function inlineable(text, what) {
  if (/<\/(script|style)|<!--/i.test(text)) fail(`${what} contains "</script", "</style" or "<!--" and cannot be inlined`);
  return text;
}

/** The classic script of the single file: the wasm, the worker code as one function, then the page's modules. Both
 * module graphs are bundled by esbuild as the hosted page's is, as classic scripts, with the single file's
 * stand-ins for pkg/keyfit.js and js/workers.js swapped in. */
async function singleFileScript() {
  // Each glue of www/pkg/ and the single file's stand-in for it (which imports the glue itself).
  const shims = new Map([[join(WWW, 'pkg/keyfit.js'), join(SINGLE, 'keyfit-wasm.js')],
    [join(WWW, 'pkg/keyfit_read.js'), join(SINGLE, 'keyfit-wasm.js')],
    [join(WWW, 'pkg/keyfit_url.js'), join(SINGLE, 'keyfit-url-wasm.js')],
    [join(WWW, 'pkg/keyfit_kdf.js'), join(SINGLE, 'keyfit-kdf-wasm.js')]]);
  // The same swaps in both graphs (worker.js may import page modules, e.g. js/failure.js).
  const swap = (importer, path) => {
    if (shims.has(path) && importer !== shims.get(path)) return shims.get(path);
    if (path === join(WWW, 'js/workers.js')) return join(SINGLE, 'workers.js');
    return path;
  };
  const iife = { format: 'iife', importMetaUrl: 'globalThis.location.href', swap };
  const [worker, page] = await Promise.all([bundle(join(WWW, 'worker.js'), iife), bundle(join(WWW, 'app.js'), iife)]);
  const wasm = WASM_PARTS.map((f) => gzipSync(readFileSync(join(WWW, f)), { level: 9 }).toString('base64')).join(',');
  return `
'use strict';
(() => {
// keyfit's engine, gzip then base64, comma-separated: the key engine (www/pkg/keyfit_bg.wasm), the Host URL check
// (www/pkg/keyfit_url_bg.wasm), the KDFs (www/pkg/keyfit_kdf_bg.wasm); tools/bundle/single-file/wasm-parts.js
// unpacks them.
const KEYFIT_WASM = "${wasm}";

// The worker: worker.js and the engine's bindings. Started from its own source text as a blob: or data: worker
// (tools/bundle/single-file/workers.js), or called on the page with a stand-in for \`self\` where workers cannot start.
function keyfitWorkerMain(self, wasmBase64) {
'use strict';
const postMessage = (message, transfer) => self.postMessage(message, transfer);
const addEventListener = (...args) => self.addEventListener(...args);
const removeEventListener = (...args) => self.removeEventListener(...args);
${worker.trim()}
}

// The page: app.js and its modules.
${page.trim()}
})();
`;
}

/** dist/keyfit.html: index.html with its stylesheet and scripts inside and a CSP that allows exactly those. */
export async function singleFile(html, stamp) {
  // The stylesheet and boot.js as the hosted site ships them (minified).
  const css = inlineable(shipped('style.css', readFileSync(join(WWW, 'style.css'))), 'style.css');
  const boot = inlineable(shipped('js/boot.js', readFileSync(join(WWW, 'js/boot.js'))), 'js/boot.js');
  const script = inlineable(await singleFileScript(), 'the bundled modules');
  const hash = (text) => `'sha256-${sha256(text, 'base64')}'`;
  const csp = ["default-src 'none'", `script-src ${hash(boot)} ${hash(script)} 'wasm-unsafe-eval'`, `style-src ${hash(css)}`,
    'worker-src blob: data:', 'img-src data:', "form-action 'none'", "base-uri 'none'"].join('; ');
  let out = stamp(html);
  out = replaceOnce(out, /<html\b[^>]*>/, (tag) => withAttribute(tag, 'data-keyfit-build', 'single-file'), '<html> tag');
  out = replaceOnce(out, /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'CSP meta tag');
  out = replaceOnce(out, /<link rel="stylesheet" href="style.css">/, `<style>${css}</style>`, 'link to style.css');
  out = replaceOnce(out, /<script src="js\/boot.js" defer><\/script>/, `<script>${boot}</script>`, 'script js/boot.js');
  out = replaceOnce(out, /<script type="module" src="app.js"><\/script>\n?/, '', 'script app.js');
  out = replaceOnce(out, /<\/body>/, `<script>${script}</script>\n</body>`, '</body>');
  const loads = out.match(/<(?:script|img|iframe|audio|video|source)\b[^>]*\ssrc="(?!data:)[^"]*"|<link\b[^>]*\shref="(?!data:)[^"]*"/g);
  if (loads) fail(`the single file would still load files: ${loads.join(', ')}`);
  return out;
}

// ---------------------------------------------------------------------------------------------- site

/** Folders of www/ that are not part of the page: the benchmark's own build (`./build.sh bench`). */
const NOT_SHIPPED = ['bench-pkg/'];

/** Every file under `dir` (relative paths, sorted byte-wise), dot files left out. */
function files(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.'))
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name), base) : [relative(base, join(dir, e.name))]))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function write(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** A file of www/ as the hosted site ships it: scripts and stylesheets minified (tools/bundle/esbuild.mjs). */
function shipped(f, data) {
  if (f.endsWith('.css')) return minifyCss(data.toString('utf8'), f);
  // js/boot.js is the one classic script (index.html and embed.html load it with a plain <script src>): its
  // top-level names stay; the rest are modules.
  if (f.endsWith('.js')) return minifyScript(data.toString('utf8'), f, { module: f !== 'js/boot.js' });
  return data;
}

/**
 * The hosted index.html loads the page's modules as one minified file (PAGE_BUNDLE) instead of app.js, and shows
 * the link to keyfit.html (the copy that works offline) with its SHA-256, `singleSha`.
 */
const hostedIndex = (html, singleSha) => replaceOnce(
  replaceOnce(setTextById(html, 'offline-sha256', singleSha), /<p id="offline-copy" class="hint" hidden>/,
    '<p id="offline-copy" class="hint">', 'offline-copy paragraph'),
  /<script type="module" src="app.js"><\/script>/, `<script type="module" src="${PAGE_BUNDLE}"></script>`, 'script app.js');

/**
 * The hosted worker.js as one module with its imports (js/failure.js, js/derive-keys.js, the four glues of pkg/): one request where the
 * worker would make two in turn before it could fetch a wasm part (a round trip less on every worker's start). The
 * glues find their wasm beside themselves, `new URL('keyfit_bg.wasm', import.meta.url)`: in the bundle, their
 * import.meta.url is the URL pkg/keyfit.js would have.
 */
function workerBundle() {
  return bundle(join(WWW, 'worker.js'), { format: 'esm', importMetaUrl: 'keyfitPkgUrl',
    banner: "const keyfitPkgUrl = new URL('pkg/keyfit.js', import.meta.url).href;" });
}

export async function dist(out) {
  for (const f of ['pkg/keyfit.js', 'pkg/keyfit_read.js', 'pkg/keyfit_read_bg.wasm', 'pkg/keyfit_url.js', 'pkg/keyfit_kdf.js', ...WASM_PARTS]) if (!existsSync(join(WWW, f))) fail(`www/${f} is missing: run ./build.sh first`);
  const ver = version();
  const stamp = (html) => setTextById(html, 'keyfit-version', ver);
  const index = read(join(WWW, 'index.html'));
  const single = await singleFile(index, stamp);
  const parts = widgetParts();

  rmSync(out, { recursive: true, force: true });
  const site = join(out, 'site');
  for (const f of files(WWW).filter((f) => !NOT_SHIPPED.some((dir) => f.startsWith(dir)))) {
    write(join(site, f), shipped(f, readFileSync(join(WWW, f))));
  }
  if (existsSync(join(WWW, PAGE_BUNDLE))) fail(`www/${PAGE_BUNDLE} exists: the hosted page's bundle would overwrite it`);
  write(join(site, PAGE_BUNDLE), await bundle(join(WWW, 'app.js'), { format: 'esm' }));
  write(join(site, 'worker.js'), await workerBundle());
  write(join(site, 'index.html'), hostedIndex(stamp(index), sha256(single)));
  write(join(site, 'pkg/widget-parts.js'), shipped('pkg/widget-parts.js', Buffer.from(parts)));
  write(join(site, 'keyfit.html'), single);
  write(join(out, 'keyfit.html'), single);
  const sums = files(site).map((f) => `${sha256(readFileSync(join(site, f)))}  ${f}\n`).join('');
  write(join(site, 'SHA256SUMS'), sums);
  return { version: ver, files: files(site).length, single: Buffer.byteLength(single) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const args = process.argv.slice(2);
    if (args[0] === 'widget-parts') {
      write(join(WWW, 'pkg/widget-parts.js'), widgetParts());
    } else {
      const i = args.indexOf('--out');
      const out = resolve(i >= 0 ? args[i + 1] : join(ROOT, 'dist'));
      const r = await dist(out);
      (await import('./npm-package.mjs')).npmPackage(join(out, 'npm')); // dist/npm/: the npm package
      const gz = gzipSync(readFileSync(join(out, 'keyfit.html')), { level: 9 }).length;
      console.log(`built ${relative(process.cwd(), out) || '.'}/ for keyfit ${r.version}: keyfit.html (${r.single} bytes, `
        + `${gz} gzip) and site/ (${r.files} files, SHA256SUMS)`);
    }
  } catch (err) {
    console.error(`dist: ${err.message}`);
    process.exit(1);
  }
}
