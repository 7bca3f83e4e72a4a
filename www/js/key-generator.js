// Key generation for the Generate tab. WebCrypto (the browser's own RSA) runs in one worker; keyfit's Rust
// engine searches for the two primes in parallel, one worker per core: each worker looks for a prime from its own
// random start, and the first two primes found become p and q. The workers stay for the next key (each loads
// the wasm once); a worker still searching when the key is made is terminated. Cancel terminates every worker.
import { WorkerClient } from './worker-client.js';
import { failure } from './failure.js';

/**
 * Safari (WebKit) reports 4 cores on any machine with fewer than 8, to hide the real count. On a 2-core machine
 * WebKit said 4, and 4 prime workers were slower than 2 in every engine (`./build.sh bench engines`), so WebKit's
 * 4 counts as 2: a real 4-core Mac loses some speed, a 2-core one no longer loses more.
 */
const isWebKit = typeof navigator !== 'undefined' && /AppleWebKit/.test(navigator.userAgent)
  && !/Chrome|Chromium|Edg|Firefox|CriOS|FxiOS/.test(navigator.userAgent);
const cores = navigator.hardwareConcurrency === 4 && isWebKit ? 2 : navigator.hardwareConcurrency || 2;

/** How many workers search for primes: one per core, at least two so p and q are found concurrently. */
export const PRIME_WORKERS = Math.max(2, Math.min(cores, 8));

export class KeyGenerator {
  #single = new WorkerClient();
  #pool = Array.from({ length: PRIME_WORKERS }, () => new WorkerClient());

  /** Same contract as WorkerClient.call('generateKey', args): resolves with the key pair, rejects with a coded Error. */
  async call(op, args) {
    if (op !== 'generateKey') throw failure('invalid-option', `Unknown operation ${op}.`);
    const rust = args.engine === 'rust' || (args.engine !== 'webcrypto' && !globalThis.crypto?.subtle);
    if (!rust) return this.#single.call('generateKey', args);
    return this.#parallel(args);
  }

  /** Stops every worker; pending calls reject with code "cancelled". */
  cancel() {
    this.#single.cancel();
    for (const c of this.#pool) c.cancel();
  }

  async #parallel({ bits, comment, passphrase }) {
    const pool = this.#pool;
    const busy = new Set();
    const primes = [];
    const run = async (client, op, args) => {
      busy.add(client);
      try {
        return await client.call(op, args);
      } finally {
        busy.delete(client);
      }
    };
    try {
      return await new Promise((resolve, reject) => {
        let done = false;
        const finish = (fn, value) => { if (!done) { done = true; fn(value); } };
        const search = async (client) => {
          while (!done) {
            const prime = await run(client, 'findPrime', { bits: bits / 2 });
            if (done) { prime.fill(0); return; }
            primes.push(prime);
            if (primes.length < 2) continue;
            const [p, q] = primes.splice(0, 2);
            try {
              // keyFromPrimes checks both (size, top bits, |p - q|, primality to base 2) and writes the key.
              const key = await run(client, 'keyFromPrimes', { p, q, bits, comment, passphrase });
              finish(resolve, { ...key, engine: 'rust', workers: pool.length });
            } catch (err) {
              if (err.code !== 'inconsistent-key') throw err;
              // A pair that does not make a key (too close together, or not prime): drop both, search on.
            } finally {
              p.fill(0);
              q.fill(0);
            }
          }
        };
        for (const client of pool) search(client).catch((err) => finish(reject, err));
      });
    } finally {
      for (const p of primes) p.fill(0);
      for (const c of busy) c.cancel(); // still searching: stop it; it restarts on the next call
    }
  }
}
