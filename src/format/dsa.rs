//! OpenSSL's DSA private keys: `-----BEGIN DSA PRIVATE KEY-----`, `SEQUENCE { 0, p, q, g, y, x }` (no RFC;
//! OpenSSL's `DSAPrivateKey` in `crypto/dsa/dsa_asn1.c`), plain or with OpenSSL's legacy `DEK-Info` encryption
//! ([`crate::legacy_pem`]). The body is read in [`crate::asn1`].

use crate::armor::Armor;
use crate::asn1;
use crate::error::Result;
use crate::key::PrivateKey;
use crate::legacy_pem;
use crate::parsed::Parsed;

/// PEM label of an OpenSSL DSA private key.
pub(crate) const LABEL: &str = "DSA PRIVATE KEY";

/// Reads a `DSA PRIVATE KEY` block; without a passphrase an encrypted key yields no private key.
///
/// # Errors
/// [`crate::Error::WrongPassphrase`], [`crate::Error::UnsupportedCipher`], [`crate::Error::InconsistentKey`]
/// when `y != g^x mod p`, [`crate::Error::KeyTooLarge`], [`crate::Error::Truncated`], [`crate::Error::Corrupt`].
pub(crate) fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    legacy_pem::read_private(armor, passphrase, |der| {
        asn1::dsa_private_from_der(der).map(PrivateKey::Dsa)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader as a result: a passphrase that fails is an error (see `Parsed::unlocked`).
    fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
        super::read(armor, passphrase).and_then(Parsed::unlocked)
    }
    use crate::armor;
    use crate::error::Error;
    use crate::test_support::{have, run, tool_fingerprint};
    use std::process::Command;

    #[test]
    fn openssl_dsa_traditional() {
        if !have("openssl") || !have("ssh-keygen") {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let openssl =
            |args: &[&str]| run(Command::new("openssl").current_dir(dir.path()).args(args));
        let read_file = |name: &str| {
            armor::parse(&std::fs::read_to_string(dir.path().join(name)).unwrap()).unwrap()
        };
        openssl(&[
            "genpkey",
            "-genparam",
            "-algorithm",
            "dsa",
            "-pkeyopt",
            "dsa_paramgen_bits:1024",
            "-out",
            "param",
        ]);
        openssl(&["genpkey", "-paramfile", "param", "-out", "dsa8"]);
        let want = tool_fingerprint(&dir.path().join("dsa8"), None);
        // `openssl dsa` writes the traditional form, plain and with legacy DES-EDE3 encryption.
        openssl(&["dsa", "-in", "dsa8", "-out", "dsa"]);
        openssl(&[
            "dsa", "-des3", "-passout", "pass:pw", "-in", "dsa8", "-out", "dsa_enc",
        ]);
        let a = read_file("dsa");
        assert_eq!(a.label, LABEL);
        let parsed = read(&a, None).unwrap();
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
        let a = read_file("dsa_enc");
        let locked = read(&a, None).unwrap();
        assert_eq!(locked.encryption.unwrap().cipher, "des-ede3-cbc");
        assert!(locked.private.is_none());
        let parsed = read(&a, Some(b"pw")).unwrap();
        assert_eq!(parsed.public.unwrap().fingerprint_sha256(), want);
        assert_eq!(read(&a, Some(b"px")).err(), Some(Error::WrongPassphrase));
    }
}
