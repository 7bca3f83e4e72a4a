//! The private keys keyfit holds (RSA, Ed25519, ECDSA, DSA), each checked for consistency when built; their
//! secret parts are zeroized on drop and never printed by `Debug`.

use super::algorithm::{Algorithm, Curve};
use super::check;
use super::public::{ecdsa_point, PublicKey};
use crate::error::{Error, Result};
use crate::limits;
use num_bigint_dig::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::RsaPrivateKey;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// A private key; its secret parts are zeroized on drop and never printed by `Debug`.
pub enum PrivateKey {
    /// RSA, checked for consistency when built (see [`rsa_from_parts`]).
    Rsa(RsaKey),
    /// Ed25519 seed and public key.
    Ed25519(Ed25519Private),
    /// ECDSA private scalar and public point.
    Ecdsa(EcdsaPrivate),
    /// DSA parameters and private value.
    Dsa(DsaPrivate),
}

impl core::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "PrivateKey({}, {} bits)",
            self.algorithm().name(),
            self.public_key().bits()
        )
    }
}

/// An RSA private key: the rsa crate's key (zeroized on drop) behind a `Debug` that shows its size only, since
/// rsa 0.9's `RsaPrivateKey` derives a `Debug` that prints d and the primes. It dereferences to the rsa crate's
/// key for the arithmetic.
#[derive(Clone)]
pub struct RsaKey(RsaPrivateKey);

impl core::ops::Deref for RsaKey {
    type Target = RsaPrivateKey;

    fn deref(&self) -> &RsaPrivateKey {
        &self.0
    }
}

impl From<RsaPrivateKey> for RsaKey {
    fn from(key: RsaPrivateKey) -> Self {
        RsaKey(key)
    }
}

impl RsaKey {
    /// The rsa crate's key.
    pub(crate) fn into_inner(self) -> RsaPrivateKey {
        self.0
    }
}

impl core::fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "RsaKey({} bits, redacted)", self.0.n().bits())
    }
}

/// Ed25519 private key: the 32-byte seed and the public key derived from it.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Ed25519Private {
    /// Secret seed (RFC 8032 "private key").
    pub seed: [u8; 32],
    /// Public key.
    pub public: [u8; 32],
}

impl Ed25519Private {
    /// Builds from a seed and a claimed public key; checks the public key is the one the seed gives.
    ///
    /// # Errors
    /// [`Error::InconsistentKey`] if they differ.
    pub fn new(seed: [u8; 32], public: Option<[u8; 32]>) -> Result<Self> {
        let derived = ed25519_dalek::SigningKey::from_bytes(&seed)
            .verifying_key()
            .to_bytes();
        if public.is_some_and(|p| p != derived) {
            return Err(Error::InconsistentKey(
                "the Ed25519 public key does not match the private key",
            ));
        }
        Ok(Ed25519Private {
            seed,
            public: derived,
        })
    }
}

/// ECDSA private key: the scalar (big-endian, curve-sized) and the public point.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct EcdsaPrivate {
    /// The curve (not secret).
    #[zeroize(skip)]
    pub curve: Curve,
    /// SEC1 public point.
    pub point: Vec<u8>,
    /// Private scalar, big-endian, left-padded to the curve size.
    pub scalar: Vec<u8>,
}

impl EcdsaPrivate {
    /// Builds from a scalar of any length up to the curve size and checks that the scalar is in range and
    /// gives the public point.
    ///
    /// # Errors
    /// [`Error::Corrupt`] for a malformed scalar or point, [`Error::InconsistentKey`] when the scalar is zero or
    /// past the curve order, or does not give the point.
    pub fn new(curve: Curve, point: &[u8], scalar: &[u8]) -> Result<Self> {
        let len = curve.scalar_len();
        let trimmed: &[u8] = {
            let start = scalar.iter().position(|&b| b != 0).unwrap_or(scalar.len());
            &scalar[start..]
        };
        if trimmed.is_empty() || trimmed.len() > len {
            return Err(Error::Corrupt("the ECDSA private scalar is out of range"));
        }
        let mut padded = vec![0u8; len];
        padded[len - trimmed.len()..].copy_from_slice(trimmed);
        // Built before the checks, so the scalar is wiped (ZeroizeOnDrop) on every error below.
        let mut key = EcdsaPrivate {
            curve,
            point: Vec::new(),
            scalar: padded,
        };
        key.point = ecdsa_point(curve, point)?;
        if !check::ecdsa_scalar_matches(curve, &key.scalar, &key.point) {
            return Err(Error::InconsistentKey(
                "the ECDSA public point does not match the private scalar",
            ));
        }
        Ok(key)
    }

    /// Builds from a scalar alone, computing the public point (uncompressed), for files that do not store it.
    ///
    /// # Errors
    /// As [`EcdsaPrivate::new`].
    pub(crate) fn from_scalar(curve: Curve, scalar: &[u8]) -> Result<Self> {
        let len = curve.scalar_len();
        let mut padded = Zeroizing::new(vec![0u8; len]);
        if scalar.len() > len {
            return Err(Error::Corrupt("the ECDSA private scalar is out of range"));
        }
        padded[len - scalar.len()..].copy_from_slice(scalar);
        let point = check::ecdsa_public_point(curve, &padded).ok_or(Error::InconsistentKey(
            "the ECDSA private scalar is zero or past the curve order",
        ))?;
        EcdsaPrivate::new(curve, &point, &padded)
    }
}

/// DSA private key.
#[derive(Clone)]
pub struct DsaPrivate {
    /// Prime modulus.
    pub p: BigUint,
    /// Subgroup order.
    pub q: BigUint,
    /// Generator.
    pub g: BigUint,
    /// Public value.
    pub y: BigUint,
    /// Private value.
    pub x: BigUint,
}

impl DsaPrivate {
    /// Builds a DSA key and checks it, whatever format it came from: sizes within keyfit's caps, `p` odd, `1 < q`,
    /// `q` dividing `p - 1`, `1 < g < p`, `0 < x < q`, and `y = g^x mod p`.
    ///
    /// # Errors
    /// [`Error::KeyTooLarge`] past the modulus or subgroup cap, [`Error::InconsistentKey`] for a value out of range
    /// or a public value that does not match.
    pub fn new(p: BigUint, q: BigUint, g: BigUint, y: BigUint, x: BigUint) -> Result<Self> {
        // Built before the checks, so x is wiped (Drop) on every error below.
        let key = DsaPrivate { p, q, g, y, x };
        check_dsa_ranges(&key.p, &key.q, &key.g, &key.x)?;
        if key.g.modpow(&key.x, &key.p) != key.y {
            return Err(Error::InconsistentKey(
                "the DSA public value does not match the private value",
            ));
        }
        Ok(key)
    }
}

/// The range checks of a DSA key, cheapest first; they bound the cost of `g^x mod p`.
fn check_dsa_ranges(p: &BigUint, q: &BigUint, g: &BigUint, x: &BigUint) -> Result<()> {
    limits::check_rsa_bits(p.bits())?;
    limits::check_dsa_q_bits(q.bits())?;
    let one = BigUint::one();
    if *p <= one || p.is_even() || *q <= one || q >= p || !((p - &one) % q).is_zero() {
        return Err(Error::InconsistentKey(
            "the DSA parameters p and q are invalid",
        ));
    }
    if *g <= one || g >= p {
        return Err(Error::InconsistentKey(
            "the DSA generator g is out of range",
        ));
    }
    if x.is_zero() || x >= q {
        return Err(Error::InconsistentKey(
            "the DSA private value is out of range",
        ));
    }
    Ok(())
}

impl Drop for DsaPrivate {
    fn drop(&mut self) {
        self.x.zeroize();
    }
}

impl PrivateKey {
    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        match self {
            PrivateKey::Rsa(_) => Algorithm::Rsa,
            PrivateKey::Ed25519(_) => Algorithm::Ed25519,
            PrivateKey::Ecdsa(k) => Algorithm::Ecdsa(k.curve),
            PrivateKey::Dsa(_) => Algorithm::Dsa,
        }
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        match self {
            PrivateKey::Rsa(k) => PublicKey::Rsa {
                n: k.n().clone(),
                e: k.e().clone(),
            },
            PrivateKey::Ed25519(k) => PublicKey::Ed25519(k.public),
            PrivateKey::Ecdsa(k) => PublicKey::Ecdsa {
                curve: k.curve,
                point: k.point.clone(),
            },
            PrivateKey::Dsa(k) => PublicKey::Dsa {
                p: k.p.clone(),
                q: k.q.clone(),
                g: k.g.clone(),
                y: k.y.clone(),
            },
        }
    }

    /// The RSA key, or [`Error::NotRsa`].
    pub fn as_rsa(&self) -> Result<&RsaKey> {
        match self {
            PrivateKey::Rsa(k) => Ok(k),
            other => Err(Error::NotRsa(other.algorithm().display())),
        }
    }
}

/// Optional CRT values as a file stores them, to be checked against the ones computed from p and q.
pub(crate) struct RsaCrt {
    /// `d mod (p-1)`, if stored.
    pub dp: Option<BigUint>,
    /// `d mod (q-1)`, if stored.
    pub dq: Option<BigUint>,
    /// `q^-1 mod p`, if stored.
    pub qinv: Option<BigUint>,
}

impl RsaCrt {
    /// No stored CRT values.
    #[cfg(test)]
    pub const NONE: RsaCrt = RsaCrt {
        dp: None,
        dq: None,
        qinv: None,
    };
}

impl Drop for RsaCrt {
    fn drop(&mut self) {
        for v in [&mut self.dp, &mut self.dq, &mut self.qinv]
            .into_iter()
            .flatten()
        {
            v.zeroize();
        }
    }
}

/// Builds an RSA private key from its parts and checks that they fit together: n = p*q,
/// e*d = 1 mod (p-1) and mod (q-1), 3 <= e odd, and any stored CRT values.
///
/// # Errors
/// [`Error::InconsistentKey`] naming the part that does not fit; [`Error::KeyTooLarge`] past the modulus cap.
pub(crate) fn rsa_from_parts(
    n: BigUint,
    e: BigUint,
    d: BigUint,
    p: BigUint,
    q: BigUint,
    crt: RsaCrt,
) -> Result<RsaKey> {
    // Wiped on every return below; the key takes them over (and wipes them on drop) only once they fit.
    let (mut d, mut p, mut q) = (Zeroizing::new(d), Zeroizing::new(p), Zeroizing::new(q));
    PublicKey::rsa(n.clone(), e.clone())?;
    limits::check_rsa_private_bits(n.bits())?;
    if *p <= BigUint::one() || *q <= BigUint::one() || *p == *q {
        return Err(Error::InconsistentKey("the primes p and q are invalid"));
    }
    if &*p * &*q != n {
        return Err(Error::InconsistentKey("the modulus n is not p × q"));
    }
    // A private exponent past the modulus is no key a tool writes (and a huge one would only cost time).
    if *d >= n {
        return Err(Error::InconsistentKey(
            "the private exponent d is not below the modulus",
        ));
    }
    // As OpenSSL's RSA_check_key: p and q must be prime (a base-2 strong test catches any composite that was not
    // built to pass it), at every size keyfit accepts.
    if !check::is_probable_prime(&p) || !check::is_probable_prime(&q) {
        return Err(Error::InconsistentKey("p or q is not prime"));
    }
    let (d, p, q) = (
        core::mem::take(&mut *d),
        core::mem::take(&mut *p),
        core::mem::take(&mut *q),
    );
    let key = RsaPrivateKey::from_components(n, e, d, vec![p, q]).map_err(|err| match err {
        rsa::Error::InvalidExponent => {
            Error::InconsistentKey("the private exponent d does not match e")
        }
        _ => Error::InconsistentKey("the RSA components are invalid"),
    })?;
    let primes = key.primes();
    let one = BigUint::one();
    let expect_dp = Zeroizing::new(key.d() % (&primes[0] - &one));
    let expect_dq = Zeroizing::new(key.d() % (&primes[1] - &one));
    if crt.dp.as_ref().is_some_and(|v| *v != *expect_dp)
        || crt.dq.as_ref().is_some_and(|v| *v != *expect_dq)
    {
        return Err(Error::InconsistentKey(
            "the stored CRT exponents do not match d",
        ));
    }
    if let Some(qinv) = &crt.qinv {
        // q * qinv = 1 mod p, without trusting anything computed from it.
        if (&primes[1] * qinv) % &primes[0] != one {
            return Err(Error::InconsistentKey(
                "the stored CRT coefficient is wrong",
            ));
        }
    }
    Ok(RsaKey(key))
}

/// The CRT coefficient `q^-1 mod p` of an RSA key.
///
/// # Errors
/// [`Error::InconsistentKey`] when it does not exist (p and q not coprime), rather than writing 0.
pub(crate) fn rsa_qinv(key: &RsaPrivateKey) -> Result<Zeroizing<BigUint>> {
    key.crt_coefficient()
        .map(Zeroizing::new)
        .ok_or(Error::InconsistentKey(
            "the CRT coefficient q^-1 mod p does not exist",
        ))
}

/// The modulus size of an RSA private key in bits.
pub(crate) fn rsa_bits(key: &RsaPrivateKey) -> usize {
    key.n().bits()
}

/// Builds a DSA key after bounding every cost a file controls; computes `y = g^x mod p` when it is not stored.
///
/// # Errors
/// [`Error::KeyTooLarge`] past the modulus or subgroup cap, [`Error::InconsistentKey`] for parameters out of
/// range or a stored `y` that does not match `x`.
pub(crate) fn dsa_from_parts(
    p: BigUint,
    q: BigUint,
    g: BigUint,
    y: Option<BigUint>,
    x: BigUint,
) -> Result<DsaPrivate> {
    // Wiped on every return; the key takes it over.
    let mut x = Zeroizing::new(x);
    check_dsa_ranges(&p, &q, &g, &x)?;
    let y = match y {
        Some(y) => y,
        None => g.modpow(&x, &p),
    };
    DsaPrivate::new(p, q, g, y, core::mem::take(&mut *x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composite_primes_are_inconsistent() {
        // n = 15 × 7 = 105, e = 5, d = 17: d e = 85 = 1 mod 14 and mod 6, so only a primality test catches it.
        let big = |v: u32| BigUint::from(v);
        let err =
            rsa_from_parts(big(105), big(5), big(17), big(15), big(7), RsaCrt::NONE).unwrap_err();
        assert_eq!(err, Error::InconsistentKey("p or q is not prime"));
    }

    #[test]
    fn dsa_costs_are_bounded() {
        let big = BigUint::one() << 20000usize;
        let e = dsa_from_parts(
            big.clone() + 1u32,
            5u32.into(),
            2u32.into(),
            None,
            3u32.into(),
        );
        assert_eq!(e.err().map(|e| e.code()), Some("key-too-large"));
        let p = (BigUint::one() << 2048usize) + 1u32;
        let q = (BigUint::one() << 1024usize) + 1u32;
        let e = dsa_from_parts(p, q, 2u32.into(), None, 3u32.into());
        assert_eq!(e.err().map(|e| e.code()), Some("key-too-large"));
        let e = dsa_from_parts(23u32.into(), 11u32.into(), 4u32.into(), None, 11u32.into());
        assert_eq!(e.err().map(|e| e.code()), Some("inconsistent-key"));
        // 4 = 2^2 generates the subgroup of order 11 mod 23; x = 3 gives y = 64 mod 23 = 18.
        let k = dsa_from_parts(23u32.into(), 11u32.into(), 4u32.into(), None, 3u32.into()).unwrap();
        assert_eq!(k.y, BigUint::from(18u32));
        let e = dsa_from_parts(
            23u32.into(),
            11u32.into(),
            4u32.into(),
            Some(17u32.into()),
            3u32.into(),
        );
        assert_eq!(e.err().map(|e| e.code()), Some("inconsistent-key"));
    }
}
