//! The JavaScript API for reading keys (cargo feature `read`: the key engine and its check part): inspectKey and
//! matchKey, and the option readers that `wasm/make.rs` shares.

use super::{coded_error, or_null, problems_to_js, set};
use crate::error::Error;
use crate::inspect::Report;
use crate::kdf::outside::Derived;
use crate::parsed::Kdf;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

/// Turns a keyfit error into a JavaScript `Error` with a `code` property.
pub(super) fn js_error(err: &Error) -> JsValue {
    coded_error(err.code(), &err.to_string())
}

pub(super) fn misuse(what: &str) -> JsValue {
    js_error(&Error::InvalidOption(what.to_string()))
}

/// Reads `options[name]` as a string; absent, null or undefined give `None`.
pub(super) fn opt_string(options: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
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

/// Reads the input of `inspectKey`/`convertKey`: a string or a `Uint8Array` (the bytes of a dropped file).
pub(super) fn input_bytes(input: &JsValue) -> Result<Zeroizing<Vec<u8>>, JsValue> {
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
pub(super) fn with_derived_keys<T>(
    options: &JsValue,
    read: impl FnOnce() -> T,
) -> Result<T, JsValue> {
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

/// Reads `options.passphrase` of inspectKey and matchKey. The check part (cargo feature `read` without `keys`)
/// decrypts no key, so it refuses a passphrase rather than report the key as locked when it was given one.
fn passphrase(options: &JsValue) -> Result<Zeroizing<String>, JsValue> {
    let pass = Zeroizing::new(opt_string(options, "passphrase")?.unwrap_or_default());
    if !cfg!(feature = "keys") && !pass.is_empty() {
        return Err(misuse(
            "this is keyfit's check part, which decrypts no key: the key engine (keyfit.js) takes the passphrase",
        ));
    }
    Ok(pass)
}

/// `inspectKey(textOrBytes, {passphrase, derivedKeys})` -> the checker's report. Problems with the key are in the report;
/// it throws only for misuse (a key that is neither a string nor a `Uint8Array`, a non-string passphrase).
#[wasm_bindgen(js_name = inspectKey)]
pub fn inspect_key(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let bytes = input_bytes(&input)?;
    let pass = passphrase(&options)?;
    let report = with_derived_keys(&options, || {
        crate::inspect::inspect(&bytes, Some(pass.as_bytes()))
    })?;
    Ok(report_to_js(&report))
}

// ---- matchKey (issue 13): the key against what the git host shows ----

/// `matchKey(keyInput, {passphrase, derivedKeys}, other)` -> `{match: true|false|null, otherKind, message, code,
/// keyFingerprint}`: whether the key (a string or `Uint8Array`, any form `inspectKey` reads) is the one that
/// `other` (a public key or a fingerprint, as git hosts and tools show them) names. Throws only for misuse.
#[wasm_bindgen(js_name = matchKey)]
pub fn match_key(input: JsValue, options: JsValue, other: JsValue) -> Result<JsValue, JsValue> {
    let bytes = input_bytes(&input)?;
    let pass = passphrase(&options)?;
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
