//! The key derivations of the encrypted key formats: PBKDF2 ([RFC 8018 §5.2](https://www.rfc-editor.org/rfc/rfc8018#section-5.2),
//! PKCS#8 PBES2, five PRFs), scrypt ([RFC 7914](https://www.rfc-editor.org/rfc/rfc7914), PKCS#8 PBES2),
//! bcrypt-pbkdf (OpenSSH) and Argon2 (PuTTY .ppk v3), named by a [`Request`].
//!
//! - **Here** (cargo feature `kdfs`): [`derive`], with keyfit's PBKDF2 loops (`kdf/pbkdf2.rs`) and the
//!   RustCrypto crates for the others. The page builds this alone as its KDF part (build.sh), at opt-level 3.
//! - **Outside** (feature `keys`, `kdf/outside.rs`): the readers and writers ask for a derivation with
//!   [`outside::derive`]; a caller that derives elsewhere (the page's worker: WebCrypto for PBKDF2, else the
//!   KDF part) runs them inside [`outside::outside`], which stops at the first derivation it was not given and
//!   returns it as the request to make. The key engine, built without `kdfs`, derives nothing itself.
//!
//! Derived bytes live in `Zeroizing` buffers only.

// The JavaScript names, the caps check and `outside` are used by the wasm binding (and the tests) only, and the
// key engine's binding and the KDF part's each use some.
#![cfg_attr(
    not(all(target_arch = "wasm32", feature = "read", feature = "kdfs")),
    allow(dead_code)
)]

#[cfg(feature = "read")]
pub mod outside;
#[cfg(feature = "kdfs")]
mod pbkdf2;
#[cfg(feature = "kdfs")]
pub mod scrypt_parts;

use crate::limits;
#[cfg(feature = "kdfs")]
use zeroize::Zeroizing;

/// The pseudo-random function of a PBKDF2: HMAC with this hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prf {
    /// HMAC-SHA-1.
    Sha1,
    /// HMAC-SHA-224.
    Sha224,
    /// HMAC-SHA-256.
    Sha256,
    /// HMAC-SHA-384.
    Sha384,
    /// HMAC-SHA-512.
    Sha512,
}

impl Prf {
    /// Every PRF, in the order of [`Prf::hash_name`].
    pub const ALL: [Prf; 5] = [
        Prf::Sha1,
        Prf::Sha224,
        Prf::Sha256,
        Prf::Sha384,
        Prf::Sha512,
    ];

    /// The digest length in bytes: one PBKDF2 output block.
    pub fn block_len(self) -> usize {
        match self {
            Prf::Sha1 => 20,
            Prf::Sha224 => 28,
            Prf::Sha256 => 32,
            Prf::Sha384 => 48,
            Prf::Sha512 => 64,
        }
    }

    /// The hash's name as WebCrypto spells it (WebCrypto itself derives PBKDF2 with all but SHA-224).
    pub fn hash_name(self) -> &'static str {
        match self {
            Prf::Sha1 => "SHA-1",
            Prf::Sha224 => "SHA-224",
            Prf::Sha256 => "SHA-256",
            Prf::Sha384 => "SHA-384",
            Prf::Sha512 => "SHA-512",
        }
    }

    /// The PRF of a hash name ([`Prf::hash_name`]).
    pub fn from_hash_name(name: &str) -> Option<Self> {
        Prf::ALL.into_iter().find(|p| p.hash_name() == name)
    }
}

/// The three Argon2 variants (version 0x13, the one PuTTY writes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Argon2Flavor {
    /// Argon2d.
    D,
    /// Argon2i.
    I,
    /// Argon2id.
    Id,
}

impl Argon2Flavor {
    /// `argon2d`, `argon2i` or `argon2id`.
    pub fn name(self) -> &'static str {
        match self {
            Argon2Flavor::D => "argon2d",
            Argon2Flavor::I => "argon2i",
            Argon2Flavor::Id => "argon2id",
        }
    }

    /// The flavor of a [`Argon2Flavor::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        [Argon2Flavor::D, Argon2Flavor::I, Argon2Flavor::Id]
            .into_iter()
            .find(|f| f.name() == name)
    }
}

/// A KDF and its cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Params {
    /// PBKDF2 with HMAC-`prf`.
    Pbkdf2 {
        /// The PRF.
        prf: Prf,
        /// The iteration count.
        iterations: u32,
    },
    /// scrypt with N = 2^`log_n`.
    Scrypt {
        /// log2 of the cost N.
        log_n: u8,
        /// The block size r.
        r: u32,
        /// The parallelism p.
        p: u32,
    },
    /// OpenSSH's bcrypt-pbkdf.
    Bcrypt {
        /// The rounds.
        rounds: u32,
    },
    /// Argon2 (version 0x13).
    Argon2 {
        /// d, i or id.
        flavor: Argon2Flavor,
        /// Memory in KiB.
        memory_kib: u32,
        /// Passes over the memory.
        passes: u32,
        /// Lanes.
        lanes: u32,
    },
}

impl Params {
    /// The KDF's name as the JavaScript API spells it: `pbkdf2`, `scrypt`, `bcrypt` or an Argon2 flavor.
    pub fn name(&self) -> &'static str {
        match self {
            Params::Pbkdf2 { .. } => "pbkdf2",
            Params::Scrypt { .. } => "scrypt",
            Params::Bcrypt { .. } => "bcrypt",
            Params::Argon2 { flavor, .. } => flavor.name(),
        }
    }
}

/// One derivation: a KDF, its parameters, salt and output length. The passphrase is not part of it: a reading
/// derives from the passphrase of the call, a write (`write`) from the new passphrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The KDF and its costs.
    pub params: Params,
    /// The salt (for a write, fresh: see [`outside::derive`]).
    pub salt: Vec<u8>,
    /// The number of bytes to derive.
    pub len: usize,
    /// Whether the derivation is for writing a key (from the new passphrase), not reading one.
    pub write: bool,
}

/// Why a KDF made nothing: it takes neither this passphrase nor these parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// The KDF takes no empty passphrase (bcrypt-pbkdf).
    EmptyPassphrase,
    /// The parameters, salt or length are outside what the KDF defines.
    Invalid,
}

impl Refused {
    /// `empty-passphrase` or `invalid`, as the JavaScript API spells it.
    pub fn name(self) -> &'static str {
        match self {
            Refused::EmptyPassphrase => "empty-passphrase",
            Refused::Invalid => "invalid",
        }
    }

    /// The reason of a [`Refused::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        [Refused::EmptyPassphrase, Refused::Invalid]
            .into_iter()
            .find(|r| r.name() == name)
    }
}

impl Request {
    /// Whether the request is within keyfit's caps (`limits`), which the readers check (with the errors they
    /// name) before they ask: what the KDF part checks again before deriving.
    pub fn within_caps(&self) -> bool {
        let salt_ok = self.salt.len() <= limits::MAX_KDF_SALT_BYTES && self.len <= 1024;
        salt_ok
            && match self.params {
                Params::Pbkdf2 { prf, iterations } => {
                    iterations <= limits::MAX_PBKDF2_ITERATIONS
                        && u64::from(iterations) * self.len.div_ceil(prf.block_len()) as u64
                            <= limits::MAX_PBKDF2_WORK
                }
                Params::Scrypt { log_n, r, p } => {
                    let (n, r, p) = (1u64 << log_n.min(63), u64::from(r), u64::from(p));
                    log_n <= limits::MAX_SCRYPT_LOG_N
                        && 128 * r * p <= limits::MAX_SCRYPT_EXPANSION
                        && 128 * r * n <= limits::MAX_SCRYPT_MEMORY
                        && n * r * p <= limits::MAX_SCRYPT_WORK
                }
                Params::Bcrypt { rounds } => rounds <= limits::MAX_BCRYPT_ROUNDS,
                Params::Argon2 {
                    memory_kib,
                    passes,
                    lanes,
                    ..
                } => {
                    memory_kib <= limits::MAX_ARGON2_MEMORY_KIB
                        && passes <= limits::MAX_ARGON2_PASSES
                        && lanes <= limits::MAX_ARGON2_LANES
                        && u64::from(memory_kib) * u64::from(passes) <= limits::MAX_ARGON2_WORK
                }
            }
    }
}

/// Derives `request` from `pass` here. The caller has checked the caps ([`Request::within_caps`]).
///
/// # Errors
/// [`Refused`] when the KDF does not take the passphrase or the parameters.
#[cfg(feature = "kdfs")]
pub fn derive(request: &Request, pass: &[u8]) -> Result<Zeroizing<Vec<u8>>, Refused> {
    derive_from_block(request, pass, 0)
}

/// [`derive`]'s bytes from PBKDF2 output block `first` on (`request.len` of them): a PBKDF2's blocks are
/// independent, so the page's worker derives them in parts, in parallel. Other KDFs take only `first` = 0.
///
/// # Errors
/// As [`derive`]; [`Refused::Invalid`] for `first` > 0 with another KDF.
#[cfg(feature = "kdfs")]
pub fn derive_from_block(
    request: &Request,
    pass: &[u8],
    first: u32,
) -> Result<Zeroizing<Vec<u8>>, Refused> {
    if first > 0 && !matches!(request.params, Params::Pbkdf2 { .. }) {
        return Err(Refused::Invalid);
    }
    let mut out = Zeroizing::new(vec![0u8; request.len]);
    let salt = &request.salt[..];
    match request.params {
        Params::Pbkdf2 { prf, iterations } => {
            if iterations == 0 {
                return Err(Refused::Invalid);
            }
            pbkdf2::pbkdf2(prf, pass, salt, iterations, first, &mut out);
        }
        Params::Scrypt { log_n, r, p } => {
            let params =
                scrypt::Params::new(log_n, r, p, request.len).map_err(|_| Refused::Invalid)?;
            scrypt::scrypt(pass, salt, &params, &mut out).map_err(|_| Refused::Invalid)?;
        }
        Params::Bcrypt { rounds } => {
            if pass.is_empty() {
                return Err(Refused::EmptyPassphrase);
            }
            bcrypt_pbkdf::bcrypt_pbkdf(pass, salt, rounds, &mut out)
                .map_err(|_| Refused::Invalid)?;
        }
        Params::Argon2 {
            flavor,
            memory_kib,
            passes,
            lanes,
        } => {
            let flavor = match flavor {
                Argon2Flavor::D => argon2::Algorithm::Argon2d,
                Argon2Flavor::I => argon2::Algorithm::Argon2i,
                Argon2Flavor::Id => argon2::Algorithm::Argon2id,
            };
            let params = argon2::Params::new(memory_kib, passes, lanes, Some(request.len))
                .map_err(|_| Refused::Invalid)?;
            argon2::Argon2::new(flavor, argon2::Version::V0x13, params)
                .hash_password_into(pass, salt, &mut out)
                .map_err(|_| Refused::Invalid)?;
        }
    }
    Ok(out)
}

/// scrypt's blocks `first..first + count` (of its `p`) mixed: a part of the derivation, for parallel workers
/// ([`scrypt_parts`]); [`scrypt_finish`] makes the key from all of them.
///
/// # Errors
/// [`Refused::Invalid`] for another KDF, parameters scrypt does not take, or blocks that are not among its `p`.
#[cfg(feature = "kdfs")]
pub fn scrypt_blocks(
    request: &Request,
    pass: &[u8],
    first: u32,
    count: u32,
) -> Result<Zeroizing<Vec<u8>>, Refused> {
    let (log_n, r, p) = scrypt_params(request)?;
    if count == 0 || first.checked_add(count).is_none_or(|end| end > p) {
        return Err(Refused::Invalid);
    }
    Ok(scrypt_parts::mixed_blocks(
        pass,
        &request.salt,
        log_n,
        r,
        first,
        count,
    ))
}

/// The scrypt key of `request` from all its `p` blocks mixed ([`scrypt_blocks`]), in order.
///
/// # Errors
/// [`Refused::Invalid`] for another KDF, parameters scrypt does not take, or `mixed` not `p` blocks long.
#[cfg(feature = "kdfs")]
pub fn scrypt_finish(
    request: &Request,
    pass: &[u8],
    mixed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, Refused> {
    let (_, r, p) = scrypt_params(request)?;
    if mixed.len() != scrypt_parts::block_len(r) * p as usize {
        return Err(Refused::Invalid);
    }
    let mut out = Zeroizing::new(vec![0u8; request.len]);
    scrypt_parts::finish(pass, mixed, &mut out);
    Ok(out)
}

/// N's log, r and p of a scrypt request whose parameters scrypt takes (as [`derive`] checks them).
#[cfg(feature = "kdfs")]
fn scrypt_params(request: &Request) -> Result<(u8, u32, u32), Refused> {
    match request.params {
        Params::Scrypt { log_n, r, p } => {
            scrypt::Params::new(log_n, r, p, request.len).map_err(|_| Refused::Invalid)?;
            Ok((log_n, r, p))
        }
        _ => Err(Refused::Invalid),
    }
}

#[cfg(all(test, feature = "kdfs"))]
mod tests;
