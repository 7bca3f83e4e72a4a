// The hosted site's scripts and stylesheet, minified by esbuild (pinned in package-lock.json): the same code
// without comments, indentation and long local names, and the page's modules as one file. Only dist/site/ ships
// minified; www/ stays as written (what `./build.sh serve` shows and where the page is debugged), and the single
// file inlines www/'s sources unchanged. esbuild's output depends only on its input and options, so two dist
// builds stay byte-identical.
import { buildSync, transformSync } from 'esbuild';
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

/** The page's module graph from `entry` (app.js) as one minified module, to be served at PAGE_BUNDLE. */
export function pageBundle(entry) {
  const out = checked(() => buildSync({ ...options, entryPoints: [entry], bundle: true, format: 'esm', write: false }),
    entry);
  if (out.outputFiles.length !== 1) fail(`esbuild made ${out.outputFiles.length} files from ${entry}, not one`);
  return out.outputFiles[0].text;
}
