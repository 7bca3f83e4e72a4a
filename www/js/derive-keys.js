// The key derivations of an engine call. The page's key engine (pkg/keyfit_bg.wasm) is built without the KDFs: a
// call that needs one throws `kdf-needed` with the request (`err.kdf`: {name, salt, length, write} and the KDF's
// parameters), which is made here and handed back in the call's `derivedKeys`. PBKDF2 with SHA-1, -256, -384 or
// -512 goes to WebCrypto where crypto.subtle exists (native code); everything else, and PBKDF2 without WebCrypto,
// to the KDF part (pkg/keyfit_kdf_bg.wasm, `deriveKey`, built at opt-level 3). A reading derives from the
// passphrase, a write (`write: true`: a fresh salt the engine then writes) from the new passphrase. Passphrases
// cross as bytes, zeroed after each derivation; derived bytes are zeroed once the call returns.
import { failure } from './failure.js';

/** A call asks for at most a reading's and a write's derivation; the engine asks nothing it was given again. */
const MAX_DERIVATIONS = 4;

/** PBKDF2's output block, in bytes, per hash. */
const PBKDF2_BLOCK = { 'SHA-1': 20, 'SHA-224': 28, 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 };
/** Least PBKDF2 work (iterations × output blocks) split across workers: below it, a worker's start (its script and
 * the KDF part's compile, tens of milliseconds) costs more than the half it saves. */
const PARALLEL_WORK = 200_000;
/** Least scrypt work (N × r × p) whose p blocks are mixed across workers, for the same reason: about 130 ms of
 * mixing in Chromium (scrypt with N × r × p at keyfit's cap, 2^20, took 521 ms in one worker:
 * tests/bench/hostile.mjs). */
const PARALLEL_SCRYPT_WORK = 1 << 18;

/**
 * Runs `call(derivedKeys)` (inspectKey, convertKey or matchKey with `derivedKeys`) until it needs nothing more.
 * `kdfPart()` resolves with the KDF part's bindings ({deriveKey}), loading it on first need. `lanes` (optional):
 * `{count, derive(request, passphraseBytes)}`, extra workers for a PBKDF2's independent output blocks and a
 * scrypt's independent blocks.
 */
export async function withDerivedKeys(passphrases, call, kdfPart, lanes) {
  const run = untilDerived(passphrases, call);
  try {
    let step = run.next();
    while (!step.done) step = run.next(await derive(step.value.request, step.value.passphrase, kdfPart, lanes));
    return step.value;
  } finally {
    run.return();
  }
}

/**
 * The loop both withDerivedKeys and withDerivedKeysSync run: calls `call(derivedKeys)`; each `kdf-needed` it throws
 * is yielded as `{request, passphrase}` (the passphrase the request derives from) and what comes back (`{key}` or
 * `{refused}`) is added to derivedKeys for the next call. Returns what the call returned; the derived bytes are
 * zeroed when it ends, however it ends.
 */
function* untilDerived({ passphrase, newPassphrase }, call) {
  const derivedKeys = [];
  try {
    for (;;) {
      try {
        return call(derivedKeys);
      } catch (err) {
        if (err?.code !== 'kdf-needed') throw err;
        if (derivedKeys.length >= MAX_DERIVATIONS) throw failure('internal', 'keyfit asked for too many key derivations.');
        const request = err.kdf;
        const made = yield { request, passphrase: (request.write ? newPassphrase : passphrase) ?? '' };
        derivedKeys.push({ ...request, ...made });
      }
    }
  } finally {
    for (const { key } of derivedKeys) key?.fill(0);
  }
}

/** One derivation: `{key}`, or `{refused}` (why the KDF takes neither this passphrase nor these parameters). */
async function derive(request, passphrase, kdfPart, lanes) {
  const pass = new TextEncoder().encode(passphrase);
  try {
    if (request.name === 'pbkdf2' && request.hash !== 'SHA-224' && globalThis.crypto?.subtle) {
      const key = await webcryptoPbkdf2(pass, request);
      if (key) return { key };
    }
    const { deriveKey } = await kdfPart();
    try {
      const parts = pbkdf2Parts(request, lanes);
      if (parts.length > 1) return { key: await inParallel(request, parts, pass, lanes, request.length) };
      const mixes = scryptParts(request, lanes);
      if (mixes.length > 1) return { key: await scryptInParallel(request, mixes, pass, lanes, deriveKey) };
      return { key: deriveKey(request, pass) };
    } catch (err) {
      return asRefusal(err);
    }
  } finally {
    pass.fill(0);
  }
}

/** A PBKDF2's output blocks in `lanes.count` parts at most, `[{firstBlock, length}]`: one part when it is not
 * worth splitting (few blocks or little work, one core, no lanes). */
function pbkdf2Parts(request, lanes) {
  const block = PBKDF2_BLOCK[request.hash];
  const blocks = Math.ceil(request.length / (block ?? request.length));
  const count = Math.min(blocks, lanes?.count ?? 1);
  if (request.name !== 'pbkdf2' || !block || count < 2 || request.iterations * blocks < PARALLEL_WORK) {
    return [{ firstBlock: 0, length: request.length }];
  }
  const parts = [];
  for (let i = 0, first = 0; i < count; i++) {
    const n = Math.ceil((blocks - first) / (count - i));
    parts.push({ firstBlock: first, length: Math.min(n * block, request.length - first * block) });
    first += n;
  }
  return parts;
}

/** A scrypt's p blocks in `lanes.count` parts at most, `[{firstBlock, blocks}]`: none when it is not worth
 * splitting (one block, little work, one core, no lanes). Each part is mixed apart (RFC 7914: the blocks are
 * independent), then one PBKDF2 over them all makes the key. */
function scryptParts(request, lanes) {
  const count = Math.min(request.p, lanes?.count ?? 1);
  const work = 2 ** request.logN * request.r * request.p;
  if (request.name !== 'scrypt' || count < 2 || work < PARALLEL_SCRYPT_WORK) return [];
  const parts = [];
  for (let i = 0, first = 0; i < count; i++) {
    const blocks = Math.ceil((request.p - first) / (count - i));
    parts.push({ firstBlock: first, blocks });
    first += blocks;
  }
  return parts;
}

/** A scrypt whose blocks are mixed in lanes (`inParallel`), then finished here from all of them (`mixed`, zeroed
 * once used). */
async function scryptInParallel(request, parts, pass, lanes, deriveKey) {
  const mixed = await inParallel(request, parts, pass, lanes, 128 * request.r * request.p);
  try {
    return deriveKey({ ...request, mixed }, pass);
  } finally {
    mixed.fill(0);
  }
}

/** The parts derived at once, each in a lane (an extra worker), with its own copy of the passphrase, which the
 * lane zeroes: none here, as Chromium serves a new worker's start (its script) through the worker that starts it,
 * which a derivation here would hold up (a part here and one in a lane took as long as both here). The parts
 * joined (`length` bytes), then zeroed. */
async function inParallel(request, parts, pass, lanes, length) {
  const pending = parts.map((part) => lanes.derive({ ...request, ...part }, pass.slice()));
  try {
    const pieces = await Promise.all(pending);
    const key = new Uint8Array(length);
    let at = 0;
    for (const piece of pieces) {
      key.set(piece, at);
      at += piece.length;
    }
    return key;
  } finally {
    for (const r of await Promise.allSettled(pending)) if (r.status === 'fulfilled') r.value.fill(0);
  }
}

/** PBKDF2 with WebCrypto: the derived bytes, or null if WebCrypto refuses the parameters (the KDF part then
 * derives, or says why not). */
async function webcryptoPbkdf2(pass, { hash, salt, iterations, length }) {
  try {
    const base = await globalThis.crypto.subtle.importKey('raw', pass, 'PBKDF2', false, ['deriveBits']);
    return new Uint8Array(await globalThis.crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, base, length * 8));
  } catch {
    return null;
  }
}

/**
 * `call(derivedKeys)` as withDerivedKeys runs it, synchronously, every derivation by the KDF part's `deriveKey`
 * (loaded already): the npm package's inspectKey, convertKey and matchKey, which stay synchronous.
 */
export function withDerivedKeysSync(passphrases, call, deriveKey) {
  const run = untilDerived(passphrases, call);
  try {
    let step = run.next();
    while (!step.done) step = run.next(deriveHere(step.value.request, step.value.passphrase, deriveKey));
    return step.value;
  } finally {
    run.return();
  }
}

/** One derivation by the KDF part's `deriveKey`, synchronously: `{key}`, or `{refused}`. */
function deriveHere(request, passphrase, deriveKey) {
  const pass = new TextEncoder().encode(passphrase);
  try {
    return { key: deriveKey(request, pass) };
  } catch (err) {
    return asRefusal(err);
  } finally {
    pass.fill(0);
  }
}

/** The KDF part's `kdf-refused` as a derivation's outcome, `{refused}`; any other error is thrown on. */
function asRefusal(err) {
  if (err?.code === 'kdf-refused') return { refused: err.refused };
  throw err;
}
