//! Sieve of Eratosthenes over a window of odd prime candidates `c, c + 2, c + 4, ...`.
//!
//! One division pass computes `c mod p` for every small odd prime `p`; after that, every multiple of `p` in the
//! window is struck out with additions only, so the window costs one pass over the small primes instead of a
//! trial division per candidate. Only the survivors reach a modular exponentiation.

use super::montgomery::LIMB_BITS;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// The odd primes below `bound`, by a plain sieve of Eratosthenes.
pub(crate) fn small_primes(bound: u32) -> Vec<u32> {
    let bound = bound as usize;
    let mut composite = vec![false; bound];
    let mut primes = Vec::new();
    for i in (3..bound).step_by(2) {
        if composite[i] {
            continue;
        }
        primes.push(i as u32);
        let mut j = i.saturating_mul(i);
        while j < bound {
            composite[j] = true;
            j += 2 * i;
        }
    }
    primes
}

/// Primes the sieve uses, each with `1 / p` as an `f64` for division-free remainders.
pub(crate) struct SmallPrimes {
    primes: Vec<u32>,
    inverses: Vec<f64>,
}

impl SmallPrimes {
    /// The odd primes below `bound`, which must be at most [`MAX_BOUND`].
    pub(crate) fn new(bound: u32) -> Self {
        let primes = small_primes(bound.min(MAX_BOUND));
        let inverses = primes.iter().map(|&p| 1.0 / f64::from(p)).collect();
        SmallPrimes { primes, inverses }
    }

    /// The primes.
    pub(crate) fn primes(&self) -> &[u32] {
        &self.primes
    }
}

/// Largest sieve bound: remainders below `2^24` shifted by a 28-bit limb stay below `2^53`, where `f64` is exact.
pub(crate) const MAX_BOUND: u32 = 1 << 24;

/// Primes whose remainders are updated together, so that their arrays stay in the first-level cache.
const CHUNK: usize = 512;

/// `c mod p` for every small prime. Integer division is slow (a 64-bit `div` takes tens of cycles, in wasm as
/// natively) and each step of Horner's rule waits for the previous one, so the quotient is estimated with a
/// floating-point multiply by `1 / p` (`x < 2^53` is exact in `f64` and the estimate is off by at most one) and
/// the remainders of a chunk of primes are advanced together, one limb at a time, so their steps overlap.
fn residues(c: &[u64], small: &SmallPrimes, count: usize) -> Zeroizing<Vec<u32>> {
    let count = count.min(small.primes.len());
    let mut out = Zeroizing::new(vec![0u32; count]);
    for ((r, p), inv) in out
        .chunks_mut(CHUNK)
        .zip(small.primes[..count].chunks(CHUNK))
        .zip(small.inverses[..count].chunks(CHUNK))
    {
        let len = r.len().min(p.len()).min(inv.len());
        let (r, p, inv) = (&mut r[..len], &p[..len], &inv[..len]);
        for &limb in c.iter().rev() {
            for k in 0..len {
                let pk = u64::from(p[k]);
                let x = (u64::from(r[k]) << LIMB_BITS) | limb;
                let q = (x as f64 * inv[k]) as u64;
                let mut rem = x.wrapping_sub(q.wrapping_mul(pk)) as i64;
                if rem < 0 {
                    rem += pk as i64;
                } else if rem >= pk as i64 {
                    rem -= pk as i64;
                }
                r[k] = rem as u32;
            }
        }
    }
    out
}

/// Which candidates `c + 2k`, `0 <= k < len`, have no prime factor among the small primes. Wiped on drop: it
/// tells something about the secret `c`.
#[derive(Zeroize, ZeroizeOnDrop)]
pub(crate) struct Window {
    /// `struck[k]`: `c + 2k` has a small prime factor.
    struck: Vec<bool>,
}

impl Window {
    /// Sieves `len` odd candidates from the odd number `c` (28-bit limbs) with the small primes below `bound`
    /// (all below `c`).
    pub(crate) fn new(c: &[u64], len: usize, small: &SmallPrimes, bound: u32) -> Self {
        let mut struck = vec![false; len];
        let count = small.primes.partition_point(|&p| p < bound);
        for (&p, &r) in small.primes.iter().zip(residues(c, small, count).iter()) {
            let (p, r) = (u64::from(p), u64::from(r));
            // c + 2k = 0 (mod p)  <=>  k = -r / 2 = (p - r) (p + 1) / 2 (mod p).
            let mut k = ((p - r) % p) * p.div_ceil(2) % p;
            while let Some(s) = usize::try_from(k).ok().and_then(|k| struck.get_mut(k)) {
                *s = true;
                k += p;
            }
        }
        Window { struck }
    }

    /// The offsets `k` whose candidate `c + 2k` survived, in increasing order.
    pub(crate) fn survivors(&self) -> impl Iterator<Item = usize> + '_ {
        self.struck
            .iter()
            .enumerate()
            .filter_map(|(k, &s)| (!s).then_some(k))
    }
}

#[cfg(test)]
mod tests {
    use super::super::montgomery::{from_be_bytes, limbs_for_bits};
    use super::*;
    use num_bigint_dig::BigUint;
    use num_traits::{ToPrimitive, Zero};

    /// The floating-point remainders equal the integer ones, for the largest bound too.
    #[test]
    fn residues_match_integer_division() {
        let small = SmallPrimes {
            primes: small_primes(3000)
                .into_iter()
                .chain([MAX_BOUND - 3, 16_777_199, 1_000_003])
                .collect(),
            inverses: Vec::new(),
        };
        let small = SmallPrimes {
            inverses: small.primes.iter().map(|&p| 1.0 / f64::from(p)).collect(),
            ..small
        };
        let c: Vec<u64> = (0..80u64)
            .map(|i| (i * 0x9e37_79b9 + 0x0fff_ffff) & ((1 << LIMB_BITS) - 1))
            .collect();
        for (&p, &r) in small
            .primes
            .iter()
            .zip(residues(&c, &small, usize::MAX).iter())
        {
            assert_eq!(r, crate::prime::montgomery::rem_small(&c, p), "mod {p}");
        }
    }

    #[test]
    fn small_primes_are_the_odd_primes() {
        assert_eq!(small_primes(30), [3, 5, 7, 11, 13, 17, 19, 23, 29]);
        assert_eq!(small_primes(1 << 16).len(), 6542 - 1);
        assert_eq!(small_primes(1 << 16).last(), Some(&65521));
    }

    /// Every candidate the window strikes has a small factor, and every candidate it keeps has none.
    #[test]
    fn window_strikes_exactly_the_multiples_of_small_primes() {
        let small = SmallPrimes::new(2000);
        let primes: Vec<u32> = small
            .primes()
            .iter()
            .copied()
            .filter(|&p| p < 1500)
            .collect();
        let c = (BigUint::from(0xc0ffee_u32) << 500usize) + BigUint::from(12345u32);
        let limbs = from_be_bytes(&c.to_bytes_be(), limbs_for_bits(c.bits())).expect("fits");
        let window = Window::new(&limbs, 3000, &small, 1500);
        let kept: Vec<usize> = window.survivors().collect();
        assert!(!kept.is_empty() && kept.len() < 3000 / 5);
        for k in 0..3000usize {
            let cand = &c + BigUint::from(2 * k);
            let has_small_factor = primes.iter().any(|&p| (&cand % BigUint::from(p)).is_zero());
            assert_eq!(!has_small_factor, kept.contains(&k), "offset {k}");
            if kept.contains(&k) {
                assert_ne!((&cand % 3u32).to_u32(), Some(0));
            }
        }
    }
}
