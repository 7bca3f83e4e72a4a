// Copies bench/RESULTS.md (written by tests/bench/bench.mjs) into README.md between the bench markers, so the
// README's performance figures are always the last `./build.sh bench` run's, word for word.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const START = '<!-- bench:start (written by ./build.sh bench from bench/RESULTS.md; do not edit) -->';
const END = '<!-- bench:end -->';

export function updateReadme(root) {
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const results = readFileSync(join(root, 'bench/RESULTS.md'), 'utf8').trim();
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md lacks the bench markers');
  writeFileSync(readme, `${text.slice(0, a + START.length)}\n${results}\n${text.slice(b)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) updateReadme(new URL('../..', import.meta.url).pathname);
