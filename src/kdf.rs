//! PBKDF2 ([RFC 8018 §5.2](https://www.rfc-editor.org/rfc/rfc8018#section-5.2)) for the encrypted PKCS#8
//! readers, made either by the browser or here.
//!
//! - **Outside** (the browser's WebCrypto `deriveBits`, native code): for HMAC with SHA-1, SHA-256, SHA-384 and
//!   SHA-512. A caller that can derive runs the reading inside [`outside`]: the first PBKDF2 the reading needs and
//!   was not given stops it (nothing else is derived) and comes back as a [`Pbkdf2Request`]; the caller derives
//!   it and runs the reading again with the bytes. The worker does this where `crypto.subtle` exists.
//! - **Here**, for SHA-224 (WebCrypto has no SHA-224 for PBKDF2) and wherever no caller derives: the HMAC inner
//!   and outer states are computed once, then each iteration is two calls of the compression function on one
//!   block, padded once (the inner and outer messages are both one block plus one digest long). The `pbkdf2`
//!   crate goes through `hmac` and the `digest` traits, which clone the keyed state, re-buffer and re-pad on every
//!   iteration; no crate offers the loop on the bare compression functions.
//!
//! Derived bytes live in `Zeroizing` buffers only, and what [`outside`] was given is wiped when it returns.

use crate::error::{Error, Result};
use core::cell::RefCell;
use sha2::digest::generic_array::GenericArray;
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

    /// The WebCrypto name of the hash, for the PRFs WebCrypto derives PBKDF2 with.
    pub fn webcrypto_hash(self) -> Option<&'static str> {
        match self {
            Prf::Sha1 => Some("SHA-1"),
            Prf::Sha224 => None,
            Prf::Sha256 => Some("SHA-256"),
            Prf::Sha384 => Some("SHA-384"),
            Prf::Sha512 => Some("SHA-512"),
        }
    }

    // Used by the wasm binding only.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    /// The PRF of a WebCrypto hash name.
    pub fn from_webcrypto_hash(name: &str) -> Option<Self> {
        [Prf::Sha1, Prf::Sha256, Prf::Sha384, Prf::Sha512]
            .into_iter()
            .find(|p| p.webcrypto_hash() == Some(name))
    }
}

/// A PBKDF2 derivation a reading needs: the passphrase is the one the reading was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pbkdf2Request {
    /// The PRF.
    pub prf: Prf,
    /// The salt.
    pub salt: Vec<u8>,
    /// The iteration count.
    pub iterations: u32,
    /// The number of bytes to derive.
    pub len: usize,
}

/// A derivation made outside, for [`outside`].
pub struct Derived {
    /// What was derived.
    pub request: Pbkdf2Request,
    /// The derived bytes.
    pub key: Zeroizing<Vec<u8>>,
}

/// What [`outside`] was given, and the first derivation asked for and missing.
struct Outside {
    derived: Vec<Derived>,
    missing: Option<Pbkdf2Request>,
}

thread_local! {
    static OUTSIDE: RefCell<Option<Outside>> = const { RefCell::new(None) };
}

// Used by the wasm binding (and the tests) only.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
/// Wipes what [`outside`] was given when it returns.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        OUTSIDE.with(|o| drop(o.borrow_mut().take()));
    }
}

// Used by the wasm binding (and the tests) only.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
/// Runs `read` with the PBKDF2 derivations a caller made outside (the browser's WebCrypto): a derivation
/// WebCrypto can make and `derived` lacks stops the reading and is returned as the request to derive; the
/// caller derives it and calls again, with the same passphrase. SHA-224 is always derived here.
///
/// # Errors
/// The [`Pbkdf2Request`] the reading stopped at; what `read` returned then is dropped.
pub fn outside<T>(
    derived: Vec<Derived>,
    read: impl FnOnce() -> T,
) -> core::result::Result<T, Pbkdf2Request> {
    OUTSIDE.with(|o| {
        *o.borrow_mut() = Some(Outside {
            derived,
            missing: None,
        });
    });
    let restore = Restore;
    let out = read();
    let missing = OUTSIDE.with(|o| o.borrow_mut().as_mut().and_then(|o| o.missing.take()));
    drop(restore);
    missing.map_or(Ok(out), Err)
}

/// The outside derivation for `request`: `Some(true)` when `out` holds it, `Some(false)` when it is missing
/// (now recorded), `None` when the PBKDF2 is made here.
fn from_outside(request: &Pbkdf2Request, out: &mut [u8]) -> Option<bool> {
    request.prf.webcrypto_hash()?;
    OUTSIDE.with(|o| {
        let mut o = o.borrow_mut();
        let o = o.as_mut()?;
        if let Some(d) = o.derived.iter().find(|d| d.request == *request) {
            out.copy_from_slice(&d.key);
            return Some(true);
        }
        o.missing.get_or_insert_with(|| request.clone());
        Some(false)
    })
}

/// PBKDF2-HMAC of `pass` into `out` (any length), within [`crate::limits::MAX_PBKDF2_WORK`].
///
/// # Errors
/// [`Error::KdfTooCostly`] past the work cap; [`Error::WrongPassphrase`] only inside [`outside`], when the derivation is missing (the reading then stops and
/// the caller sees the request, never this error).
pub fn pbkdf2(prf: Prf, pass: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) -> Result<()> {
    crate::limits::check_pbkdf2_work(iterations, out.len().div_ceil(prf.block_len()))?;
    let request = Pbkdf2Request {
        prf,
        salt: salt.to_vec(),
        iterations,
        len: out.len(),
    };
    match from_outside(&request, out) {
        Some(true) => return Ok(()),
        Some(false) => return Err(Error::WrongPassphrase),
        None => {}
    }
    pbkdf2_here(prf, pass, salt, iterations, out);
    Ok(())
}

/// PBKDF2-HMAC of `pass` into `out`, always made here (for writing keys, where the salt is fresh each time).
pub fn pbkdf2_here(prf: Prf, pass: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
    match prf {
        Prf::Sha1 => pbkdf2_sha1(pass, salt, iterations, out),
        Prf::Sha224 => pbkdf2_sha224(pass, salt, iterations, out),
        Prf::Sha256 => pbkdf2_sha256(pass, salt, iterations, out),
        Prf::Sha384 => pbkdf2_sha384(pass, salt, iterations, out),
        Prf::Sha512 => pbkdf2_sha512(pass, salt, iterations, out),
    }
}

/// One PBKDF2 on a hash's compression function alone: `[$word; $n]` its state, `$iv` its initial state, `$block` its block bytes, `$out` its digest bytes,
/// `$compress` its compression function.
macro_rules! pbkdf2_on {
    ($name:ident, [$word:ty; $n:expr], $iv:expr, $block:expr, $out:expr, $compress:expr) => {
        fn $name(pass: &[u8], salt: &[u8], iterations: u32, out: &mut [u8]) {
            const BLOCK: usize = $block;
            const OUT: usize = $out;
            const WORD: usize = core::mem::size_of::<$word>();
            const IV: [$word; $n] = $iv;
            fn compress(state: &mut [$word; $n], block: &[u8; BLOCK]) {
                $compress(
                    state,
                    core::slice::from_ref(GenericArray::from_slice(block)),
                );
            }
            /// Hashes `parts` on from `state`, which has taken `before` bytes, and pads (FIPS 180-4 §5.1: the
            /// bit length in the last 8 bytes, or 16 for 128-byte blocks).
            fn finish(state: &mut [$word; $n], before: usize, parts: &[&[u8]]) {
                let len = before + parts.iter().map(|p| p.len()).sum::<usize>();
                let mut buf = Zeroizing::new(Vec::with_capacity(len + BLOCK + 17));
                parts.iter().for_each(|p| buf.extend_from_slice(p));
                buf.push(0x80);
                let padded = (buf.len() + BLOCK / 8).next_multiple_of(BLOCK);
                buf.resize(padded - 8, 0);
                buf.extend_from_slice(&((len * 8) as u64).to_be_bytes());
                for block in buf.chunks_exact(BLOCK) {
                    compress(state, block.try_into().unwrap_or_else(|_| unreachable!()));
                }
            }
            /// The first `OUT` bytes of a state, big-endian, into `out`.
            fn write(state: &[$word; $n], out: &mut [u8]) {
                for (bytes, word) in out[..OUT].chunks_mut(WORD).zip(state.iter()) {
                    bytes.copy_from_slice(&word.to_be_bytes()[..bytes.len()]);
                }
            }
            // HMAC's key block: the passphrase, or its hash when longer than a block (RFC 2104).
            let mut key = Zeroizing::new([0u8; BLOCK]);
            if pass.len() > BLOCK {
                let mut hash = Zeroizing::new(IV);
                finish(&mut hash, 0, &[pass]);
                write(&hash, &mut key[..]);
            } else {
                key[..pass.len()].copy_from_slice(pass);
            }
            let mut pad = Zeroizing::new([0u8; BLOCK]);
            let mut keyed = |byte: u8| {
                let mut state = Zeroizing::new(IV);
                for (p, k) in pad.iter_mut().zip(key.iter()) {
                    *p = k ^ byte;
                }
                compress(&mut state, &pad);
                state
            };
            let (inner, outer) = (keyed(0x36), keyed(0x5c));
            // U_j in a block padded for a message of BLOCK + OUT bytes (the keyed block, then U_j): the outer
            // hash of every iteration, and the inner one after the first, have that length.
            let mut u = Zeroizing::new([0u8; BLOCK]);
            u[OUT] = 0x80;
            u[BLOCK - 8..].copy_from_slice(&(((BLOCK + OUT) * 8) as u64).to_be_bytes());
            let mut t = Zeroizing::new([0u8; OUT]);
            let mut state = Zeroizing::new(IV);
            for (i, chunk) in out.chunks_mut(OUT).enumerate() {
                *state = *inner;
                finish(&mut state, BLOCK, &[salt, &(i as u32 + 1).to_be_bytes()]);
                write(&state, &mut u[..]);
                *state = *outer;
                compress(&mut state, &u);
                write(&state, &mut u[..]);
                t.copy_from_slice(&u[..OUT]);
                for _ in 1..iterations {
                    for keyed in [&inner, &outer] {
                        *state = **keyed;
                        compress(&mut state, &u);
                        write(&state, &mut u[..]);
                    }
                    for (t, u) in t.iter_mut().zip(u.iter()) {
                        *t ^= u;
                    }
                }
                chunk.copy_from_slice(&t[..chunk.len()]);
            }
        }
    };
}

pbkdf2_on!(
    pbkdf2_sha1,
    [u32; 5],
    [
        0x6745_2301,
        0xefcd_ab89,
        0x98ba_dcfe,
        0x1032_5476,
        0xc3d2_e1f0
    ],
    64,
    20,
    sha1::compress
);
pbkdf2_on!(
    pbkdf2_sha224,
    [u32; 8],
    [
        0xc105_9ed8,
        0x367c_d507,
        0x3070_dd17,
        0xf70e_5939,
        0xffc0_0b31,
        0x6858_1511,
        0x64f9_8fa7,
        0xbefa_4fa4,
    ],
    64,
    28,
    sha2::compress256
);
pbkdf2_on!(
    pbkdf2_sha256,
    [u32; 8],
    [
        0x6a09_e667,
        0xbb67_ae85,
        0x3c6e_f372,
        0xa54f_f53a,
        0x510e_527f,
        0x9b05_688c,
        0x1f83_d9ab,
        0x5be0_cd19,
    ],
    64,
    32,
    sha2::compress256
);
pbkdf2_on!(
    pbkdf2_sha384,
    [u64; 8],
    [
        0xcbbb_9d5d_c105_9ed8,
        0x629a_292a_367c_d507,
        0x9159_015a_3070_dd17,
        0x152f_ecd8_f70e_5939,
        0x6733_2667_ffc0_0b31,
        0x8eb4_4a87_6858_1511,
        0xdb0c_2e0d_64f9_8fa7,
        0x47b5_481d_befa_4fa4,
    ],
    128,
    48,
    sha2::compress512
);
pbkdf2_on!(
    pbkdf2_sha512,
    [u64; 8],
    [
        0x6a09_e667_f3bc_c908,
        0xbb67_ae85_84ca_a73b,
        0x3c6e_f372_fe94_f82b,
        0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1,
        0x9b05_688c_2b3e_6c1f,
        0x1f83_d9ab_fb41_bd6b,
        0x5be0_cd19_137e_2179,
    ],
    128,
    64,
    sha2::compress512
);

#[cfg(test)]
mod tests {
    use super::*;

    const PRFS: [Prf; 5] = [
        Prf::Sha1,
        Prf::Sha224,
        Prf::Sha256,
        Prf::Sha384,
        Prf::Sha512,
    ];

    /// The `pbkdf2` crate's result, the reference.
    fn reference(prf: Prf, pass: &[u8], salt: &[u8], n: u32, len: usize) -> Vec<u8> {
        use pbkdf2::pbkdf2_hmac;
        let mut out = vec![0u8; len];
        match prf {
            Prf::Sha1 => pbkdf2_hmac::<sha1::Sha1>(pass, salt, n, &mut out),
            Prf::Sha224 => pbkdf2_hmac::<sha2::Sha224>(pass, salt, n, &mut out),
            Prf::Sha256 => pbkdf2_hmac::<sha2::Sha256>(pass, salt, n, &mut out),
            Prf::Sha384 => pbkdf2_hmac::<sha2::Sha384>(pass, salt, n, &mut out),
            Prf::Sha512 => pbkdf2_hmac::<sha2::Sha512>(pass, salt, n, &mut out),
        }
        out
    }

    fn derive(prf: Prf, pass: &[u8], salt: &[u8], n: u32, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        pbkdf2(prf, pass, salt, n, &mut out).expect("derived here");
        out
    }

    #[test]
    fn rfc6070_sha1() {
        let dk = derive(Prf::Sha1, b"password", b"salt", 4096, 20);
        let hex: String = dk.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "4b007901b765489abead49d926f721d065a429c1");
    }

    /// Every PRF, short and long (hashed) passphrases, one to three output blocks, partial blocks.
    #[test]
    fn matches_the_pbkdf2_crate() {
        let long = [0x61u8; 200];
        for prf in PRFS {
            for pass in [&b"correct horse"[..], &long[..], &long[..64], &long[..129]] {
                for (salt, n, len) in [
                    (&b"salt"[..], 1, 20),
                    (&[7u8; 16][..], 2, 32),
                    (&[], 1000, 100),
                ] {
                    assert_eq!(
                        derive(prf, pass, salt, n, len),
                        reference(prf, pass, salt, n, len),
                        "{prf:?} pass {} n {n} len {len}",
                        pass.len()
                    );
                }
            }
        }
    }

    /// Every salt length across two blocks of padding, for each block size.
    #[test]
    fn every_salt_length_pads_right() {
        let salt = [0x5au8; 300];
        for prf in PRFS {
            for len in 0..=260 {
                let pass = &salt[..len % 150];
                assert_eq!(
                    derive(prf, pass, &salt[..len], 2, 70),
                    reference(prf, pass, &salt[..len], 2, 70),
                    "{prf:?} salt {len}"
                );
            }
        }
    }

    #[test]
    fn outside_asks_once_then_uses_what_it_is_given() {
        let asked = outside(Vec::new(), || derive_outside(Prf::Sha256)).unwrap_err();
        assert_eq!(asked.prf, Prf::Sha256);
        assert_eq!(
            (asked.salt.as_slice(), asked.iterations, asked.len),
            (&b"NaCl"[..], 3, 32)
        );
        let key = Zeroizing::new(reference(Prf::Sha256, b"pw", b"NaCl", 3, 32));
        let given = vec![Derived {
            request: asked,
            key: key.clone(),
        }];
        assert_eq!(
            outside(given, || derive_outside(Prf::Sha256)),
            Ok(Some(key.to_vec()))
        );
        // Nothing stays behind: outside of `outside`, PBKDF2 is made here.
        assert_eq!(derive(Prf::Sha256, b"pw", b"NaCl", 3, 32), *key);
        // Past the work cap (seven SHA-1 blocks at the iteration cap), refused before anything is asked.
        let mut big = vec![0u8; 140];
        let err = outside(Vec::new(), || {
            pbkdf2(Prf::Sha1, b"pw", b"s", 1_000_000, &mut big)
        })
        .expect("refused, not asked");
        assert_eq!(err.unwrap_err().code(), "kdf-too-costly");
        // SHA-224 is never asked for.
        let here = outside(Vec::new(), || derive_outside(Prf::Sha224)).expect("made here");
        assert_eq!(here, Some(reference(Prf::Sha224, b"pw", b"NaCl", 3, 32)));
    }

    fn derive_outside(prf: Prf) -> Option<Vec<u8>> {
        let mut out = vec![0u8; 32];
        pbkdf2(prf, b"pw", b"NaCl", 3, &mut out).ok().map(|()| out)
    }
}
