//! scrypt in parts ([RFC 7914](https://www.rfc-editor.org/rfc/rfc7914) §6): the `p` blocks of 128·r bytes that
//! PBKDF2 expands from the passphrase are mixed (ROMix) independently, so the page's worker mixes them in parallel
//! workers and finishes with one PBKDF2 over the mixed blocks. The `scrypt` crate keeps its ROMix private and
//! offers only the whole derivation, so ROMix is written here, on `salsa20`'s Salsa20/8 core, as that crate
//! writes it; `derive` in `kdf.rs` still uses the crate, and the tests below check the parts against it.

use super::pbkdf2::pbkdf2;
use super::Prf;
use salsa20::cipher::{typenum::U4, StreamCipherCore};
use zeroize::Zeroizing;

/// The bytes of one of scrypt's `p` blocks.
pub fn block_len(r: u32) -> usize {
    128 * r as usize
}

/// Blocks `first..first + count` of scrypt's `p`, mixed: PBKDF2-HMAC-SHA256 (one iteration) of `pass` and `salt`
/// at those blocks' place in its output, then ROMix with N = 2^`log_n` on each. The caller has checked the
/// parameters (within keyfit's caps, `first + count` <= p).
pub fn mixed_blocks(
    pass: &[u8],
    salt: &[u8],
    log_n: u8,
    r: u32,
    first: u32,
    count: u32,
) -> Zeroizing<Vec<u8>> {
    let len = block_len(r);
    let mut b = Zeroizing::new(vec![0u8; len * count as usize]);
    // A block is 128·r bytes, 4·r of PBKDF2-SHA256's 32-byte output blocks.
    pbkdf2(Prf::Sha256, pass, salt, 1, first * 4 * r, &mut b);
    let n = 1usize << log_n;
    let mut v = Zeroizing::new(vec![0u8; len * n]);
    let mut t = Zeroizing::new(vec![0u8; len]);
    for block in b.chunks_exact_mut(len) {
        ro_mix(block, &mut v, &mut t, n);
    }
    b
}

/// The derived key from all `p` mixed blocks, in order: PBKDF2-HMAC-SHA256 (one iteration) of `pass` with the
/// mixed blocks as its salt, `out.len()` bytes.
pub fn finish(pass: &[u8], mixed: &[u8], out: &mut [u8]) {
    pbkdf2(Prf::Sha256, pass, mixed, 1, 0, out);
}

/// ROMix (RFC 7914 §5) of `b` in place; `v` holds N copies of a block, `t` one.
fn ro_mix(b: &mut [u8], v: &mut [u8], t: &mut [u8], n: usize) {
    let len = b.len();
    for chunk in v.chunks_exact_mut(len) {
        chunk.copy_from_slice(b);
        block_mix(chunk, b);
    }
    for _ in 0..n {
        let j = integerify(b) & (n - 1);
        xor(b, &v[j * len..(j + 1) * len], t);
        block_mix(t, b);
    }
}

/// The first 4 bytes of the block's last 64, little-endian (RFC 7914 §5's Integerify, mod 2^32).
fn integerify(b: &[u8]) -> usize {
    let at = b.len() - 64;
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
}

/// BlockMix with Salsa20/8 (RFC 7914 §4) of `input` into `output` (both 128·r bytes).
fn block_mix(input: &[u8], output: &mut [u8]) {
    let half = input.len() / 2;
    let mut x = Zeroizing::new([0u8; 64]);
    x.copy_from_slice(&input[input.len() - 64..]);
    let mut words = Zeroizing::new([0u32; 16]);
    for (i, chunk) in input.chunks_exact(64).enumerate() {
        for (k, word) in words.iter_mut().enumerate() {
            let at = 4 * k;
            *word = u32::from_le_bytes([
                x[at] ^ chunk[at],
                x[at + 1] ^ chunk[at + 1],
                x[at + 2] ^ chunk[at + 2],
                x[at + 3] ^ chunk[at + 3],
            ]);
        }
        salsa20::SalsaCore::<U4>::from_raw_state(*words).write_keystream_block((&mut *x).into());
        let at = (i / 2) * 64 + if i % 2 == 0 { 0 } else { half };
        output[at..at + 64].copy_from_slice(&*x);
    }
}

fn xor(a: &[u8], b: &[u8], out: &mut [u8]) {
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        *o = x ^ y;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole derivation from the parts, the blocks mixed in the ranges `split` gives.
    fn in_parts(
        pass: &[u8],
        salt: &[u8],
        log_n: u8,
        r: u32,
        p: u32,
        split: &[u32],
        len: usize,
    ) -> Vec<u8> {
        let mut mixed = Vec::new();
        let mut first = 0;
        for &count in split {
            mixed.extend_from_slice(&mixed_blocks(pass, salt, log_n, r, first, count));
            first += count;
        }
        assert_eq!(first, p);
        let mut out = vec![0u8; len];
        finish(pass, &mixed, &mut out);
        out
    }

    fn whole(pass: &[u8], salt: &[u8], log_n: u8, r: u32, p: u32, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        let params = scrypt::Params::new(log_n, r, p, len).expect("params");
        scrypt::scrypt(pass, salt, &params, &mut out).expect("scrypt");
        out
    }

    #[test]
    fn rfc_7914_vector() {
        // RFC 7914 §12, the second vector: "password", "NaCl", N = 1024, r = 8, p = 16, 64 bytes.
        let expected = "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640";
        let out = in_parts(b"password", b"NaCl", 10, 8, 16, &[5, 11], 64);
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, expected);
    }

    #[test]
    fn parts_equal_the_scrypt_crate() {
        for (log_n, r, p, split) in [
            (1, 1, 1, &[1][..]),
            (4, 2, 3, &[1, 2]),
            (7, 8, 6, &[3, 3]),
            (5, 1, 7, &[2, 2, 3]),
        ] {
            for (pass, len) in [(&b""[..], 16), (b"pass", 32), (&[0xA5u8; 100][..], 64)] {
                assert_eq!(
                    in_parts(pass, b"salt of a key", log_n, r, p, split, len),
                    whole(pass, b"salt of a key", log_n, r, p, len),
                    "N = 2^{log_n}, r = {r}, p = {p}, split {split:?}"
                );
            }
        }
    }
}
