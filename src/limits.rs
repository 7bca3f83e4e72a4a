//! Caps on every cost an input file can dictate, checked before any work is done.
//!
//! Each cap is chosen so that the costliest accepted file finishes within a few seconds in the browser on a
//! modest machine, while staying above what the reference tools write by default (noted per constant).

use crate::error::{Error, Result};

/// Largest input accepted, in bytes (a 16384-bit key in any format is under 20 KiB).
pub const MAX_INPUT_BYTES: usize = 1 << 20;
/// Largest RSA (or DSA) modulus, in bits.
pub const MAX_RSA_BITS: usize = 16384;
/// Largest DSA subgroup order keyfit accepts, in bits (FIPS 186-4 stops at 256; the cap bounds `g^x mod p`).
pub const MAX_DSA_Q_BITS: usize = 512;
/// Most bcrypt-pbkdf rounds (ssh-keygen writes 16, guides suggest `-a 100`; 1000 rounds take about 7 s natively).
pub const MAX_BCRYPT_ROUNDS: u32 = 256;
/// Most Argon2 memory in KiB (PuTTY writes 8192; 256 MiB is the most a browser tab reliably gives).
pub const MAX_ARGON2_MEMORY_KIB: u32 = 256 * 1024;
/// Most Argon2 passes (PuTTY tunes passes to ~100 ms, typically under 30).
pub const MAX_ARGON2_PASSES: u32 = 64;
/// Most Argon2 lanes (PuTTY writes 1; puttygen accepts any).
pub const MAX_ARGON2_LANES: u32 = 16;
/// Most Argon2 work: memory (KiB) × passes.
pub const MAX_ARGON2_WORK: u64 = 1 << 20;
/// Most PBKDF2 iterations (OpenSSL writes 2048; 600 000 is OWASP's SHA-256 advice).
pub const MAX_PBKDF2_ITERATIONS: u32 = 1_000_000;
/// Iterations of the older PKCS#8 schemes (PBES1's PBKDF1, the PKCS#12 KDF): the same cap as PBKDF2, whose
/// per-iteration cost they match (OpenSSL's `-v1` writes 2048).
pub const MAX_PBE_ITERATIONS: u32 = MAX_PBKDF2_ITERATIONS;
/// Largest scrypt log2(N) (OpenSSL's `-scrypt` writes 14).
pub const MAX_SCRYPT_LOG_N: u8 = 20;
/// Most scrypt memory, 128 × r × N bytes (OpenSSL writes 16 MiB).
pub const MAX_SCRYPT_MEMORY: u64 = 256 << 20;
/// Most scrypt work, N × r × p (OpenSSL writes 2^17).
pub const MAX_SCRYPT_WORK: u64 = 1 << 22;
/// Most keys in one OpenSSH private key file (ssh-keygen writes exactly one).
pub const MAX_KEYS_PER_FILE: u32 = 1;

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

/// Checks an input's size.
///
/// # Errors
/// [`Error::KeyTooLarge`] past [`MAX_INPUT_BYTES`].
pub fn check_input_len(len: usize) -> Result<()> {
    size_cap("input bytes", len, MAX_INPUT_BYTES)
}

/// Checks an RSA or DSA modulus size.
///
/// # Errors
/// [`Error::KeyTooLarge`] past [`MAX_RSA_BITS`].
pub fn check_rsa_bits(bits: usize) -> Result<()> {
    size_cap("modulus bits", bits, MAX_RSA_BITS)
}

/// Checks the size of a DSA subgroup order, which bounds the cost of `g^x mod p`.
///
/// # Errors
/// [`Error::KeyTooLarge`] past [`MAX_DSA_Q_BITS`].
pub fn check_dsa_q_bits(bits: usize) -> Result<()> {
    size_cap("DSA subgroup order bits", bits, MAX_DSA_Q_BITS)
}

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

/// Checks scrypt parameters.
///
/// # Errors
/// [`Error::KdfTooCostly`] naming the parameter past its cap.
pub fn check_scrypt(log_n: u8, r: u32, p: u32) -> Result<()> {
    cap("scrypt log2(N)", log_n.into(), MAX_SCRYPT_LOG_N.into())?;
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

#[cfg(test)]
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
        assert!(check_pbe_iterations(2048).is_ok());
        let err = check_pbe_iterations(u32::MAX).unwrap_err();
        assert_eq!(err.code(), "kdf-too-costly");
        assert!(err.to_string().contains("PBE iterations"));
        assert_eq!(check_pbe_iterations(0).unwrap_err().code(), "corrupt");
    }
}
