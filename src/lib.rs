//! keyfit: check, convert and generate SSH keys for Jira's Git Integration, in Rust that also runs as WebAssembly.
//!
//! Data flows one way: text in -> detect -> parse (decrypt) -> key model -> diagnose / encode -> text out.
//! The core knows nothing of the browser; `wasm.rs` is the only binding.

pub mod armor;
pub mod error;
pub mod generate;
pub mod key;
pub mod legacy_pem;
pub mod limits;
pub mod parsed;
pub mod pkcs1;
pub mod wire;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Error, Result};
pub use generate::{generate_key, GenerateOptions, GeneratedKey};
pub use key::{Algorithm, PrivateKey, PublicKey};
pub use parsed::{Encryption, Format, Kdf, Parsed};
