//! The JavaScript API, through wasm-bindgen: the only file that knows about the browser.
//!
//! Each binding reads its options, calls the core and maps the error to a JavaScript `Error` whose `code`
//! property is the stable kebab-case code of [`crate::Error::code`].

use crate::error::Error;
use crate::generate::{self, GenerateOptions, GeneratedKey};
use js_sys::{Object, Reflect, Uint8Array};
use rand_core::OsRng;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

/// Turns a keyfit error into a JavaScript `Error` with a `code` property.
fn js_error(err: &Error) -> JsValue {
    let e = js_sys::Error::new(&err.to_string());
    let _ = Reflect::set(&e, &"code".into(), &err.code().into());
    e.into()
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
    v.as_string().map(Some).ok_or_else(|| misuse(&format!("{name} must be a string")))
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

/// Sets `obj[key] = value`.
fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &key.into(), &value.into());
}

fn generate_options(options: &JsValue) -> Result<GenerateOptions, JsValue> {
    let bits = opt_number(options, "bits")?.map_or(generate::DEFAULT_BITS, |b| b as usize);
    Ok(GenerateOptions {
        bits,
        comment: opt_string(options, "comment")?.unwrap_or_default(),
        passphrase: Zeroizing::new(opt_string(options, "passphrase")?.unwrap_or_default()),
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
/// fingerprintMd5, bits}`: an RSA key made by keyfit's Rust engine, private key as PKCS#1 PEM.
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
