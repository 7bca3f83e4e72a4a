//! Consistency checks of private keys that need more than the key model's own arithmetic: primality of RSA
//! primes of any size keyfit accepts, and an ECDSA scalar against its public point.

use super::algorithm::Curve;
use num_bigint_dig::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};
use zeroize::Zeroizing;

/// Whether `w` passes trial division by the odd primes below 1000 and a strong probable-prime test to base 2,
/// at any size: keyfit's prime engine ([`crate::prime::is_base2_strong_probable_prime`]) where its Montgomery
/// arithmetic reaches, num-bigint-dig's `modpow` above (RSA keys over about 7100 bits, whose primes are past
/// the engine's 28-bit-limb sums). As OpenSSL's `RSA_check_key`, this catches any composite not built to pass it.
pub(crate) fn is_probable_prime(w: &BigUint) -> bool {
    if w.bits() <= crate::prime::MAX_BITS {
        return crate::prime::is_base2_strong_probable_prime(w);
    }
    if w.is_even() {
        return false;
    }
    let small = (3u32..1000)
        .step_by(2)
        .filter(|&d| (3..d).step_by(2).all(|k| d % k != 0));
    for d in small {
        if (w % d).is_zero() {
            return false;
        }
    }
    let one = BigUint::one();
    let w1 = Zeroizing::new(w - &one);
    let s = w1.trailing_zeros().unwrap_or(0);
    let d = Zeroizing::new(&*w1 >> s);
    let mut x = Zeroizing::new(BigUint::from(2u32).modpow(&d, w));
    if *x == one || *x == *w1 {
        return true;
    }
    for _ in 1..s {
        *x = (&*x * &*x) % w;
        if *x == *w1 {
            return true;
        }
        if *x == one {
            return false;
        }
    }
    false
}

/// Whether the private `scalar` (big-endian, curve-sized) is in range (1 to n - 1) and times the generator gives
/// the SEC1 `point` (compressed or not).
pub(crate) fn ecdsa_scalar_matches(curve: Curve, scalar: &[u8], point: &[u8]) -> bool {
    let Some((x, y)) = ecdsa_public(curve, scalar) else {
        return false;
    };
    let len = curve.scalar_len();
    let x_bytes = Zeroizing::new(fixed(&x, len));
    match point.split_first() {
        Some((4, xy)) => {
            xy.len() == 2 * len && xy[..len] == x_bytes[..] && xy[len..] == fixed(&y, len)[..]
        }
        Some((tag @ (2 | 3), xs)) => xs == &x_bytes[..] && (*tag == 3) == y.is_odd(),
        _ => false,
    }
}

/// The uncompressed SEC1 public point of a private `scalar` (big-endian, curve-sized); `None` when the scalar is
/// zero or not below the curve order.
pub(crate) fn ecdsa_public_point(curve: Curve, scalar: &[u8]) -> Option<Vec<u8>> {
    let (x, y) = ecdsa_public(curve, scalar)?;
    let len = curve.scalar_len();
    let mut out = vec![4u8];
    out.extend_from_slice(&fixed(&x, len));
    out.extend_from_slice(&fixed(&y, len));
    Some(out)
}

/// `v` big-endian, left-padded to `len` bytes.
fn fixed(v: &BigUint, len: usize) -> Vec<u8> {
    let b = v.to_bytes_be();
    let mut out = vec![0u8; len.saturating_sub(b.len())];
    out.extend_from_slice(&b);
    out
}

/// The affine public point `scalar · G`, or `None` for a scalar of zero or not below the order.
///
/// Hand-written on num-bigint-dig (already in keyfit for RSA) because RustCrypto's p256, p384 and p521 with only
/// their `arithmetic` feature add 45.7 KB of gzip to the page (p256 7.9, p384 22.4, p521 15.4; measured with
/// `./build.sh`), which the page's 250 KB budget cannot take. It checks a key, it signs nothing: the
/// double-and-add below is not constant-time, which matters only against someone timing this browser tab.
fn ecdsa_public(curve: Curve, scalar: &[u8]) -> Option<(BigUint, BigUint)> {
    let c = NistCurve::of(curve);
    let k = Zeroizing::new(BigUint::from_bytes_be(scalar));
    if k.is_zero() || *k >= c.n {
        return None;
    }
    let g = Jacobian {
        x: c.gx.clone(),
        y: c.gy.clone(),
        z: BigUint::one(),
    };
    let mut acc: Option<Jacobian> = None;
    let bits = scalar
        .iter()
        .flat_map(|&byte| (0..8).rev().map(move |i| byte >> i & 1 == 1));
    for bit in bits {
        acc = acc.map(|a| c.double(&a));
        if bit {
            acc = Some(match acc {
                None => g.clone(),
                Some(a) => c.add(&a, &g)?,
            });
        }
    }
    c.affine(&acc?)
}

/// A NIST prime curve y² = x³ - 3x + b over GF(p), with generator (gx, gy) of prime order n (FIPS 186-4 D.1.2).
struct NistCurve {
    p: BigUint,
    b: BigUint,
    gx: BigUint,
    gy: BigUint,
    n: BigUint,
}

/// A point in Jacobian coordinates (x / z², y / z³).
#[derive(Clone)]
struct Jacobian {
    x: BigUint,
    y: BigUint,
    z: BigUint,
}

fn hex(s: &str) -> BigUint {
    BigUint::from_bytes_be(&crate::text::decode_hex(s).unwrap_or_default())
}

impl NistCurve {
    fn of(curve: Curve) -> Self {
        let [p, b, gx, gy, n] = curve.domain().map(hex);
        NistCurve { p, b, gx, gy, n }
    }

    fn mul(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a * b) % &self.p
    }

    fn sub(&self, a: &BigUint, b: &BigUint) -> BigUint {
        ((a + &self.p) - b) % &self.p
    }

    fn add_mod(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a + b) % &self.p
    }

    /// 2P ("dbl-2001-b", a = -3); the point at infinity never arises from a point of prime order here.
    fn double(&self, a: &Jacobian) -> Jacobian {
        let delta = self.mul(&a.z, &a.z);
        let gamma = self.mul(&a.y, &a.y);
        let beta = self.mul(&a.x, &gamma);
        let t = self.mul(&self.sub(&a.x, &delta), &self.add_mod(&a.x, &delta));
        let alpha = self.mul(&BigUint::from(3u32), &t);
        let beta4 = self.mul(&BigUint::from(4u32), &beta);
        let x = self.sub(&self.mul(&alpha, &alpha), &self.add_mod(&beta4, &beta4));
        let yz = self.add_mod(&a.y, &a.z);
        let z = self.sub(&self.sub(&self.mul(&yz, &yz), &gamma), &delta);
        let gamma2 = self.mul(&gamma, &gamma);
        let y = self.sub(
            &self.mul(&alpha, &self.sub(&beta4, &x)),
            &self.mul(&BigUint::from(8u32), &gamma2),
        );
        Jacobian { x, y, z }
    }

    /// P + Q ("add-1998-cmo-2"); `None` when P = -Q (the point at infinity), doubling when P = Q.
    fn add(&self, a: &Jacobian, b: &Jacobian) -> Option<Jacobian> {
        let z1z1 = self.mul(&a.z, &a.z);
        let z2z2 = self.mul(&b.z, &b.z);
        let u1 = self.mul(&a.x, &z2z2);
        let u2 = self.mul(&b.x, &z1z1);
        let s1 = self.mul(&self.mul(&a.y, &b.z), &z2z2);
        let s2 = self.mul(&self.mul(&b.y, &a.z), &z1z1);
        if u1 == u2 {
            return (s1 == s2).then(|| self.double(a));
        }
        let h = self.sub(&u2, &u1);
        let r = self.sub(&s2, &s1);
        let h2 = self.mul(&h, &h);
        let h3 = self.mul(&h, &h2);
        let u1h2 = self.mul(&u1, &h2);
        let x = self.sub(
            &self.sub(&self.mul(&r, &r), &h3),
            &self.add_mod(&u1h2, &u1h2),
        );
        let y = self.sub(&self.mul(&r, &self.sub(&u1h2, &x)), &self.mul(&s1, &h3));
        let z = self.mul(&self.mul(&h, &a.z), &b.z);
        Some(Jacobian { x, y, z })
    }

    /// The affine coordinates, checked to lie on the curve.
    fn affine(&self, a: &Jacobian) -> Option<(BigUint, BigUint)> {
        let two = BigUint::from(2u32);
        let zinv = a.z.modpow(&(&self.p - &two), &self.p);
        let zinv2 = self.mul(&zinv, &zinv);
        let x = self.mul(&a.x, &zinv2);
        let y = self.mul(&a.y, &self.mul(&zinv2, &zinv));
        let rhs = self.add_mod(
            &self.sub(
                &self.mul(&self.mul(&x, &x), &x),
                &self.mul(&BigUint::from(3u32), &x),
            ),
            &self.b,
        );
        (self.mul(&y, &y) == rhs).then_some((x, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// n · G is the point at infinity and (n - 1) · G = -G: the arithmetic agrees with the curve's order.
    #[test]
    fn order_and_negation() {
        for curve in [Curve::P256, Curve::P384, Curve::P521] {
            let c = NistCurve::of(curve);
            let len = curve.scalar_len();
            assert!(ecdsa_public(curve, &fixed(&c.n, len)).is_none());
            let (x, y) = ecdsa_public(curve, &fixed(&(&c.n - 1u32), len)).unwrap();
            assert_eq!(x, c.gx);
            assert_eq!(y, &c.p - &c.gy);
            let (x1, y1) = ecdsa_public(curve, &fixed(&BigUint::one(), len)).unwrap();
            assert_eq!((x1, y1), (c.gx.clone(), c.gy.clone()));
        }
    }

    /// RFC 6979 A.2.5: the P-256 key x = C9AFA9D8... has public point U = (60FED4BA..., 7903FE10...).
    #[test]
    fn rfc6979_p256_public_key() {
        let x = hex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");
        let point = ecdsa_public_point(Curve::P256, &fixed(&x, 32)).unwrap();
        let want_x = "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
        let want_y = "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
        assert_eq!(point[1..33], fixed(&hex(want_x), 32)[..]);
        assert_eq!(point[33..], fixed(&hex(want_y), 32)[..]);
        assert!(ecdsa_scalar_matches(Curve::P256, &fixed(&x, 32), &point));
        let mut compressed = vec![if point[64] & 1 == 1 { 3 } else { 2 }];
        compressed.extend_from_slice(&point[1..33]);
        assert!(ecdsa_scalar_matches(
            Curve::P256,
            &fixed(&x, 32),
            &compressed
        ));
        compressed[0] ^= 1;
        assert!(!ecdsa_scalar_matches(
            Curve::P256,
            &fixed(&x, 32),
            &compressed
        ));
        let other = fixed(&(x + 1u32), 32);
        assert!(!ecdsa_scalar_matches(Curve::P256, &other, &point));
    }
}
