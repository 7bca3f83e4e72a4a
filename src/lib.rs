//! keyfit: check, convert and generate SSH keys for Jira's Git Integration, in Rust that also runs as WebAssembly.
//!
//! Data flows one way: text in -> [`detect`](crate) (repair, sniff, read, decrypt) -> key model ->
//! [`inspect`] (diagnose) or [`convert_key`] (encode) -> text out. [`generate_key`] makes a new RSA key in
//! Jira's format. [`check_clone_url`] checks what a user pastes into Jira's Host URL field. The core knows
//! nothing of the browser; `wasm.rs` (and `wasm/`) is the only binding.
//!
//! Cargo features, both default: `keys` (everything about keys) and `clone-url` (the clone URL check, which needs
//! none of the key code). The page's wasm is built twice from this crate, once with each alone (build.sh).
//!
//! The public API is what this file re-exports; every module is internal (`pub(crate)`) except [`limits`]
//! (the caps keyfit applies) and, for wasm32, the JavaScript binding.

// The pipeline (cargo feature `keys`).
#[cfg(feature = "keys")]
mod convert;
#[cfg(feature = "keys")]
mod detect;
#[cfg(feature = "keys")]
mod generate;
#[cfg(feature = "keys")]
mod inspect;
#[cfg(feature = "keys")]
mod key_match;
#[cfg(feature = "keys")]
mod parsed;
#[cfg(feature = "keys")]
mod repair;
#[cfg(feature = "keys")]
mod secret;

// The key formats, one file each (src/format/), and the layers they share (feature `keys`).
#[cfg(feature = "keys")]
mod armor;
#[cfg(feature = "keys")]
mod asn1;
#[cfg(feature = "keys")]
mod error;
#[cfg(feature = "keys")]
mod format;
#[cfg(feature = "keys")]
mod kdf;
#[cfg(feature = "keys")]
mod key;
#[cfg(feature = "keys")]
mod legacy_pem;
#[cfg(feature = "keys")]
mod messages;
#[cfg(feature = "keys")]
mod text;
#[cfg(feature = "keys")]
mod wire;

// keyfit's RSA prime search (feature `keys`).
#[cfg(feature = "keys")]
mod prime;

// The clone URL check of Jira's Host URL field (src/clone_url/, feature `clone-url`).
#[cfg(feature = "clone-url")]
mod clone_url;

// Shared by both: the caps, and one finding of a check.
pub mod limits;
mod problem;

#[cfg(test)]
mod test_support;

#[cfg(all(fuzzing, feature = "keys"))]
#[doc(hidden)]
pub mod fuzzing;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(feature = "clone-url")]
pub use clone_url::{check_clone_url, CloneUrlReport, Guide, HostKind, UrlForm, VerifyCommands};
pub use problem::{Problem, Severity};

// The key API (feature `keys`).
#[cfg(feature = "keys")]
pub use convert::{cipher_from_name, convert_key, read_any, ConvertOptions};
#[cfg(feature = "keys")]
pub use error::{Error, Result};
/// The seeded key-generation workload of the benchmark (cargo feature `bench`). NOT for real keys.
#[cfg(feature = "bench")]
pub use generate::bench;
#[cfg(feature = "keys")]
pub use generate::{
    finish_pkcs8, generate_key, key_from_primes, GenerateOptions, GeneratedKey, ALLOWED_BITS,
    DEFAULT_BITS, PUBLIC_EXPONENT,
};
#[cfg(feature = "keys")]
pub use inspect::{inspect, Report};
#[cfg(feature = "keys")]
pub use key::{
    Algorithm, Curve, DsaPrivate, EcdsaPrivate, Ed25519Private, PrivateKey, PublicKey, RsaKey,
};
#[cfg(feature = "keys")]
pub use key_match::{match_key, KeyMatch, OtherKind};
#[cfg(feature = "keys")]
pub use legacy_pem::LegacyCipher;
#[cfg(feature = "keys")]
pub use parsed::{Encryption, Format, Kdf, Parsed};
#[cfg(feature = "keys")]
pub use prime::find_prime;
#[cfg(feature = "keys")]
pub use repair::Repair;
#[cfg(feature = "keys")]
pub use secret::Secret;
