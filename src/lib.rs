//! keyfit: check, convert and generate SSH keys for Jira's Git Integration, in Rust that also runs as WebAssembly.
//!
//! Data flows one way: text in -> [`detect`](crate) (repair, sniff, read, decrypt) -> key model ->
//! [`inspect`] (diagnose) or [`convert_key`] (encode) -> text out. [`generate_key`] makes a new RSA key in
//! Jira's format. The core knows nothing of the browser; `wasm.rs` is the only binding.
//!
//! The public API is what this file re-exports; every module is internal (`pub(crate)`) except [`limits`]
//! (the caps keyfit applies) and, for wasm32, the JavaScript binding.

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
mod kdf;
mod key;
mod legacy_pem;
pub mod limits;
mod messages;
mod text;
mod wire;

// keyfit's RSA prime search.
mod prime;

// The clone URL check of Jira's Host URL field (src/clone_url/).
mod clone_url;

#[cfg(test)]
mod test_support;

#[cfg(fuzzing)]
#[doc(hidden)]
pub mod fuzzing;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use clone_url::{check_clone_url, CloneUrlReport, Guide, HostKind, UrlForm, VerifyCommands};
pub use convert::{cipher_from_name, convert_key, read_any, ConvertOptions};
pub use error::{Error, Result};
/// The seeded key-generation workload of the benchmark (cargo feature `bench`). NOT for real keys.
#[cfg(feature = "bench")]
pub use generate::bench;
pub use generate::{
    finish_pkcs8, generate_key, key_from_primes, GenerateOptions, GeneratedKey, ALLOWED_BITS,
    DEFAULT_BITS, PUBLIC_EXPONENT,
};
pub use inspect::{inspect, Problem, Report, Severity};
pub use key::{
    Algorithm, Curve, DsaPrivate, EcdsaPrivate, Ed25519Private, PrivateKey, PublicKey, RsaKey,
};
pub use key_match::{match_key, KeyMatch, OtherKind};
pub use legacy_pem::LegacyCipher;
pub use parsed::{Encryption, Format, Kdf, Parsed};
pub use prime::find_prime;
pub use repair::Repair;
pub use secret::Secret;
