//! Montgomery arithmetic modulo an odd number of up to [`MAX_BITS`] bits, on 28-bit limbs held in `u64`.
//!
//! Montgomery multiplication: P. L. Montgomery, "Modular multiplication without trial division", Math. Comp. 44
//! (1985); the product-scanning ("FIPS") order of C. K. Koç, T. Acar, B. S. Kaliski, "Analyzing and comparing
//! Montgomery multiplication algorithms", IEEE Micro 16(3) (1996).
//!
//! Why 28-bit limbs: WebAssembly multiplies 64-bit integers natively but has no 64x64->128-bit product, so
//! 64-bit limbs pay for an emulated `u128` multiply. With 28-bit limbs every limb product fits in 56 bits, and a
//! whole column of the schoolbook product (up to `2 * len` products, see [`MAX_LIMBS`]) is summed in one `u64`
//! with no carry handling inside the inner loop: the inner loop is a plain dot product. Each value is kept in
//! `[0, 2n)` between operations (the Montgomery radix `R = 2^(28 len)` is at least `4n`, so no final subtraction
//! is needed) and is reduced to `[0, n)` only where it is compared.
//!
//! The inner loops index slices of equal, pre-sliced length instead of zipping iterators: at the crate's release
//! `opt-level = "z"` the iterator adapters are not inlined and the zipped loops ran 3-6x slower in wasm (see the
//! figures in [`crate::prime`]).

use zeroize::{Zeroize, Zeroizing};

/// Bits per limb.
pub(crate) const LIMB_BITS: usize = 28;
const MASK: u64 = (1 << LIMB_BITS) - 1;
/// Most limbs a modulus may have: a column sums at most `2 * len` products below `2^56` plus a carry below
/// `2^37`, which stays below `2^64` while `2 * len <= 255`.
pub(crate) const MAX_LIMBS: usize = 127;
/// Largest modulus size in bits (`28 * MAX_LIMBS - 2`, keeping `R >= 4n`).
pub(crate) const MAX_BITS: usize = LIMB_BITS * MAX_LIMBS - 2;

/// A number as little-endian 28-bit limbs, wiped when dropped.
pub(crate) type Limbs = Zeroizing<Vec<u64>>;

/// How many limbs a modulus of `bits` bits needs so that `R = 2^(28 len) >= 4n`.
pub(crate) fn limbs_for_bits(bits: usize) -> usize {
    (bits + 2).div_ceil(LIMB_BITS)
}

/// Reads a big-endian byte string into exactly `len` limbs; `None` if the value does not fit.
pub(crate) fn from_be_bytes(bytes: &[u8], len: usize) -> Option<Limbs> {
    let mut out = Zeroizing::new(vec![0u64; len]);
    let mut acc: u64 = 0;
    let mut acc_bits = 0;
    let mut k = 0;
    for &b in bytes.iter().rev() {
        acc |= u64::from(b) << acc_bits;
        acc_bits += 8;
        if acc_bits >= LIMB_BITS {
            if k < len {
                out[k] = acc & MASK;
            } else if acc & MASK != 0 {
                return None;
            }
            k += 1;
            acc >>= LIMB_BITS;
            acc_bits -= LIMB_BITS;
        }
    }
    if acc != 0 {
        if k < len {
            out[k] = acc;
        } else {
            return None;
        }
    }
    Some(out)
}

/// Writes limbs as a big-endian byte string of exactly `byte_len` bytes (higher bits are dropped).
pub(crate) fn to_be_bytes(limbs: &[u64], byte_len: usize) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(vec![0u8; byte_len]);
    let mut acc: u64 = 0;
    let mut acc_bits = 0;
    let mut slots = out.iter_mut().rev();
    for &l in limbs {
        acc |= l << acc_bits;
        acc_bits += LIMB_BITS;
        while acc_bits >= 8 {
            match slots.next() {
                Some(s) => *s = acc as u8,
                None => return out,
            }
            acc >>= 8;
            acc_bits -= 8;
        }
    }
    if let Some(s) = slots.next() {
        *s = acc as u8;
    }
    out
}

/// Bit length of a limb vector.
pub(crate) fn bit_len(x: &[u64]) -> usize {
    x.iter()
        .rposition(|&l| l != 0)
        .map_or(0, |i| i * LIMB_BITS + (64 - x[i].leading_zeros() as usize))
}

/// Bit `i` of `x` (0 beyond its end).
pub(crate) fn bit(x: &[u64], i: usize) -> bool {
    x.get(i / LIMB_BITS)
        .is_some_and(|l| (l >> (i % LIMB_BITS)) & 1 == 1)
}

/// `x mod d` for a small divisor `0 < d < 2^32`.
pub(crate) fn rem_small(x: &[u64], d: u32) -> u32 {
    let d = u64::from(d.max(1));
    let mut r = 0u64;
    for &l in x.iter().rev() {
        r = ((r << LIMB_BITS) | l) % d;
    }
    r as u32
}

/// `x += v` (a small value), returning false if the sum no longer fits the limbs.
pub(crate) fn add_small(x: &mut [u64], v: u64) -> bool {
    let mut carry = v;
    for l in x.iter_mut() {
        if carry == 0 {
            return true;
        }
        let s = *l + carry;
        *l = s & MASK;
        carry = s >> LIMB_BITS;
    }
    carry == 0
}

fn is_zero(x: &[u64]) -> bool {
    x.iter().all(|&l| l == 0)
}

/// `x >= y` for equal-length limb vectors.
fn ge(x: &[u64], y: &[u64]) -> bool {
    for (a, b) in x.iter().zip(y).rev() {
        if a != b {
            return a > b;
        }
    }
    true
}

/// `x < y` for equal-length limb vectors.
pub(crate) fn less_than(x: &[u64], y: &[u64]) -> bool {
    !ge(x, y)
}

/// `x -= y` for equal lengths; returns the borrow out (then `x` holds `x - y + 2^(28 len)`).
fn sub_in_place(x: &mut [u64], y: &[u64]) -> bool {
    let mut borrow = 0u64;
    for (a, &b) in x.iter_mut().zip(y) {
        let s = a.wrapping_sub(b).wrapping_sub(borrow);
        *a = s & MASK;
        borrow = s >> 63;
    }
    borrow == 1
}

/// `x += y`, equal lengths; the caller guarantees the sum fits.
fn add_in_place(x: &mut [u64], y: &[u64]) {
    let mut carry = 0u64;
    for (a, &b) in x.iter_mut().zip(y) {
        let s = *a + b + carry;
        *a = s & MASK;
        carry = s >> LIMB_BITS;
    }
}

/// `x <<= 1`; the caller guarantees the result fits.
fn shl1(x: &mut [u64]) {
    let mut carry = 0u64;
    for a in x.iter_mut() {
        let s = (*a << 1) | carry;
        *a = s & MASK;
        carry = s >> LIMB_BITS;
    }
}

/// `x >>= 1`.
fn shr1(x: &mut [u64]) {
    let mut carry = 0u64;
    for a in x.iter_mut().rev() {
        let low = *a & 1;
        *a = (*a >> 1) | (carry << (LIMB_BITS - 1));
        carry = low;
    }
}

/// Sum of `x[k] * y[k]` over the shorter length.
#[inline(always)]
#[allow(clippy::needless_range_loop)] // indexed on purpose: see the module doc
fn dot(x: &[u64], y: &[u64]) -> u64 {
    let len = x.len().min(y.len());
    let (x, y) = (&x[..len], &y[..len]);
    let mut s = 0u64;
    for k in 0..len {
        s += x[k] * y[k];
    }
    s
}

/// Sum of `x[k] * y[k] + u[k] * v[k]` over the length of `x` (the others are at least as long).
#[inline(always)]
#[allow(clippy::needless_range_loop)] // indexed on purpose: see the module doc
fn dot2(x: &[u64], y: &[u64], u: &[u64], v: &[u64]) -> u64 {
    let len = x.len().min(y.len()).min(u.len()).min(v.len());
    let (x, y, u, v) = (&x[..len], &y[..len], &u[..len], &v[..len]);
    let mut s = 0u64;
    for k in 0..len {
        s += x[k] * y[k] + u[k] * v[k];
    }
    s
}

/// `-n^-1 mod 2^28` for odd `n0`, by Newton's iteration.
fn neg_inverse(n0: u64) -> u64 {
    let mut x = n0; // correct to 3 bits for odd n0
    for _ in 0..5 {
        x = x.wrapping_mul(2u64.wrapping_sub(n0.wrapping_mul(x)));
    }
    x.wrapping_neg() & MASK
}

/// Montgomery arithmetic modulo one odd `n`. Values passed in and out are `len()` limbs; "Montgomery form" of
/// `x` is `x R mod n`. Every buffer is wiped on drop, as `n` is usually a secret prime candidate.
pub(crate) struct Montgomery {
    n: Limbs,
    /// `n` with its limbs reversed, so that the product-scanning columns become forward dot products.
    n_rev: Limbs,
    n0: u64,
    /// Bit length of `n`.
    bits: usize,
    /// `R mod n`: one in Montgomery form.
    one: Limbs,
    /// `n - (R mod n)`: minus one in Montgomery form.
    minus_one: Limbs,
    /// Scratch: the reduction multipliers.
    m: Limbs,
    /// Scratch: the second operand reversed.
    rev: Limbs,
}

impl Montgomery {
    /// Sets up arithmetic modulo `n` (limbs from [`from_be_bytes`] with [`limbs_for_bits`] limbs). `None` if `n`
    /// is even, below 3, too large, or has too few limbs for its size.
    pub(crate) fn new(n: &[u64]) -> Option<Self> {
        let len = n.len();
        let bits = bit_len(n);
        if len == 0
            || len > MAX_LIMBS
            || n[0] & 1 == 0
            || bits < 2
            || limbs_for_bits(bits) > len
            || n.iter().any(|&l| l > MASK)
        {
            return None;
        }
        let n = Zeroizing::new(n.to_vec());
        let n_rev = Zeroizing::new(n.iter().rev().copied().collect());
        let n0 = neg_inverse(n[0]);
        // R mod n: 2^(bits-1) < n, doubled up to 2^(28 len).
        let mut one = Zeroizing::new(vec![0u64; len]);
        one[(bits - 1) / LIMB_BITS] = 1 << ((bits - 1) % LIMB_BITS);
        let mut ctx = Montgomery {
            n,
            n_rev,
            n0,
            bits,
            one: Zeroizing::new(Vec::new()),
            minus_one: Zeroizing::new(Vec::new()),
            m: Zeroizing::new(vec![0; len]),
            rev: Zeroizing::new(vec![0; len]),
        };
        for _ in 0..(LIMB_BITS * len - bits + 1) {
            ctx.double(&mut one);
        }
        let mut minus_one = Zeroizing::new(ctx.n.to_vec());
        let _ = sub_in_place(&mut minus_one, &one); // one < n: no borrow
        ctx.one = one;
        ctx.minus_one = minus_one;
        Some(ctx)
    }

    /// Number of limbs of every value.
    pub(crate) fn len(&self) -> usize {
        self.n.len()
    }

    /// Bit length of the modulus.
    pub(crate) fn bits(&self) -> usize {
        self.bits
    }

    /// The modulus.
    pub(crate) fn modulus(&self) -> &[u64] {
        &self.n
    }

    /// A fresh zero value.
    pub(crate) fn zero(&self) -> Limbs {
        Zeroizing::new(vec![0; self.len()])
    }

    /// One in Montgomery form (reduced).
    pub(crate) fn one(&self) -> Limbs {
        self.one.clone()
    }

    /// Whether a reduced value is one / minus one in Montgomery form.
    pub(crate) fn is_one(&self, x: &[u64]) -> bool {
        x == &self.one[..]
    }

    /// Whether a reduced value is minus one in Montgomery form.
    pub(crate) fn is_minus_one(&self, x: &[u64]) -> bool {
        x == &self.minus_one[..]
    }

    /// Brings a value from `[0, 2n)` into `[0, n)`.
    pub(crate) fn reduce(&self, x: &mut [u64]) {
        if ge(x, &self.n) {
            let _ = sub_in_place(x, &self.n);
        }
    }

    /// `x = 2x mod n`, reduced, for `x` in `[0, 2n)`.
    pub(crate) fn double(&self, x: &mut [u64]) {
        self.reduce(x);
        shl1(x);
        self.reduce(x);
    }

    /// `x = x / 2 mod n`, reduced, for reduced `x`.
    pub(crate) fn half(&self, x: &mut [u64]) {
        if x.first().is_some_and(|l| l & 1 == 1) {
            add_in_place(x, &self.n);
        }
        shr1(x);
    }

    /// `x = x + y mod n`, reduced, for reduced `x` and `y`.
    pub(crate) fn add(&self, x: &mut [u64], y: &[u64]) {
        add_in_place(x, y);
        self.reduce(x);
    }

    /// `x = x - y mod n`, reduced, for reduced `x` and `y`.
    pub(crate) fn sub(&self, x: &mut [u64], y: &[u64]) {
        if sub_in_place(x, y) {
            add_in_place(x, &self.n); // the carry out cancels the 2^(28 len) of the borrow
        }
    }

    /// `x = -x mod n`, reduced, for reduced `x`.
    pub(crate) fn negate(&self, x: &mut [u64]) {
        if is_zero(x) {
            return;
        }
        let mut borrow = 0u64;
        for (a, &b) in x.iter_mut().zip(self.n.iter()) {
            let s = b.wrapping_sub(*a).wrapping_sub(borrow);
            *a = s & MASK;
            borrow = s >> 63;
        }
    }

    /// `x = d x mod n`, reduced, for reduced `x` and a small `d`, by double-and-add (the Lucas test's `D` and `Q`
    /// are a few bits long, and a Montgomery product would cost as much as a squaring).
    pub(crate) fn mul_small(&self, x: &mut [u64], d: u32) {
        let mut buf = [0u64; MAX_LIMBS];
        let acc = &mut buf[..self.len().min(MAX_LIMBS)];
        for i in (0..32 - d.leading_zeros()).rev() {
            self.double(acc);
            if (d >> i) & 1 == 1 {
                self.add(acc, x);
            }
        }
        x.copy_from_slice(acc);
        buf.zeroize();
    }

    /// `out = a b / R mod n` in `[0, 2n)`, for `a` and `b` in `[0, 2n)`.
    pub(crate) fn mul(&mut self, out: &mut [u64], a: &[u64], b: &[u64]) {
        let len = self.len();
        for (r, &v) in self.rev.iter_mut().zip(b.iter().rev()) {
            *r = v;
        }
        let (b_rev, n_rev, n, m) = (&self.rev[..], &self.n_rev[..], &self.n[..], &mut self.m[..]);
        let (a, out) = (&a[..len], &mut out[..len]);
        let mut acc = 0u64;
        // Column i < len: sum a[j] b[i-j] + m[j] n[i-j], then choose m[i] to clear the low limb.
        for i in 0..len {
            let o = len - 1 - i;
            acc += dot2(&a[..i], &b_rev[o..len - 1], &m[..i], &n_rev[o..len - 1]);
            acc += a[i] * b_rev[len - 1];
            let mi = acc.wrapping_mul(self.n0) & MASK;
            m[i] = mi;
            acc += mi * n[0];
            acc >>= LIMB_BITS;
        }
        // Columns len..2len-1 give the result limbs.
        for i in len..2 * len - 1 {
            let lo = i + 1 - len;
            let k = 2 * len - 1 - i;
            acc += dot2(&a[lo..], &b_rev[..k], &m[lo..], &n_rev[..k]);
            out[i - len] = acc & MASK;
            acc >>= LIMB_BITS;
        }
        out[len - 1] = acc;
    }

    /// `out = a^2 / R mod n` in `[0, 2n)`, for `a` in `[0, 2n)`: the cross products are summed once and doubled.
    /// A deliberate near-copy of [`Montgomery::mul`] (the `duplicates` tool pairs them): squaring is most of the
    /// prime test's work, and summing each cross product once took one base-2 test of a 2048-bit candidate from
    /// 13.5 ms to 10.8 ms in wasm (the table in [`crate::prime`]).
    pub(crate) fn sqr(&mut self, out: &mut [u64], a: &[u64]) {
        let len = self.len();
        for (r, &v) in self.rev.iter_mut().zip(a.iter().rev()) {
            *r = v;
        }
        let (a_rev, n_rev, n, m) = (&self.rev[..], &self.n_rev[..], &self.n[..], &mut self.m[..]);
        let (a, out) = (&a[..len], &mut out[..len]);
        let mut acc = 0u64;
        for i in 0..len {
            let o = len - 1 - i;
            let h = i.div_ceil(2);
            acc += 2 * dot(&a[..h], &a_rev[o..o + h]);
            if i % 2 == 0 {
                acc += a[i / 2] * a[i / 2];
            }
            acc += dot(&m[..i], &n_rev[o..len - 1]);
            let mi = acc.wrapping_mul(self.n0) & MASK;
            m[i] = mi;
            acc += mi * n[0];
            acc >>= LIMB_BITS;
        }
        for i in len..2 * len - 1 {
            let lo = i + 1 - len;
            let k = 2 * len - 1 - i;
            let pairs = k / 2;
            acc += 2 * dot(&a[lo..lo + pairs], &a_rev[..pairs]);
            if i % 2 == 0 {
                acc += a[i / 2] * a[i / 2];
            }
            acc += dot(&m[lo..], &n_rev[..k]);
            out[i - len] = acc & MASK;
            acc >>= LIMB_BITS;
        }
        out[len - 1] = acc;
    }

    /// `R^2 mod n`, reduced.
    fn r_squared(&self) -> Limbs {
        let mut x = self.one();
        for _ in 0..LIMB_BITS * self.len() {
            self.double(&mut x);
        }
        x
    }

    /// Montgomery form of a reduced plain value, reduced.
    pub(crate) fn enter(&mut self, x: &[u64]) -> Limbs {
        let r2 = self.r_squared();
        let mut out = self.zero();
        self.mul(&mut out, x, &r2);
        self.reduce(&mut out);
        out
    }

    /// Plain value of a Montgomery-form value, reduced.
    #[cfg(test)]
    pub(crate) fn leave(&mut self, x: &[u64]) -> Limbs {
        let mut unit = self.zero();
        unit[0] = 1;
        let mut out = self.zero();
        self.mul(&mut out, x, &unit);
        self.reduce(&mut out);
        out
    }

    /// `base^e` in Montgomery form (reduced), for `base` in Montgomery form and the exponent `e >> skip`, by a
    /// fixed 4-bit window.
    pub(crate) fn pow(&mut self, base: &[u64], e: &[u64], skip: usize) -> Limbs {
        const WINDOW: usize = 4;
        let mut table: Vec<Limbs> = Vec::with_capacity(1 << WINDOW);
        table.push(self.one());
        table.push(Zeroizing::new(base.to_vec()));
        for i in 2..1 << WINDOW {
            let mut t = self.zero();
            self.mul(&mut t, &table[i - 1], base);
            table.push(t);
        }
        let top = bit_len(e);
        let mut x = self.one();
        let mut y = self.zero();
        let mut pos = top;
        while pos > skip {
            let width = WINDOW.min(pos - skip);
            for _ in 0..width {
                self.sqr(&mut y, &x);
                core::mem::swap(&mut x, &mut y);
            }
            pos -= width;
            let digit = (0..width).fold(0usize, |d, k| d | (usize::from(bit(e, pos + k)) << k));
            if digit != 0 {
                self.mul(&mut y, &x, &table[digit]);
                core::mem::swap(&mut x, &mut y);
            }
        }
        self.reduce(&mut x);
        x
    }

    /// `2^(e >> skip)` in Montgomery form (reduced): square-and-double, as doubling is a shift and a subtraction
    /// while a Montgomery product by 2 would cost as much as a squaring.
    pub(crate) fn pow2(&mut self, e: &[u64], skip: usize) -> Limbs {
        let mut x = self.one();
        let mut y = self.zero();
        for i in (skip..bit_len(e)).rev() {
            self.sqr(&mut y, &x);
            core::mem::swap(&mut x, &mut y);
            if bit(e, i) {
                self.double(&mut x);
            }
        }
        self.reduce(&mut x);
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint_dig::BigUint;
    use num_traits::{One, ToPrimitive};
    use rand_chacha::rand_core::{RngCore, SeedableRng};
    use rand_chacha::ChaCha20Rng;

    fn limbs(x: &BigUint, len: usize) -> Limbs {
        from_be_bytes(&x.to_bytes_be(), len).expect("fits")
    }

    fn big(x: &[u64]) -> BigUint {
        BigUint::from_bytes_be(&to_be_bytes(x, x.len() * 4))
    }

    fn random(bits: usize, rng: &mut ChaCha20Rng) -> BigUint {
        let mut bytes = vec![0u8; bits.div_ceil(8)];
        rng.fill_bytes(&mut bytes);
        BigUint::from_bytes_be(&bytes) >> (bytes.len() * 8 - bits)
    }

    #[test]
    fn byte_round_trip() {
        let mut rng = ChaCha20Rng::seed_from_u64(1);
        for bits in [1usize, 27, 28, 29, 64, 100, 1023, 2048] {
            let x = random(bits, &mut rng);
            let len = limbs_for_bits(bits);
            let l = limbs(&x, len);
            assert_eq!(big(&l), x);
            assert!(bit_len(&l) <= bits);
        }
        assert!(
            from_be_bytes(&[1, 0, 0, 0, 0], 1).is_none(),
            "2^32 does not fit one limb"
        );
    }

    #[test]
    fn rejects_bad_moduli() {
        assert!(Montgomery::new(&[4]).is_none(), "even");
        assert!(Montgomery::new(&[1]).is_none(), "one");
        assert!(Montgomery::new(&[]).is_none(), "empty");
        assert!(Montgomery::new(&[MASK]).is_none(), "R < 4n");
        assert!(Montgomery::new(&[1 << 28, 0]).is_none(), "limb too large");
    }

    /// Montgomery exponentiation equals `BigUint::modpow` on a few hundred seeded cases of 64 to 2048 bits.
    #[test]
    fn pow_matches_modpow() {
        let mut rng = ChaCha20Rng::seed_from_u64(0x6d6f6e74);
        for case in 0..300 {
            let bits = 64 + (rng.next_u32() as usize % (2048 - 64 + 1));
            let n = random(bits, &mut rng) | BigUint::one() | (BigUint::one() << (bits - 1));
            let len = limbs_for_bits(bits);
            let mut ctx = Montgomery::new(&limbs(&n, len)).expect("odd modulus");
            let base = random(bits, &mut rng) % &n;
            let exp_bits = 1 + rng.next_u32() as usize % bits;
            let exp = random(exp_bits, &mut rng);
            let base_m = ctx.enter(&limbs(&base, len));
            let e = limbs(&exp, len.max(limbs_for_bits(exp_bits)));
            let got = ctx.pow(&base_m, &e, 0);
            assert_eq!(
                big(&ctx.leave(&got)),
                base.modpow(&exp, &n),
                "case {case}, {bits} bits"
            );
            // The shifted exponent, as Miller-Rabin uses it.
            let skip = case % 5;
            let got = ctx.pow(&base_m, &e, skip);
            assert_eq!(
                big(&ctx.leave(&got)),
                base.modpow(&(&exp >> skip), &n),
                "case {case} skip"
            );
            if case % 3 == 0 {
                let got = ctx.pow2(&e, skip);
                let want = BigUint::from(2u32).modpow(&(&exp >> skip), &n);
                assert_eq!(big(&ctx.leave(&got)), want, "case {case}, base 2");
            }
        }
    }

    #[test]
    fn small_helpers_match_biguint() {
        let mut rng = ChaCha20Rng::seed_from_u64(7);
        for _ in 0..50 {
            let bits = 64 + rng.next_u32() as usize % 1000;
            let n = random(bits, &mut rng) | BigUint::one() | (BigUint::one() << (bits - 1));
            let len = limbs_for_bits(bits);
            let ctx = Montgomery::new(&limbs(&n, len)).expect("odd modulus");
            let x = random(bits, &mut rng) % &n;
            let y = random(bits, &mut rng) % &n;
            let d = rng.next_u32() >> (rng.next_u32() % 32);
            let mut t = limbs(&x, len);
            ctx.mul_small(&mut t, d);
            assert_eq!(big(&t), (&x * BigUint::from(d)) % &n);
            let mut t = limbs(&x, len);
            ctx.add(&mut t, &limbs(&y, len));
            assert_eq!(big(&t), (&x + &y) % &n);
            let mut t = limbs(&x, len);
            ctx.sub(&mut t, &limbs(&y, len));
            assert_eq!(big(&t), (&x + &n - &y) % &n);
            let mut t = limbs(&x, len);
            ctx.half(&mut t);
            assert_eq!(big(&t) * 2u32 % &n, x);
            let mut t = limbs(&x, len);
            ctx.negate(&mut t);
            assert_eq!((big(&t) + &x) % &n, BigUint::from(0u32));
            let want = (&x % BigUint::from(d.max(1))).to_u32();
            assert_eq!(Some(rem_small(&limbs(&x, len), d.max(1))), want);
        }
    }
}
