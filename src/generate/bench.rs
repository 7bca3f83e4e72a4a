//! The seeded key-generation workload that compares native and WebAssembly runs. TEST AND BENCHMARK ONLY.
//!
//! A seeded random source makes every run test the same candidates, so the same amount of work, whatever the
//! build: prime search times otherwise swing 5-10x from key to key. The source is ChaCha20 (the `chacha20`
//! crate keyfit already uses for OpenSSH keys) keyed by a 32-bit seed, so anyone who knows the seed knows the
//! key: nothing here may ever make a key that leaves the benchmark. [`seeded_keygen`] returns only a
//! fingerprint.

use super::{check_options, generate_key, GenerateOptions, PUBLIC_EXPONENT};
use crate::error::{Error, Result};
use crate::key::PrivateKey;
use chacha20::cipher::{KeyIvInit, StreamCipher};
use num_bigint_dig::BigUint;
use rand_core::{CryptoRng, RngCore};

/// A deterministic random source for benchmarks and tests: ChaCha20 keyed by a 32-bit seed. NOT SECRET: it
/// implements [`CryptoRng`] only so that the key-generation functions accept it.
pub struct SeededRng(chacha20::ChaCha20);

impl SeededRng {
    /// The stream for `seed`.
    pub fn new(seed: u32) -> Self {
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(&seed.to_le_bytes());
        key[4..16].copy_from_slice(b"keyfit bench");
        SeededRng(chacha20::ChaCha20::new(&key.into(), &[0u8; 12].into()))
    }
}

impl core::fmt::Debug for SeededRng {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SeededRng")
    }
}

impl RngCore for SeededRng {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0u8; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }

    fn next_u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        dest.fill(0);
        // The keystream runs out after 256 GiB; a benchmark never gets there, and zeros would follow.
        let _ = self.0.try_apply_keystream(dest);
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> core::result::Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl CryptoRng for SeededRng {}

/// Which key generator [`seeded_keygen`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// [`generate_key`]: this crate's prime search.
    Fast,
    /// `rsa::RsaPrivateKey::new_with_exp`, the `rsa` crate's generator, for comparison.
    RsaCrate,
}

impl Engine {
    /// `"fast"` or `"rsa"`.
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "fast" => Ok(Engine::Fast),
            "rsa" => Ok(Engine::RsaCrate),
            _ => Err(Error::InvalidOption(
                "engine must be \"fast\" or \"rsa\"".into(),
            )),
        }
    }
}

/// Generates the RSA key of `bits` bits that `seed` determines, with `engine`, and returns its SHA-256
/// fingerprint (so that runs can be checked to have done the same work). BENCHMARK ONLY: the key is not secret.
///
/// # Errors
/// [`Error::InvalidOption`] for a size that is not 2048, 3072 or 4096.
pub fn seeded_keygen(seed: u32, bits: usize, engine: Engine) -> Result<String> {
    let mut rng = SeededRng::new(seed);
    let opts = GenerateOptions {
        bits,
        ..Default::default()
    };
    check_options(&opts)?;
    let fingerprint = match engine {
        Engine::Fast => generate_key(&opts, &mut rng)?.fingerprint_sha256,
        Engine::RsaCrate => {
            let key =
                rsa::RsaPrivateKey::new_with_exp(&mut rng, bits, &BigUint::from(PUBLIC_EXPONENT))
                    .map_err(|_| Error::InvalidOption("key generation failed".into()))?;
            PrivateKey::Rsa(key.into())
                .public_key()
                .fingerprint_sha256()
        }
    };
    Ok(fingerprint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let (mut a, mut b, mut c) = (SeededRng::new(1), SeededRng::new(1), SeededRng::new(2));
        let (x, y, z) = (a.next_u64(), b.next_u64(), c.next_u64());
        assert_eq!(x, y);
        assert_ne!(x, z);
        assert_ne!(a.next_u64(), x, "the stream moves on");
    }

    #[test]
    fn engine_names() {
        assert_eq!(Engine::from_name("fast"), Ok(Engine::Fast));
        assert_eq!(Engine::from_name("rsa"), Ok(Engine::RsaCrate));
        assert!(Engine::from_name("other").is_err());
    }
}
