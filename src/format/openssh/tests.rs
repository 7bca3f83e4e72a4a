//! Unit tests of the openssh reader and writer, on vectors made by the real tools (tests/examples/openssh).

use super::*;

/// The reader as a result: a passphrase that fails is an error (see `Parsed::unlocked`).
fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    super::read(armor, passphrase).and_then(Parsed::unlocked)
}

/// One key file made by a real tool, with what `ssh-keygen -l -f` says about its plain original.
struct Vector {
    name: &'static str,
    text: &'static str,
    passphrase: Option<&'static [u8]>,
    cipher: &'static str,
    comment: &'static str,
    fingerprint: &'static str,
}

fn armor_of(text: &str) -> Armor {
    armor::parse(text).unwrap()
}

fn armor_with(data: &[u8]) -> Armor {
    Armor {
        label: LABEL.into(),
        headers: Vec::new(),
        data: Zeroizing::new(data.to_vec()),
    }
}

/// Byte offsets of the fields of a decoded body.
struct Layout {
    cipher: usize,
    kdf_options: usize,
    keys: usize,
    public: core::ops::Range<usize>,
    section: core::ops::Range<usize>,
}

fn layout(data: &[u8]) -> Layout {
    let at = |r: &Reader<'_>| data.len() - r.remaining().len();
    let mut r = Reader::new(data);
    r.bytes(MAGIC.len()).unwrap();
    let cipher = at(&r);
    r.string().unwrap();
    r.string().unwrap();
    let kdf_options = at(&r);
    r.string().unwrap();
    let keys = at(&r);
    r.u32().unwrap();
    let public_start = at(&r) + 4;
    r.string().unwrap();
    let public = public_start..at(&r);
    let section_start = at(&r) + 4;
    r.string().unwrap();
    Layout {
        cipher,
        kdf_options,
        keys,
        public,
        section: section_start..at(&r),
    }
}

fn vector(name: &str) -> &'static Vector {
    VECTORS.iter().find(|v| v.name == name).unwrap()
}

fn plain_vectors() -> impl Iterator<Item = &'static Vector> {
    VECTORS.iter().filter(|v| v.passphrase.is_none())
}

fn encrypted_vectors() -> impl Iterator<Item = &'static Vector> {
    VECTORS.iter().filter(|v| v.passphrase.is_some())
}

fn fingerprint_of(p: &Parsed) -> String {
    p.public.as_ref().unwrap().fingerprint_sha256()
}

#[test]
fn reads_every_vector() {
    for v in VECTORS {
        let parsed =
            read(&armor_of(v.text), v.passphrase).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(parsed.format, Format::OpenSsh);
        let private = parsed.private.as_ref().unwrap();
        assert_eq!(
            private.public_key().fingerprint_sha256(),
            v.fingerprint,
            "{}",
            v.name
        );
        assert_eq!(fingerprint_of(&parsed), v.fingerprint, "{}", v.name);
        assert_eq!(parsed.comment.as_deref(), Some(v.comment), "{}", v.name);
        match v.passphrase {
            None => assert_eq!(parsed.encryption, None, "{}", v.name),
            Some(_) => assert_eq!(
                parsed.encryption,
                Some(Encryption {
                    cipher: v.cipher.into(),
                    kdf: Some(Kdf::Bcrypt { rounds: 16 })
                }),
                "{}",
                v.name
            ),
        }
    }
}

#[test]
fn reads_the_public_key_without_the_passphrase() {
    for v in encrypted_vectors() {
        let parsed = read(&armor_of(v.text), None).unwrap();
        assert!(parsed.private.is_none(), "{}", v.name);
        assert_eq!(parsed.comment, None, "{}", v.name);
        assert_eq!(fingerprint_of(&parsed), v.fingerprint, "{}", v.name);
        assert_eq!(
            parsed.encryption.map(|e| (e.cipher, e.kdf)),
            Some((v.cipher.to_string(), Some(Kdf::Bcrypt { rounds: 16 }))),
            "{}",
            v.name
        );
    }
}

#[test]
fn wrong_passphrase_is_reported_as_such() {
    for v in encrypted_vectors() {
        let err = read(&armor_of(v.text), Some(b"px")).unwrap_err();
        assert_eq!(err, Error::WrongPassphrase, "{}", v.name);
    }
    let v = vector("ed25519-aes256-ctr");
    assert_eq!(
        read(&armor_of(v.text), Some(b"")).unwrap_err(),
        Error::WrongPassphrase
    );
}

#[test]
fn a_damaged_aead_tag_or_ciphertext_fails_authentication() {
    for name in ["ed25519-aes256-gcm", "ed25519-chacha20-poly1305"] {
        let armor = armor_of(vector(name).text);
        let section = layout(&armor.data).section;
        for at in [section.start, section.end, armor.data.len() - 1] {
            let mut data = armor.data.to_vec();
            data[at] ^= 1;
            assert_eq!(
                read(&armor_with(&data), Some(b"pw")).unwrap_err(),
                Error::WrongPassphrase,
                "{name} byte {at}"
            );
        }
    }
}

#[test]
fn puttygen_over_padding_is_accepted() {
    // puttygen -O private-openssh-new pads the unencrypted section to 16 bytes, ssh-keygen to 8.
    let armor = armor_of(vector("putty-ed25519").text);
    let section = layout(&armor.data).section;
    assert_eq!(section.len() % 16, 0);
    assert!(read(&armor, None).unwrap().private.is_some());
}

#[test]
fn flipped_check_number_in_a_plain_key_is_corruption() {
    for v in plain_vectors() {
        let armor = armor_of(v.text);
        let mut data = armor.data.to_vec();
        let at = layout(&data).section.start + 7;
        data[at] ^= 0x40;
        assert_eq!(
            read(&armor_with(&data), None).unwrap_err(),
            Error::Corrupt("the check numbers of the private key do not match"),
            "{}",
            v.name
        );
    }
}

#[test]
fn wrong_padding_is_corruption() {
    // ssh-keygen padded this section with 01..07.
    let armor = armor_of(vector("ed25519").text);
    let mut data = armor.data.to_vec();
    let end = layout(&data).section.end;
    assert_eq!(&data[end - 7..end], &[1, 2, 3, 4, 5, 6, 7]);
    data[end - 1] = 0;
    assert_eq!(
        read(&armor_with(&data), None).unwrap_err(),
        Error::Corrupt("padding is wrong")
    );
}

#[test]
fn costly_bcrypt_rounds_are_refused_before_deriving() {
    let armor = armor_of(vector("ed25519-aes256-ctr").text);
    // kdfoptions: uint32 length, string salt (16 bytes), uint32 rounds.
    let rounds_at = layout(&armor.data).kdf_options + 4 + 4 + 16;
    assert_eq!(&armor.data[rounds_at..rounds_at + 4], &16u32.to_be_bytes());
    let mut data = armor.data.to_vec();
    data[rounds_at..rounds_at + 4].copy_from_slice(&u32::MAX.to_be_bytes());
    let started = std::time::Instant::now();
    for pass in [Some(&b"pw"[..]), None] {
        let err = read(&armor_with(&data), pass).unwrap_err();
        assert_eq!(err.code(), "kdf-too-costly");
        assert!(err.to_string().contains("bcrypt rounds"));
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
    data[rounds_at..rounds_at + 4].copy_from_slice(&0u32.to_be_bytes());
    assert_eq!(
        read(&armor_with(&data), Some(b"pw")).unwrap_err().code(),
        "corrupt"
    );
}

#[test]
fn every_prefix_is_truncation() {
    for (name, pass) in [
        ("ed25519", None),
        ("p256", None),
        ("ed25519-aes256-gcm", None),
        ("ed25519-aes256-gcm", Some(&b"pw"[..])),
        ("ed25519-aes128-cbc", Some(&b"pw"[..])),
    ] {
        let armor = armor_of(vector(name).text);
        for len in 0..armor.data.len() {
            assert_eq!(
                read(&armor_with(&armor.data[..len]), pass).unwrap_err(),
                Error::Truncated,
                "{name} cut to {len}"
            );
        }
    }
}

#[test]
fn no_byte_flip_panics() {
    for name in ["ed25519", "p256", "p521", "dsa", "rsa1024", "putty-rsa"] {
        let armor = armor_of(vector(name).text);
        for at in 0..armor.data.len() {
            for mask in [0x01, 0x80, 0xff] {
                let mut data = armor.data.to_vec();
                data[at] ^= mask;
                let _ = read(&armor_with(&data), None);
            }
        }
    }
}

#[test]
fn header_public_key_must_match_the_private_key() {
    // ssh-keygen's Ed25519 header in front of puttygen's Ed25519 private section.
    let a = armor_of(vector("ed25519").text);
    let b = armor_of(vector("putty-ed25519").text);
    let (la, lb) = (layout(&a.data), layout(&b.data));
    let mut data = a.data[..la.public.end].to_vec();
    data.extend_from_slice(&b.data[lb.public.end..]);
    assert_eq!(
        read(&armor_with(&data), None).unwrap_err(),
        Error::InconsistentKey("the public key in the header does not match the private key")
    );
}

#[test]
fn key_count_cipher_and_magic_are_checked() {
    let armor = armor_of(vector("ed25519").text);
    let keys_at = layout(&armor.data).keys;
    let mut data = armor.data.to_vec();
    data[keys_at..keys_at + 4].copy_from_slice(&2u32.to_be_bytes());
    assert_eq!(
        read(&armor_with(&data), None).unwrap_err(),
        Error::Corrupt("the file holds more than one key, which OpenSSH does not read")
    );
    data[keys_at..keys_at + 4].copy_from_slice(&0u32.to_be_bytes());
    assert_eq!(
        read(&armor_with(&data), None).unwrap_err().code(),
        "corrupt"
    );

    let armor = armor_of(vector("ed25519-aes256-ctr").text);
    let name_at = layout(&armor.data).cipher + 4;
    let mut data = armor.data.to_vec();
    data[name_at..name_at + 10].copy_from_slice(b"aes256-xyz");
    assert_eq!(
        read(&armor_with(&data), Some(b"pw")).unwrap_err(),
        Error::UnsupportedCipher("aes256-xyz".into())
    );

    let mut data = armor.data.to_vec();
    data[0] = b'O';
    assert_eq!(
        read(&armor_with(&data), None).unwrap_err().code(),
        "corrupt"
    );
}

#[test]
fn writes_plain_keys_exactly_as_ssh_keygen() {
    // Same bytes as ssh-keygen's own file except the random check numbers.
    for v in plain_vectors().filter(|v| !v.name.starts_with("putty")) {
        let theirs = armor_of(v.text);
        let parsed = read(&theirs, None).unwrap();
        let text = write(
            parsed.private.as_ref().unwrap(),
            v.comment,
            None,
            DEFAULT_ROUNDS,
            &mut rand_core::OsRng,
        )
        .unwrap();
        let ours = armor_of(&text);
        let checks = layout(&theirs.data).section.start;
        let mut a = theirs.data.to_vec();
        let mut b = ours.data.to_vec();
        assert_eq!(b[checks..checks + 4], b[checks + 4..checks + 8]);
        a[checks..checks + 8].fill(0);
        b[checks..checks + 8].fill(0);
        assert_eq!(a, b, "{}", v.name);
        let widths = |t: &str| t.lines().map(str::len).collect::<Vec<_>>();
        assert_eq!(widths(&text), widths(v.text), "{}", v.name);
        assert!(text.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        assert!(text.ends_with("\n-----END OPENSSH PRIVATE KEY-----\n"));
    }
}

#[test]
fn written_encrypted_keys_read_back() {
    let mut rng = rand_core::OsRng;
    for v in plain_vectors() {
        let key = read(&armor_of(v.text), None).unwrap().private.unwrap();
        let text = write(&key, v.comment, Some(b"secret"), 4, &mut rng).unwrap();
        let armor = armor_of(&text);
        assert_eq!(layout(&armor.data).section.len() % 16, 0);
        let back = read(&armor, Some(b"secret")).unwrap();
        assert_eq!(fingerprint_of(&back), v.fingerprint, "{}", v.name);
        assert_eq!(back.comment.as_deref(), Some(v.comment));
        assert_eq!(
            back.encryption,
            Some(Encryption {
                cipher: "aes256-ctr".into(),
                kdf: Some(Kdf::Bcrypt { rounds: 4 })
            })
        );
        assert_eq!(
            read(&armor, Some(b"secreT")).unwrap_err(),
            Error::WrongPassphrase
        );
        let locked = read(&armor, None).unwrap();
        assert!(locked.private.is_none());
        assert_eq!(fingerprint_of(&locked), v.fingerprint);
    }
}

#[test]
fn write_options_are_checked() {
    let key = read(&armor_of(vector("ed25519").text), None)
        .unwrap()
        .private
        .unwrap();
    let mut rng = rand_core::OsRng;
    for rounds in [0, limits::MAX_BCRYPT_ROUNDS + 1, u32::MAX] {
        assert_eq!(
            write(&key, "", Some(b"pw"), rounds, &mut rng)
                .unwrap_err()
                .code(),
            "invalid-option"
        );
    }
    // An empty passphrase means no encryption, as in ssh-keygen; rounds then do not matter.
    let text = write(&key, "", Some(b""), 0, &mut rng).unwrap();
    let back = read(&armor_of(&text), None).unwrap();
    assert!(back.encryption.is_none() && back.private.is_some());
    assert_eq!(back.comment, None);
}

// Test vectors. Made with OpenSSH 9.2p1 and PuTTYgen 0.78:
//   ssh-keygen -q -t rsa -b 1024 -N '' -C rsa1024@keyfit -f rsa1024 (likewise rsa 2048, ed25519,
//     ecdsa -b 256/384/521, dsa), each with -C <name>@keyfit
//   ed25519-<cipher>: cp ed25519 F; ssh-keygen -q -p -P '' -N pw -Z <cipher> -f F (same for the other
//     encrypted ssh-keygen keys: rsa1024 aes256-ctr, rsa2048 chacha20-poly1305, p384 aes256-gcm, dsa aes256-cbc)
//   timeout 30 puttygen -t rsa -b 1024 -C putty-rsa -O private-openssh-new -o putty-rsa --new-passphrase /dev/null
//   timeout 30 puttygen -t ed25519 -C putty-ed -O private-openssh-new -o putty-ed25519 --new-passphrase /dev/null
//   timeout 30 puttygen putty-rsa -P -O private-openssh-new -o putty-rsa-aes256-ctr --new-passphrase pwfile
//     (pwfile holds `pw`); all with </dev/null.
// Fingerprints are those `ssh-keygen -l -f` prints for the plain originals.
const VECTORS: &[Vector] = &[
    Vector {
        name: "rsa1024",
        text: SSH_RSA1024,
        passphrase: None,
        cipher: "none",
        comment: "rsa1024@keyfit",
        fingerprint: "SHA256:QR88FKGZ/a0C3Qy22BlFP/w+QAqj7uhvQcxnmVJdpo8",
    },
    Vector {
        name: "rsa2048",
        text: SSH_RSA2048,
        passphrase: None,
        cipher: "none",
        comment: "rsa2048@keyfit",
        fingerprint: "SHA256:loumT9wIv+Lj6tCTn3aNsjCPzvMUZzE5wBuyijqh9o0",
    },
    Vector {
        name: "ed25519",
        text: SSH_ED25519,
        passphrase: None,
        cipher: "none",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "p256",
        text: SSH_P256,
        passphrase: None,
        cipher: "none",
        comment: "p256@keyfit",
        fingerprint: "SHA256:9fePpDzDu5HqzogcwKiU5fewWGrZCvQnxf3lfO9E+FI",
    },
    Vector {
        name: "p384",
        text: SSH_P384,
        passphrase: None,
        cipher: "none",
        comment: "p384@keyfit",
        fingerprint: "SHA256:UCeG5omfgnbSGkji9QIWPVlQZkIYSijATmwFv8wrfDo",
    },
    Vector {
        name: "p521",
        text: SSH_P521,
        passphrase: None,
        cipher: "none",
        comment: "p521@keyfit",
        fingerprint: "SHA256:6eMjdvK+LzC33msg9xh9jCbZlLkJPL8JNshDBx7FHL8",
    },
    Vector {
        name: "dsa",
        text: SSH_DSA,
        passphrase: None,
        cipher: "none",
        comment: "dsa@keyfit",
        fingerprint: "SHA256:JvBARlS4UcuL4w5ZqoM5i7uyDc89DeHd+35jD31pPSc",
    },
    Vector {
        name: "putty-rsa",
        text: SSH_PUTTY_RSA,
        passphrase: None,
        cipher: "none",
        comment: "putty-rsa",
        fingerprint: "SHA256:TwdtNEyoINvtxmsA6Q5lMrFI1N+12O+kk+jdSIk1+bc",
    },
    Vector {
        name: "putty-ed25519",
        text: SSH_PUTTY_ED25519,
        passphrase: None,
        cipher: "none",
        comment: "putty-ed",
        fingerprint: "SHA256:nt6N6L8Szmh+ibKx1mKPggKnIPsh8PtS1S0Tl/7G1n4",
    },
    Vector {
        name: "ed25519-aes128-ctr",
        text: SSH_ED25519_AES128_CTR,
        passphrase: Some(b"pw"),
        cipher: "aes128-ctr",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "ed25519-aes192-ctr",
        text: SSH_ED25519_AES192_CTR,
        passphrase: Some(b"pw"),
        cipher: "aes192-ctr",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "ed25519-aes256-ctr",
        text: SSH_ED25519_AES256_CTR,
        passphrase: Some(b"pw"),
        cipher: "aes256-ctr",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "ed25519-aes128-cbc",
        text: SSH_ED25519_AES128_CBC,
        passphrase: Some(b"pw"),
        cipher: "aes128-cbc",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "ed25519-aes192-cbc",
        text: SSH_ED25519_AES192_CBC,
        passphrase: Some(b"pw"),
        cipher: "aes192-cbc",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "ed25519-aes256-cbc",
        text: SSH_ED25519_AES256_CBC,
        passphrase: Some(b"pw"),
        cipher: "aes256-cbc",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "ed25519-aes128-gcm",
        text: SSH_ED25519_AES128_GCM,
        passphrase: Some(b"pw"),
        cipher: "aes128-gcm@openssh.com",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "ed25519-aes256-gcm",
        text: SSH_ED25519_AES256_GCM,
        passphrase: Some(b"pw"),
        cipher: "aes256-gcm@openssh.com",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "ed25519-chacha20-poly1305",
        text: SSH_ED25519_CHACHA20_POLY1305,
        passphrase: Some(b"pw"),
        cipher: "chacha20-poly1305@openssh.com",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "ed25519-3des-cbc",
        text: SSH_ED25519_3DES_CBC,
        passphrase: Some(b"pw"),
        cipher: "3des-cbc",
        comment: "ed25519@keyfit",
        fingerprint: "SHA256:C5iNp9kG8QO1xm6P7v1C+OZw9ELFiDD32nhslXWj5B0",
    },
    Vector {
        name: "rsa1024-aes256-ctr",
        text: SSH_RSA1024_AES256_CTR,
        passphrase: Some(b"pw"),
        cipher: "aes256-ctr",
        comment: "rsa1024@keyfit",
        fingerprint: "SHA256:QR88FKGZ/a0C3Qy22BlFP/w+QAqj7uhvQcxnmVJdpo8",
    },
    Vector {
        name: "rsa2048-chacha",
        text: SSH_RSA2048_CHACHA,
        passphrase: Some(b"pw"),
        cipher: "chacha20-poly1305@openssh.com",
        comment: "rsa2048@keyfit",
        fingerprint: "SHA256:loumT9wIv+Lj6tCTn3aNsjCPzvMUZzE5wBuyijqh9o0",
    },
    Vector {
        name: "p384-aes256-gcm",
        text: SSH_P384_AES256_GCM,
        passphrase: Some(b"pw"),
        cipher: "aes256-gcm@openssh.com",
        comment: "p384@keyfit",
        fingerprint: "SHA256:UCeG5omfgnbSGkji9QIWPVlQZkIYSijATmwFv8wrfDo",
    },
    Vector {
        name: "dsa-aes256-cbc",
        text: SSH_DSA_AES256_CBC,
        passphrase: Some(b"pw"),
        cipher: "aes256-cbc",
        comment: "dsa@keyfit",
        fingerprint: "SHA256:JvBARlS4UcuL4w5ZqoM5i7uyDc89DeHd+35jD31pPSc",
    },
    Vector {
        name: "putty-rsa-aes256-ctr",
        text: SSH_PUTTY_RSA_AES256_CTR,
        passphrase: Some(b"pw"),
        cipher: "aes256-ctr",
        comment: "putty-rsa",
        fingerprint: "SHA256:TwdtNEyoINvtxmsA6Q5lMrFI1N+12O+kk+jdSIk1+bc",
    },
];

const SSH_RSA1024: &str = include_str!("../../../tests/examples/openssh/rsa1024.key");

const SSH_RSA2048: &str = include_str!("../../../tests/examples/openssh/rsa2048.key");

const SSH_ED25519: &str = include_str!("../../../tests/examples/openssh/ed25519.key");

const SSH_P256: &str = include_str!("../../../tests/examples/openssh/p256.key");

const SSH_P384: &str = include_str!("../../../tests/examples/openssh/p384.key");

const SSH_P521: &str = include_str!("../../../tests/examples/openssh/p521.key");

const SSH_DSA: &str = include_str!("../../../tests/examples/openssh/dsa.key");

const SSH_PUTTY_RSA: &str = include_str!("../../../tests/examples/openssh/putty-rsa.key");

const SSH_PUTTY_ED25519: &str = include_str!("../../../tests/examples/openssh/putty-ed25519.key");

const SSH_ED25519_AES128_CTR: &str =
    include_str!("../../../tests/examples/openssh/ed25519-aes128-ctr.key");

const SSH_ED25519_AES192_CTR: &str =
    include_str!("../../../tests/examples/openssh/ed25519-aes192-ctr.key");

const SSH_ED25519_AES256_CTR: &str =
    include_str!("../../../tests/examples/openssh/ed25519-aes256-ctr.key");

const SSH_ED25519_AES128_CBC: &str =
    include_str!("../../../tests/examples/openssh/ed25519-aes128-cbc.key");

const SSH_ED25519_AES192_CBC: &str =
    include_str!("../../../tests/examples/openssh/ed25519-aes192-cbc.key");

const SSH_ED25519_AES256_CBC: &str =
    include_str!("../../../tests/examples/openssh/ed25519-aes256-cbc.key");

const SSH_ED25519_AES128_GCM: &str =
    include_str!("../../../tests/examples/openssh/ed25519-aes128-gcm.key");

const SSH_ED25519_AES256_GCM: &str =
    include_str!("../../../tests/examples/openssh/ed25519-aes256-gcm.key");

const SSH_ED25519_CHACHA20_POLY1305: &str =
    include_str!("../../../tests/examples/openssh/ed25519-chacha20-poly1305.key");

const SSH_ED25519_3DES_CBC: &str =
    include_str!("../../../tests/examples/openssh/ed25519-3des-cbc.key");

const SSH_RSA1024_AES256_CTR: &str =
    include_str!("../../../tests/examples/openssh/rsa1024-aes256-ctr.key");

const SSH_RSA2048_CHACHA: &str = include_str!("../../../tests/examples/openssh/rsa2048-chacha.key");

const SSH_P384_AES256_GCM: &str =
    include_str!("../../../tests/examples/openssh/p384-aes256-gcm.key");

const SSH_DSA_AES256_CBC: &str = include_str!("../../../tests/examples/openssh/dsa-aes256-cbc.key");

const SSH_PUTTY_RSA_AES256_CTR: &str =
    include_str!("../../../tests/examples/openssh/putty-rsa-aes256-ctr.key");
