//! Probable-prime search for RSA key generation, written to run fast as WebAssembly.
//!
//! Spec: NIST FIPS 186-5, *Digital Signature Standard*, <https://doi.org/10.6028/NIST.FIPS.186-5>:
//! Appendix A.1.3 (random primes that are probably prime: exact size, `gcd(p - 1, e) = 1`,
//! `|p - q| > 2^(nlen/2 - 100)`), Appendix B.3.1 (Miller-Rabin), B.3.3 (the general Lucas test) and Table B.1
//! (minimum Miller-Rabin rounds; see [`miller_rabin_rounds`]).
//!
//! Why not a crate: `num-bigint-dig` (what `rsa` 0.9 uses) and `crypto-bigint` work on 64-bit limbs, and
//! WebAssembly has no 64x64->128-bit multiply, so their inner loops call an emulated `u128` product. An RSA-4096
//! key from the `rsa` crate 0.9 took a median 6.2 s in Chromium (10 keys, one thread, opt-level z and wasm-opt)
//! against 1.7 s natively in release (30 keys); the seeded workload below shows the same gap with equal work. This
//! module keeps `BigUint` at its boundary only and does the hot arithmetic itself.
//!
//! How a prime is found ([`search_prime`]):
//! 1. A random odd `c` of exactly `bits` bits with the top two bits set (so `p q` has exactly `2 bits` bits).
//! 2. A sieve strikes every `c + 2k` (`k` below the window length) divisible by an odd prime below
//!    `bits^2 / 2` (at most [`SIEVE_BOUND`]): one pass of `c mod p`, then additions only.
//! 3. Each survivor in order: `gcd(e, p - 1) = 1`, then a strong probable-prime test to base 2 (a Fermat-style
//!    filter: nearly every composite stops here), then [`miller_rabin_rounds`] Miller-Rabin rounds with bases
//!    drawn from `rng` as B.3.1 asks, then one Lucas test (B.3.3). Base 2 plus Lucas is the Baillie-PSW
//!    combination, for which no composite that passes is known; FIPS 186-5 does not require the Lucas test
//!    (Table B.1's rounds are for Miller-Rabin alone), and once per prime it costs about as much as one base-2
//!    test, under 2% of an RSA-4096 search (measured: 9.73 s without it, 9.89 s with it, seeded workload).
//!
//! Stepping `c, c + 2, ...` instead of drawing each candidate afresh (as A.1.3 step 4.2 does) is what OpenSSL's
//! `BN_generate_prime_ex` and Go's `crypto/rand.Prime` do; it favours primes after long gaps slightly and
//! costs a negligible amount of entropy (Brandt and Damgård, "On generation of probable primes by incremental
//! search", CRYPTO '92), and it is what makes the sieve possible.
//!
//! The arithmetic (`prime/montgomery.rs`) is Montgomery multiplication in product-scanning order on 28-bit limbs held
//! in `u64`, so that an inner loop is a plain dot product: no carries and no 128-bit products. Measured on this
//! project's 2-core machine, one base-2 strong test of a 2048-bit candidate (the unit of work of an RSA-4096
//! search), release profile (`opt-level = "z"`, LTO), wasm run by node 20 (V8, as Chromium):
//!
//! | arithmetic | native | wasm |
//! |---|---|---|
//! | CIOS, 64-bit limbs, `u128` products (the shape of `num-bigint-dig`) | 4.7 ms | 21.9 ms |
//! | CIOS, 32-bit limbs, `u64` products | 12.8 ms | 16.2 ms |
//! | product scanning, 28-bit limbs, zipped iterators | 64 ms | 141 ms |
//! | product scanning, 28-bit limbs, indexed dot products (kept for products) | 7.6 ms | 13.5 ms |
//! | same, with a dedicated squaring (kept; what a test runs) | 8.5 ms | 10.8 ms |
//! | same, cross products and reduction fused in one loop (not used) | - | 11.0 ms |
//! | same at `opt-level = 3` with `+simd128` (not used: needs a SIMD-only build) | - | 8.3 ms |
//! | unrolling the dot product by 4 / by 2 (not used: bounds checks come back) | 10.2 / 10.0 ms | 17.3 / 17.7 ms |
//! | wasm-opt `-O3` / `-Oz` on top (no change) | - | 11.8 / 10.7 ms |
//!
//! Base 2 is special-cased: `2^d mod n` is square-and-double, where doubling is a shift and a subtraction, so
//! the test costs about one squaring per bit of `n`. The random-base rounds use a fixed 4-bit window (a larger
//! or sliding window would save under 0.5% of a search: those rounds run only on the final prime).
//!
//! The whole seeded RSA-4096 workload (`examples/seeded_keygen.rs`, seeds 1-8, sixteen 2048-bit primes) took
//! 9.4-10.5 s natively and 11.7 s in Chromium 156 with this engine (wasm/native 1.1-1.25), against 18.1 s
//! natively and 56.7 s in Chromium with the `rsa` crate (3.1). The sieve bound: 2^16 / 2^20 / 2^21 / 2^22 took
//! 17.0 / 12.7 / 12.3 / 12.1 s in wasm; dividing by the small primes with `u64 %` instead of the `f64`
//! estimate in the sieve cost a third more sieve time natively.

mod montgomery;
mod sieve;

use crate::error::{Error, Result};
use montgomery::{Limbs, Montgomery};
use num_bigint_dig::BigUint;
use rand_core::CryptoRngCore;
use std::sync::OnceLock;
use zeroize::{Zeroize, Zeroizing};

/// Smallest prime size [`find_prime`] accepts.
pub const MIN_BITS: usize = 64;
/// Largest prime size [`find_prime`] accepts (the arithmetic's limit).
pub const MAX_BITS: usize = montgomery::MAX_BITS;
/// The sieve strikes multiples of the odd primes below `bits^2 / 2` (1024-bit primes: 2^19; 2048-bit: 2^21),
/// and never above this bound, before any exponentiation. A test costs about `bits^3` and sieving about
/// `bits * bound / ln(bound)`, so the best bound grows with `bits^2`; measured on the seeded RSA-4096 workload
/// in wasm, bounds of 2^16 / 2^20 / 2^21 / 2^22 took 17.0 / 12.7 / 12.3 / 12.1 s for the eight keys.
pub const SIEVE_BOUND: u32 = 1 << 21;

fn sieve_bound(bits: usize) -> u32 {
    let b = (bits as u64).saturating_mul(bits as u64) / 2;
    b.clamp(1 << 10, u64::from(SIEVE_BOUND)) as u32
}
/// Largest `max_candidates` that [`search_prime`] accepts (one byte of memory each).
pub const MAX_WINDOW: usize = 1 << 20;
/// Windows [`find_prime`] tries before it gives up (each window misses with probability below 1e-5).
const MAX_WINDOWS: usize = 1000;

/// Minimum Miller-Rabin rounds with random bases for a random prime candidate of `bits` bits, from FIPS 186-5
/// Table B.1 ("Minimum number of rounds of M-R testing when generating primes"), column for p and q, at the
/// error probability that matches the key's security strength: 5 rounds for 1024-bit primes (RSA-2048, error
/// 2^-112), 4 for 1536-bit (RSA-3072, 2^-128) and 4 for 2048-bit primes (RSA-4096, 2^-144). The same figures are
/// in OpenSSL's `bn_rsa_fips186_5_prime_MR_rounds` (crypto/bn/bn_rsa_fips186_4.c). The table has no row below
/// 1024 bits; smaller primes (only used in tests) get 8 rounds, and larger ones 4.
pub fn miller_rabin_rounds(bits: usize) -> usize {
    match bits {
        1536.. => 4,
        1024.. => 5,
        _ => 8,
    }
}

fn small_primes() -> &'static sieve::SmallPrimes {
    static PRIMES: OnceLock<sieve::SmallPrimes> = OnceLock::new();
    PRIMES.get_or_init(|| sieve::SmallPrimes::new(SIEVE_BOUND))
}

fn check_args(bits: usize, e: u32) -> Result<()> {
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        return Err(Error::InvalidOption(format!(
            "prime size must be {MIN_BITS} to {MAX_BITS} bits, not {bits}"
        )));
    }
    if e < 3 || e % 2 == 0 {
        return Err(Error::InvalidOption(
            "the public exponent must be odd and at least 3".into(),
        ));
    }
    Ok(())
}

/// Finds a probable prime `p` of exactly `bits` bits, top two bits set, with `gcd(e, p - 1) = 1`, from
/// candidates chosen with `rng`.
///
/// # Errors
/// [`Error::InvalidOption`] if `bits` is outside [`MIN_BITS`]`..=`[`MAX_BITS`] or `e` is even or below 3, or if
/// no prime turned up in a thousand windows (only a broken `rng` does that).
///
/// # Examples
/// ```
/// use keyfit::find_prime;
/// let p = find_prime(256, 65537, &mut rand_core::OsRng).unwrap();
/// assert_eq!(p.bits(), 256);
/// ```
pub fn find_prime(bits: usize, e: u32, rng: &mut impl CryptoRngCore) -> Result<BigUint> {
    check_args(bits, e)?;
    let window = bits.saturating_mul(4).clamp(64, MAX_WINDOW);
    for _ in 0..MAX_WINDOWS {
        if let Some(p) = search_prime(bits, e, window, rng)? {
            return Ok(p);
        }
    }
    Err(Error::InvalidOption(
        "no prime found: the random number source looks broken".into(),
    ))
}

/// One bounded slice of a prime search, for cancellable or parallel callers: tests the candidates
/// `c, c + 2, ..., c + 2 (max_candidates - 1)` from a fresh random odd `c` of exactly `bits` bits (top two bits
/// set) and returns the first probable prime `p` with `gcd(e, p - 1) = 1`, or `None`.
///
/// A window of `4 bits` candidates holds such a prime with probability above 0.99999.
///
/// # Errors
/// [`Error::InvalidOption`] for `bits` or `e` as in [`find_prime`], or `max_candidates` of 0 or above
/// [`MAX_WINDOW`].
pub fn search_prime(
    bits: usize,
    e: u32,
    max_candidates: usize,
    rng: &mut impl CryptoRngCore,
) -> Result<Option<BigUint>> {
    check_args(bits, e)?;
    if !(1..=MAX_WINDOW).contains(&max_candidates) {
        return Err(Error::InvalidOption(format!(
            "max_candidates must be 1 to {MAX_WINDOW}"
        )));
    }
    let len = montgomery::limbs_for_bits(bits);
    let start = random_bits(bits, len, rng, 0b11);
    let start_mod_e = montgomery::rem_small(&start, e);
    let window = sieve::Window::new(&start, max_candidates, small_primes(), sieve_bound(bits));
    let mut cand = Zeroizing::new(start.to_vec());
    let mut at = 0usize;
    for k in window.survivors() {
        // Candidate c + 2k; stepping past 2^bits ends the window.
        if !montgomery::add_small(&mut cand, 2 * (k - at) as u64)
            || montgomery::bit_len(&cand) != bits
        {
            return Ok(None);
        }
        at = k;
        // gcd(e, p - 1) = 1, with p - 1 mod e from c mod e.
        let p_minus_1_mod_e =
            (u64::from(start_mod_e) + 2 * k as u64 + u64::from(e) - 1) % u64::from(e);
        if gcd(u64::from(e), p_minus_1_mod_e) != 1 {
            continue;
        }
        let Some(mut ctx) = Montgomery::new(&cand) else {
            continue;
        };
        if passes_tests(&mut ctx, miller_rabin_rounds(bits), rng) {
            return Ok(Some(to_biguint(&cand)));
        }
    }
    Ok(None)
}

/// Whether `w` is a probable prime by the test [`find_prime`] applies: trial division by small primes, a
/// strong probable-prime test to base 2, [`miller_rabin_rounds`] Miller-Rabin rounds with bases from `rng`
/// (FIPS 186-5 B.3.1), and the Lucas test of B.3.3. Numbers above [`MAX_BITS`] bits are reported as not prime.
/// For tests: [`find_prime`] runs these steps itself.
#[cfg(test)]
pub fn is_probable_prime(w: &BigUint, rng: &mut impl CryptoRngCore) -> bool {
    match prepare(w) {
        Prepared::Decided(answer) => answer,
        Prepared::Test(mut ctx) => passes_tests(&mut ctx, miller_rabin_rounds(w.bits()), rng),
    }
}

/// Whether `w` passes trial division by small primes and a strong probable-prime test to base 2: a quick check
/// that a number meant to be a prime is one, which no composite made by accident (a damaged or mixed-up buffer)
/// passes. A composite built to pass it exists, so this does not replace the full test of [`find_prime`] for
/// numbers from an untrusted source. Numbers above [`MAX_BITS`] bits are reported as not prime.
pub fn is_base2_strong_probable_prime(w: &BigUint) -> bool {
    match prepare(w) {
        Prepared::Decided(answer) => answer,
        Prepared::Test(mut ctx) => strong_test_base2(&mut ctx),
    }
}

enum Prepared {
    Decided(bool),
    Test(Montgomery),
}

/// Settles small, even and too-large numbers and those with a small factor; sets up the arithmetic otherwise.
fn prepare(w: &BigUint) -> Prepared {
    let bits = w.bits();
    if bits > MAX_BITS {
        return Prepared::Decided(false);
    }
    let bytes = Zeroizing::new(w.to_bytes_be());
    if bits <= 32 {
        let small = bytes.iter().fold(0u64, |a, &b| (a << 8) | u64::from(b));
        let prime = small == 2
            || (small > 2 && (2..).take_while(|d| d * d <= small).all(|d| small % d != 0));
        return Prepared::Decided(prime);
    }
    let Some(limbs) = montgomery::from_be_bytes(&bytes, montgomery::limbs_for_bits(bits)) else {
        return Prepared::Decided(false);
    };
    // Trial division by the primes below 8000: cheap, and it settles most composites.
    let small = small_primes().primes();
    if small
        .iter()
        .take(1000)
        .any(|&p| montgomery::rem_small(&limbs, p) == 0)
    {
        return Prepared::Decided(false);
    }
    match Montgomery::new(&limbs) {
        Some(ctx) => Prepared::Test(ctx),
        None => Prepared::Decided(false), // even
    }
}

/// `w - 1` and `s` with `w - 1 = 2^s d`, for the modulus `w` of `ctx`.
fn split_w_minus_1(ctx: &Montgomery) -> (Limbs, usize) {
    let mut w_minus_1 = Zeroizing::new(ctx.modulus().to_vec());
    if let Some(l) = w_minus_1.first_mut() {
        *l &= !1;
    }
    let s = (0..ctx.bits())
        .find(|&i| montgomery::bit(&w_minus_1, i))
        .unwrap_or(0);
    (w_minus_1, s)
}

/// The strong probable-prime test to base 2 (Miller-Rabin with `b = 2`).
fn strong_test_base2(ctx: &mut Montgomery) -> bool {
    let (w_minus_1, s) = split_w_minus_1(ctx);
    let y = ctx.pow2(&w_minus_1, s);
    strong_test(ctx, y, s)
}

/// Base-2 strong test, `rounds` random-base Miller-Rabin rounds, then the Lucas test.
fn passes_tests(ctx: &mut Montgomery, rounds: usize, rng: &mut impl CryptoRngCore) -> bool {
    if !strong_test_base2(ctx) {
        return false;
    }
    let (w_minus_1, s) = split_w_minus_1(ctx);
    for _ in 0..rounds {
        let Some(b) = random_base(ctx, rng) else {
            return false;
        };
        let b = ctx.enter(&b);
        let y = ctx.pow(&b, &w_minus_1, s);
        if !strong_test(ctx, y, s) {
            return false;
        }
    }
    lucas(ctx)
}

/// Miller-Rabin's final steps (B.3.1 steps 4.3-4.7) on `y = b^d` in Montgomery form.
fn strong_test(ctx: &mut Montgomery, mut y: Limbs, s: usize) -> bool {
    if ctx.is_one(&y) || ctx.is_minus_one(&y) {
        return true;
    }
    let mut t = ctx.zero();
    for _ in 1..s {
        ctx.sqr(&mut t, &y);
        ctx.reduce(&mut t);
        core::mem::swap(&mut y, &mut t);
        if ctx.is_minus_one(&y) {
            return true;
        }
        if ctx.is_one(&y) {
            return false;
        }
    }
    false
}

/// A base `b` uniform in `[2, w - 2]` (B.3.1 step 4.1), by rejection; `None` if `rng` keeps missing.
fn random_base(ctx: &Montgomery, rng: &mut impl CryptoRngCore) -> Option<Limbs> {
    let w = ctx.modulus();
    for _ in 0..256 {
        let b = random_bits(ctx.bits(), ctx.len(), rng, 0);
        let mut b_plus_1 = Zeroizing::new(b.to_vec());
        montgomery::add_small(&mut b_plus_1, 1);
        if montgomery::bit_len(&b) >= 2 && montgomery::less_than(&b_plus_1, w) {
            return Some(b);
        }
    }
    None
}

/// `bits` random bits from `rng` as `len` limbs, with the top two bits forced to `top` and, when `top` is set
/// (a prime candidate), the low bit set.
fn random_bits(bits: usize, len: usize, rng: &mut impl CryptoRngCore, top: u8) -> Limbs {
    let mut bytes = Zeroizing::new(vec![0u8; bits.div_ceil(8)]);
    rng.fill_bytes(&mut bytes);
    let extra = bytes.len() * 8 - bits;
    if let Some(b) = bytes.first_mut() {
        *b &= 0xff >> extra;
    }
    let mut limbs =
        montgomery::from_be_bytes(&bytes, len).unwrap_or_else(|| Zeroizing::new(vec![0; len]));
    if top != 0 {
        for (i, set) in [(bits - 1, top & 0b10 != 0), (bits - 2, top & 0b01 != 0)] {
            if set {
                if let Some(l) = limbs.get_mut(i / montgomery::LIMB_BITS) {
                    *l |= 1 << (i % montgomery::LIMB_BITS);
                }
            }
        }
        if let Some(l) = limbs.first_mut() {
            *l |= 1;
        }
    }
    limbs
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Jacobi symbol `(a / n)` for odd `n > 0`.
fn jacobi_small(mut a: u64, mut n: u64) -> i32 {
    a %= n;
    let mut t = 1;
    while a != 0 {
        while a % 2 == 0 {
            a /= 2;
            if matches!(n % 8, 3 | 5) {
                t = -t;
            }
        }
        core::mem::swap(&mut a, &mut n);
        if a % 4 == 3 && n % 4 == 3 {
            t = -t;
        }
        a %= n;
    }
    if n == 1 {
        t
    } else {
        0
    }
}

/// Jacobi symbol `(D / C)` for a small signed `D` with odd `|D|` and a large odd `C` (limbs).
fn jacobi_signed(d: i64, c: &[u64]) -> i32 {
    let a = d.unsigned_abs();
    let c_mod_4 = c.first().map_or(1, |l| l & 3);
    // Reciprocity for odd positive a and C: (a/C) = (C mod a / a) (-1)^((a-1)/2 (C-1)/2).
    let mut j = jacobi_small(u64::from(montgomery::rem_small(c, a as u32)), a);
    if a % 4 == 3 && c_mod_4 == 3 {
        j = -j;
    }
    // (-1/C) = (-1)^((C-1)/2).
    if d < 0 && c_mod_4 == 3 {
        j = -j;
    }
    j
}

/// The (general) Lucas probabilistic primality test of FIPS 186-5 B.3.3 (C.3.3 in FIPS 186-4), with `P = 1`,
/// `Q = (1 - D) / 4`, on the modulus of `ctx`.
fn lucas(ctx: &mut Montgomery) -> bool {
    let c = Zeroizing::new(ctx.modulus().to_vec());
    // Step 1: a perfect square has no D with (D/C) = -1.
    let mut big = to_biguint(&c);
    let mut root = num_integer::Roots::sqrt(&big);
    let square = &root * &root == big;
    big.zeroize();
    root.zeroize();
    if square {
        return false;
    }
    // Step 2: the first D in 5, -7, 9, -11, ... with (D/C) = -1; (D/C) = 0 means a factor.
    let mut d: i64 = 5;
    loop {
        match jacobi_signed(d, &c) {
            -1 => break,
            0 if montgomery::bit_len(&c) > 32 || d.unsigned_abs() != to_u64(&c) => return false,
            _ => {}
        }
        d = if d > 0 { -(d + 2) } else { -d + 2 };
        if d.unsigned_abs() > 1 << 24 {
            return false;
        }
    }
    // Steps 3-6 on K = C + 1, from its second-highest bit down. Step 6.2's V_temp = (V^2 + D U^2) / 2 is
    // computed as V^2 - 2 Q^k (the same number: V_k^2 - D U_k^2 = 4 Q^k), which saves the products by D for
    // the price of squaring Q^k, Q = (1 - D) / 4.
    let times = |ctx: &Montgomery, x: &mut [u64], by: i64| {
        ctx.mul_small(x, by.unsigned_abs() as u32);
        if by < 0 {
            ctx.negate(x);
        }
    };
    let q = (1 - d) / 4;
    let mut k = Zeroizing::new(c.to_vec());
    montgomery::add_small(&mut k, 1);
    let mut u = ctx.one();
    let mut v = ctx.one();
    let mut q_k = ctx.one();
    times(ctx, &mut q_k, q);
    let (mut u_t, mut v_t, mut t) = (ctx.zero(), ctx.zero(), ctx.zero());
    for i in (0..montgomery::bit_len(&k).saturating_sub(1)).rev() {
        ctx.mul(&mut u_t, &u, &v); // U_2k = U_k V_k
        ctx.reduce(&mut u_t);
        ctx.sqr(&mut v_t, &v); // V_2k = V_k^2 - 2 Q^k
        ctx.reduce(&mut v_t);
        ctx.sub(&mut v_t, &q_k);
        ctx.sub(&mut v_t, &q_k);
        ctx.sqr(&mut t, &q_k); // Q^2k
        ctx.reduce(&mut t);
        core::mem::swap(&mut q_k, &mut t);
        if montgomery::bit(&k, i) {
            // U_2k+1 = (U_2k + V_2k) / 2, V_2k+1 = (D U_2k + V_2k) / 2, Q^(2k+1) = Q Q^2k.
            u.copy_from_slice(&u_t);
            ctx.add(&mut u, &v_t);
            ctx.half(&mut u);
            times(ctx, &mut u_t, d);
            v.copy_from_slice(&v_t);
            ctx.add(&mut v, &u_t);
            ctx.half(&mut v);
            times(ctx, &mut q_k, q);
        } else {
            core::mem::swap(&mut u, &mut u_t);
            core::mem::swap(&mut v, &mut v_t);
        }
    }
    // Step 7.
    u.iter().all(|&l| l == 0)
}

fn to_u64(x: &[u64]) -> u64 {
    x.iter()
        .rev()
        .fold(0u64, |a, &l| (a << montgomery::LIMB_BITS) | l)
}

fn to_biguint(x: &[u64]) -> BigUint {
    let bytes = montgomery::to_be_bytes(x, montgomery::bit_len(x).div_ceil(8));
    BigUint::from_bytes_be(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint_dig::prime::probably_prime;
    use num_traits::{One, Zero};
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    #[test]
    fn found_primes_are_prime_with_the_right_shape() {
        let mut rng = ChaCha20Rng::seed_from_u64(512);
        for bits in [64, 100, 256, 512, 512, 768, 1024] {
            let e = 65537u32;
            let p = find_prime(bits, e, &mut rng).expect("prime");
            assert_eq!(p.bits(), bits);
            assert!(probably_prime(&p, 20), "{bits}-bit result is not prime");
            let top_two = &p >> (bits - 2);
            assert_eq!(top_two, BigUint::from(3u32), "top two bits set");
            assert!(!((&p - 1u32) % e).is_zero(), "gcd(e, p - 1) = 1");
        }
    }

    #[test]
    fn same_seed_same_prime() {
        let a = find_prime(256, 65537, &mut ChaCha20Rng::seed_from_u64(9)).expect("prime");
        let b = find_prime(256, 65537, &mut ChaCha20Rng::seed_from_u64(9)).expect("prime");
        assert_eq!(a, b);
    }

    #[test]
    fn gcd_with_e_is_enforced() {
        // With e = 3 a prime p = 1 (mod 3) must be skipped.
        let mut rng = ChaCha20Rng::seed_from_u64(3);
        for _ in 0..20 {
            let p = find_prime(128, 3, &mut rng).expect("prime");
            assert_eq!((&p % 3u32), BigUint::from(2u32));
        }
    }

    #[test]
    fn rejects_bad_arguments() {
        let mut rng = ChaCha20Rng::seed_from_u64(0);
        assert!(find_prime(32, 65537, &mut rng).is_err());
        assert!(find_prime(MAX_BITS + 1, 65537, &mut rng).is_err());
        assert!(find_prime(512, 65536, &mut rng).is_err());
        assert!(find_prime(512, 1, &mut rng).is_err());
        assert!(search_prime(512, 65537, 0, &mut rng).is_err());
        assert!(search_prime(512, 65537, MAX_WINDOW + 1, &mut rng).is_err());
    }

    #[test]
    fn tiny_windows_may_find_nothing() {
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        let found = (0..50)
            .filter_map(|_| search_prime(512, 65537, 1, &mut rng).expect("args"))
            .count();
        assert!(found < 10, "a one-candidate window rarely holds a prime");
    }

    #[test]
    fn is_probable_prime_agrees_with_num_bigint_dig() {
        let mut rng = ChaCha20Rng::seed_from_u64(42);
        // Small numbers, including the small primes themselves.
        for n in 0u32..3000 {
            let big = BigUint::from(n);
            assert_eq!(
                is_probable_prime(&big, &mut rng),
                probably_prime(&big, 20),
                "{n}"
            );
            assert_eq!(
                is_base2_strong_probable_prime(&big),
                probably_prime(&big, 20),
                "{n}"
            );
        }
        // Odd numbers around a random 512-bit start.
        let start = find_prime(512, 65537, &mut rng).expect("prime") + 2u32;
        for i in 0..400u32 {
            let w = &start + BigUint::from(2 * i);
            let want = probably_prime(&w, 20);
            assert_eq!(is_probable_prime(&w, &mut rng), want, "offset {i}");
            assert_eq!(is_base2_strong_probable_prime(&w), want, "offset {i}");
        }
    }

    /// The tests after the sieve, without trial division, on `w`.
    fn tests_only(w: &BigUint, rounds: usize, rng: &mut ChaCha20Rng) -> bool {
        let limbs =
            montgomery::from_be_bytes(&w.to_bytes_be(), montgomery::limbs_for_bits(w.bits()))
                .expect("fits");
        passes_tests(&mut Montgomery::new(&limbs).expect("odd"), rounds, rng)
    }

    fn lucas_only(w: &BigUint) -> bool {
        let limbs =
            montgomery::from_be_bytes(&w.to_bytes_be(), montgomery::limbs_for_bits(w.bits()))
                .expect("fits");
        lucas(&mut Montgomery::new(&limbs).expect("odd"))
    }

    #[test]
    fn lucas_and_strong_tests_catch_pseudoprimes() {
        let mut rng = ChaCha20Rng::seed_from_u64(5);
        // Strong pseudoprimes to base 2 (OEIS A001262): the Lucas test must reject them.
        for n in [
            2047u32, 3277, 4033, 4681, 8321, 15841, 29341, 42799, 49141, 52633, 65281, 74665,
        ] {
            assert!(!lucas_only(&BigUint::from(n)), "{n}");
            assert!(!tests_only(&BigUint::from(n), 0, &mut rng), "{n}");
        }
        // Lucas pseudoprimes with Selfridge's parameters (OEIS A217120): they pass this Lucas test, which shows
        // it is the standard one, and the base-2 strong test must reject them.
        for n in [
            323u32, 377, 1159, 1829, 3827, 5459, 5777, 9071, 9179, 10877, 16109, 18971,
        ] {
            assert!(lucas_only(&BigUint::from(n)), "{n} is a Lucas pseudoprime");
            assert!(!tests_only(&BigUint::from(n), 0, &mut rng), "{n}");
        }
        // Primes pass the Lucas test; a product of two primes and a square of a prime fail it.
        let p = find_prime(256, 65537, &mut rng).expect("prime");
        let q = find_prime(256, 65537, &mut rng).expect("prime");
        for prime in [
            &p,
            &q,
            &BigUint::from(65537u32),
            &BigUint::from(1_000_003u32),
        ] {
            assert!(lucas_only(prime));
            assert!(tests_only(prime, 3, &mut rng));
        }
        assert!(!lucas_only(&(&p * &q)));
        assert!(!lucas_only(&(&p * &p)));
        assert!(!is_probable_prime(&(&p * &q), &mut rng));
        assert!(!is_probable_prime(&(&p * &p), &mut rng));
        assert!(!is_base2_strong_probable_prime(&(&p * &q)));
    }

    #[test]
    fn jacobi_matches_definition() {
        // Euler's criterion on small primes.
        for &p in &[3u64, 5, 7, 11, 13, 101, 65537] {
            for a in 0..p.min(200) {
                let e = BigUint::from(a).modpow(&BigUint::from((p - 1) / 2), &BigUint::from(p));
                let want = if a == 0 {
                    0
                } else if e.is_one() {
                    1
                } else {
                    -1
                };
                assert_eq!(jacobi_small(a, p), want, "({a}/{p})");
            }
        }
        // Signed D against a big modulus: (D/C) = (D mod C / C) computed on small numbers.
        for c in (3u64..2000).step_by(2) {
            for d in [5i64, -7, 9, -11, 13, -15] {
                let limbs = [c & ((1 << 28) - 1), c >> 28];
                let want = jacobi_small(d.rem_euclid(c as i64) as u64, c);
                assert_eq!(jacobi_signed(d, &limbs), want, "({d}/{c})");
            }
        }
    }
}
