//! keyfit: check, convert and generate SSH keys for Jira's Git Integration, in Rust that also runs as WebAssembly.
//!
//! Data flows one way: text in -> [`detect`](crate) (repair, sniff, read, decrypt) -> key model ->
//! [`inspect`] (diagnose) or [`convert_key`] (encode) -> text out. [`generate_key`] makes a new RSA key in
//! Jira's format. [`check_clone_url`] checks what a user pastes into Jira's Host URL field. The core knows
//! nothing of the browser; `wasm.rs` (and `wasm/`) is the only binding.
//!
//! Cargo features, all default: `keys` (everything about keys), `clone-url` (the clone URL check, which needs
//! none of the key code) and `kdfs` (the key derivations; without it `keys` asks its caller for each, see
//! `kdf.rs`); `keys` includes `read` (reading, checking and matching keys, decrypting none: the check part).
//! The page's wasm is built four times from this crate, once with each of `keys`, `read`, `clone-url` and
//! `kdfs` alone (build.sh).
//!
//! The public API is what this file re-exports; every module is internal (`pub(crate)`) except [`limits`]
//! (the caps keyfit applies) and, for wasm32, the JavaScript binding.

/// Declares items that exist only with cargo feature `read` (the key code; `keys` includes it).
macro_rules! with_read {
    ($($item:item)*) => { $(#[cfg(feature = "read")] $item)* };
}

// Everything about keys (feature `read`; what only `keys` does is left out of the check part by the linker).
with_read! {
    // The pipeline.
    mod convert;
    mod detect;
    mod generate;
    mod inspect;
    mod key_match;
    mod parsed;
    mod repair;
    mod secret;

    // The key formats, one file each (src/format/), and the layers they share.
    mod armor;
    mod asn1;
    mod error;
    mod format;
    mod key;
    mod legacy_pem;
    mod messages;
    mod text;
    mod wire;

    // keyfit's RSA prime search.
    mod prime;
}

// The clone URL check of Jira's Host URL field (src/clone_url/, feature `clone-url`).
#[cfg(feature = "clone-url")]
mod clone_url;

// The key derivations: what they are and, with `keys`, how the key engine asks for them; with `kdfs`, made here.
#[cfg(any(feature = "read", feature = "kdfs"))]
mod kdf;

// Shared by all: the caps, and one finding of a check.
pub mod limits;
mod problem;

#[cfg(test)]
mod test_support;

#[cfg(all(fuzzing, feature = "read"))]
#[doc(hidden)]
pub mod fuzzing;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(feature = "clone-url")]
pub use clone_url::{check_clone_url, CloneUrlReport, Guide, HostKind, UrlForm, VerifyCommands};
pub use problem::{Problem, Severity};

// The key API (feature `read`, which `keys` includes; the wasm binding exports its making functions with `keys` only).
with_read! {
    pub use convert::{cipher_from_name, convert_key, read_any, ConvertOptions};
    pub use error::{Error, Result};
    /// The seeded key-generation workload of the benchmark (cargo feature `bench`). NOT for real keys.
    #[cfg(feature = "bench")]
    pub use generate::bench;
    pub use generate::{
        finish_pkcs8, generate_key, key_from_primes, GenerateOptions, GeneratedKey, ALLOWED_BITS,
        DEFAULT_BITS, PUBLIC_EXPONENT,
    };
    pub use inspect::{inspect, Report};
    pub use key::{
        Algorithm, Curve, DsaPrivate, EcdsaPrivate, Ed25519Private, PrivateKey, PublicKey, RsaKey,
    };
    pub use key_match::{match_key, KeyMatch, OtherKind};
    pub use legacy_pem::LegacyCipher;
    pub use parsed::{Encryption, Format, Kdf, Parsed};
    pub use prime::find_prime;
    pub use repair::Repair;
    pub use secret::Secret;
}
