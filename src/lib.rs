//! keyfit: check, convert and generate SSH keys for Jira's Git Integration, in Rust that also runs as WebAssembly.
//!
//! Data flows one way: text in -> detect -> parse (decrypt) -> key model -> diagnose / encode -> text out.
//! The core knows nothing of the browser; `wasm.rs` is the only binding.

pub mod armor;
pub mod convert;
pub mod detect;
pub mod error;
pub mod generate;
pub mod inspect;
pub mod key;
pub mod legacy_pem;
pub mod limits;
pub mod openssh;
pub mod parsed;
pub mod pkcs1;
pub mod pkcs8;
pub mod ppk;
pub mod prime;
pub mod public;
pub mod repair;
pub mod sec1;
pub mod sshcom;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use convert::{convert_key, ConvertOptions, Target};
pub use error::{Error, Result};
pub use generate::{generate_key, GenerateOptions, GeneratedKey};
pub use inspect::{inspect, Problem, Report, Severity};
pub use key::{Algorithm, PrivateKey, PublicKey};
pub use parsed::{Encryption, Format, Kdf, Parsed};
