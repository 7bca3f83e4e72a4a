//! The key engine's JavaScript API (cargo feature `keys`): generateKey, finishKey, findPrime, keyFromPrimes,
//! inspectKey, convertKey, matchKey (and, with `bench`, seededKeygen).

use super::{coded_error, or_null, problems_to_js, set};
use crate::convert::{self, ConvertOptions};
use crate::error::Error;
use crate::generate::{self, GenerateOptions, GeneratedKey};
use crate::inspect::Report;
use crate::kdf::outside::Derived;
use crate::parsed::{Format, Kdf};
use js_sys::{Array, JsString, Object, Reflect, Uint8Array};
use rand_core::{CryptoRng, RngCore};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

/// The browser's `crypto.getRandomValues`, through getrandom. Not `rand_core::OsRng`: its `fill_bytes` panics
/// with getrandom's error text, which brings every one of getrandom's messages into the wasm (0.5 KB gzip).
struct OsRng;

impl RngCore for OsRng {
    fn next_u32(&mut self) -> u32 {
        rand_core::impls::next_u32_via_fill(self)
    }

    fn next_u64(&mut self) -> u64 {
        rand_core::impls::next_u64_via_fill(self)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        // No random source is a broken browser, not a bad input: nothing can go on without one.
        if getrandom::getrandom(dest).is_err() {
            panic!("no random source");
        }
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        getrandom::getrandom(dest).map_err(|e| e.code().into())
    }
}

impl CryptoRng for OsRng {}

/// Turns a keyfit error into a JavaScript `Error` with a `code` property.
fn js_error(err: &Error) -> JsValue {
    coded_error(err.code(), &err.to_string())
}

fn misuse(what: &str) -> JsValue {
    js_error(&Error::InvalidOption(what.to_string()))
}

/// Reads `options[name]` as a string; absent, null or undefined give `None`.
fn opt_string(options: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    let v = Reflect::get(options, &name.into()).map_err(|_| misuse("options must be an object"))?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| misuse(&format!("{name} must be a string")))
}

/// Reads `options[name]` as a whole number.
fn opt_number(options: &JsValue, name: &str) -> Result<Option<f64>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    let v = Reflect::get(options, &name.into()).map_err(|_| misuse("options must be an object"))?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && n >= 0.0 => Ok(Some(n)),
        _ => Err(misuse(&format!("{name} must be a whole number"))),
    }
}

fn generate_options(options: &JsValue) -> Result<GenerateOptions, JsValue> {
    let bits = opt_number(options, "bits")?.map_or(generate::DEFAULT_BITS, |b| b as usize);
    Ok(GenerateOptions {
        bits,
        comment: opt_string(options, "comment")?.unwrap_or_default(),
        passphrase: opt_string(options, "passphrase")?
            .unwrap_or_default()
            .into(),
    })
}

fn generated_to_js(key: &GeneratedKey) -> JsValue {
    let obj = Object::new();
    set(&obj, "privateKey", key.private_key.as_str());
    set(&obj, "publicKey", key.public_key.as_str());
    set(&obj, "fingerprintSha256", key.fingerprint_sha256.as_str());
    set(&obj, "fingerprintMd5", key.fingerprint_md5.as_str());
    set(&obj, "bits", key.bits as u32);
    obj.into()
}

/// `generateKey({bits = 4096, comment = "", passphrase = ""})` -> `{privateKey, publicKey, fingerprintSha256,
/// fingerprintMd5, bits}`: an RSA key made by keyfit's Rust engine on this thread, private key as PKCS#1 PEM.
/// For parallel generation across workers, see `findPrime` and `keyFromPrimes`.
#[wasm_bindgen(js_name = generateKey)]
pub fn generate_key(options: JsValue) -> Result<JsValue, JsValue> {
    let opts = generate_options(&options)?;
    let key = generate::generate_key(&opts, &mut OsRng).map_err(|e| js_error(&e))?;
    Ok(generated_to_js(&key))
}

/// `finishKey(pkcs8Bytes, {comment, passphrase})` -> the same object as `generateKey`, from an RSA key the
/// browser's WebCrypto made and exported as PKCS#8.
#[wasm_bindgen(js_name = finishKey)]
pub fn finish_key(pkcs8: Uint8Array, options: JsValue) -> Result<JsValue, JsValue> {
    let der = Zeroizing::new(pkcs8.to_vec());
    let opts = generate_options(&options)?;
    let key = generate::finish_pkcs8(&der, &opts, &mut OsRng).map_err(|e| js_error(&e))?;
    Ok(generated_to_js(&key))
}

/// Reads the input of `inspectKey`/`convertKey`: a string or a `Uint8Array` (the bytes of a dropped file).
fn input_bytes(input: &JsValue) -> Result<Zeroizing<Vec<u8>>, JsValue> {
    if let Some(s) = input.as_string() {
        return Ok(Zeroizing::new(s.into_bytes()));
    }
    if input.is_instance_of::<Uint8Array>() {
        return Ok(Zeroizing::new(Uint8Array::new(input).to_vec()));
    }
    Err(misuse("the key must be a string or a Uint8Array"))
}

fn kdf_to_js(kdf: &Kdf) -> JsValue {
    let obj = Object::new();
    set(&obj, "name", kdf.name());
    match *kdf {
        Kdf::Bcrypt { rounds } => set(&obj, "rounds", rounds),
        Kdf::Argon2 {
            memory_kib,
            passes,
            parallelism,
            ..
        } => {
            set(&obj, "memoryKib", memory_kib);
            set(&obj, "passes", passes);
            set(&obj, "parallelism", parallelism);
        }
        Kdf::Pbkdf2 { prf, iterations } => {
            set(&obj, "prf", prf);
            set(&obj, "iterations", iterations);
        }
        Kdf::Pbkdf1 { hash, iterations } | Kdf::Pkcs12 { hash, iterations } => {
            set(&obj, "hash", hash);
            set(&obj, "iterations", iterations);
        }
        Kdf::Scrypt { log_n, r, p } => {
            set(&obj, "logN", log_n);
            set(&obj, "r", r);
            set(&obj, "p", p);
        }
        Kdf::EvpBytesToKeyMd5 | Kdf::PpkSha1 | Kdf::SshComMd5 => {}
    }
    obj.into()
}

fn report_to_js(r: &Report) -> JsValue {
    let obj = Object::new();
    set(&obj, "format", r.format.map_or("unknown", |f| f.name()));
    set(
        &obj,
        "kind",
        or_null(r.private.map(|p| if p { "private" } else { "public" })),
    );
    set(&obj, "algorithm", or_null(r.algorithm.map(|a| a.name())));
    set(&obj, "bits", or_null(r.bits));
    set(&obj, "encrypted", r.encrypted);
    set(&obj, "cipher", or_null(r.cipher.as_deref()));
    set(&obj, "kdf", r.kdf.as_ref().map_or(JsValue::NULL, kdf_to_js));
    set(&obj, "comment", or_null(r.comment.as_deref()));
    set(
        &obj,
        "fingerprintSha256",
        or_null(r.fingerprint_sha256.as_deref()),
    );
    set(
        &obj,
        "fingerprintMd5",
        or_null(r.fingerprint_md5.as_deref()),
    );
    set(&obj, "publicKey", or_null(r.public_key.as_deref()));
    set(&obj, "jiraReady", r.jira_ready);
    set(&obj, "problems", problems_to_js(&r.problems));
    let repairs = Array::new();
    for rep in &r.repairs {
        repairs.push(&rep.code().into());
    }
    set(&obj, "repairs", repairs);
    if let Some(text) = &r.repaired_text {
        set(&obj, "repairedText", text.as_str());
    }
    obj.into()
}

// ---- Derivations made outside: the option `derivedKeys` of inspectKey, convertKey and matchKey ----

/// Runs `read` as `options.derivedKeys` asks. An array (empty at first) of requests the engine threw, each with
/// `key` (a `Uint8Array`) or `refused`, says the caller derives (`wasm/kdf.rs`): a derivation it has not given
/// yet is thrown as `kdf-needed`. Absent, the KDFs run here when the engine has them (cargo feature `kdfs`); the
/// page's key engine has not, and throws `kdf-needed` all the same.
fn with_derived_keys<T>(options: &JsValue, read: impl FnOnce() -> T) -> Result<T, JsValue> {
    let derived = derived_keys(options)?;
    #[cfg(feature = "kdfs")]
    if derived.is_none() {
        return Ok(read());
    }
    crate::kdf::outside::outside(derived.unwrap_or_default(), read)
        .map_err(|request| kdf_needed(&request))
}

/// Reads `options.derivedKeys`: `None` when absent.
fn derived_keys(options: &JsValue) -> Result<Option<Vec<Derived>>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(None);
    }
    let list = Reflect::get(options, &"derivedKeys".into())
        .map_err(|_| misuse("options must be an object"))?;
    if list.is_undefined() || list.is_null() {
        return Ok(None);
    }
    let bad = || {
        misuse(
            "derivedKeys must be an array of the requests of kdf-needed, each with key or refused",
        )
    };
    if !Array::is_array(&list) {
        return Err(bad());
    }
    let mut out = Vec::new();
    for item in Array::from(&list).iter() {
        let request = super::kdf::request_from_js(&item).ok_or_else(bad)?;
        let key = match super::kdf::bytes(&item, "key") {
            Some(key) => Ok(Zeroizing::new(key.to_vec())),
            None => Err(Reflect::get(&item, &"refused".into())
                .ok()
                .and_then(|r| r.as_string())
                .and_then(|r| crate::kdf::Refused::from_name(&r))
                .ok_or_else(bad)?),
        };
        out.push(Derived { request, key });
    }
    Ok(Some(out))
}

/// The `Error` with code `kdf-needed` and `kdf`: the request to derive (from the passphrase of the call, or for
/// `write: true` from the new passphrase) and give back in `derivedKeys`.
fn kdf_needed(request: &crate::kdf::Request) -> JsValue {
    let e = js_sys::Error::new("keyfit needs this key derivation in options.derivedKeys.");
    let _ = Reflect::set(&e, &"code".into(), &"kdf-needed".into());
    let _ = Reflect::set(&e, &"kdf".into(), &super::kdf::request_to_js(request));
    e.into()
}

/// `inspectKey(textOrBytes, {passphrase, derivedKeys})` -> the checker's report. Problems with the key are in the report;
/// it throws only for misuse (a key that is neither a string nor a `Uint8Array`, a non-string passphrase).
#[wasm_bindgen(js_name = inspectKey)]
pub fn inspect_key(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let bytes = input_bytes(&input)?;
    let pass = Zeroizing::new(opt_string(&options, "passphrase")?.unwrap_or_default());
    let report = with_derived_keys(&options, || {
        crate::inspect::inspect(&bytes, Some(pass.as_bytes()))
    })?;
    Ok(report_to_js(&report))
}

/// `convertKey(textOrBytes, {passphrase, to, newPassphrase, comment, cipher, rounds, derivedKeys})` -> the converted text.
#[wasm_bindgen(js_name = convertKey)]
pub fn convert_key(input: JsValue, options: JsValue) -> Result<JsString, JsValue> {
    let bytes = input_bytes(&input)?;
    let to = opt_string(&options, "to")?.ok_or_else(|| misuse("options.to is required"))?;
    let mut opts = ConvertOptions::new(Format::from_name(&to).map_err(|e| js_error(&e))?);
    opts.passphrase = opt_string(&options, "passphrase")?
        .unwrap_or_default()
        .into();
    opts.new_passphrase = opt_string(&options, "newPassphrase")?
        .unwrap_or_default()
        .into();
    opts.comment = opt_string(&options, "comment")?;
    if let Some(cipher) = opt_string(&options, "cipher")? {
        opts.cipher = convert::cipher_from_name(&cipher).map_err(|e| js_error(&e))?;
    }
    if let Some(rounds) = opt_number(&options, "rounds")? {
        opts.rounds = rounds.min(f64::from(u32::MAX)) as u32;
    }
    let out = with_derived_keys(&options, || convert::convert_key(&bytes, &opts, &mut OsRng))?
        .map_err(|e| js_error(&e))?;
    // JavaScript copies the text straight out of `out`, which is wiped when it drops: a returned `String` would
    // be a second copy, freed by wasm-bindgen without wiping.
    Ok(JsString::from(out.as_str()))
}

/// `findPrime(bits)` -> `Uint8Array`: a probable prime of exactly `bits` bits (top two set, `gcd(65537, p - 1) =
/// 1`), big-endian. For parallel key generation: each Web Worker calls `findPrime(keyBits / 2)` and posts the
/// bytes to the coordinator, which passes two of them to `keyFromPrimes`.
#[wasm_bindgen(js_name = findPrime)]
pub fn find_prime(bits: f64) -> Result<Uint8Array, JsValue> {
    if bits.fract() != 0.0 || !(0.0..=f64::from(u32::MAX)).contains(&bits) {
        return Err(misuse("bits must be a whole number"));
    }
    let mut p = crate::prime::find_prime(bits as usize, generate::PUBLIC_EXPONENT, &mut OsRng)
        .map_err(|e| js_error(&e))?;
    let bytes = Zeroizing::new(p.to_bytes_be());
    zeroize::Zeroize::zeroize(&mut p);
    Ok(Uint8Array::from(&bytes[..]))
}

/// `keyFromPrimes(pBytes, qBytes, {bits = 4096, comment = "", passphrase = ""})` -> the same object as
/// `generateKey`, from two big-endian primes made by `findPrime(bits / 2)`. The primes are checked (size, top
/// bits, distance, trial division and a base-2 strong probable-prime test), never trusted.
#[wasm_bindgen(js_name = keyFromPrimes)]
pub fn key_from_primes(p: Uint8Array, q: Uint8Array, options: JsValue) -> Result<JsValue, JsValue> {
    let opts = generate_options(&options)?;
    let p_bytes = Zeroizing::new(p.to_vec());
    let q_bytes = Zeroizing::new(q.to_vec());
    let p = num_bigint_dig::BigUint::from_bytes_be(&p_bytes);
    let q = num_bigint_dig::BigUint::from_bytes_be(&q_bytes);
    let key = generate::key_from_primes(p, q, &opts, &mut OsRng).map_err(|e| js_error(&e))?;
    Ok(generated_to_js(&key))
}

/// `seededKeygen(seed, bits, engine = "fast")` -> the SHA-256 fingerprint of the key that `seed` determines,
/// made by `"fast"` (keyfit's prime search, as `generateKey`) or `"rsa"` (the `rsa` crate's). BENCHMARK ONLY: a seeded key is
/// not secret, which is why only its fingerprint comes back. Time the call to compare with
/// `cargo run --release --example seeded_keygen`.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = seededKeygen)]
pub fn seeded_keygen(seed: u32, bits: u32, engine: Option<String>) -> Result<String, JsValue> {
    use crate::generate::bench;
    let engine =
        bench::Engine::from_name(engine.as_deref().unwrap_or("fast")).map_err(|e| js_error(&e))?;
    bench::seeded_keygen(seed, bits as usize, engine).map_err(|e| js_error(&e))
}

// ---- matchKey (issue 13): the key against what the git host shows ----

/// `matchKey(keyInput, {passphrase, derivedKeys}, other)` -> `{match: true|false|null, otherKind, message, code,
/// keyFingerprint}`: whether the key (a string or `Uint8Array`, any form `inspectKey` reads) is the one that
/// `other` (a public key or a fingerprint, as git hosts and tools show them) names. Throws only for misuse.
#[wasm_bindgen(js_name = matchKey)]
pub fn match_key(input: JsValue, options: JsValue, other: JsValue) -> Result<JsValue, JsValue> {
    let bytes = input_bytes(&input)?;
    let pass = Zeroizing::new(opt_string(&options, "passphrase")?.unwrap_or_default());
    let other = input_bytes(&other)?;
    let m = with_derived_keys(&options, || {
        crate::key_match::match_key(&bytes, Some(pass.as_bytes()), &other)
    })?;
    let obj = Object::new();
    set(&obj, "match", or_null(m.matches));
    set(&obj, "otherKind", m.other_kind.name());
    set(&obj, "message", m.message.as_str());
    set(&obj, "code", m.code);
    set(
        &obj,
        "keyFingerprint",
        or_null(m.key_fingerprint.as_deref()),
    );
    Ok(obj.into())
}
