//! The key model every format reads into and writes from: the key types (`algorithm.rs`), public keys with
//! their OpenSSH wire blobs and fingerprints (`public.rs`), private keys (`private.rs`), and the arithmetic
//! checks of keys read from files (`check.rs`).

mod algorithm;
mod check;
mod private;
mod public;

pub use algorithm::{Algorithm, Curve};
pub(crate) use private::{dsa_from_parts, rsa_bits, rsa_from_parts, rsa_qinv, RsaCrt};
pub use private::{DsaPrivate, EcdsaPrivate, Ed25519Private, PrivateKey, RsaKey};
pub use public::PublicKey;
pub(crate) use public::{ecdsa_point, ed25519_bytes};
