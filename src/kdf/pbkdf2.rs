//! PBKDF2-HMAC on the bare compression functions: the HMAC inner and outer states are computed once, then each
//! iteration is two calls of the compression function on one block, padded once (the inner and outer messages
//! are both one block plus one digest long). The `pbkdf2` crate goes through `hmac` and the `digest` traits,
//! which clone the keyed state, re-buffer and re-pad on every iteration; no crate offers the loop on the bare
//! compression functions.

use super::Prf;
use sha2::digest::generic_array::GenericArray;
use zeroize::Zeroizing;

/// PBKDF2-HMAC of `pass` into `out` (any length), from output block `first` (0: the whole derivation's start;
/// each block is independent, so a derivation can be made in parts); `iterations` is at least 1.
pub(super) fn pbkdf2(
    prf: Prf,
    pass: &[u8],
    salt: &[u8],
    iterations: u32,
    first: u32,
    out: &mut [u8],
) {
    match prf {
        Prf::Sha1 => pbkdf2_sha1(pass, salt, iterations, first, out),
        Prf::Sha224 => pbkdf2_sha224(pass, salt, iterations, first, out),
        Prf::Sha256 => pbkdf2_sha256(pass, salt, iterations, first, out),
        Prf::Sha384 => pbkdf2_sha384(pass, salt, iterations, first, out),
        Prf::Sha512 => pbkdf2_sha512(pass, salt, iterations, first, out),
    }
}

/// One PBKDF2 on a hash's compression function alone: `[$word; $n]` its state, `$iv` its initial state, `$block` its block bytes, `$out` its digest bytes,
/// `$compress` its compression function.
macro_rules! pbkdf2_on {
    ($name:ident, [$word:ty; $n:expr], $iv:expr, $block:expr, $out:expr, $compress:expr) => {
        fn $name(pass: &[u8], salt: &[u8], iterations: u32, first: u32, out: &mut [u8]) {
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
                let index = first.wrapping_add(i as u32).wrapping_add(1);
                finish(&mut state, BLOCK, &[salt, &index.to_be_bytes()]);
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
