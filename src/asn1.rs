//! The ASN.1 (DER) pieces several formats share: algorithm OIDs, DER errors, integers, algorithm parameters,
//! and the key bodies that appear inside more than one container: PKCS#1 `RSAPrivateKey` / `RSAPublicKey`
//! ([RFC 8017 appendix A.1](https://www.rfc-editor.org/rfc/rfc8017#appendix-A.1)), SEC1 `ECPrivateKey`
//! ([RFC 5915](https://www.rfc-editor.org/rfc/rfc5915)) and OpenSSL's `DSAPrivateKey`.
//!
//! A PKCS#1 body sits in a `RSA PRIVATE KEY` block and inside PKCS#8; an `ECPrivateKey` in an
//! `EC PRIVATE KEY` block and inside PKCS#8; `RSAPublicKey` in `RSA PUBLIC KEY` and inside SPKI. Keeping them
//! here lets every format read them without importing another format.

use crate::error::{Error, Result};
use crate::key::{
    dsa_from_parts, rsa_from_parts, Curve, DsaPrivate, EcdsaPrivate, PublicKey, RsaCrt, RsaKey,
};
use der::asn1::{AnyRef, ObjectIdentifier, UintRef};
use der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};
use num_bigint_dig::BigUint;
use num_traits::Zero;
use rsa::RsaPrivateKey;

/// `rsaEncryption` (RFC 8017 appendix C).
pub(crate) const RSA_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// `id-Ed25519` (RFC 8410 §3).
pub(crate) const ED25519_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
/// `id-Ed448` (RFC 8410 §3).
pub(crate) const ED448_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
/// `id-ecPublicKey` (RFC 5480 §2.1.1).
pub(crate) const EC_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// `id-dsa` (RFC 3279 §2.3.2).
pub(crate) const DSA_OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");

/// The PEM labels of the DER structures [`pem_label_of`] tells apart.
pub(crate) const PEM_DER_LABELS: [&str; 7] = [
    "RSA PRIVATE KEY",
    "PRIVATE KEY",
    "ENCRYPTED PRIVATE KEY",
    "EC PRIVATE KEY",
    "DSA PRIVATE KEY",
    "PUBLIC KEY",
    "RSA PUBLIC KEY",
];

/// The PEM label of the structure a DER body holds, told by its shape alone: `RSAPrivateKey` (nine INTEGERs),
/// `PrivateKeyInfo` (version, algorithm, OCTET STRING), `EncryptedPrivateKeyInfo` (algorithm, OCTET STRING),
/// `ECPrivateKey` (version 1, OCTET STRING), OpenSSL's `DSAPrivateKey` (six INTEGERs), `SubjectPublicKeyInfo`
/// (algorithm, BIT STRING), `RSAPublicKey` (two INTEGERs). `None` for anything else.
pub(crate) fn pem_label_of(der: &[u8]) -> Option<&'static str> {
    let mut reader = SliceReader::new(der).ok()?;
    let tags = reader
        .sequence(|r| {
            let mut tags = Vec::new();
            let mut first_int = None;
            while !r.is_finished() {
                let any = AnyRef::decode(r)?;
                if tags.is_empty() && any.tag() == Tag::Integer {
                    first_int = Some(any.value().to_vec());
                }
                tags.push(any.tag());
            }
            Ok((tags, first_int))
        })
        .ok()?;
    reader.finish(()).ok()?;
    let (tags, first_int) = tags;
    let ints = tags.iter().take_while(|t| **t == Tag::Integer).count();
    Some(match (tags.as_slice(), first_int.as_deref()) {
        ([Tag::Integer, Tag::Sequence, Tag::OctetString, ..], _) => "PRIVATE KEY",
        ([Tag::Sequence, Tag::OctetString], _) => "ENCRYPTED PRIVATE KEY",
        ([Tag::Sequence, Tag::BitString], _) => "PUBLIC KEY",
        ([Tag::Integer, Tag::OctetString, ..], Some([1])) => "EC PRIVATE KEY",
        ([Tag::Integer, Tag::Integer], _) => "RSA PUBLIC KEY",
        (_, Some([0] | [1])) if ints >= 9 => "RSA PRIVATE KEY",
        (_, Some([0])) if ints == 6 && tags.len() == 6 => "DSA PRIVATE KEY",
        _ => return None,
    })
}

/// Maps a DER decoding error: running out of bytes is truncation, anything else corruption.
pub(crate) fn der_error(err: der::Error) -> Error {
    match err.kind() {
        der::ErrorKind::Incomplete { .. } => Error::Truncated,
        _ => Error::Corrupt("the key's ASN.1 structure is invalid"),
    }
}

/// A DER INTEGER as a number (`UintRef` strips the sign byte).
pub(crate) fn uint(u: UintRef<'_>) -> BigUint {
    BigUint::from_bytes_be(u.as_bytes())
}

/// Parses a DER `RSAPrivateKey` and checks it is consistent.
///
/// # Errors
/// [`Error::Truncated`], [`Error::Corrupt`], [`Error::InconsistentKey`], [`Error::KeyTooLarge`],
/// [`Error::UnsupportedAlgorithm`] for multi-prime RSA.
pub(crate) fn rsa_private_from_der(der: &[u8]) -> Result<RsaKey> {
    let k = match ::pkcs1::RsaPrivateKey::from_der(der) {
        Ok(k) => k,
        Err(e) => return rsa_private_any_version(der).ok_or(der_error(e))?,
    };
    if k.other_prime_infos.is_some() {
        return Err(Error::UnsupportedAlgorithm("multi-prime RSA".into()));
    }
    let crt = RsaCrt {
        dp: Some(uint(k.exponent1)),
        dq: Some(uint(k.exponent2)),
        qinv: Some(uint(k.coefficient)),
    };
    rsa_from_parts(
        uint(k.modulus),
        uint(k.public_exponent),
        uint(k.private_exponent),
        uint(k.prime1),
        uint(k.prime2),
        crt,
    )
}

/// An `RSAPrivateKey` whose version is neither 0 nor 1 but whose eight numbers are all there, which OpenSSL,
/// ssh-keygen and JSch read (they ignore the version); `None` when it is not that shape.
fn rsa_private_any_version(der: &[u8]) -> Option<Result<RsaKey>> {
    let mut reader = SliceReader::new(der).ok()?;
    let v = reader
        .sequence(|r| {
            UintRef::decode(r)?; // version
            let mut v: Vec<BigUint> = Vec::with_capacity(8);
            for _ in 0..8 {
                v.push(uint(UintRef::decode(r)?));
            }
            Ok(v)
        })
        .ok()?;
    reader.finish(()).ok()?;
    let [n, e, d, p, q, dp, dq, qinv]: [BigUint; 8] = v.try_into().ok()?;
    let crt = RsaCrt {
        dp: Some(dp),
        dq: Some(dq),
        qinv: Some(qinv),
    };
    Some(rsa_from_parts(n, e, d, p, q, crt))
}

/// Rewrites BER with indefinite lengths (which Java and BouncyCastle write, and OpenSSL reads) as DER, so the
/// DER parsers take it; `None` when the input is not well-formed BER or nests deeper than 32 levels.
pub(crate) fn ber_to_der(ber: &[u8]) -> Option<Vec<u8>> {
    fn tlv(input: &[u8], pos: usize, depth: u8) -> Option<(Vec<u8>, usize)> {
        if depth > 32 {
            return None;
        }
        let tag = *input.get(pos)?;
        if tag & 0x1f == 0x1f {
            return None; // high tag numbers do not occur in key files
        }
        let constructed = tag & 0x20 != 0;
        let first = *input.get(pos + 1)?;
        let mut at = pos + 2;
        let mut content = Vec::new();
        if first == 0x80 {
            if !constructed {
                return None;
            }
            loop {
                if input.get(at..at + 2)? == [0, 0] {
                    at += 2;
                    break;
                }
                let (child, next) = tlv(input, at, depth + 1)?;
                content.extend_from_slice(&child);
                at = next;
            }
        } else {
            let len = if first & 0x80 == 0 {
                usize::from(first)
            } else {
                let n = usize::from(first & 0x7f);
                if n > 4 {
                    return None;
                }
                let bytes = input.get(at..at + n)?;
                at += n;
                bytes
                    .iter()
                    .fold(0usize, |acc, &b| (acc << 8) | usize::from(b))
            };
            let end = at.checked_add(len)?;
            let body = input.get(at..end)?;
            if constructed {
                let mut inner = at;
                while inner < end {
                    let (child, next) = tlv(input, inner, depth + 1)?;
                    content.extend_from_slice(&child);
                    inner = next;
                }
                if inner != end {
                    return None;
                }
            } else {
                content.extend_from_slice(body);
            }
            at = end;
        }
        let mut out = vec![tag];
        let len = content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes: Vec<u8> = len
                .to_be_bytes()
                .into_iter()
                .skip_while(|&b| b == 0)
                .collect();
            out.push(0x80 | bytes.len() as u8);
            out.extend_from_slice(&bytes);
        }
        out.extend_from_slice(&content);
        Some((out, at))
    }
    let (out, end) = tlv(ber, 0, 0)?;
    (end == ber.len()).then_some(out)
}

/// DER `RSAPrivateKey` of an RSA key, as `openssl rsa -traditional` writes it.
///
/// # Errors
/// Only on an internal encoding failure.
pub(crate) fn rsa_private_der(key: &RsaPrivateKey) -> Result<der::SecretDocument> {
    use ::pkcs1::EncodeRsaPrivateKey;
    key.to_pkcs1_der()
        .map_err(|_| Error::Corrupt("the key could not be encoded"))
}

/// Parses a DER `RSAPublicKey`.
///
/// # Errors
/// [`Error::Truncated`], [`Error::Corrupt`], [`Error::KeyTooLarge`], [`Error::InconsistentKey`].
pub(crate) fn rsa_public_from_der(der: &[u8]) -> Result<PublicKey> {
    let k = ::pkcs1::RsaPublicKey::from_der(der).map_err(der_error)?;
    PublicKey::rsa(uint(k.modulus), uint(k.public_exponent))
}

/// DER `RSAPublicKey` of a public RSA key.
///
/// # Errors
/// [`Error::NotRsa`] for other algorithms.
pub(crate) fn rsa_public_der(public: &PublicKey) -> Result<Vec<u8>> {
    let PublicKey::Rsa { n, e } = public else {
        return Err(Error::NotRsa(public.algorithm().display()));
    };
    let (n, e) = (n.to_bytes_be(), e.to_bytes_be());
    let k = ::pkcs1::RsaPublicKey {
        modulus: UintRef::new(&n).map_err(der_error)?,
        public_exponent: UintRef::new(&e).map_err(der_error)?,
    };
    k.to_der().map_err(der_error)
}

/// The fields of a DER `ECPrivateKey` (RFC 5915 §3): `SEQUENCE { version 1, privateKey OCTET STRING,
/// [0] parameters OPTIONAL, [1] publicKey BIT STRING OPTIONAL }`. Read with `der` rather than the `sec1` crate,
/// which refuses explicit curve parameters (what `openssl ecparam -param_enc explicit` writes).
pub(crate) struct EcKeyParts<'a> {
    /// The private scalar.
    pub(crate) scalar: &'a [u8],
    /// The curve parameters, a named curve or explicit ones.
    pub(crate) parameters: Option<AnyRef<'a>>,
    /// The public point.
    pub(crate) public_key: Option<&'a [u8]>,
}

impl<'a> EcKeyParts<'a> {
    /// Parses a DER `ECPrivateKey`.
    ///
    /// # Errors
    /// [`Error::Truncated`], [`Error::Corrupt`].
    pub(crate) fn from_der(der: &'a [u8]) -> Result<Self> {
        use der::asn1::{BitStringRef, ContextSpecific, OctetStringRef};
        use der::TagNumber;
        let mut reader = SliceReader::new(der).map_err(der_error)?;
        let parts = reader
            .sequence(|r| {
                if u8::decode(r)? != 1 {
                    return Err(der::Tag::Integer.value_error());
                }
                let scalar = OctetStringRef::decode(r)?.as_bytes();
                let parameters = ContextSpecific::<AnyRef<'a>>::decode_explicit(r, TagNumber::N0)?
                    .map(|c| c.value);
                let public_key =
                    ContextSpecific::<BitStringRef<'a>>::decode_explicit(r, TagNumber::N1)?
                        .map(|c| c.value.raw_bytes());
                Ok(EcKeyParts {
                    scalar,
                    parameters,
                    public_key,
                })
            })
            .map_err(der_error)?;
        reader.finish(parts).map_err(der_error)
    }
}

/// Parses a DER `ECPrivateKey` that gives its curve (named or by explicit parameters) and carries its public
/// point.
///
/// # Errors
/// [`Error::Truncated`], [`Error::Corrupt`], [`Error::UnsupportedAlgorithm`].
pub(crate) fn ec_private_from_der(der: &[u8]) -> Result<EcdsaPrivate> {
    let k = EcKeyParts::from_der(der)?;
    let curve = named_curve(k.parameters)?;
    ec_private(curve, &k, None)
}

/// Builds an ECDSA key from a parsed `ECPrivateKey` on a known curve; `outer_point` is a public key stored
/// beside it (PKCS#8 v2). The `ECPrivateKey` must not name another curve.
///
/// # Errors
/// [`Error::Corrupt`] for a curve mismatch or a malformed scalar or point, [`Error::InconsistentKey`] when the
/// scalar does not give the point (which is derived when not stored).
pub(crate) fn ec_private(
    curve: Curve,
    k: &EcKeyParts<'_>,
    outer_point: Option<&[u8]>,
) -> Result<EcdsaPrivate> {
    if k.parameters.is_some() && named_curve(k.parameters)? != curve {
        return Err(Error::Corrupt("the EC key names two different curves"));
    }
    match k.public_key.or(outer_point) {
        Some(point) => EcdsaPrivate::new(curve, point, k.scalar),
        // The point is optional in SEC1: derive it from the scalar.
        None => EcdsaPrivate::from_scalar(curve, k.scalar),
    }
}

/// Parses OpenSSL's DER `DSAPrivateKey`: `SEQUENCE { version 0, p, q, g, y, x }` (no RFC; OpenSSL's
/// `crypto/dsa/dsa_asn1.c`). Five integers read with `der`: no crate of keyfit's RustCrypto generation parses it.
///
/// # Errors
/// [`Error::Truncated`], [`Error::Corrupt`], [`Error::InconsistentKey`], [`Error::KeyTooLarge`].
pub(crate) fn dsa_private_from_der(der: &[u8]) -> Result<DsaPrivate> {
    let mut reader = SliceReader::new(der).map_err(der_error)?;
    let parts = reader
        .sequence(|r| {
            let version = u8::decode(r)?;
            let mut v = [BigUint::zero(), BigUint::zero(), BigUint::zero()];
            for slot in &mut v {
                *slot = uint(UintRef::decode(r)?);
            }
            let y = uint(UintRef::decode(r)?);
            let x = uint(UintRef::decode(r)?);
            Ok((version == 0, v, y, x))
        })
        .map_err(der_error)?;
    reader.finish(()).map_err(der_error)?;
    let (version_zero, [p, q, g], y, x) = parts;
    if !version_zero {
        return Err(Error::Corrupt("the DSA key version is not 0"));
    }
    dsa_from_parts(p, q, g, Some(y), x)
}

/// The curve of `id-ecPublicKey` parameters (RFC 5480 §2.1.1): a named curve, or explicit parameters
/// (`SpecifiedECDomain`, SEC 1 v2 §C.2) that are those of P-256, P-384 or P-521, as OpenSSH matches them.
///
/// # Errors
/// [`Error::Corrupt`] for missing or malformed parameters, [`Error::UnsupportedAlgorithm`] for another curve.
pub(crate) fn named_curve(params: Option<AnyRef<'_>>) -> Result<Curve> {
    let params = params.ok_or(Error::Corrupt("the EC key does not name its curve"))?;
    if params.tag() == Tag::Sequence {
        return explicit_curve(params);
    }
    if params.tag() != Tag::ObjectIdentifier {
        return Err(Error::Corrupt("the EC curve parameters are malformed"));
    }
    let oid: ObjectIdentifier = params.decode_as().map_err(der_error)?;
    Curve::from_oid(&oid)
}

/// The NIST curve whose prime, coefficients, generator x and order explicit parameters give.
fn explicit_curve(params: AnyRef<'_>) -> Result<Curve> {
    use der::asn1::{BitStringRef, OctetStringRef};
    let (p, a, b, g, n) = params
        .sequence(|r| {
            UintRef::decode(r)?; // version
            let p = r.sequence(|r| {
                ObjectIdentifier::decode(r)?; // prime-field
                Ok(uint(UintRef::decode(r)?))
            })?;
            let (a, b) = r.sequence(|r| {
                let a = BigUint::from_bytes_be(OctetStringRef::decode(r)?.as_bytes());
                let b = BigUint::from_bytes_be(OctetStringRef::decode(r)?.as_bytes());
                if !r.is_finished() {
                    BitStringRef::decode(r)?; // seed
                }
                Ok((a, b))
            })?;
            let g = OctetStringRef::decode(r)?.as_bytes().to_vec();
            let n = uint(UintRef::decode(r)?);
            while !r.is_finished() {
                AnyRef::decode(r)?; // cofactor, hash
            }
            Ok((p, a, b, g, n))
        })
        .map_err(|_| Error::Corrupt("the explicit EC curve parameters are malformed"))?;
    [Curve::P256, Curve::P384, Curve::P521]
        .into_iter()
        .find(|c| {
            let [cp, cb, cgx, _, cn] = c.domain();
            let len = c.scalar_len();
            let gx = match g.first() {
                Some(2..=4) if g.len() > len => BigUint::from_bytes_be(&g[1..=len]),
                _ => BigUint::zero(),
            };
            let hex =
                |h: &str| BigUint::from_bytes_be(&crate::text::decode_hex(h).unwrap_or_default());
            let cp = hex(cp);
            // a = p - 3 on the three NIST curves (SEC 2).
            p == cp && &a + 3u32 == cp && b == hex(cb) && gx == hex(cgx) && n == hex(cn)
        })
        .ok_or_else(|| {
            Error::UnsupportedAlgorithm("ECDSA on a curve given by explicit parameters".into())
        })
}

/// The `Dss-Parms ::= SEQUENCE { p, q, g }` of a DSA algorithm identifier.
///
/// # Errors
/// [`Error::Corrupt`] when missing or malformed.
pub(crate) fn dsa_parameters(params: Option<AnyRef<'_>>) -> Result<(BigUint, BigUint, BigUint)> {
    let params = params.ok_or(Error::Corrupt("the DSA parameters are missing"))?;
    params
        .sequence(|r| {
            let p = uint(UintRef::decode(r)?);
            let q = uint(UintRef::decode(r)?);
            let g = uint(UintRef::decode(r)?);
            Ok((p, q, g))
        })
        .map_err(der_error)
}

/// DER `Dss-Parms` for p, q, g.
///
/// # Errors
/// Only on an internal encoding failure.
pub(crate) fn encode_dsa_parameters(p: &BigUint, q: &BigUint, g: &BigUint) -> Result<Vec<u8>> {
    let (p, q, g) = (p.to_bytes_be(), q.to_bytes_be(), g.to_bytes_be());
    [
        UintRef::new(&p).map_err(der_error)?,
        UintRef::new(&q).map_err(der_error)?,
        UintRef::new(&g).map_err(der_error)?,
    ]
    .to_der()
    .map_err(der_error)
}

/// Names well-known key algorithms keyfit does not support.
pub(crate) fn algorithm_name(oid: ObjectIdentifier) -> String {
    let name = match oid.to_string().as_str() {
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.3.101.113" => "Ed448",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.113549.1.3.1" => "Diffie-Hellman",
        "1.2.156.10197.1.301" => "SM2",
        _ => return format!("PKCS#8 key algorithm {oid}"),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ber_indefinite_lengths_become_der() {
        let ber = [
            0x30, 0x80, 0x02, 0x01, 0x05, 0x30, 0x80, 0x04, 0x02, 0xaa, 0xbb, 0, 0, 0, 0,
        ];
        let der = [
            0x30, 0x09, 0x02, 0x01, 0x05, 0x30, 0x04, 0x04, 0x02, 0xaa, 0xbb,
        ];
        assert_eq!(ber_to_der(&ber).as_deref(), Some(&der[..]));
        assert_eq!(ber_to_der(&der).as_deref(), Some(&der[..]));
        // No end-of-contents, a primitive with an indefinite length, trailing bytes, endless nesting: refused.
        assert_eq!(ber_to_der(&ber[..ber.len() - 2]), None);
        assert_eq!(ber_to_der(&[0x04, 0x80, 0, 0]), None);
        assert_eq!(ber_to_der(&[&der[..], &[0][..]].concat()), None);
        assert_eq!(ber_to_der(&[0x30, 0x80].repeat(1000)), None);
    }
}
