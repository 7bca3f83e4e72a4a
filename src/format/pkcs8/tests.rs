//! Unit tests of the PKCS#8 reader and writer, with OpenSSL and ssh-keygen where installed.

use super::*;

/// The readers as results: a passphrase that fails is an error (see `Parsed::unlocked`).
fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    super::read(armor, passphrase).and_then(Parsed::unlocked)
}

fn read_der(der: &[u8], passphrase: Option<&[u8]>) -> Result<Parsed> {
    super::read_der(der, passphrase).and_then(Parsed::unlocked)
}
use std::time::{Duration, Instant};

// `openssl genpkey -algorithm ed25519`
const ED25519: &str = include_str!("../../../tests/examples/pkcs8/ed25519.pem");
// `openssl pkcs8 -topk8 -passout pass:pw` of ED25519 (PBKDF2-HMAC-SHA256, 2048 iterations, AES-256-CBC).
const ED25519_ENC: &str = include_str!("../../../tests/examples/pkcs8/ed25519-enc.pem");
// `ssh-keygen -l` of the public key (built from the last 32 bytes of `openssl pkey -pubout -outform DER`).
const ED25519_FP: &str = "SHA256:NNIjNsISAFSP1KcpjL+DpIql6+/buMYAwlMOSL9F+3M";

// `openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-256`
const P256: &str = include_str!("../../../tests/examples/pkcs8/p256.pem");
// `ssh-keygen -l` of `ssh-keygen -i -m PKCS8` of `openssl pkey -pubout` of P256.
const P256_FP: &str = "SHA256:nHNfq+KiUi94mthqx1UsHXNSOvMtD9wDLLSMRtjjUHw";

// `openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:1024`
const RSA1024: &str = include_str!("../../../tests/examples/pkcs8/rsa1024.pem");
// `ssh-keygen -l` of `ssh-keygen -i -m PKCS8` of `openssl pkey -pubout` of RSA1024.
const RSA1024_FP: &str = "SHA256:dcCesmlTLb9n/DurRC2xpAeDUn/I2SHgXYr42qZvvn0";

fn pem(text: &str) -> Armor {
    armor::parse(text).unwrap()
}

#[test]
fn reads_embedded_keys() {
    for (text, fp, alg) in [
        (ED25519, ED25519_FP, "ed25519"),
        (P256, P256_FP, "ecdsa-p256"),
        (RSA1024, RSA1024_FP, "rsa"),
    ] {
        let parsed = read(&pem(text), None).unwrap();
        assert_eq!(parsed.format, Format::Pkcs8);
        assert!(parsed.encryption.is_none());
        let key = parsed.private.unwrap();
        assert_eq!(key.algorithm().name(), alg);
        assert_eq!(key.public_key().fingerprint_sha256(), fp);
        // The writer gives back the same text, as openssl does.
        let mut rng = rand_core::OsRng;
        assert_eq!(&*write(&key, None, &mut rng).unwrap(), text);
    }
    let a = pem(ED25519_ENC);
    let locked = read(&a, None).unwrap();
    assert!(locked.private.is_none() && locked.public.is_none());
    assert_eq!(
        locked.encryption,
        Some(Encryption {
            cipher: "aes-256-cbc".into(),
            kdf: Some(Kdf::Pbkdf2 {
                prf: "hmacWithSHA256",
                iterations: 2048
            })
        })
    );
    let parsed = read(&a, Some(b"pw")).unwrap();
    assert_eq!(parsed.public.unwrap().fingerprint_sha256(), ED25519_FP);
    assert!(parsed.encryption.is_some());
    assert_eq!(read(&a, Some(b"pv")).err(), Some(Error::WrongPassphrase));
    assert_eq!(read(&a, Some(b"")).err(), Some(Error::WrongPassphrase));
}

/// An `EncryptedPrivateKeyInfo` with the given KDF, AES-256-CBC and 32 bytes of ciphertext.
fn hostile(kdf: pbes2::Kdf<'_>) -> Vec<u8> {
    let iv = [7u8; 16];
    let params = pbes2::Parameters {
        kdf,
        encryption: EncryptionScheme::Aes256Cbc { iv: &iv },
    };
    EncryptedPrivateKeyInfo {
        encryption_algorithm: params.into(),
        encrypted_data: &[0u8; 32],
    }
    .to_der()
    .unwrap()
}

fn pbkdf2_with(iterations: u32) -> Vec<u8> {
    hostile(pbes2::Kdf::Pbkdf2(pbes2::Pbkdf2Params {
        salt: &[1; 16],
        iteration_count: iterations,
        key_length: None,
        prf: Pbkdf2Prf::HmacWithSha256,
    }))
}

fn scrypt_with(n: u64, r: u16, p: u16) -> Vec<u8> {
    hostile(pbes2::Kdf::Scrypt(pbes2::ScryptParams {
        salt: &[1; 16],
        cost_parameter: n,
        block_size: r,
        parallelization: p,
        key_length: None,
    }))
}

/// An `EncryptedPrivateKeyInfo` under an old scheme (`oid` as DER content bytes) with `iterations`.
fn old_scheme_with(oid: &[u8], iterations: u32) -> Vec<u8> {
    let mut params = vec![0x04, 8, 1, 2, 3, 4, 5, 6, 7, 8];
    params.extend_from_slice(&iterations.to_der().unwrap());
    let params = [&[0x30, params.len() as u8][..], &params].concat();
    let alg = [&[0x06, oid.len() as u8][..], oid, &params].concat();
    let alg = [&[0x30, alg.len() as u8][..], &alg].concat();
    let body = [&alg[..], &[0x04, 16], &[0u8; 16]].concat();
    [&[0x30, body.len() as u8][..], &body].concat()
}

#[test]
fn old_scheme_iterations_are_capped_before_deriving() {
    let start = Instant::now();
    // pbeWithSHAAnd3-KeyTripleDES-CBC (PKCS#12) and pbeWithMD5AndDES-CBC (PBES1).
    let pkcs12 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01, 0x03];
    let pbes1 = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x03];
    for oid in [&pkcs12[..], &pbes1[..]] {
        for pass in [None, Some(&b"pw"[..])] {
            let err = read_der(&old_scheme_with(oid, u32::MAX), pass).unwrap_err();
            assert_eq!(
                err,
                Error::KdfTooCostly {
                    parameter: "PBE iterations",
                    value: u32::MAX.into(),
                    limit: crate::limits::MAX_PBE_ITERATIONS.into()
                }
            );
        }
        assert_eq!(
            read_der(&old_scheme_with(oid, 0), None)
                .err()
                .map(|e| e.code()),
            Some("corrupt")
        );
        // Within the cap, the zero ciphertext is a wrong passphrase.
        assert_eq!(
            read_der(&old_scheme_with(oid, 1), Some(b"pw")).err(),
            Some(Error::WrongPassphrase)
        );
    }
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn hostile_kdf_parameters_are_refused_before_deriving() {
    let start = Instant::now();
    for iterations in [
        1u32 << 31,
        u32::MAX,
        crate::limits::MAX_PBKDF2_ITERATIONS + 1,
    ] {
        for pass in [None, Some(&b"pw"[..])] {
            let err = read_der(&pbkdf2_with(iterations), pass).unwrap_err();
            assert_eq!(
                err,
                Error::KdfTooCostly {
                    parameter: "PBKDF2 iterations",
                    value: iterations.into(),
                    limit: crate::limits::MAX_PBKDF2_ITERATIONS.into()
                }
            );
        }
    }
    let err = read_der(&scrypt_with(1 << 30, 8, 1), Some(b"pw")).unwrap_err();
    assert_eq!(err.code(), "kdf-too-costly");
    assert!(err.to_string().contains("scrypt log2(N)"));
    let err = read_der(&scrypt_with(1 << 14, 65535, 65535), Some(b"pw")).unwrap_err();
    assert_eq!(err.code(), "kdf-too-costly");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    // Costs that are not powers of two, or zero, are damage (pkcs5 itself would underflow on zero).
    for (n, r, p) in [
        (0, 8, 1),
        (1, 8, 1),
        (3, 8, 1),
        (1 << 14, 0, 1),
        (1 << 14, 8, 0),
    ] {
        assert_eq!(
            read_der(&scrypt_with(n, r, p), Some(b"pw"))
                .err()
                .map(|e| e.code()),
            Some("corrupt"),
            "{n} {r} {p}"
        );
    }
    assert_eq!(
        read_der(&pbkdf2_with(0), Some(b"pw"))
            .err()
            .map(|e| e.code()),
        Some("corrupt")
    );
    // Within the caps, the garbage ciphertext is a wrong passphrase.
    assert_eq!(
        read_der(&pbkdf2_with(1), Some(b"pw")).err(),
        Some(Error::WrongPassphrase)
    );
}

#[test]
fn damage_is_reported_not_panicked_on() {
    let mut rng = rand_core::OsRng;
    let key = read(&pem(P256), None).unwrap().private.unwrap();
    let enc = write(&key, Some(b"pw"), &mut rng).unwrap();
    for text in [P256, RSA1024, &enc] {
        let der = pem(text).data;
        for cut in 0..der.len() {
            let e = read_der(&der[..cut], Some(b"pw")).unwrap_err();
            assert!(
                matches!(e, Error::Truncated | Error::Corrupt(_)),
                "cut {cut}: {e:?}"
            );
        }
        for i in 0..der.len() {
            for bit in [0x01u8, 0x80] {
                let mut bad = der.to_vec();
                bad[i] ^= bit;
                // Anything but a panic; a flip in a ciphertext is a wrong passphrase or damage.
                let _ = read_der(&bad, Some(b"pw"));
                let _ = read_der(&bad, None);
            }
        }
    }
    assert_eq!(read_der(&[], None).err(), Some(Error::Truncated));
    assert_eq!(
        read_der(&[0x04, 0x00], None).err().map(|e| e.code()),
        Some("corrupt")
    );
}

#[test]
fn inner_structures_are_checked() {
    // Ed25519 in a version 2 PrivateKeyInfo with its public key (RFC 8410 §10.3), right and wrong.
    let key = read(&pem(ED25519), None).unwrap().private.unwrap();
    let PrivateKey::Ed25519(k) = &key else {
        panic!()
    };
    let inner = OctetStringRef::new(&k.seed).unwrap().to_der().unwrap();
    let alg = ::pkcs8::AlgorithmIdentifierRef {
        oid: ED25519_OID,
        parameters: None,
    };
    let mut other = k.public;
    other[0] ^= 1;
    for (public, ok) in [(k.public, true), (other, false)] {
        let info = PrivateKeyInfo {
            algorithm: alg,
            private_key: &inner,
            public_key: Some(&public),
        };
        let r = read_der(&info.to_der().unwrap(), None);
        if ok {
            assert_eq!(r.unwrap().public.unwrap().fingerprint_sha256(), ED25519_FP);
        } else {
            assert_eq!(r.err().map(|e| e.code()), Some("inconsistent-key"));
        }
    }
    // ECDSA without its public point, and naming another curve inside.
    let der = pem(P256).data;
    let info = PrivateKeyInfo::from_der(&der).unwrap();
    let ec = ::sec1::EcPrivateKey::from_der(info.private_key).unwrap();
    let bare = ::sec1::EcPrivateKey {
        public_key: None,
        ..ec.clone()
    }
    .to_der()
    .unwrap();
    let r = read_der(
        &PrivateKeyInfo {
            private_key: &bare,
            ..info.clone()
        }
        .to_der()
        .unwrap(),
        None,
    );
    // Without its public point, the point is computed from the scalar: the same key.
    assert_eq!(r.unwrap().public.unwrap().fingerprint_sha256(), P256_FP);
    let p384 = crate::key::Curve::P384.oid();
    let named = ::sec1::EcPrivateKey {
        parameters: Some(::sec1::EcParameters::NamedCurve(p384)),
        ..ec
    }
    .to_der()
    .unwrap();
    let r = read_der(
        &PrivateKeyInfo {
            private_key: &named,
            ..info
        }
        .to_der()
        .unwrap(),
        None,
    );
    assert_eq!(r.err().map(|e| e.code()), Some("corrupt"));
}
