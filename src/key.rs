//! The key model every format reads into and writes from: public and private keys of the algorithms keyfit
//! knows, their OpenSSH wire blobs and their fingerprints.

use crate::error::{Error, Result};
use crate::limits;
use crate::text::{encode_hex, shown};
use crate::wire::{Reader, Writer};
use base64ct::{Base64, Base64Unpadded, Encoding};
use md5::{Digest as _, Md5};
use num_bigint_dig::BigUint;
use num_integer::Integer;
use num_traits::{One, Zero};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::RsaPrivateKey;
use sha2::Sha256;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

mod check;

/// A named elliptic curve for ECDSA keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    /// NIST P-256 (`nistp256`).
    P256,
    /// NIST P-384 (`nistp384`).
    P384,
    /// NIST P-521 (`nistp521`).
    P521,
}

impl Curve {
    /// The SSH curve identifier, e.g. `nistp256`.
    pub fn ssh_id(self) -> &'static str {
        match self {
            Curve::P256 => "nistp256",
            Curve::P384 => "nistp384",
            Curve::P521 => "nistp521",
        }
    }

    /// Parses an SSH curve identifier.
    pub fn from_ssh_id(id: &[u8]) -> Result<Self> {
        match id {
            b"nistp256" => Ok(Curve::P256),
            b"nistp384" => Ok(Curve::P384),
            b"nistp521" => Ok(Curve::P521),
            other => Err(Error::UnsupportedAlgorithm(format!(
                "ECDSA curve {}",
                String::from_utf8_lossy(other)
            ))),
        }
    }

    /// Field size in bits.
    pub fn bits(self) -> u32 {
        match self {
            Curve::P256 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }

    /// The curve's domain parameters in hex (SEC 2 / FIPS 186-4; `openssl ecparam -param_enc explicit` writes
    /// them): prime p, coefficients a and b, generator x, order n.
    pub(crate) fn domain(
        self,
    ) -> (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ) {
        match self {
            Curve::P256 => (
                "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
                "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC",
                "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B",
                "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296",
                "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551",
            ),
            Curve::P384 => (
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFF",
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFF0000000000000000FFFFFFFC",
                "B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF",
                "AA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7",
                "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
            ),
            Curve::P521 => (
                "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
                "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC",
                "0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B503F00",
                "00C6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D3DBAA14B5E77EFE75928FE1DC127A2FFA8DE3348B3C1856A429BF97E7E31C2E5BD66",
                "01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409",
            ),
        }
    }

    /// Length in bytes of a private scalar.
    pub fn scalar_len(self) -> usize {
        (self.bits() as usize).div_ceil(8)
    }

    /// The ASN.1 OID of the curve.
    pub fn oid(self) -> der::asn1::ObjectIdentifier {
        use der::asn1::ObjectIdentifier as O;
        match self {
            Curve::P256 => O::new_unwrap("1.2.840.10045.3.1.7"),
            Curve::P384 => O::new_unwrap("1.3.132.0.34"),
            Curve::P521 => O::new_unwrap("1.3.132.0.35"),
        }
    }

    /// The curve with this OID.
    pub fn from_oid(oid: &der::asn1::ObjectIdentifier) -> Result<Self> {
        [Curve::P256, Curve::P384, Curve::P521]
            .into_iter()
            .find(|c| c.oid() == *oid)
            .ok_or_else(|| {
                let name = match oid.to_string().as_str() {
                    "1.3.132.0.10" => "secp256k1".to_string(),
                    "1.3.132.0.33" => "secp224r1".to_string(),
                    "1.2.840.10045.3.1.1" => "prime192v1".to_string(),
                    "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1".to_string(),
                    "1.3.36.3.3.2.8.1.1.11" => "brainpoolP384r1".to_string(),
                    "1.3.36.3.3.2.8.1.1.13" => "brainpoolP512r1".to_string(),
                    other => other.to_string(),
                };
                Error::UnsupportedAlgorithm(format!(
                    "ECDSA on curve {name} (SSH uses only P-256, P-384 and P-521)"
                ))
            })
    }
}

/// A key algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// RSA.
    Rsa,
    /// Ed25519.
    Ed25519,
    /// ECDSA on a NIST curve.
    Ecdsa(Curve),
    /// DSA (`ssh-dss`).
    Dsa,
    /// A FIDO security-key Ed25519 key (`sk-ssh-ed25519@openssh.com`): its private half never leaves the token.
    SkEd25519,
    /// A FIDO security-key ECDSA P-256 key (`sk-ecdsa-sha2-nistp256@openssh.com`).
    SkEcdsaP256,
    /// Ed448 (`ssh-ed448`, RFC 8410's `id-Ed448`), which PuTTY and some Java clients write.
    Ed448,
    /// Another SSH key type, named only by its type string: post-quantum hybrids such as
    /// `ssh-mldsa44-ed25519@openssh.com`, and whatever comes next.
    OtherSsh,
    /// An SSH protocol 1 RSA key (`identity`), which OpenSSH removed in 7.4.
    Rsa1,
}

impl Algorithm {
    /// The name keyfit reports: `rsa`, `ed25519`, `ecdsa-p256`, `ecdsa-p384`, `ecdsa-p521`, `dsa`, and for the
    /// types keyfit names but does not use `sk-ed25519`, `sk-ecdsa-p256`, `ed448`, `other`.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Rsa => "rsa",
            Algorithm::Ed25519 => "ed25519",
            Algorithm::Ecdsa(Curve::P256) => "ecdsa-p256",
            Algorithm::Ecdsa(Curve::P384) => "ecdsa-p384",
            Algorithm::Ecdsa(Curve::P521) => "ecdsa-p521",
            Algorithm::Dsa => "dsa",
            Algorithm::SkEd25519 => "sk-ed25519",
            Algorithm::SkEcdsaP256 => "sk-ecdsa-p256",
            Algorithm::Ed448 => "ed448",
            Algorithm::OtherSsh => "other",
            Algorithm::Rsa1 => "rsa1",
        }
    }

    /// The SSH key type name, e.g. `ssh-rsa` (empty for [`Algorithm::OtherSsh`], whose name is in its blob).
    pub fn ssh_name(self) -> &'static str {
        match self {
            Algorithm::Rsa => "ssh-rsa",
            Algorithm::Ed25519 => "ssh-ed25519",
            Algorithm::Ecdsa(Curve::P256) => "ecdsa-sha2-nistp256",
            Algorithm::Ecdsa(Curve::P384) => "ecdsa-sha2-nistp384",
            Algorithm::Ecdsa(Curve::P521) => "ecdsa-sha2-nistp521",
            Algorithm::Dsa => "ssh-dss",
            Algorithm::SkEd25519 => "sk-ssh-ed25519@openssh.com",
            Algorithm::SkEcdsaP256 => "sk-ecdsa-sha2-nistp256@openssh.com",
            Algorithm::Ed448 => "ssh-ed448",
            Algorithm::OtherSsh | Algorithm::Rsa1 => "",
        }
    }

    /// Whether keyfit holds and converts private keys of this type (the others it names, and fingerprints where
    /// the file shows the public key).
    pub fn is_usable(self) -> bool {
        matches!(
            self,
            Algorithm::Rsa | Algorithm::Ed25519 | Algorithm::Ecdsa(_) | Algorithm::Dsa
        )
    }

    /// Why no one can hand this key type to Jira, for the types keyfit only names.
    pub fn why_unusable(self) -> Option<&'static str> {
        match self {
            Algorithm::SkEd25519 | Algorithm::SkEcdsaP256 => Some(
                "Its private half lives on a FIDO security key (a hardware token) and never leaves it, so no \
                 software such as Jira can sign with it.",
            ),
            Algorithm::Ed448 => Some("Ed448 keys are not used by OpenSSH or Jira."),
            Algorithm::OtherSsh => Some("keyfit and Jira do not use this key type."),
            Algorithm::Rsa1 => Some(
                "SSH protocol 1 keys were removed from OpenSSH in 7.4 (2016); no current SSH client uses them.",
            ),
            _ => None,
        }
    }

    /// The key type of a name keyfit does not use, for naming it: security keys, Ed448, or any other SSH type
    /// name (not a certificate type).
    ///
    /// # Errors
    /// [`Error::UnsupportedAlgorithm`] for certificate types and names that are not printable.
    pub(crate) fn named_only(name: &[u8]) -> Result<Self> {
        Ok(match name {
            b"sk-ssh-ed25519@openssh.com" => Algorithm::SkEd25519,
            b"sk-ecdsa-sha2-nistp256@openssh.com" => Algorithm::SkEcdsaP256,
            b"ssh-ed448" => Algorithm::Ed448,
            n if !n.is_empty()
                && n.len() <= 64
                && n.iter().all(|c| c.is_ascii_graphic())
                && !n.ends_with(b"-cert-v01@openssh.com") =>
            {
                Algorithm::OtherSsh
            }
            other => {
                // Shown short and printable, as every name read from a file.
                return Err(Error::UnsupportedAlgorithm(shown(other)));
            }
        })
    }

    /// Parses an SSH key type name.
    pub fn from_ssh_name(name: &[u8]) -> Result<Self> {
        Ok(match name {
            b"ssh-rsa" => Algorithm::Rsa,
            b"ssh-ed25519" => Algorithm::Ed25519,
            b"ecdsa-sha2-nistp256" => Algorithm::Ecdsa(Curve::P256),
            b"ecdsa-sha2-nistp384" => Algorithm::Ecdsa(Curve::P384),
            b"ecdsa-sha2-nistp521" => Algorithm::Ecdsa(Curve::P521),
            b"ssh-dss" => Algorithm::Dsa,
            other => {
                // Shown short and printable, as every name read from a file.
                return Err(Error::UnsupportedAlgorithm(shown(other)));
            }
        })
    }

    /// A human name for messages, e.g. `Ed25519`.
    pub fn display(self) -> &'static str {
        match self {
            Algorithm::Rsa => "RSA",
            Algorithm::Ed25519 => "Ed25519",
            Algorithm::Ecdsa(_) => "ECDSA",
            Algorithm::Dsa => "DSA",
            Algorithm::SkEd25519 => "Ed25519 security-key (sk)",
            Algorithm::SkEcdsaP256 => "ECDSA security-key (sk)",
            Algorithm::Ed448 => "Ed448",
            Algorithm::OtherSsh => "unsupported",
            Algorithm::Rsa1 => "SSH-1 RSA",
        }
    }
}

/// A public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    /// RSA modulus and public exponent.
    Rsa {
        /// Modulus.
        n: BigUint,
        /// Public exponent.
        e: BigUint,
    },
    /// Ed25519 public key bytes.
    Ed25519([u8; 32]),
    /// ECDSA public point in SEC1 encoding.
    Ecdsa {
        /// Curve.
        curve: Curve,
        /// SEC1 point (usually uncompressed, `04 || x || y`).
        point: Vec<u8>,
    },
    /// DSA domain parameters and public value.
    Dsa {
        /// Prime modulus.
        p: BigUint,
        /// Subgroup order.
        q: BigUint,
        /// Generator.
        g: BigUint,
        /// Public value.
        y: BigUint,
    },
    /// An SSH protocol 1 RSA key: fingerprinted over `n || e`, as OpenSSH did.
    Rsa1 {
        /// Modulus.
        n: BigUint,
        /// Public exponent.
        e: BigUint,
    },
    /// A key of a type keyfit names but does not use ([`Algorithm::is_usable`] is false): its OpenSSH wire blob,
    /// which is all a fingerprint needs.
    Named {
        /// The type.
        algorithm: Algorithm,
        /// The wire blob, its type name first.
        blob: Vec<u8>,
    },
}

impl PublicKey {
    /// The algorithm.
    pub fn algorithm(&self) -> Algorithm {
        match self {
            PublicKey::Rsa { .. } => Algorithm::Rsa,
            PublicKey::Ed25519(_) => Algorithm::Ed25519,
            PublicKey::Ecdsa { curve, .. } => Algorithm::Ecdsa(*curve),
            PublicKey::Dsa { .. } => Algorithm::Dsa,
            PublicKey::Named { algorithm, .. } => *algorithm,
            PublicKey::Rsa1 { .. } => Algorithm::Rsa1,
        }
    }

    /// Key size in bits, as `ssh-keygen -l` shows it.
    pub fn bits(&self) -> u32 {
        match self {
            PublicKey::Rsa { n, .. } => n.bits() as u32,
            PublicKey::Ed25519(_) => 256,
            PublicKey::Ecdsa { curve, .. } => curve.bits(),
            PublicKey::Dsa { p, .. } => p.bits() as u32,
            PublicKey::Rsa1 { n, .. } => n.bits() as u32,
            PublicKey::Named { algorithm, .. } => match algorithm {
                Algorithm::Ed448 => 448,
                Algorithm::OtherSsh => 0,
                _ => 256,
            },
        }
    }

    /// An SSH-1 RSA public key, its modulus within keyfit's cap.
    ///
    /// # Errors
    /// [`Error::KeyTooLarge`].
    pub(crate) fn rsa1(n: BigUint, e: BigUint) -> Result<Self> {
        limits::check_rsa_bits(n.bits())?;
        Ok(PublicKey::Rsa1 { n, e })
    }

    /// An Ed448 public key (57 bytes, RFC 8032), as the SSH blob PuTTY writes: `string "ssh-ed448", string key`.
    ///
    /// # Errors
    /// [`Error::Corrupt`] for another length.
    pub(crate) fn ed448(key: &[u8]) -> Result<Self> {
        if key.len() != 57 {
            return Err(Error::Corrupt("an Ed448 key is not 57 bytes"));
        }
        let mut w = Writer::default();
        w.string(Algorithm::Ed448.ssh_name().as_bytes()).string(key);
        Ok(PublicKey::Named {
            algorithm: Algorithm::Ed448,
            blob: w.as_slice().to_vec(),
        })
    }

    /// A blob of a type keyfit only names, checked for the fields its type has (security keys: the key, then
    /// the application; Ed448: 57 bytes; other types: taken as they are).
    fn named_from_blob(algorithm: Algorithm, blob: &[u8], r: &mut Reader<'_>) -> Result<Self> {
        match algorithm {
            Algorithm::SkEd25519 => {
                ed25519_bytes(r.string()?)?;
                r.string()?;
            }
            Algorithm::SkEcdsaP256 => {
                if Curve::from_ssh_id(r.string()?)? != Curve::P256 {
                    return Err(Error::Corrupt(
                        "the ECDSA curve name does not match the key type",
                    ));
                }
                ecdsa_point(Curve::P256, r.string()?)?;
                r.string()?;
            }
            Algorithm::Ed448 => {
                if r.string()?.len() != 57 {
                    return Err(Error::Corrupt("an Ed448 key is not 57 bytes"));
                }
            }
            _ => {
                return Ok(PublicKey::Named {
                    algorithm,
                    blob: blob.to_vec(),
                })
            }
        }
        if !r.is_empty() {
            return Err(Error::Corrupt("extra bytes after the public key"));
        }
        Ok(PublicKey::Named {
            algorithm,
            blob: blob.to_vec(),
        })
    }

    /// Checks a public RSA key is usable: odd modulus, odd e >= 3 below n, modulus within keyfit's cap.
    ///
    /// # Errors
    /// [`Error::KeyTooLarge`] past the modulus cap, [`Error::InconsistentKey`] for a malformed key.
    pub fn rsa(n: BigUint, e: BigUint) -> Result<Self> {
        limits::check_rsa_bits(n.bits())?;
        if n.is_zero() || n.is_even() {
            return Err(Error::InconsistentKey("the RSA modulus is even"));
        }
        if e < BigUint::from(3u32) || e.is_even() || e >= n {
            return Err(Error::InconsistentKey(
                "the RSA public exponent is not an odd number from 3 up",
            ));
        }
        if e.bits() > 64 {
            return Err(Error::InconsistentKey(
                "the RSA public exponent is too large",
            ));
        }
        Ok(PublicKey::Rsa { n, e })
    }

    /// The OpenSSH wire blob (`string type, ...`), as in `authorized_keys` after base64 decoding.
    pub fn to_ssh_blob(&self) -> Vec<u8> {
        match self {
            PublicKey::Named { blob, .. } => return blob.clone(),
            // What OpenSSH fingerprinted for SSH-1 keys (`sshkey_fingerprint_raw`, KEY_RSA1).
            PublicKey::Rsa1 { n, e } => return [n.to_bytes_be(), e.to_bytes_be()].concat(),
            _ => {}
        }
        let mut w = Writer::default();
        w.string(self.algorithm().ssh_name().as_bytes());
        match self {
            PublicKey::Rsa { n, e } => w.mpint(e).mpint(n),
            PublicKey::Ed25519(k) => w.string(k),
            PublicKey::Ecdsa { curve, point } => w.string(curve.ssh_id().as_bytes()).string(point),
            PublicKey::Dsa { p, q, g, y } => w.mpint(p).mpint(q).mpint(g).mpint(y),
            PublicKey::Named { .. } | PublicKey::Rsa1 { .. } => &mut w,
        };
        w.as_slice().to_vec()
    }

    /// Reads the fields that follow the type name in a wire blob.
    pub(crate) fn read_ssh_fields(alg: Algorithm, r: &mut Reader<'_>) -> Result<Self> {
        Ok(match alg {
            Algorithm::Rsa => {
                let e = r.mpint()?;
                let n = r.mpint()?;
                PublicKey::rsa(n, e)?
            }
            Algorithm::Ed25519 => PublicKey::Ed25519(ed25519_bytes(r.string()?)?),
            Algorithm::Ecdsa(curve) => {
                if Curve::from_ssh_id(r.string()?)? != curve {
                    return Err(Error::Corrupt(
                        "the ECDSA curve name does not match the key type",
                    ));
                }
                PublicKey::Ecdsa {
                    curve,
                    point: ecdsa_point(curve, r.string()?)?,
                }
            }
            Algorithm::Dsa => PublicKey::Dsa {
                p: r.mpint()?,
                q: r.mpint()?,
                g: r.mpint()?,
                y: r.mpint()?,
            },
            other => {
                return Err(Error::UnsupportedAlgorithm(other.name().to_string()));
            }
        })
    }

    /// Parses an OpenSSH wire blob; trailing bytes are corruption. Types keyfit does not use come back as
    /// [`PublicKey::Named`].
    pub fn from_ssh_blob(blob: &[u8]) -> Result<Self> {
        let mut r = Reader::new(blob);
        let name = r.string()?;
        let alg = match Algorithm::from_ssh_name(name) {
            Ok(alg) => alg,
            Err(_) => return Self::named_from_blob(Algorithm::named_only(name)?, blob, &mut r),
        };
        let key = Self::read_ssh_fields(alg, &mut r)?;
        if !r.is_empty() {
            return Err(Error::Corrupt("extra bytes after the public key"));
        }
        Ok(key)
    }

    /// `SHA256:<unpadded base64>`, as `ssh-keygen -l` and git hosts show it.
    pub fn fingerprint_sha256(&self) -> String {
        format!(
            "SHA256:{}",
            Base64Unpadded::encode_string(&Sha256::digest(self.to_ssh_blob()))
        )
    }

    /// `MD5:aa:bb:...`, the older colon-separated form.
    pub fn fingerprint_md5(&self) -> String {
        let hex: Vec<String> = Md5::digest(self.to_ssh_blob())
            .iter()
            .map(|b| encode_hex(&[*b], false))
            .collect();
        format!("MD5:{}", hex.join(":"))
    }

    /// The `authorized_keys` line: `ssh-rsa AAAA... comment` (no newline).
    pub fn to_openssh_line(&self, comment: &str) -> String {
        if let PublicKey::Rsa1 { n, e } = self {
            // SSH-1's own line: `bits e n comment`, in decimal.
            let line = format!("{} {e} {n}", n.bits());
            return if comment.is_empty() {
                line
            } else {
                format!("{line} {comment}")
            };
        }
        let blob = self.to_ssh_blob();
        let b64 = Base64::encode_string(&blob);
        let name = match Reader::new(&blob).string() {
            Ok(n) => String::from_utf8_lossy(n).into_owned(),
            Err(_) => self.algorithm().ssh_name().to_string(),
        };
        if comment.is_empty() {
            format!("{name} {b64}")
        } else {
            format!("{name} {b64} {comment}")
        }
    }
}

/// Checks an Ed25519 key field is 32 bytes.
pub(crate) fn ed25519_bytes(b: &[u8]) -> Result<[u8; 32]> {
    b.try_into()
        .map_err(|_| Error::Corrupt("an Ed25519 key is not 32 bytes"))
}

/// Checks an ECDSA point has the length its curve demands (uncompressed or compressed SEC1).
pub(crate) fn ecdsa_point(curve: Curve, b: &[u8]) -> Result<Vec<u8>> {
    let len = curve.scalar_len();
    match b.first() {
        Some(4) if b.len() == 1 + 2 * len => Ok(b.to_vec()),
        Some(2 | 3) if b.len() == 1 + len => Ok(b.to_vec()),
        _ => Err(Error::Corrupt("the ECDSA public point is malformed")),
    }
}

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
