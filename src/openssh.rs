//! stub
#![allow(missing_docs, unused_variables)]
use crate::{armor::Armor, error::*, key::PrivateKey, parsed::Parsed};
use zeroize::Zeroizing;
pub const LABEL: &str = "OPENSSH PRIVATE KEY";
pub const DEFAULT_ROUNDS: u32 = 16;
pub fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
pub fn write(
    key: &PrivateKey,
    comment: &str,
    passphrase: Option<&[u8]>,
    rounds: u32,
    rng: &mut impl rand_core::CryptoRngCore,
) -> Result<Zeroizing<String>> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
