//! RSA key generation: a PKCS#1 PEM private key ready for Jira and the `ssh-rsa` line for the git host.

use crate::error::{Error, Result};
use crate::format::{pkcs1, pkcs8};
use crate::key::{rsa_bits, PrivateKey, PublicKey};
use crate::legacy_pem::LegacyCipher;
use crate::secret::Secret;
use num_bigint_dig::BigUint;
use rand_core::CryptoRngCore;
use rsa::RsaPrivateKey;
use zeroize::{Zeroize, Zeroizing};

#[cfg(feature = "bench")]
pub mod bench;

/// Key sizes keyfit generates.
pub const ALLOWED_BITS: [usize; 3] = [2048, 3072, 4096];
/// The default (and recommended) key size.
pub const DEFAULT_BITS: usize = 4096;
/// The public exponent of every generated key.
pub const PUBLIC_EXPONENT: u32 = 65537;

/// What to generate. `Debug` never shows the passphrase.
#[derive(Clone, Debug)]
pub struct GenerateOptions {
    /// Modulus size: 2048, 3072 or 4096.
    pub bits: usize,
    /// Comment for the public key line, e.g. `jira@example.com`.
    pub comment: String,
    /// Passphrase; empty means an unencrypted key.
    pub passphrase: Secret<String>,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            bits: DEFAULT_BITS,
            comment: String::new(),
            passphrase: Secret::default(),
        }
    }
}

/// A generated key pair in the forms Jira and git hosts take.
pub struct GeneratedKey {
    /// PKCS#1 PEM private key (encrypted with AES-128-CBC when a passphrase was given).
    pub private_key: Zeroizing<String>,
    /// `ssh-rsa AAAA... comment`.
    pub public_key: String,
    /// `SHA256:...`.
    pub fingerprint_sha256: String,
    /// `MD5:aa:bb:...`.
    pub fingerprint_md5: String,
    /// Modulus size.
    pub bits: usize,
    /// The key itself, for saving it in other formats.
    pub key: PrivateKey,
}

/// Checks the options before any work is done.
///
/// # Errors
/// [`Error::InvalidOption`] for an unsupported size or a comment with a line break.
pub fn check_options(opts: &GenerateOptions) -> Result<()> {
    if !ALLOWED_BITS.contains(&opts.bits) {
        return Err(Error::InvalidOption(format!(
            "bits must be 2048, 3072 or 4096, not {}",
            opts.bits
        )));
    }
    if opts.comment.contains(['\n', '\r']) {
        return Err(Error::InvalidOption(
            "the comment must be a single line".into(),
        ));
    }
    Ok(())
}

/// Writes a freshly made RSA key (from [`generate_key`], [`key_from_primes`] or the browser's WebCrypto) in Jira's form.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options.
pub fn finish(
    key: RsaPrivateKey,
    opts: &GenerateOptions,
    rng: &mut impl CryptoRngCore,
) -> Result<GeneratedKey> {
    check_options(opts)?;
    let pass = (!opts.passphrase.is_empty())
        .then(|| (opts.passphrase.as_bytes(), LegacyCipher::Aes128Cbc));
    let private_key = pkcs1::write(&key, pass, rng)?;
    let bits = rsa_bits(&key);
    let key = PrivateKey::Rsa(key.into());
    let public: PublicKey = key.public_key();
    Ok(GeneratedKey {
        private_key,
        public_key: public.to_openssh_line(&opts.comment),
        fingerprint_sha256: public.fingerprint_sha256(),
        fingerprint_md5: public.fingerprint_md5(),
        bits,
        key,
    })
}

/// Finishes a key pair made by the browser's WebCrypto (`generateKey` then `exportKey("pkcs8")`): checks the
/// key, then writes it as [`finish`] does. The key is checked like any other input, never trusted.
///
/// # Errors
/// [`Error::Corrupt`] if the bytes are not an RSA PKCS#8 key, [`Error::InconsistentKey`], [`Error::InvalidOption`].
pub fn finish_pkcs8(
    pkcs8_der: &[u8],
    opts: &GenerateOptions,
    rng: &mut impl CryptoRngCore,
) -> Result<GeneratedKey> {
    let key = pkcs8::decode_private_info(pkcs8_der)?;
    let algorithm = key.algorithm();
    let PrivateKey::Rsa(key) = key else {
        return Err(Error::NotRsa(algorithm.display()));
    };
    if !ALLOWED_BITS.contains(&rsa_bits(&key)) {
        return Err(Error::InvalidOption(
            "the browser made a key of an unexpected size".into(),
        ));
    }
    finish(key.into_inner(), opts, rng)
}

/// Prime pairs [`generate_key`] draws before it gives up on `|p - q|` (each pair fails with probability
/// about 2^-99).
const MAX_PAIRS: usize = 8;

/// Generates an RSA key pair with `e = 65537` using keyfit's own prime search ([`crate::prime`]), which runs
/// several times faster in WebAssembly than the `rsa` crate's generator. One thread; for several Web Workers,
/// have each call [`crate::prime::find_prime`] and join two results with [`key_from_primes`].
///
/// The primes have exactly `bits / 2` bits with the top two set, pass the FIPS 186-5 Miller-Rabin rounds and a
/// Lucas test, satisfy `gcd(e, p - 1) = 1` and `|p - q| > 2^(bits/2 - 100)`; `d` is `e^-1 mod lcm(p - 1, q - 1)`.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options (or a random source that never yields a prime).
///
/// # Examples
/// ```
/// use keyfit::{generate_key, GenerateOptions};
/// let opts = GenerateOptions { bits: 2048, comment: "me@host".into(), ..Default::default() };
/// let key = generate_key(&opts, &mut rand_core::OsRng).unwrap();
/// assert!(key.private_key.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
/// assert!(key.public_key.starts_with("ssh-rsa AAAA") && key.public_key.ends_with(" me@host"));
/// assert_eq!(key.bits, 2048);
/// ```
pub fn generate_key(opts: &GenerateOptions, rng: &mut impl CryptoRngCore) -> Result<GeneratedKey> {
    use crate::prime::find_prime;
    check_options(opts)?;
    let half = opts.bits / 2;
    for _ in 0..MAX_PAIRS {
        let mut p = find_prime(half, PUBLIC_EXPONENT, rng)?;
        let mut q = find_prime(half, PUBLIC_EXPONENT, rng)?;
        if !far_apart(&p, &q, half) {
            p.zeroize();
            q.zeroize();
            continue;
        }
        let key = RsaPrivateKey::from_p_q(p, q, BigUint::from(PUBLIC_EXPONENT))
            .map_err(|_| Error::InconsistentKey("the generated primes do not make a key"))?;
        return finish(key, opts, rng);
    }
    Err(Error::InvalidOption(
        "no usable prime pair: the random number source looks broken".into(),
    ))
}

/// Makes the key pair from two primes found apart (by Web Workers running [`crate::prime::find_prime`] with
/// `bits / 2` and `e = 65537`), after checking them: each has exactly `bits / 2` bits with the top two set,
/// `gcd(e, p - 1) = gcd(e, q - 1) = 1`, `|p - q| > 2^(bits/2 - 100)`, and each passes
/// [`crate::prime::is_base2_strong_probable_prime`]. That last check catches a damaged or mixed-up buffer; it
/// does not repeat the full test that `find_prime` ran in the worker (Miller-Rabin rounds and a Lucas test),
/// which would add about 100 ms in wasm after the workers are done. Then writes the key as [`finish`] does.
///
/// # Errors
/// [`Error::InvalidOption`] for bad options or primes of the wrong size; [`Error::InconsistentKey`] if `p` and
/// `q` are too close together, either is not prime, or `gcd(e, p - 1) != 1`.
pub fn key_from_primes(
    p: BigUint,
    q: BigUint,
    opts: &GenerateOptions,
    rng: &mut impl CryptoRngCore,
) -> Result<GeneratedKey> {
    let mut p = Zeroizing::new(p);
    let mut q = Zeroizing::new(q);
    check_options(opts)?;
    let half = opts.bits / 2;
    let shape_ok = |x: &BigUint| x.bits() == half && (x >> (half - 2)) == BigUint::from(3u32);
    if !shape_ok(&p) || !shape_ok(&q) {
        return Err(Error::InvalidOption(format!(
            "p and q must both have exactly {half} bits with the top two set"
        )));
    }
    if !far_apart(&p, &q, half) {
        return Err(Error::InconsistentKey("p and q are too close together"));
    }
    let e = BigUint::from(PUBLIC_EXPONENT);
    for x in [&*p, &*q] {
        if !crate::prime::is_base2_strong_probable_prime(x) {
            return Err(Error::InconsistentKey("p or q is not prime"));
        }
        let mut x_minus_1 = x - 1u32;
        let divisible = (&x_minus_1 % &e) == BigUint::from(0u32);
        x_minus_1.zeroize();
        if divisible {
            return Err(Error::InconsistentKey("e divides p - 1 or q - 1"));
        }
    }
    let key = RsaPrivateKey::from_p_q(core::mem::take(&mut *p), core::mem::take(&mut *q), e)
        .map_err(|_| Error::InconsistentKey("p and q do not make a key"))?;
    finish(key, opts, rng)
}

/// `|p - q| > 2^(half - 100)` (FIPS 186-5 A.1.3 step 5.4).
fn far_apart(p: &BigUint, q: &BigUint, half: usize) -> bool {
    let mut diff = if p > q { p - q } else { q - p };
    let ok = diff > (BigUint::from(1u32) << half.saturating_sub(100));
    diff.zeroize();
    ok
}

#[cfg(test)]
mod fast_tests {
    use super::*;
    use crate::prime::{self, find_prime};
    use num_bigint_dig::prime::probably_prime;
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;
    use rsa::traits::{PrivateKeyParts, PublicKeyParts};

    fn opts(bits: usize) -> GenerateOptions {
        GenerateOptions {
            bits,
            comment: "fast@test".into(),
            ..Default::default()
        }
    }

    fn rsa_key(key: &GeneratedKey) -> &RsaPrivateKey {
        match &key.key {
            PrivateKey::Rsa(k) => k,
            _ => panic!("not RSA"),
        }
    }

    /// Checks what FIPS 186-5 A.1.3 asks of a generated key.
    fn check_standard(key: &GeneratedKey, bits: usize) {
        let k = rsa_key(key);
        k.validate().expect("rsa validate");
        assert_eq!(k.n().bits(), bits);
        assert_eq!(*k.e(), BigUint::from(PUBLIC_EXPONENT));
        let (p, q) = (&k.primes()[0], &k.primes()[1]);
        for x in [p, q] {
            assert_eq!(x.bits(), bits / 2);
            assert!(probably_prime(x, 20));
        }
        assert!(far_apart(p, q, bits / 2));
        // d = e^-1 mod lcm(p - 1, q - 1), and d < lcm.
        let (p1, q1) = (p - 1u32, q - 1u32);
        let lcm = num_integer::Integer::lcm(&p1, &q1);
        assert_eq!((k.d() * k.e()) % &lcm, BigUint::from(1u32));
        assert!(k.d() < &lcm);
    }

    #[test]
    fn fast_keys_are_standard() {
        let key = generate_key(&opts(2048), &mut ChaCha20Rng::seed_from_u64(1)).expect("key");
        check_standard(&key, 2048);
        assert!(key
            .private_key
            .starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        assert!(key.public_key.ends_with(" fast@test"));
    }

    #[test]
    fn key_from_primes_takes_two_found_primes() {
        let mut rng = ChaCha20Rng::seed_from_u64(2);
        let p = find_prime(1024, PUBLIC_EXPONENT, &mut rng).expect("p");
        let q = find_prime(1024, PUBLIC_EXPONENT, &mut rng).expect("q");
        let key = key_from_primes(p.clone(), q.clone(), &opts(2048), &mut rng).expect("key");
        check_standard(&key, 2048);
        let n = rsa_key(&key).n().clone();
        assert_eq!(n, &p * &q);
        // The order of p and q does not matter.
        let swapped = key_from_primes(q, p, &opts(2048), &mut rng).expect("key");
        assert_eq!(swapped.fingerprint_sha256, key.fingerprint_sha256);
    }

    #[test]
    fn key_from_primes_refuses_bad_primes() {
        let mut rng = ChaCha20Rng::seed_from_u64(3);
        let p = find_prime(1024, PUBLIC_EXPONENT, &mut rng).expect("p");
        let q = find_prime(1024, PUBLIC_EXPONENT, &mut rng).expect("q");
        let code = |p: BigUint, q: BigUint, bits: usize, rng: &mut ChaCha20Rng| {
            key_from_primes(p, q, &opts(bits), rng)
                .map(|_| "ok")
                .unwrap_or_else(|e| e.code())
        };
        assert_eq!(
            code(p.clone(), p.clone(), 2048, &mut rng),
            "inconsistent-key",
            "p = q"
        );
        // A close neighbour: the next prime after p.
        let mut near = &p + 2u32;
        while !prime::is_probable_prime(&near, &mut rng) {
            near += 2u32;
        }
        assert_eq!(
            code(p.clone(), near, 2048, &mut rng),
            "inconsistent-key",
            "|p - q| small"
        );
        // A composite of the right shape.
        let mut composite = &q + 2u32;
        while prime::is_probable_prime(&composite, &mut rng) {
            composite += 2u32;
        }
        assert_eq!(
            code(p.clone(), composite, 2048, &mut rng),
            "inconsistent-key",
            "composite"
        );
        // Wrong size for the options, and top bits not set.
        assert_eq!(
            code(p.clone(), q.clone(), 3072, &mut rng),
            "invalid-option",
            "bits"
        );
        let small = find_prime(1023, PUBLIC_EXPONENT, &mut rng).expect("prime");
        assert_eq!(
            code(p.clone(), small, 2048, &mut rng),
            "invalid-option",
            "1023 bits"
        );
        let mut low_top = BigUint::from(1u32) << 1023usize;
        low_top += 1u32;
        while !prime::is_probable_prime(&low_top, &mut rng) {
            low_top += 2u32;
        }
        assert_eq!(
            code(p.clone(), low_top, 2048, &mut rng),
            "invalid-option",
            "second bit clear"
        );
        // e | p - 1: 65537 * k + 1 with top bits set is rare to be prime; build one by search.
        // k even keeps 65537 k + 1 odd.
        let mut k = (((BigUint::from(3u32) << 1022usize) / 65537u32) >> 1usize) << 1usize;
        let with_e = loop {
            let cand = &k * 65537u32 + 1u32;
            if cand.bits() == 1024 && prime::is_probable_prime(&cand, &mut rng) {
                break cand;
            }
            k += 2u32;
        };
        assert_eq!(
            code(p.clone(), with_e, 2048, &mut rng),
            "inconsistent-key",
            "e | q - 1"
        );
        assert_eq!(code(p, q, 2048, &mut rng), "ok");
    }
}
