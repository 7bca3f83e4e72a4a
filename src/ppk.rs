//! stub
#![allow(missing_docs, unused_variables)]
use crate::{error::*, key::PrivateKey, parsed::Parsed};
use zeroize::Zeroizing;
pub enum PpkVersion {
    V2,
    V3,
}
pub fn read(text: &str, passphrase: Option<&[u8]>) -> Result<Parsed> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
pub fn write(
    key: &PrivateKey,
    comment: &str,
    passphrase: Option<&[u8]>,
    version: PpkVersion,
    rng: &mut impl rand_core::CryptoRngCore,
) -> Result<Zeroizing<String>> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
