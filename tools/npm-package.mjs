// keyfit's npm package, run by `./build.sh dist` after the wasm build:
//   node tools/npm-package.mjs [--out DIR]    DIR (default dist/npm/): a folder `npm pack` turns into keyfit-X.Y.Z.tgz
// The package is www/'s own modules as written (bundlers minify), with swaps so that bundlers see the files they must
// copy: the worker is started as `new Worker(new URL('../worker.js', import.meta.url), {type: 'module'})` and the
// engine's four parts find their wasm as `new URL('./keyfit_bg.wasm', import.meta.url)`,
// `new URL('./keyfit_url_bg.wasm', import.meta.url)`, `new URL('./keyfit_kdf_bg.wasm', import.meta.url)` and (the
// widget's check part) `new URL('./keyfit_read_bg.wasm', import.meta.url)` (the forms Vite, webpack and Parcel
// follow). Its types come from
// npm/ (written by hand) and codes.d.ts, made here from README's code tables and src/'s name tables, so the string
// unions cannot drift from what the engine returns (tests/package/ checks both).
// Output depends only on the sources and the built wasm: files in a fixed order, no timestamps.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WWW = join(ROOT, 'www');
const NPM = join(ROOT, 'npm');
const read = (path) => readFileSync(path, 'utf8');

function fail(message) {
  throw new Error(message);
}

/** The version of Cargo.toml's [package]. */
export function cargoVersion() {
  const m = read(join(ROOT, 'Cargo.toml')).match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/ms);
  return m ? m[1] : fail('Cargo.toml has no [package] version');
}

// ---------------------------------------------------------------------------------------------- codes

/** The backticked codes of the first column of the Markdown table right after `heading` in README. */
export function readmeCodes(heading) {
  const readme = read(join(ROOT, 'README.md'));
  const at = readme.indexOf(`\n${heading}\n`);
  if (at < 0) fail(`README has no heading "${heading}"`);
  const lines = readme.slice(at + heading.length + 2).split('\n');
  const start = lines.findIndex((l) => l.startsWith('| code |'));
  if (start < 0) fail(`README: no code table under "${heading}"`);
  const codes = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    codes.push(...[...line.split('|')[1].matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]));
  }
  return codes.length ? codes : fail(`README: the table under "${heading}" has no codes`);
}

/**
 * The string literals a Rust `fn name` (in `impl type`) returns: `Type::Variant => "name"` arms, or the first of
 * each `Type::Variant => ["name", ...]` row of a names table.
 */
export function rustNames(file, type, fn = 'name') {
  const src = read(join(ROOT, 'src', file));
  const impl = src.indexOf(`impl ${type} {`);
  const start = impl < 0 ? -1 : src.indexOf(`fn ${fn}(`, impl);
  if (start < 0) fail(`src/${file}: no fn ${fn} in impl ${type}`);
  let depth = 0;
  let end = src.indexOf('{', start);
  for (; end < src.length; end++) {
    if (src[end] === '{') depth++;
    else if (src[end] === '}' && --depth === 0) break;
  }
  const names = [...src.slice(start, end).matchAll(/=>\s*\[?\s*"([^"]+)"/g)].map((m) => m[1]);
  return names.length ? [...new Set(names)] : fail(`src/${file}: fn ${fn} of ${type} returns no literal`);
}

/** Every union of codes and names, from README (the documented codes) and src/ (the name tables). */
export function codeUnions() {
  const formatName = Object.fromEntries([...read(join(ROOT, 'src/parsed.rs'))
    .matchAll(/Format::(\w+) => "([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const writable = read(join(ROOT, 'src/parsed.rs')).match(/WRITABLE: \[Format; \d+\] = \[([^\]]+)\]/);
  if (!writable) fail('src/parsed.rs: no Format::WRITABLE');
  const hosts = [...read(join(ROOT, 'src/clone_url/hosts.rs')).matchAll(/^\s*code: "([^"]+)",/gm)].map((m) => m[1]);
  return {
    ProblemCode: ['the `code` of a problem `inspectKey` reports, or of an Error keyfit throws (README "Problem codes")',
      readmeCodes('## Problem codes')],
    CloneUrlCode: ['the `code` of a problem `checkCloneUrl` reports (README "Clone URL codes")', readmeCodes('### Clone URL codes')],
    MatchCode: ['`matchKey`\'s `code` (README "Key match codes")', readmeCodes('Key match codes (`matchKey`\'s `code`):')],
    RepairCode: ['a repair `inspectKey` made to a mangled paste (`repairs`)', rustNames('repair.rs', 'Repair', 'code')],
    Severity: ['how much a problem matters', rustNames('problem.rs', 'Severity')],
    KeyFormat: ['the format `inspectKey` names', rustNames('parsed.rs', 'Format')],
    ConvertTarget: ['the formats `convertKey` writes (`to`)',
      writable[1].split(',').map((s) => s.trim().replace(/^Format::/, '')).filter(Boolean)
        .map((v) => formatName[v] ?? fail(`src/parsed.rs: no name for Format::${v}`))],
    Algorithm: ['the key type `inspectKey` names', rustNames('key/algorithm.rs', 'Algorithm', 'names')],
    KdfName: ['the key derivation function of an encrypted key (`kdf.name`)', rustNames('parsed.rs', 'Kdf')],
    UrlForm: ['the form of a clone URL', rustNames('clone_url/parse.rs', 'UrlForm')],
    HostKind: ['the git host a clone URL names', hosts.length ? hosts : fail('src/clone_url/hosts.rs: no host codes')],
    OtherKind: ['what `matchKey` found in `other`', rustNames('key_match.rs', 'OtherKind')],
  };
}

/** codes.d.ts: one string-literal union per table. */
export function codesDts() {
  const lines = ['// Made by tools/npm-package.mjs from README\'s code tables and src/\'s name tables: do not edit.', ''];
  for (const [name, [doc, members]] of Object.entries(codeUnions())) {
    lines.push(`/** ${doc[0].toUpperCase()}${doc.slice(1)}. */`, `export type ${name} =\n${members.map((m) => `  | '${m}'`).join('\n')};`, '');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------- files

/** The relative module specifiers a module imports (static, dynamic) or finds with `new URL(..., import.meta.url)`. */
function specifiers(code) {
  const found = [
    ...code.matchAll(/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...code.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g),
  ].map((m) => m[1]);
  return found.filter((s) => s.startsWith('.'));
}

/** The swaps that make www/'s files bundler-friendly; each must match exactly once. */
const SWAPS = {
  // The one worker maker, in the literal form bundlers recognise (they cannot follow a URL kept in a variable).
  'js/workers.js': [/^const WORKER_URL = new URL\('\.\.\/worker\.js', import\.meta\.url\);\n/m, '',
    /new Worker\(WORKER_URL, \{ type: 'module' \}\)/, "new Worker(new URL('../worker.js', import.meta.url), { type: 'module' })"],
  // wasm-bindgen writes a bare name; webpack would look for a package called keyfit_bg.wasm.
  'pkg/keyfit.js': [/new URL\('keyfit_bg\.wasm', import\.meta\.url\)/, "new URL('./keyfit_bg.wasm', import.meta.url)"],
  'pkg/keyfit_read.js': [/new URL\('keyfit_read_bg\.wasm', import\.meta\.url\)/, "new URL('./keyfit_read_bg.wasm', import.meta.url)"],
  'pkg/keyfit_url.js': [/new URL\('keyfit_url_bg\.wasm', import\.meta\.url\)/, "new URL('./keyfit_url_bg.wasm', import.meta.url)"],
  'pkg/keyfit_kdf.js': [/new URL\('keyfit_kdf_bg\.wasm', import\.meta\.url\)/, "new URL('./keyfit_kdf_bg.wasm', import.meta.url)"],
};

function swapped(file, code) {
  const swaps = SWAPS[file] ?? [];
  for (let i = 0; i < swaps.length; i += 2) {
    const hits = code.match(new RegExp(swaps[i].source, `g${swaps[i].flags}`));
    if (hits?.length !== 1) fail(`www/${file}: expected one ${swaps[i]} to swap, found ${hits?.length ?? 0}`);
    code = code.replace(swaps[i], swaps[i + 1]);
  }
  return code;
}

/** www/ files the package needs: everything the widget, the worker and the engine reach, sorted. */
function wwwFiles() {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    if (!existsSync(join(WWW, file))) fail(`www/${file} is missing${file.startsWith('pkg/') ? ': run ./build.sh first' : ''}`);
    seen.add(file);
    if (!file.endsWith('.js')) return;
    for (const spec of specifiers(swapped(file, read(join(WWW, file))))) {
      visit(relative(WWW, resolve(dirname(join(WWW, file)), spec)));
    }
  };
  for (const entry of ['keyfit-widget.js', 'worker.js', 'pkg/keyfit.js', 'pkg/keyfit_url.js', 'pkg/keyfit_kdf.js',
    'js/derive-keys.js']) visit(entry);
  return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** package.json of the package. */
function manifest(files) {
  const cargo = read(join(ROOT, 'Cargo.toml'));
  const field = (name) => cargo.match(new RegExp(`^${name}\\s*=\\s*"([^"]+)"`, 'm'))?.[1] ?? fail(`Cargo.toml has no ${name}`);
  return {
    name: 'keyfit',
    version: cargoVersion(),
    description: field('description'),
    license: field('license'),
    keywords: ['ssh', 'rsa', 'jira', 'pkcs1', 'openssh', 'putty', 'ppk', 'web-component', 'webassembly'],
    type: 'module',
    exports: {
      '.': { types: './index.d.ts', node: './node.js', default: './index.js' },
      './widget': { types: './keyfit-widget.d.ts', default: './keyfit-widget.js' },
      './package.json': './package.json',
    },
    types: './index.d.ts',
    files: [...new Set(files.map((f) => (f.includes('/') ? `${f.split('/')[0]}/` : f)))].filter((f) => f !== 'package.json'
      && f !== 'README.md'),
    engines: { node: '>=20' },
  };
}

export function npmPackage(out) {
  const files = new Map();
  for (const f of wwwFiles()) {
    const data = readFileSync(join(WWW, f));
    files.set(f, f.endsWith('.js') ? Buffer.from(swapped(f, data.toString('utf8'))) : data);
  }
  for (const f of ['index.js', 'node.js', 'api.js', 'index.d.ts', 'keyfit-widget.d.ts', 'README.md']) {
    if (files.has(f)) fail(`npm/${f} would overwrite www/${f}`);
    files.set(f, readFileSync(join(NPM, f)));
  }
  files.set('codes.d.ts', Buffer.from(codesDts()));
  const names = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  files.set('package.json', Buffer.from(`${JSON.stringify(manifest(names), null, 2)}\n`));
  rmSync(out, { recursive: true, force: true });
  for (const f of [...files.keys()].sort()) {
    mkdirSync(dirname(join(out, f)), { recursive: true });
    writeFileSync(join(out, f), files.get(f));
  }
  return { version: cargoVersion(), files: files.size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const args = process.argv.slice(2);
    const i = args.indexOf('--out');
    const out = resolve(i >= 0 ? args[i + 1] : join(ROOT, 'dist/npm'));
    const r = npmPackage(out);
    console.log(`built ${relative(process.cwd(), out)}/: the npm package keyfit ${r.version} (${r.files} files)`);
  } catch (err) {
    console.error(`npm-package: ${err.message}`);
    process.exit(1);
  }
}
