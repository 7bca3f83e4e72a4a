//! stub
#![allow(missing_docs, unused_variables)]
use crate::{armor::Armor, error::*, key::PrivateKey, parsed::Parsed};
use zeroize::Zeroizing;
pub fn read_der(der: &[u8], passphrase: Option<&[u8]>) -> Result<Parsed> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
pub fn read(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
pub fn write(
    key: &PrivateKey,
    passphrase: Option<&[u8]>,
    rng: &mut impl rand_core::CryptoRngCore,
) -> Result<Zeroizing<String>> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
