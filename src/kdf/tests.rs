//! keyfit's PBKDF2 loops against the `pbkdf2` crate, and the derivations made outside (`outside`).

use super::outside::{derive as ask, outside, Derived};
use super::*;
use zeroize::Zeroizing;

/// The `pbkdf2` crate's result, the reference.
fn reference(prf: Prf, pass: &[u8], salt: &[u8], n: u32, len: usize) -> Vec<u8> {
    use ::pbkdf2::pbkdf2_hmac;
    let mut out = vec![0u8; len];
    match prf {
        Prf::Sha1 => pbkdf2_hmac::<sha1::Sha1>(pass, salt, n, &mut out),
        Prf::Sha224 => pbkdf2_hmac::<sha2::Sha224>(pass, salt, n, &mut out),
        Prf::Sha256 => pbkdf2_hmac::<sha2::Sha256>(pass, salt, n, &mut out),
        Prf::Sha384 => pbkdf2_hmac::<sha2::Sha384>(pass, salt, n, &mut out),
        Prf::Sha512 => pbkdf2_hmac::<sha2::Sha512>(pass, salt, n, &mut out),
    }
    out
}

fn pbkdf2_request(prf: Prf, salt: &[u8], iterations: u32, len: usize) -> Request {
    Request {
        params: Params::Pbkdf2 { prf, iterations },
        salt: salt.to_vec(),
        len,
        write: false,
    }
}

fn here(prf: Prf, pass: &[u8], salt: &[u8], n: u32, len: usize) -> Vec<u8> {
    derive(&pbkdf2_request(prf, salt, n, len), pass)
        .expect("derived here")
        .to_vec()
}

#[test]
fn rfc6070_sha1() {
    let dk = here(Prf::Sha1, b"password", b"salt", 4096, 20);
    let hex: String = dk.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, "4b007901b765489abead49d926f721d065a429c1");
}

/// Every PRF, short and long (hashed) passphrases, one to three output blocks, partial blocks.
#[test]
fn matches_the_pbkdf2_crate() {
    let long = [0x61u8; 200];
    for prf in Prf::ALL {
        for pass in [&b"correct horse"[..], &long[..], &long[..64], &long[..129]] {
            for (salt, n, len) in [
                (&b"salt"[..], 1, 20),
                (&[7u8; 16][..], 2, 32),
                (&[], 1000, 100),
            ] {
                assert_eq!(
                    here(prf, pass, salt, n, len),
                    reference(prf, pass, salt, n, len),
                    "{prf:?} pass {} n {n} len {len}",
                    pass.len()
                );
            }
        }
    }
}

/// Every salt length across two blocks of padding, for each block size.
#[test]
fn every_salt_length_pads_right() {
    let salt = [0x5au8; 300];
    for prf in Prf::ALL {
        for len in 0..=260 {
            let pass = &salt[..len % 150];
            assert_eq!(
                here(prf, pass, &salt[..len], 2, 70),
                reference(prf, pass, &salt[..len], 2, 70),
                "{prf:?} salt {len}"
            );
        }
    }
}

/// One request of each KDF, cheap.
fn one_of_each(write: bool) -> Vec<Request> {
    let with = |params, len| Request {
        params,
        salt: b"NaCl salt 16 byt".to_vec(),
        len,
        write,
    };
    vec![
        with(
            Params::Pbkdf2 {
                prf: Prf::Sha224,
                iterations: 3,
            },
            32,
        ),
        with(
            Params::Scrypt {
                log_n: 4,
                r: 8,
                p: 2,
            },
            32,
        ),
        with(Params::Bcrypt { rounds: 2 }, 48),
        with(
            Params::Argon2 {
                flavor: Argon2Flavor::Id,
                memory_kib: 64,
                passes: 2,
                lanes: 2,
            },
            80,
        ),
    ]
}

/// Runs `ask` inside `outside` with `given`: the bytes, or the request it stopped at.
fn run(
    given: Vec<Derived>,
    request: &Request,
) -> core::result::Result<(Vec<u8>, Request), Request> {
    let mut asked = request.clone();
    outside(given, || ask(&mut asked, b"pw").map(|k| k.to_vec()))
        .map(|key| (key.expect("derived"), asked))
}

#[test]
fn outside_asks_once_then_uses_what_it_is_given() {
    for request in one_of_each(false) {
        let name = request.params.name();
        // Asked for, exactly as the reading needs it; nothing derived here.
        let asked = run(Vec::new(), &request).expect_err(name);
        assert_eq!(asked, request, "{name}");
        // Given: used as given (not derived again: these bytes are not what the KDF makes).
        let given = Zeroizing::new(vec![0xa5; request.len]);
        let derived = vec![Derived {
            request: asked,
            key: Ok(given.clone()),
        }];
        let (key, _) = run(derived, &request).expect(name);
        assert_eq!(key, *given, "{name}");
        // Nothing stays behind: outside of `outside`, the derivation is made here.
        let mut again = request.clone();
        let made = ask(&mut again, b"pw").expect(name);
        assert_eq!(made, derive(&request, b"pw").expect(name), "{name}");
        assert_ne!(*made, *given, "{name}");
        // A derivation for other parameters is no answer: asked again.
        let mut other = request.clone();
        other.salt[0] ^= 1;
        let wrong = vec![Derived {
            request: other,
            key: Ok(given),
        }];
        assert_eq!(run(wrong, &request).expect_err(name), request, "{name}");
    }
}

#[test]
fn a_refusal_given_is_the_readers_error() {
    for request in one_of_each(false) {
        for (refused, code) in [
            (Refused::EmptyPassphrase, "wrong-passphrase"),
            (Refused::Invalid, "corrupt"),
        ] {
            let given = vec![Derived {
                request: request.clone(),
                key: Err(refused),
            }];
            let mut asked = request.clone();
            let err = outside(given, || ask(&mut asked, b"pw").map(|k| k.len()))
                .expect("not asked")
                .expect_err("refused");
            assert_eq!(err.code(), code);
        }
    }
}

#[test]
fn writes_use_the_salt_they_are_given() {
    for request in one_of_each(true) {
        let name = request.params.name();
        let asked = run(Vec::new(), &request).expect_err(name);
        assert_eq!(asked, request, "{name}");
        // The next run asks with another fresh salt; the derivation given (for the first salt) answers it, and
        // the writer writes the salt it was derived with.
        let mut fresh = request.clone();
        fresh.salt = b"another fresh 16".to_vec();
        let key = derive(&asked, b"new pw").expect(name);
        let given = vec![Derived {
            request: asked.clone(),
            key: Ok(key.clone()),
        }];
        let (got, written) = run(given, &fresh).expect(name);
        assert_eq!(got, *key, "{name}");
        assert_eq!(
            written.salt, request.salt,
            "{name}: the salt the bytes were derived with"
        );
        // One derivation serves one write: a second write in the same run asks for its own.
        let given = vec![Derived {
            request: asked.clone(),
            key: Ok(key),
        }];
        let twice = outside(given, || {
            let (mut a, mut b) = (fresh.clone(), fresh.clone());
            b.salt = b"a third fresh 16".to_vec();
            (
                ask(&mut a, b"new pw").is_ok(),
                ask(&mut b, b"new pw").is_ok(),
            )
        });
        assert_eq!(twice.expect_err(name).salt, b"a third fresh 16", "{name}");
        // A read's derivation never answers a write (another passphrase), nor a write's a read.
        let read = Derived {
            request: Request {
                write: false,
                ..asked.clone()
            },
            key: Ok(Zeroizing::new(vec![1; asked.len])),
        };
        assert!(run(vec![read], &fresh).is_err(), "{name}");
        let write = Derived {
            request: asked.clone(),
            key: Ok(Zeroizing::new(vec![1; asked.len])),
        };
        let as_read = Request {
            write: false,
            ..asked
        };
        assert!(run(vec![write], &as_read).is_err(), "{name}");
    }
}

#[test]
fn a_derived_key_shows_no_bytes_in_debug() {
    let derived = Derived {
        request: one_of_each(false).remove(0),
        key: Ok(Zeroizing::new(vec![0xd7; 32])),
    };
    let shown = format!("{derived:?}");
    assert!(shown.contains("Ok(32)"), "{shown}");
    assert!(
        !shown.contains("215") && !shown.to_lowercase().contains("d7"),
        "{shown}"
    );
}

#[test]
fn each_kdf_matches_its_crate_and_refuses_what_it_cannot_take() {
    let [pbkdf2, scrypt, bcrypt, argon] =
        <[Request; 4]>::try_from(one_of_each(false)).expect("four");
    assert_eq!(
        *derive(&pbkdf2, b"pw").expect("pbkdf2"),
        reference(Prf::Sha224, b"pw", &pbkdf2.salt, 3, 32)
    );
    let mut out = vec![0u8; 32];
    let params = ::scrypt::Params::new(4, 8, 2, 32).expect("scrypt params");
    ::scrypt::scrypt(b"pw", &scrypt.salt, &params, &mut out).expect("scrypt");
    assert_eq!(*derive(&scrypt, b"pw").expect("scrypt"), out);
    let mut out = vec![0u8; 48];
    ::bcrypt_pbkdf::bcrypt_pbkdf(b"pw", &bcrypt.salt, 2, &mut out).expect("bcrypt");
    assert_eq!(*derive(&bcrypt, b"pw").expect("bcrypt"), out);
    assert_eq!(derive(&bcrypt, b"").unwrap_err(), Refused::EmptyPassphrase);
    let short_salt = Request {
        salt: vec![1, 2],
        ..argon.clone()
    };
    assert_eq!(derive(&short_salt, b"pw").unwrap_err(), Refused::Invalid);
    assert_eq!(derive(&argon, b"pw").expect("argon2").len(), 80);
}

#[test]
fn caps_are_those_of_the_readers() {
    let mut r = pbkdf2_request(Prf::Sha1, b"s", limits::MAX_PBKDF2_ITERATIONS, 40);
    assert!(r.within_caps());
    // Seven SHA-1 blocks at the iteration cap.
    r.len = 140;
    assert!(!r.within_caps());
    for request in one_of_each(false) {
        assert!(request.within_caps());
    }
    let scrypt = Request {
        params: Params::Scrypt {
            log_n: limits::MAX_SCRYPT_LOG_N + 1,
            r: 1,
            p: 1,
        },
        ..r
    };
    assert!(!scrypt.within_caps());
}

#[test]
fn pbkdf2_blocks_derived_apart_are_the_whole() {
    for prf in Prf::ALL {
        let whole = pbkdf2_request(prf, b"salt", 3, 3 * prf.block_len() - 5);
        let all = derive(&whole, b"pw").expect("whole");
        let first = Request {
            len: prf.block_len(),
            ..whole.clone()
        };
        let rest = Request {
            len: whole.len - prf.block_len(),
            ..whole.clone()
        };
        let mut parts = derive_from_block(&first, b"pw", 0).expect("first").to_vec();
        parts.extend_from_slice(&derive_from_block(&rest, b"pw", 1).expect("rest"));
        assert_eq!(parts, *all, "{prf:?}");
    }
    let bcrypt = one_of_each(false).remove(2);
    assert_eq!(
        derive_from_block(&bcrypt, b"pw", 1).unwrap_err(),
        Refused::Invalid
    );
}
