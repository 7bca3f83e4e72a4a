// The package's string unions against the engine: the problem, clone URL and key match codes of codes.d.ts
// (made from README's tables by tools/npm-package.mjs) are exactly the codes src/ can return, found in the Rust
// source where each is emitted. A code added to the engine but not to README (or the reverse) fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeUnions, rustNames } from '../../tools/npm-package.mjs';
import { ROOT } from './helpers.mjs';

const src = (file) => readFileSync(join(ROOT, 'src', file), 'utf8');
const all = (text, re) => [...text.matchAll(re)].map((m) => m[1]);
const sorted = (list) => [...new Set(list)].sort();
const unions = codeUnions();

test('problem codes: README\'s table is what inspect.rs, messages.rs and Error::code report', () => {
  const inspect = src('inspect.rs');
  const emitted = [
    ...rustNames('error.rs', 'Error', 'code'),
    ...all(inspect, /report\.add\(\s*"([a-z0-9-]+)"/g),
    ...all(inspect, /=> \("([a-z0-9-]+)",/g),
    // The checker's findings, each with its code beside its words.
    ...all(src('messages.rs'), /=> \(\s*"([a-z0-9-]+)",/g),
  ];
  assert.deepEqual(sorted(unions.ProblemCode[1]), sorted(emitted));
});

test('clone URL codes: README\'s table is what src/clone_url reports', () => {
  // hosts.rs holds the host facts (its `code:` fields are host kinds), not problems.
  const files = ['clone_url.rs', ...readdirSync(join(ROOT, 'src/clone_url')).filter((f) => f !== 'hosts.rs').map((f) => `clone_url/${f}`)];
  const emitted = files.flatMap((f) => [
    ...all(src(f), /\bproblem\(\s*"([a-z0-9-]+)"/g),
    ...all(src(f), /\berror\(\s*problems,\s*"([a-z0-9-]+)"/g),
    ...all(src(f), /\bcode: "([a-z0-9-]+)"/g),
    ...all(src(f), /=> \("([a-z0-9-]+)",/g),
  ]);
  assert.deepEqual(sorted(unions.CloneUrlCode[1]), sorted(emitted));
});

test('key match codes: README\'s table is key_match.rs\'s message table', () => {
  const table = src('key_match.rs').match(/const MESSAGES[^=]*=\s*\[([\s\S]*?)\n\];/);
  assert.ok(table, 'key_match.rs has no MESSAGES table');
  assert.deepEqual(sorted(unions.MatchCode[1]), sorted(all(table[1], /\(\s*"([a-z0-9-]+)",/g)));
});

test('every union has members, none repeated', () => {
  for (const [name, [, members]] of Object.entries(unions)) {
    assert.ok(members.length > 1, name);
    assert.equal(new Set(members).size, members.length, name);
  }
  assert.ok(unions.ConvertTarget[1].includes('pkcs1') && !unions.ConvertTarget[1].includes('unknown'));
});
