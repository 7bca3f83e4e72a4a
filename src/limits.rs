//! Caps on every cost an input file can dictate, checked before any work is done.
//!
//! Each cap bounds the real work of its KDF (rounds or iterations, memory, and the salt, which PBKDF2 hashes
//! again for every output block) so that the costliest file keyfit accepts is answered within 3 s in Chromium
//! on a 2-core machine (the bench group "hostile inputs" of `./build.sh bench` times the file at each cap),
//! while staying above what the reference tools write (noted per constant).
//!
//! Built for fuzzing (`--cfg fuzzing`, as `cargo fuzz` does) the KDF and size caps are lowered, so that
//! slow-but-legal inputs do not drown the run; the readers are the same.

#[cfg(feature = "read")]
use crate::error::{Error, Result};

/// Largest input accepted, in bytes (a 16384-bit key in any format is under 20 KiB).
pub const MAX_INPUT_BYTES: usize = 1 << 20;
/// Largest RSA (or DSA) modulus, in bits (ssh-keygen's own limit), for public keys.
pub const MAX_RSA_BITS: usize = if cfg!(fuzzing) { 4096 } else { 16384 };
/// Largest RSA private key, in bits. Every size up to it is checked in full: n = p × q, the exponents, the CRT
/// values, and p and q for primality, whose base-2 test took 0.3 s in Chromium for 8192 bits and up to 3.1 s
/// for 16384 (the cost grows with the cube of the size).
pub const MAX_RSA_PRIVATE_BITS: usize = if cfg!(fuzzing) { 2048 } else { 8192 };
/// Largest DSA subgroup order keyfit accepts, in bits (FIPS 186-4 stops at 256; the cap bounds `g^x mod p`).
pub const MAX_DSA_Q_BITS: usize = 512;
/// Longest KDF salt, in bytes, for every KDF (OpenSSL, ssh-keygen and PuTTY write 8 to 16; scrypt's PBKDF2
/// step hashes the salt again for each 32 bytes it writes, so a 64 KiB salt alone would take hours).
pub const MAX_KDF_SALT_BYTES: usize = if cfg!(fuzzing) { 64 } else { 1024 };
/// Most bcrypt-pbkdf rounds (ssh-keygen writes 16, guides suggest `-a 100`; 256 rounds took 3.3 s in
/// Chromium, and bcrypt gains nothing from a higher opt-level).
pub const MAX_BCRYPT_ROUNDS: u32 = if cfg!(fuzzing) { 2 } else { 128 };
/// Most Argon2 memory in KiB (PuTTY writes 8192; 256 MiB is the most a browser tab reliably gives).
pub const MAX_ARGON2_MEMORY_KIB: u32 = if cfg!(fuzzing) { 64 } else { 256 * 1024 };
/// Most Argon2 passes (PuTTY tunes passes to ~100 ms, typically under 30).
pub const MAX_ARGON2_PASSES: u32 = if cfg!(fuzzing) { 2 } else { 64 };
/// Most Argon2 lanes (PuTTY writes 1; puttygen accepts any).
pub const MAX_ARGON2_LANES: u32 = if cfg!(fuzzing) { 4 } else { 16 };
/// Most Argon2 work: memory (KiB) × passes, 512 MiB of block writes (PuTTY writes 168 MiB; 1 GiB took up to
/// 3.5 s in Chromium on a busy 2-core machine).
pub const MAX_ARGON2_WORK: u64 = if cfg!(fuzzing) { 128 } else { 1 << 19 };
/// Most PBKDF2 iterations (OpenSSL writes 2048; 600 000 is OWASP's SHA-256 advice). Every PRF and cipher
/// keyfit reads needs at most two output blocks.
pub const MAX_PBKDF2_ITERATIONS: u32 = if cfg!(fuzzing) { 16 } else { 1_000_000 };
/// Most PBKDF2 work, iterations × output blocks: two blocks at the iteration cap (SHA-1 and SHA-224 need two for
/// an AES-256 key), so that PBES2 with RC2, whose key may be 128 bytes (seven SHA-1 blocks), costs no more.
pub const MAX_PBKDF2_WORK: u64 = 2 * MAX_PBKDF2_ITERATIONS as u64;
/// Largest scrypt log2(N) (OpenSSL's `-scrypt` writes 14; scrypt needs N < 2^(16 r), so N = 2^20 would need
/// r = 2 and twice the work cap).
pub const MAX_SCRYPT_LOG_N: u8 = if cfg!(fuzzing) { 8 } else { 19 };
/// Most scrypt memory, 128 × r × N bytes (OpenSSL writes 16 MiB and refuses more than 32 MiB).
pub const MAX_SCRYPT_MEMORY: u64 = if cfg!(fuzzing) { 1 << 20 } else { 128 << 20 };
/// Most scrypt work, N × r × p (OpenSSL writes 2^17; 2^22 took 9-10 s in Chromium, 2^21 at 256 MiB up to
/// 3.1 s on a busy machine).
pub const MAX_SCRYPT_WORK: u64 = if cfg!(fuzzing) { 1 << 12 } else { 1 << 20 };
/// Most bytes scrypt's PBKDF2 steps expand the passphrase to and hash again, p × 128 × r (OpenSSL writes 1 KiB;
/// N = 2, r = 65535, p = 32 is inside every other cap and took 24 s for its 256 MiB).
pub const MAX_SCRYPT_EXPANSION: u64 = if cfg!(fuzzing) { 16 << 10 } else { 1 << 20 };
/// Iterations of the older PKCS#8 schemes (PBES1's PBKDF1, the PKCS#12 KDF): the same cap as PBKDF2, whose
/// per-iteration cost they match (OpenSSL's `-v1` writes 2048).
pub const MAX_PBE_ITERATIONS: u32 = MAX_PBKDF2_ITERATIONS;
/// Most keys in one OpenSSH private key file (ssh-keygen writes exactly one).
pub const MAX_KEYS_PER_FILE: u32 = 1;
/// Longest clone URL `check_clone_url` reads, in bytes (code `url-too-long`); real ones stay under 300.
pub const MAX_CLONE_URL_BYTES: usize = 2048;

#[cfg(feature = "read")]
fn cap(parameter: &'static str, value: u64, limit: u64) -> Result<()> {
    if value > limit {
        return Err(Error::KdfTooCostly {
            parameter,
            value,
            limit,
        });
    }
    Ok(())
}

#[cfg(feature = "read")]
/// [`Error::KeyTooLarge`] naming `parameter` when `value` is past `limit`.
fn size_cap(parameter: &'static str, value: usize, limit: usize) -> Result<()> {
    if value > limit {
        return Err(Error::KeyTooLarge {
            parameter,
            value: value as u64,
            limit: limit as u64,
        });
    }
    Ok(())
}

#[cfg(feature = "read")]
/// Checks an input's size.
///
/// # Errors
/// [`Error::KeyTooLarge`] past [`MAX_INPUT_BYTES`].
pub fn check_input_len(len: usize) -> Result<()> {
    size_cap("input bytes", len, MAX_INPUT_BYTES)
}

#[cfg(feature = "read")]
/// Checks an RSA or DSA modulus size.
///
/// # Errors
/// [`Error::KeyTooLarge`] past [`MAX_RSA_BITS`].
pub fn check_rsa_bits(bits: usize) -> Result<()> {
    size_cap("modulus bits", bits, MAX_RSA_BITS)
}

#[cfg(feature = "read")]
/// Checks an RSA private key's modulus size.
///
/// # Errors
/// [`Error::KeyTooLarge`] past [`MAX_RSA_PRIVATE_BITS`].
pub fn check_rsa_private_bits(bits: usize) -> Result<()> {
    if bits > MAX_RSA_PRIVATE_BITS {
        return Err(Error::KeyTooLarge {
            parameter: "RSA private key bits",
            value: bits as u64,
            limit: MAX_RSA_PRIVATE_BITS as u64,
        });
    }
    Ok(())
}

#[cfg(feature = "read")]
/// Checks the size of a DSA subgroup order, which bounds the cost of `g^x mod p`.
///
/// # Errors
/// [`Error::KeyTooLarge`] past [`MAX_DSA_Q_BITS`].
pub fn check_dsa_q_bits(bits: usize) -> Result<()> {
    size_cap("DSA subgroup order bits", bits, MAX_DSA_Q_BITS)
}

#[cfg(feature = "read")]
/// Checks the length of a KDF salt (any KDF), before any derivation.
///
/// # Errors
/// [`Error::KdfTooCostly`] past [`MAX_KDF_SALT_BYTES`].
pub fn check_salt(len: usize) -> Result<()> {
    cap("KDF salt bytes", len as u64, MAX_KDF_SALT_BYTES as u64)
}

#[cfg(feature = "read")]
/// Checks bcrypt-pbkdf rounds.
///
/// # Errors
/// [`Error::KdfTooCostly`] past [`MAX_BCRYPT_ROUNDS`], [`Error::Corrupt`] for zero.
pub fn check_bcrypt_rounds(rounds: u32) -> Result<()> {
    if rounds == 0 {
        return Err(Error::Corrupt("bcrypt rounds are zero"));
    }
    cap("bcrypt rounds", rounds.into(), MAX_BCRYPT_ROUNDS.into())
}

#[cfg(feature = "read")]
/// Checks Argon2 parameters.
///
/// # Errors
/// [`Error::KdfTooCostly`] naming the parameter past its cap, [`Error::Corrupt`] for zero values.
pub fn check_argon2(memory_kib: u32, passes: u32, lanes: u32) -> Result<()> {
    if passes == 0 || lanes == 0 || u64::from(memory_kib) < 8 * u64::from(lanes) {
        return Err(Error::Corrupt("the Argon2 parameters are invalid"));
    }
    cap(
        "Argon2 memory (KiB)",
        memory_kib.into(),
        MAX_ARGON2_MEMORY_KIB.into(),
    )?;
    cap("Argon2 passes", passes.into(), MAX_ARGON2_PASSES.into())?;
    cap("Argon2 parallelism", lanes.into(), MAX_ARGON2_LANES.into())?;
    cap(
        "Argon2 memory × passes",
        u64::from(memory_kib) * u64::from(passes),
        MAX_ARGON2_WORK,
    )
}

#[cfg(feature = "read")]
/// Checks PBKDF2 iterations.
///
/// # Errors
/// [`Error::KdfTooCostly`] past [`MAX_PBKDF2_ITERATIONS`], [`Error::Corrupt`] for zero.
pub fn check_pbkdf2(iterations: u32) -> Result<()> {
    if iterations == 0 {
        return Err(Error::Corrupt("PBKDF2 iterations are zero"));
    }
    cap(
        "PBKDF2 iterations",
        iterations.into(),
        MAX_PBKDF2_ITERATIONS.into(),
    )
}

#[cfg(feature = "read")]
/// Checks the work of one PBKDF2: `iterations` for each of `blocks` output blocks.
///
/// # Errors
/// [`Error::KdfTooCostly`] past [`MAX_PBKDF2_WORK`].
pub fn check_pbkdf2_work(iterations: u32, blocks: usize) -> Result<()> {
    cap(
        "PBKDF2 iterations × output blocks",
        u64::from(iterations).saturating_mul(blocks as u64),
        MAX_PBKDF2_WORK,
    )
}

#[cfg(feature = "read")]
/// Checks the iteration count of a PBES1 or PKCS#12 scheme.
///
/// # Errors
/// [`Error::KdfTooCostly`] past [`MAX_PBE_ITERATIONS`], [`Error::Corrupt`] for zero.
pub fn check_pbe_iterations(iterations: u32) -> Result<()> {
    if iterations == 0 {
        return Err(Error::Corrupt("the iteration count is zero"));
    }
    cap(
        "PBE iterations",
        iterations.into(),
        MAX_PBE_ITERATIONS.into(),
    )
}

#[cfg(feature = "read")]
/// Checks scrypt parameters: N, the memory of its mixing (128 × r × N), its work (N × r × p) and the bytes its
/// PBKDF2 steps write and hash again (p × 128 × r).
///
/// # Errors
/// [`Error::KdfTooCostly`] naming the parameter past its cap.
pub fn check_scrypt(log_n: u8, r: u32, p: u32) -> Result<()> {
    cap("scrypt log2(N)", log_n.into(), MAX_SCRYPT_LOG_N.into())?;
    cap(
        "scrypt p × 128 × r (bytes)",
        128 * u64::from(r) * u64::from(p),
        MAX_SCRYPT_EXPANSION,
    )?;
    let n = 1u64 << log_n;
    cap(
        "scrypt memory (bytes)",
        128 * u64::from(r) * n,
        MAX_SCRYPT_MEMORY,
    )?;
    cap(
        "scrypt N × r × p",
        n * u64::from(r) * u64::from(p),
        MAX_SCRYPT_WORK,
    )
}

#[cfg(all(test, feature = "read"))]
mod tests {
    use super::*;

    #[test]
    fn caps_name_the_parameter() {
        assert!(check_bcrypt_rounds(16).is_ok());
        let err = check_bcrypt_rounds(u32::MAX).unwrap_err();
        assert_eq!(err.code(), "kdf-too-costly");
        assert!(err.to_string().contains("bcrypt rounds"));
        assert!(check_argon2(8192, 21, 1).is_ok());
        assert!(check_argon2(4_194_304, 1, 1).is_err());
        assert!(check_argon2(8192, u32::MAX, 1).is_err());
        assert!(check_argon2(8192, 1, u32::MAX).is_err());
        assert!(check_argon2(0, 1, 1).is_err());
        assert!(check_scrypt(14, 8, 1).is_ok());
        assert!(check_scrypt(40, 8, 1).is_err());
        assert!(check_salt(16).is_ok());
        assert!(check_salt(MAX_KDF_SALT_BYTES + 1).is_err());
        assert!(check_pbe_iterations(2048).is_ok());
        let err = check_pbe_iterations(u32::MAX).unwrap_err();
        assert_eq!(err.code(), "kdf-too-costly");
        assert!(err.to_string().contains("PBE iterations"));
        assert_eq!(check_pbe_iterations(0).unwrap_err().code(), "corrupt");
    }

    /// Each cap holds at its value and refuses one past it, naming what is capped.
    #[test]
    #[cfg(not(fuzzing))]
    fn caps_hold_at_their_value() {
        assert!(check_bcrypt_rounds(MAX_BCRYPT_ROUNDS).is_ok());
        assert!(check_bcrypt_rounds(MAX_BCRYPT_ROUNDS + 1).is_err());
        assert!(check_pbkdf2(MAX_PBKDF2_ITERATIONS).is_ok());
        assert!(check_pbkdf2(MAX_PBKDF2_ITERATIONS + 1).is_err());
        assert!(check_pbkdf2_work(MAX_PBKDF2_ITERATIONS, 2).is_ok());
        let err = check_pbkdf2_work(MAX_PBKDF2_ITERATIONS, 7).unwrap_err();
        assert!(err.to_string().contains("output blocks"), "{err}");
        // The largest N, with memory and N × r × p at their caps.
        assert!(check_scrypt(MAX_SCRYPT_LOG_N, 2, 1).is_ok());
        assert!(check_scrypt(MAX_SCRYPT_LOG_N, 2, 2).is_err());
        assert!(check_scrypt(MAX_SCRYPT_LOG_N, 4, 1).is_err());
        assert!(check_scrypt(MAX_SCRYPT_LOG_N + 1, 1, 1).is_err());
        assert!(check_scrypt(17, 8, 1).is_ok());
        assert!(check_scrypt(18, 8, 1).is_err());
        // The largest expansion, p × 128 × r = 1 MiB, with N × r × p at its cap.
        assert!(check_scrypt(7, 8, 1024).is_ok());
        assert!(check_scrypt(8, 8, 1024).is_err());
        let err = check_scrypt(1, 65535, 32).unwrap_err();
        assert!(err.to_string().contains("p × 128 × r"), "{err}");
        assert!(check_scrypt(1, 8, 1025).is_err());
        assert!(check_argon2(MAX_ARGON2_MEMORY_KIB, 2, 1).is_ok());
        assert!(check_argon2(MAX_ARGON2_MEMORY_KIB, 3, 1).is_err());
        assert!(check_salt(MAX_KDF_SALT_BYTES).is_ok());
    }
}
