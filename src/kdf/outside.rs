//! Derivations made outside the key engine, for reading and for writing keys.
//!
//! A caller that derives elsewhere runs a reading or a conversion inside [`outside`]: the first derivation the
//! run needs and was not given stops it (nothing else is derived) and comes back as a [`Request`]; the caller
//! derives it and runs again with the bytes, as [`Derived`]. A write asks with a fresh salt: on the next run
//! the writer takes the derivation given for the same parameters and length (the salt aside) and uses that
//! derivation's salt, so the salt in the file is always the one the bytes were derived with, each given
//! derivation serves one write, and two writes never share a salt. What [`outside`] was given is wiped when it
//! returns.

use super::{Params, Refused, Request};
use crate::error::{Error, Result};
use core::cell::RefCell;
use zeroize::Zeroizing;

/// A derivation made outside: the request, and the bytes or why the KDF refused.
pub struct Derived {
    /// What was derived.
    pub request: Request,
    /// The derived bytes, or why the KDF made none.
    pub key: core::result::Result<Zeroizing<Vec<u8>>, Refused>,
}

impl core::fmt::Debug for Derived {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Derived")
            .field("request", &self.request)
            .field("key", &self.key.as_ref().map(|k| k.len()))
            .finish()
    }
}

/// What [`outside`] was given, and the first derivation asked for and missing.
struct Given {
    derived: Vec<Derived>,
    missing: Option<Request>,
}

thread_local! {
    static GIVEN: RefCell<Option<Given>> = const { RefCell::new(None) };
}

/// Wipes what [`outside`] was given when it returns (or unwinds).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        GIVEN.with(|g| drop(g.borrow_mut().take()));
    }
}

/// Runs `run` with the derivations a caller made outside: a derivation `derived` lacks stops the run and is
/// returned as the request to derive; the caller derives it and calls again with the same passphrases.
///
/// # Errors
/// The [`Request`] the run stopped at; what `run` returned then is dropped.
pub fn outside<T>(
    derived: Vec<Derived>,
    run: impl FnOnce() -> T,
) -> core::result::Result<T, Request> {
    GIVEN.with(|g| {
        *g.borrow_mut() = Some(Given {
            derived,
            missing: None,
        });
    });
    let restore = Restore;
    let out = run();
    let missing = GIVEN.with(|g| g.borrow_mut().as_mut().and_then(|g| g.missing.take()));
    drop(restore);
    missing.map_or(Ok(out), Err)
}

/// What a given derivation answers for `request`: the same request for a reading; for a write, the same
/// parameters and lengths with any salt (then taken, so that it serves one write only).
fn take_given(given: &mut Given, request: &Request) -> Option<Derived> {
    let fits = |d: &Derived| {
        let r = &d.request;
        r.write == request.write
            && r.params == request.params
            && r.len == request.len
            && if request.write {
                r.salt.len() == request.salt.len()
            } else {
                r.salt == request.salt
            }
    };
    let at = given.derived.iter().position(fits)?;
    Some(given.derived.swap_remove(at))
}

/// The derivation `request` asks for, from `pass`: given by the caller of [`outside`], else made here (cargo
/// feature `kdfs`). For a write, `request.salt` (fresh) may be replaced by the salt of the derivation given: the
/// writer must write the salt `request` holds on return.
///
/// # Errors
/// Inside [`outside`], when the derivation is missing, [`Error::WrongPassphrase`] (the run then stops and the
/// caller sees the request, never this error). A KDF that refuses: [`Error::WrongPassphrase`] for an empty
/// passphrase, [`Error::Corrupt`] for parameters it does not take. Without `kdfs` and outside of [`outside`],
/// [`Error::UnsupportedCipher`].
pub fn derive(request: &mut Request, pass: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let given = GIVEN.with(|g| {
        let mut g = g.borrow_mut();
        let g = g.as_mut()?;
        let found = take_given(g, request);
        if found.is_none() {
            g.missing.get_or_insert_with(|| request.clone());
        }
        Some(found)
    });
    let key = match given {
        Some(Some(d)) => {
            request.salt.clone_from(&d.request.salt);
            d.key
        }
        Some(None) => return Err(Error::WrongPassphrase),
        None => here(request, pass)?,
    };
    let key = key.map_err(|refused| refusal(&request.params, refused))?;
    if key.len() != request.len {
        return Err(Error::InvalidOption(
            "a derived key has the wrong length".into(),
        ));
    }
    Ok(key)
}

#[cfg(feature = "kdfs")]
fn here(
    request: &Request,
    pass: &[u8],
) -> Result<core::result::Result<Zeroizing<Vec<u8>>, Refused>> {
    Ok(super::derive(request, pass))
}

#[cfg(not(feature = "kdfs"))]
fn here(
    request: &Request,
    _pass: &[u8],
) -> Result<core::result::Result<Zeroizing<Vec<u8>>, Refused>> {
    Err(Error::UnsupportedCipher(format!(
        "{} without keyfit's KDFs (cargo feature kdfs)",
        request.params.name()
    )))
}

/// The error of a KDF that refused, as the readers report it.
fn refusal(params: &Params, refused: Refused) -> Error {
    match (refused, params) {
        // OpenSSH refuses an empty passphrase for an encrypted key the same way.
        (Refused::EmptyPassphrase, _) => Error::WrongPassphrase,
        (Refused::Invalid, Params::Pbkdf2 { .. }) => Error::Corrupt("PBKDF2 iterations are zero"),
        (Refused::Invalid, Params::Scrypt { .. }) => {
            Error::Corrupt("the scrypt parameters are invalid")
        }
        (Refused::Invalid, Params::Bcrypt { .. }) => {
            Error::Corrupt("the bcrypt parameters are invalid")
        }
        (Refused::Invalid, Params::Argon2 { .. }) => {
            Error::Corrupt("the Argon2 parameters are invalid")
        }
    }
}
