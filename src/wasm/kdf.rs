//! Key derivations across the JavaScript boundary: a request as an object, `{name, salt, length, write}` and the
//! KDF's parameters (`pbkdf2`: `hash`, `iterations`; `scrypt`: `logN`, `r`, `p`; `bcrypt`: `rounds`; `argon2id`,
//! `argon2i`, `argon2d`: `memoryKib`, `passes`, `parallelism`), which the key engine throws with code
//! `kdf-needed` and takes back with `key` (a `Uint8Array`) or `refused`; and (cargo feature `kdfs`) the KDF
//! part's `deriveKey`.

use crate::kdf::{Argon2Flavor, Params, Prf, Request};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

/// The request as the JavaScript object described above.
#[cfg(feature = "read")]
pub(super) fn request_to_js(request: &Request) -> js_sys::Object {
    use super::set;
    let obj = js_sys::Object::new();
    set(&obj, "name", request.params.name());
    match request.params {
        Params::Pbkdf2 { prf, iterations } => {
            set(&obj, "hash", prf.hash_name());
            set(&obj, "iterations", iterations);
        }
        Params::Scrypt { log_n, r, p } => {
            set(&obj, "logN", log_n);
            set(&obj, "r", r);
            set(&obj, "p", p);
        }
        Params::Bcrypt { rounds } => set(&obj, "rounds", rounds),
        Params::Argon2 {
            memory_kib,
            passes,
            lanes,
            ..
        } => {
            set(&obj, "memoryKib", memory_kib);
            set(&obj, "passes", passes);
            set(&obj, "parallelism", lanes);
        }
    }
    set(&obj, "salt", Uint8Array::from(&request.salt[..]));
    set(&obj, "length", request.len as u32);
    set(&obj, "write", request.write);
    obj
}

/// `obj[name]`, if it is there.
fn get(obj: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(obj, &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// `obj[name]` as a u32.
fn number(obj: &JsValue, name: &str) -> Option<u32> {
    let n = get(obj, name)?.as_f64()?;
    (n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n)).then_some(n as u32)
}

/// `obj[name]` as the bytes of a `Uint8Array`.
pub(super) fn bytes(obj: &JsValue, name: &str) -> Option<Uint8Array> {
    get(obj, name)?.dyn_into::<Uint8Array>().ok()
}

/// The request of a JavaScript object as [`request_to_js`] makes it; `None` if it is not one.
pub(super) fn request_from_js(obj: &JsValue) -> Option<Request> {
    let name = get(obj, "name")?.as_string()?;
    let params = match name.as_str() {
        "pbkdf2" => Params::Pbkdf2 {
            prf: Prf::from_hash_name(&get(obj, "hash")?.as_string()?)?,
            iterations: number(obj, "iterations")?,
        },
        "scrypt" => Params::Scrypt {
            log_n: u8::try_from(number(obj, "logN")?).ok()?,
            r: number(obj, "r")?,
            p: number(obj, "p")?,
        },
        "bcrypt" => Params::Bcrypt {
            rounds: number(obj, "rounds")?,
        },
        other => Params::Argon2 {
            flavor: Argon2Flavor::from_name(other)?,
            memory_kib: number(obj, "memoryKib")?,
            passes: number(obj, "passes")?,
            lanes: number(obj, "parallelism")?,
        },
    };
    Some(Request {
        params,
        salt: bytes(obj, "salt")?.to_vec(),
        len: number(obj, "length")? as usize,
        write: get(obj, "write").is_some_and(|w| w.is_truthy()),
    })
}

/// `deriveKey(request, passphrase: Uint8Array)` -> the derived bytes (`Uint8Array`), for a request the key
/// engine threw with code `kdf-needed`; for PBKDF2, `request.firstBlock` (default 0) derives `length` bytes from
/// that output block on (a part of the derivation, for parallel workers); for scrypt, `request.firstBlock` and
/// `request.blocks` give those of its `p` blocks mixed (128·r bytes each), and `request.mixed` (all `p` of them,
/// in order) the key. This module's copies of the passphrase and of the bytes are wiped
/// before it returns. Throws an `Error` with code `kdf-refused` and `refused` (`empty-passphrase`, `invalid`)
/// when the KDF does not take them, `invalid-option` for a request that is not one or is past keyfit's caps.
#[cfg(feature = "kdfs")]
#[wasm_bindgen(js_name = deriveKey)]
pub fn derive_key(request: JsValue, passphrase: Uint8Array) -> Result<Uint8Array, JsValue> {
    let request_js = request;
    let request = request_from_js(&request_js)
        .filter(Request::within_caps)
        .ok_or_else(|| {
            super::coded_error(
                "invalid-option",
                "deriveKey takes a request the key engine made, within keyfit's caps.",
            )
        })?;
    let whole_number = |name: &str| match get(&request_js, name) {
        None => Ok(None),
        Some(_) => number(&request_js, name).map(Some).ok_or_else(|| {
            super::coded_error("invalid-option", &format!("{name} must be a whole number."))
        }),
    };
    let first = whole_number("firstBlock")?.unwrap_or(0);
    let blocks = whole_number("blocks")?;
    let pass = zeroize::Zeroizing::new(passphrase.to_vec());
    let derived = if let Some(mixed) = bytes(&request_js, "mixed") {
        let mixed = zeroize::Zeroizing::new(mixed.to_vec());
        crate::kdf::scrypt_finish(&request, &pass, &mixed)
    } else if let Some(count) = blocks {
        crate::kdf::scrypt_blocks(&request, &pass, first, count)
    } else {
        crate::kdf::derive_from_block(&request, &pass, first)
    };
    match derived {
        Ok(key) => Ok(Uint8Array::from(&key[..])),
        Err(refused) => {
            let e = super::coded_error("kdf-refused", "The key derivation refused its input.");
            let _ = Reflect::set(&e, &"refused".into(), &refused.name().into());
            Err(e)
        }
    }
}
