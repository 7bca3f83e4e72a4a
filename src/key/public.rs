//! The public key of every type keyfit knows: its OpenSSH wire blob (RFC 4253 §6.6, RFC 5656 §3.1), the
//! `authorized_keys` line, and its fingerprints.

use super::algorithm::{Algorithm, Curve};
use crate::error::{Error, Result};
use crate::limits;
use crate::text::encode_hex;
use crate::wire::{Reader, Writer};
use base64ct::{Base64, Base64Unpadded, Encoding};
use md5::{Digest as _, Md5};
use num_bigint_dig::BigUint;
use num_integer::Integer;
use num_traits::Zero;
use sha2::Sha256;

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
