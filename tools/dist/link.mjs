// Links keyfit's own ES modules into one classic script, for the single-file build (a file opened from disk may
// not load module scripts). Hand-written rather than a bundler dependency: it knows only the import and export
// forms keyfit's sources use, and stops the build with the file and line of anything else, so a new form can
// never be skipped silently. Each module becomes a function scope; its namespace is an object of live getters.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const NAME = '[A-Za-z_$][\\w$]*';
const SIDE_EFFECT_IMPORT = /^import\s+(['"])([^'"]+)\1\s*;?[ \t]*$/gm;
const IMPORT = /^import\s+([^;'"]*?)\s+from\s+(['"])([^'"]+)\2\s*;?[ \t]*$/gm;
const EXPORT_FROM = /^export\s*(\*|\{[^}]*\})\s*from\s*(['"])([^'"]+)\2\s*;?[ \t]*$/gm;
const EXPORT_LIST = /^export\s*\{([^}]*)\}\s*;?[ \t]*$/gm;
const EXPORT_DECLARATION = new RegExp(`^export\\s+((?:async\\s+)?function\\s*\\*?\\s*|class\\s+|const\\s+|let\\s+|var\\s+)(${NAME})`, 'gm');
const EXPORT_DEFAULT_NAMED = new RegExp(`^export\\s+default\\s+((?:async\\s+)?function\\s*\\*?\\s*|class\\s+)(${NAME})`, 'gm');
const EXPORT_DEFAULT = /^export\s+default\s+/gm;

class LinkError extends Error {}

function fail(file, source, index, what) {
  const line = source.slice(0, index).split('\n').length;
  throw new LinkError(`${file}:${line}: ${what}`);
}

/** `a, b as c` -> [['a', 'a'], ['b', 'c']] (local name, exported or imported name). */
function specifiers(list, file, source, index) {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const m = s.match(new RegExp(`^(${NAME}|default)(?:\\s+as\\s+(${NAME}|default))?$`));
    if (!m) fail(file, source, index, `cannot link the specifier "${s}"`);
    return [m[1], m[2] ?? m[1]];
  });
}

/**
 * Links `entry` and everything it imports. Options:
 * - `swap(importer, path)`: the file to use instead of `path` when `importer` imports it (or `path` itself);
 * - `importMetaUrl`: the expression that stands for `import.meta.url`;
 * - `root`: paths in comments are shown relative to it.
 * Returns {code, entry}: statements that define one `const` per module, and the name of the entry's namespace.
 */
export function link(entry, { swap = (_, path) => path, importMetaUrl, root = process.cwd() }) {
  const names = new Map(); // absolute path -> variable name
  const visiting = new Set();
  const out = [];

  function visit(file) {
    if (names.has(file)) return names.get(file);
    if (visiting.has(file)) throw new LinkError(`${relative(root, file)}: import cycle`);
    visiting.add(file);
    const shown = relative(root, file);
    let source = readFileSync(file, 'utf8');
    const deps = new Map(); // specifier -> variable name, in order of appearance
    const dep = (spec, index) => {
      if (!spec.startsWith('.')) fail(shown, source, index, `only relative imports can be linked, not "${spec}"`);
      const target = swap(file, resolve(dirname(file), spec));
      if (!deps.has(spec)) deps.set(spec, visit(target));
      return deps.get(spec);
    };
    const head = [];
    const exported = []; // [exported name, expression]
    const stars = [];

    source = source.replace(SIDE_EFFECT_IMPORT, (m, _q, spec, index) => { dep(spec, index); return ''; });
    source = source.replace(IMPORT, (m, clause, _q, spec, index) => {
      const ns = dep(spec, index);
      const c = clause.trim();
      const parts = c.match(new RegExp(`^(?:(${NAME})\\s*(?:,\\s*|$))?(?:\\*\\s*as\\s+(${NAME})|\\{([^}]*)\\})?$`));
      if (!parts) fail(shown, source, index, `cannot link "import ${c}"`);
      if (parts[1]) head.push(`const ${parts[1]} = ${ns}.default;`);
      if (parts[2]) head.push(`const ${parts[2]} = ${ns};`);
      if (parts[3] !== undefined) {
        const list = specifiers(parts[3], shown, source, index).map(([imported, local]) => (imported === local ? local : `${imported}: ${local}`));
        head.push(`const { ${list.join(', ')} } = ${ns};`);
      }
      return '';
    });
    source = source.replace(EXPORT_FROM, (m, what, _q, spec, index) => {
      const ns = dep(spec, index);
      if (what === '*') stars.push(ns);
      else for (const [name, as] of specifiers(what.slice(1, -1), shown, source, index)) exported.push([as, `${ns}.${name}`]);
      return '';
    });
    source = source.replace(EXPORT_LIST, (m, list, index) => {
      for (const [local, as] of specifiers(list, shown, source, index)) exported.push([as, local]);
      return '';
    });
    source = source.replace(EXPORT_DEFAULT_NAMED, (m, kind, name) => { exported.push(['default', name]); return kind + name; });
    source = source.replace(EXPORT_DECLARATION, (m, kind, name) => { exported.push([name, name]); return kind + name; });
    source = source.replace(EXPORT_DEFAULT, () => { exported.push(['default', '__default']); return 'const __default = '; });

    for (const [pattern, what] of [
      [/^[ \t]*export\b/m, 'an export form the linker does not know'],
      [/^[ \t]*import\s*[^\s.(]/m, 'an import form the linker does not know'],
      [/\bimport\s*\(/, 'a dynamic import()'],
      [/\bimport\.meta\b(?!\.url\b)/, 'import.meta other than import.meta.url'],
    ]) {
      const m = pattern.exec(source);
      if (m) fail(shown, source, m.index, `${what}: "${source.slice(m.index, m.index + 40).split('\n')[0]}"`);
    }
    source = source.replace(/\bimport\.meta\.url\b/g, importMetaUrl);

    const name = `__kf_${shown.replace(/[^\w]/g, '_')}`;
    const getters = exported.map(([as, expr]) => `get ${JSON.stringify(as)}() { return ${expr}; }`);
    const namespace = stars.length
      ? `Object.defineProperties({ ${getters.join(', ')} }, Object.fromEntries([${stars.join(', ')}].flatMap((ns) => Object.entries(Object.getOwnPropertyDescriptors(ns))).filter(([key]) => key !== 'default')))`
      : `{ ${getters.join(', ')} }`;
    out.push(`// ---- ${shown} ----\nconst ${name} = (() => {\n${head.join('\n')}\n${source.trim()}\nreturn Object.freeze(${namespace});\n})();`);
    visiting.delete(file);
    names.set(file, name);
    return name;
  }

  const entryName = visit(resolve(entry));
  return { code: out.join('\n\n'), entry: entryName };
}
