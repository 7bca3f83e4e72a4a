// The engine part each worker op needs (build.sh builds the parts): worker.js loads it before the op runs, and
// worker-client.js hands the worker that part compiled on the page (js/workers.js) with the op.

/** Ops the check part answers when no passphrase comes with them (it decrypts no key). */
const READS = new Set(['inspectKey', 'matchKey']);

/** The parts an op needs: `load` names its own; checkCloneUrl needs the Host URL check's, deriveKey the KDFs, a key
 * checked or matched without a passphrase the check part, or the key engine where the page has it or is fetching
 * it (`requested(part)`: js/workers.js isRequested), which answers the same; every other op the key engine. */
export function partsFor(op, args, requested = () => false) {
  if (op === 'load') {
    return Array.isArray(args?.parts) ? args.parts.map((p) => (p === 'read' ? readingPart(requested) : p)) : [];
  }
  // A part of a PBKDF2 or a scrypt, in a worker that another worker started (worker.js `lanes`).
  if (op === 'deriveKey') return ['kdf'];
  if (op === 'checkCloneUrl') return ['url'];
  return [READS.has(op) && !args?.passphrase ? readingPart(requested) : 'keys'];
}

/** The part that reads a key given without a passphrase: the check part, or the key engine where the page has it
 * or is fetching it (a check then fetches nothing more). */
function readingPart(requested) {
  return requested('keys') ? 'keys' : 'read';
}
