//! The key types keyfit knows: ECDSA curves and key algorithms, with their names in SSH, in ASN.1 and in reports.

use crate::error::{Error, Result};
use crate::text::shown;

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
    /// them): prime p, coefficient b, generator (gx, gy), order n. Coefficient a is p - 3 on all three curves.
    /// The one copy: explicit parameters are compared with it, and the EC checks compute with it.
    pub(crate) fn domain(self) -> [&'static str; 5] {
        match self {
            Curve::P256 => [
                "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
                "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
                "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296",
                "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
                "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            ],
            Curve::P384 => [
                "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff",
                "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef",
                "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7",
                "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f",
                "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
            ],
            Curve::P521 => [
                "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00",
                "00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66",
                "011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650",
                "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
            ],
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
    /// Every type keyfit knows, in the order of [`Algorithm::names`].
    pub(crate) const ALL: [Algorithm; 11] = [
        Algorithm::Rsa,
        Algorithm::Ed25519,
        Algorithm::Ecdsa(Curve::P256),
        Algorithm::Ecdsa(Curve::P384),
        Algorithm::Ecdsa(Curve::P521),
        Algorithm::Dsa,
        Algorithm::SkEd25519,
        Algorithm::SkEcdsaP256,
        Algorithm::Ed448,
        Algorithm::OtherSsh,
        Algorithm::Rsa1,
    ];

    /// The one table of the type's names: the name keyfit reports, the SSH key type name (empty for
    /// [`Algorithm::OtherSsh`], whose name is in its blob, and for SSH-1), and the name for messages.
    fn names(self) -> [&'static str; 3] {
        match self {
            Algorithm::Rsa => ["rsa", "ssh-rsa", "RSA"],
            Algorithm::Ed25519 => ["ed25519", "ssh-ed25519", "Ed25519"],
            Algorithm::Ecdsa(Curve::P256) => ["ecdsa-p256", "ecdsa-sha2-nistp256", "ECDSA"],
            Algorithm::Ecdsa(Curve::P384) => ["ecdsa-p384", "ecdsa-sha2-nistp384", "ECDSA"],
            Algorithm::Ecdsa(Curve::P521) => ["ecdsa-p521", "ecdsa-sha2-nistp521", "ECDSA"],
            Algorithm::Dsa => ["dsa", "ssh-dss", "DSA"],
            Algorithm::SkEd25519 => [
                "sk-ed25519",
                "sk-ssh-ed25519@openssh.com",
                "Ed25519 (FIDO security key)",
            ],
            Algorithm::SkEcdsaP256 => [
                "sk-ecdsa-p256",
                "sk-ecdsa-sha2-nistp256@openssh.com",
                "ECDSA P-256 (FIDO security key)",
            ],
            Algorithm::Ed448 => ["ed448", "ssh-ed448", "Ed448"],
            Algorithm::OtherSsh => ["other", "", "of another SSH key type"],
            Algorithm::Rsa1 => ["rsa1", "", "SSH-1 RSA"],
        }
    }

    /// The name keyfit reports: `rsa`, `ed25519`, `ecdsa-p256`, `ecdsa-p384`, `ecdsa-p521`, `dsa`, and for the
    /// types keyfit names but does not use `sk-ed25519`, `sk-ecdsa-p256`, `ed448`, `other`, `rsa1`.
    pub fn name(self) -> &'static str {
        self.names()[0]
    }

    /// The SSH key type name, e.g. `ssh-rsa` (empty for [`Algorithm::OtherSsh`], whose name is in its blob).
    pub fn ssh_name(self) -> &'static str {
        self.names()[1]
    }

    /// A human name for messages, e.g. `Ed25519`.
    pub fn display(self) -> &'static str {
        self.names()[2]
    }

    /// Whether keyfit holds and converts private keys of this type (the others it names, and fingerprints where
    /// the file shows the public key).
    pub fn is_usable(self) -> bool {
        matches!(
            self,
            Algorithm::Rsa | Algorithm::Ed25519 | Algorithm::Ecdsa(_) | Algorithm::Dsa
        )
    }

    /// The key type of a name keyfit does not use, for naming it: security keys, Ed448, or any other SSH type
    /// name (not a certificate type).
    ///
    /// # Errors
    /// [`Error::UnsupportedAlgorithm`] for certificate types and names that are not printable.
    pub(crate) fn named_only(name: &[u8]) -> Result<Self> {
        if let Some(alg) = Self::with_ssh_name(name, false) {
            return Ok(alg);
        }
        if !name.is_empty()
            && name.len() <= 64
            && name.iter().all(|c| c.is_ascii_graphic())
            && !name.ends_with(b"-cert-v01@openssh.com")
        {
            return Ok(Algorithm::OtherSsh);
        }
        // Shown short and printable, as every name read from a file.
        Err(Error::UnsupportedAlgorithm(shown(name)))
    }

    /// Parses the SSH key type name of a type keyfit uses.
    pub fn from_ssh_name(name: &[u8]) -> Result<Self> {
        // Shown short and printable, as every name read from a file.
        Self::with_ssh_name(name, true).ok_or_else(|| Error::UnsupportedAlgorithm(shown(name)))
    }

    /// The type of this SSH key type name, among the types keyfit uses (`usable`) or only names.
    fn with_ssh_name(name: &[u8], usable: bool) -> Option<Self> {
        Self::ALL.into_iter().find(|a| {
            a.is_usable() == usable && !a.ssh_name().is_empty() && a.ssh_name().as_bytes() == name
        })
    }
}
