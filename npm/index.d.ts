// Types of keyfit's JavaScript API (README "JavaScript API"). The string unions are in codes.d.ts, made from
// README's code tables and the engine's name tables.
import type {
  Algorithm, CloneUrlCode, ConvertTarget, HostKind, KdfName, KeyFormat, MatchCode, OtherKind, ProblemCode, RepairCode,
  Severity, UrlForm,
} from './codes.js';

export type {
  Algorithm, CloneUrlCode, ConvertTarget, HostKind, KdfName, KeyFormat, MatchCode, OtherKind, ProblemCode, RepairCode,
  Severity, UrlForm,
};

/** A key as text, or the bytes of a key file (DER works). */
export type KeyInput = string | Uint8Array;

/** What `init` loads the key engine from; by default keyfit_bg.wasm beside the module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads keyfit's engine, its three parts: the key engine (from `input`, by default keyfit_bg.wasm), the Host URL
 * check (keyfit_url_bg.wasm) and the KDFs (keyfit_kdf_bg.wasm); every other function needs it done once. */
export default function init(
  input?: { module_or_path?: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;

/** Loads the key engine (keyfit_bg.wasm) from bytes or a compiled module, synchronously: every function but
 * `checkCloneUrl`. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;

/** Loads the Host URL check (keyfit_url_bg.wasm) from bytes or a compiled module, synchronously: `checkCloneUrl`. */
export function initCloneUrlSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;

/** Loads the KDFs (keyfit_kdf_bg.wasm) from bytes or a compiled module, synchronously: the key derivations
 * `inspectKey`, `convertKey` and `matchKey` make for encrypted keys. */
export function initKdfSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;

/** Every error keyfit throws: an `Error` with a stable `code` (thrown only for misuse or an impossible request). */
export interface KeyfitError extends Error {
  code: ProblemCode;
}

/** One finding of a report, in plain words. */
export interface Problem<Code extends string = ProblemCode> {
  code: Code;
  severity: Severity;
  message: string;
  fix: string;
}

export interface GenerateOptions {
  /** 2048, 3072 or 4096 (default). */
  bits?: number;
  comment?: string;
  /** Encrypts the private key as `ssh-keygen -m PEM -N` does (AES-128-CBC); empty: unencrypted. */
  passphrase?: string;
}

/** A new RSA key pair; the private key is PKCS#1 PEM, what Jira takes. */
export interface GeneratedKey {
  privateKey: string;
  /** The `ssh-rsa AAAA... comment` line. */
  publicKey: string;
  /** `SHA256:` and 43 base64 characters. */
  fingerprintSha256: string;
  /** `MD5:aa:bb:...`. */
  fingerprintMd5: string;
  bits: number;
}

/** An RSA key (e = 65537) made by keyfit's own prime search on the calling thread. */
export function generateKey(options?: GenerateOptions): GeneratedKey;
/** The same result for an RSA key made by WebCrypto and exported as PKCS#8. */
export function finishKey(pkcs8: Uint8Array, options?: GenerateOptions): GeneratedKey;
/** One prime of `bits` bits for an RSA key (one per worker: the first two become the key). */
export function findPrime(bits: number): Uint8Array;
/** The key from two primes of `findPrime(options.bits / 2)`. */
export function keyFromPrimes(p: Uint8Array, q: Uint8Array, options?: GenerateOptions): GeneratedKey;

export interface PassphraseOption {
  passphrase?: string;
}

/** The key derivation function of an encrypted key, with the parameters its file gives. */
export interface Kdf {
  name: KdfName;
  /** bcrypt-pbkdf */
  rounds?: number;
  /** Argon2 */
  memoryKib?: number;
  passes?: number;
  parallelism?: number;
  /** PBKDF2 */
  prf?: string;
  /** PBKDF2, pbkdf1, pkcs12 */
  iterations?: number;
  /** pbkdf1, pkcs12 */
  hash?: string;
  /** scrypt */
  logN?: number;
  r?: number;
  p?: number;
}

/** What `inspectKey` found. */
export interface KeyReport {
  format: KeyFormat;
  kind: 'private' | 'public' | null;
  algorithm: Algorithm | null;
  bits: number | null;
  encrypted: boolean;
  /** As the file names it: `aes-128-cbc`, `aes256-ctr`, ... */
  cipher: string | null;
  kdf: Kdf | null;
  comment: string | null;
  fingerprintSha256: string | null;
  fingerprintMd5: string | null;
  /** The `ssh-... AAAA... comment` line. */
  publicKey: string | null;
  /** True exactly when the text as given is what Jira's Git Integration takes. */
  jiraReady: boolean;
  /** Errors first. */
  problems: Problem[];
  repairs: RepairCode[];
  /** The repaired text, when a repair was made. */
  repairedText?: string;
}

/** Reads any key; never throws for a bad key (every problem is in the report), only for misuse. */
export function inspectKey(input: KeyInput, options?: PassphraseOption): KeyReport;

export interface ConvertOptions extends PassphraseOption {
  to: ConvertTarget;
  /** Empty or absent: an unencrypted key. */
  newPassphrase?: string;
  comment?: string;
  /** For `pkcs1`: `aes-128-cbc` (default), `aes-256-cbc` or `des-ede3-cbc`. */
  cipher?: 'aes-128-cbc' | 'aes-256-cbc' | 'des-ede3-cbc';
  /** For `openssh`: bcrypt-pbkdf rounds (default 16). */
  rounds?: number;
}

/** The key in another format; throws a KeyfitError when it cannot. */
export function convertKey(input: KeyInput, options: ConvertOptions): string;

export interface KeyMatch {
  /** null when no answer is possible (`code` says why). */
  match: boolean | null;
  otherKind: OtherKind;
  code: MatchCode;
  message: string;
  /** The key's fingerprint in the form of `other`, or null when the key's public half is not known. */
  keyFingerprint: string | null;
}

/** Whether the key given to Jira is the one the git host has (a public key or a fingerprint in `other`). */
export function matchKey(input: KeyInput, options: PassphraseOption | undefined | null, other: KeyInput): KeyMatch;

/** Where a git host wants the public key. */
export interface HostGuide {
  accountKeys: string;
  accountKeysUrl: string | null;
  deployKeys: string | null;
  deployKeysUrl: string | null;
  keyTypes: string;
  /** A command that checks the connection with the key saved as `id_rsa.pem`. */
  verify: string;
  docs: string[];
}

/** What `checkCloneUrl` found in a pasted Host URL. */
export interface CloneUrlReport {
  /** True exactly when no problem has error severity. */
  ok: boolean;
  form: UrlForm;
  user: string | null;
  host: string | null;
  port: number | null;
  path: string | null;
  hostKind: HostKind;
  hostName: string;
  cleaned: string;
  problems: Problem<CloneUrlCode>[];
  /** The URL to paste instead, or null. */
  suggestion: string | null;
  guide: HostGuide;
}

/** Checks what a user pastes into Jira's Host URL field; throws only for misuse (not a string). */
export function checkCloneUrl(text: string): CloneUrlReport;
