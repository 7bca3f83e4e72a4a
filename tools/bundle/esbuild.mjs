// keyfit's one bundler: esbuild (pinned in package-lock.json) minifies the hosted site's scripts and stylesheet and
// bundles the module graphs, the hosted page's as one module (format 'esm') and the single file's page and worker
// as classic scripts (format 'iife', with its stand-ins swapped in). The same code without comments, indentation
// and long local names. www/ stays as written (what `./build.sh serve` shows and where the page is debugged).
// esbuild's output depends only on its input and options, so two dist builds stay byte-identical.
import { build, transformSync } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fail } from './html.mjs';

/** No syntax newer than the page's own (module workers, top-level await are not used by the page). */
const TARGET = 'es2022';

/** Where the page's bundle goes: beside js/workers.js, whose `new URL('../worker.js', import.meta.url)` it keeps. */
export const PAGE_BUNDLE = 'js/page.js';

const options = { minify: true, target: TARGET, legalComments: 'none', charset: 'utf8', logLevel: 'silent' };

function checked(run, what) {
  try {
    return run();
  } catch (err) {
    return fail(`esbuild could not minify ${what}: ${err.message}`);
  }
}

/** A module (`module`) or classic script, minified; exports and import paths are kept. */
export function minifyScript(code, what, { module }) {
  return checked(() => transformSync(code, { ...options, loader: 'js', format: module ? 'esm' : undefined }).code, what);
}

/** A stylesheet, minified. */
export function minifyCss(code, what) {
  return checked(() => transformSync(code, { ...options, loader: 'css' }).code, what);
}

/** Resolves keyfit's relative imports through `swap(importer, path)`; any other import stops the build. */
const swapping = (swap) => ({
  name: 'keyfit-swap',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return { path: resolve(args.path) };
      if (!args.path.startsWith('.')) return { errors: [{ text: `only relative imports are bundled, not "${args.path}"` }] };
      return { path: swap(args.importer, resolve(dirname(args.importer), args.path)) };
    });
  },
});

/**
 * The module graph from `entry` as one minified file: `format` 'esm' (a module for the hosted page) or 'iife' (a
 * classic script, for the single file). Options: `swap(importer, path)`, the file to bundle instead of `path`
 * when `importer` imports it; `importMetaUrl`, an expression for `import.meta.url` (an IIFE has no import.meta);
 * `banner`, code put first, as written (its own `import.meta.url` is the bundle's).
 */
export async function bundle(entry, { format, swap = (_, path) => path, importMetaUrl, banner } = {}) {
  let out;
  try {
    out = await build({
      ...options, entryPoints: [entry], bundle: true, format, write: false, plugins: [swapping(swap)],
      ...(importMetaUrl ? { define: { 'import.meta.url': importMetaUrl } } : {}),
      ...(banner ? { banner: { js: banner } } : {}),
    });
  } catch (err) {
    fail(`esbuild could not bundle ${entry}: ${err.message}`);
  }
  if (out.outputFiles.length !== 1) fail(`esbuild made ${out.outputFiles.length} files from ${entry}, not one`);
  // E.g. import.meta in a classic script, which esbuild would quietly make empty.
  if (out.warnings.length) fail(`esbuild warns about ${entry}: ${out.warnings.map((w) => w.text).join('; ')}`);
  return out.outputFiles[0].text;
}
