//! Consistency checks of private keys that need more than the key model's own arithmetic: primality of RSA
//! primes of any size keyfit accepts, and an ECDSA scalar against its public point.

use crate::key::Curve;
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
    let small = (3u32..1000).step_by(2).filter(|&d| (3..d).step_by(2).all(|k| d % k != 0));
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
    match curve {
        Curve::P256 => matches::<p256::NistP256>(scalar, point),
        Curve::P384 => matches::<p384::NistP384>(scalar, point),
        Curve::P521 => matches::<p521::NistP521>(scalar, point),
    }
}

fn matches<C>(scalar: &[u8], point: &[u8]) -> bool
where
    C: elliptic_curve::CurveArithmetic,
    C::AffinePoint: elliptic_curve::sec1::FromEncodedPoint<C> + elliptic_curve::sec1::ToEncodedPoint<C>,
    C::FieldBytesSize: elliptic_curve::sec1::ModulusSize,
{
    // SecretKey is zeroized on drop and refuses zero and scalars of n or more.
    let Ok(secret) = elliptic_curve::SecretKey::<C>::from_slice(scalar) else {
        return false;
    };
    let Ok(public) = elliptic_curve::PublicKey::<C>::from_sec1_bytes(point) else {
        return false;
    };
    secret.public_key() == public
}

/// The uncompressed SEC1 public point of a private `scalar` (big-endian, curve-sized); `None` when the scalar is
/// zero or not below the curve order.
pub(crate) fn ecdsa_public_point(curve: Curve, scalar: &[u8]) -> Option<Vec<u8>> {
    match curve {
        Curve::P256 => public_point::<p256::NistP256>(scalar),
        Curve::P384 => public_point::<p384::NistP384>(scalar),
        Curve::P521 => public_point::<p521::NistP521>(scalar),
    }
}

fn public_point<C>(scalar: &[u8]) -> Option<Vec<u8>>
where
    C: elliptic_curve::CurveArithmetic,
    C::AffinePoint: elliptic_curve::sec1::FromEncodedPoint<C> + elliptic_curve::sec1::ToEncodedPoint<C>,
    C::FieldBytesSize: elliptic_curve::sec1::ModulusSize,
{
    use elliptic_curve::sec1::ToEncodedPoint;
    let secret = elliptic_curve::SecretKey::<C>::from_slice(scalar).ok()?;
    Some(secret.public_key().to_encoded_point(false).as_bytes().to_vec())
}
