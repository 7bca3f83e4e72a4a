//! The JavaScript API, through wasm-bindgen: the only files that know about the browser.
//!
//! Four parts, one per cargo feature, so that the page can load each alone: the key engine (`keys`: generateKey,
//! inspectKey, convertKey, matchKey, ...; `wasm/keys.rs` and `wasm/make.rs`), its check part (`read`:
//! inspectKey and matchKey without a passphrase; `wasm/keys.rs`), the Host URL check (`clone-url`: checkCloneUrl;
//! `wasm/clone_url.rs`) and the KDFs (`kdfs`: deriveKey, for what the key engine asks; `wasm/kdf.rs`). Each binding reads its options, calls the core and maps the error to a JavaScript
//! `Error` whose `code` property is a stable kebab-case code (for the key engine, that of `crate::Error::code`).

#[cfg(any(feature = "read", feature = "clone-url"))]
use crate::problem::Problem;
use js_sys::Reflect;
#[cfg(any(feature = "read", feature = "clone-url"))]
use js_sys::{Array, Object};
use wasm_bindgen::JsValue;

#[cfg(feature = "clone-url")]
mod clone_url;
#[cfg(any(feature = "read", feature = "kdfs"))]
mod kdf;
#[cfg(feature = "read")]
mod keys;
#[cfg(feature = "keys")]
mod make;

#[cfg(feature = "clone-url")]
pub use clone_url::check_clone_url;
#[cfg(feature = "kdfs")]
pub use kdf::derive_key;
#[cfg(feature = "read")]
pub use keys::{inspect_key, match_key};
#[cfg(feature = "bench")]
pub use make::seeded_keygen;
#[cfg(feature = "keys")]
pub use make::{convert_key, find_prime, finish_key, generate_key, key_from_primes};

/// A JavaScript `Error` with `message` and a `code` property.
fn coded_error(code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    let _ = Reflect::set(&e, &"code".into(), &code.into());
    e.into()
}

/// Sets `obj[key] = value`.
#[cfg(any(feature = "read", feature = "clone-url"))]
fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(obj, &key.into(), &value.into());
}

#[cfg(any(feature = "read", feature = "clone-url"))]
fn or_null<T: Into<JsValue>>(v: Option<T>) -> JsValue {
    v.map_or(JsValue::NULL, Into::into)
}

/// `[{code, severity, message, fix}]`, for `inspectKey` and `checkCloneUrl`.
#[cfg(any(feature = "read", feature = "clone-url"))]
fn problems_to_js(problems: &[Problem]) -> Array {
    let out = Array::new();
    for p in problems {
        let o = Object::new();
        set(&o, "code", p.code);
        set(&o, "severity", p.severity.name());
        set(&o, "message", p.message.as_str());
        set(&o, "fix", p.fix.as_str());
        out.push(&o);
    }
    out
}
