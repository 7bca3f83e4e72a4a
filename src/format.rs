//! One module per key format: each reads (and, where keyfit writes it, writes) one kind of file.
//!
//! Formats build on the shared layers ([`crate::armor`], [`crate::wire`], [`crate::asn1`], [`crate::text`],
//! [`crate::legacy_pem`], [`crate::key`], [`crate::limits`]) and never import each other. To add a format: a
//! file here with `read` (and `write`), a [`crate::Format`] variant, a line in [`crate::detect`]'s sniffing and
//! reading, and test vectors under `tests/`.

pub(crate) mod dsa;
pub(crate) mod openssh;
pub(crate) mod pkcs1;
pub(crate) mod pkcs8;
pub(crate) mod ppk;
pub(crate) mod public;
pub(crate) mod sec1;
pub(crate) mod ssh1;
pub(crate) mod sshcom;
