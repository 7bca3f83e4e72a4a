//! The key engine's JavaScript API for making keys (cargo feature `keys`, not in the check part): generateKey,
//! finishKey, findPrime, keyFromPrimes, convertKey (and, with `bench`, seededKeygen).

use super::keys::{input_bytes, js_error, misuse, opt_string, with_derived_keys};
use crate::convert::{self, ConvertOptions};
use crate::generate::{self, GenerateOptions, GeneratedKey};
use crate::parsed::Format;
use js_sys::{JsString, Object, Reflect, Uint8Array};
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
    super::set(&obj, "privateKey", key.private_key.as_str());
    super::set(&obj, "publicKey", key.public_key.as_str());
    super::set(&obj, "fingerprintSha256", key.fingerprint_sha256.as_str());
    super::set(&obj, "fingerprintMd5", key.fingerprint_md5.as_str());
    super::set(&obj, "bits", key.bits as u32);
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
