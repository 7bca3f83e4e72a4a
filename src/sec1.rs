//! stub
#![allow(missing_docs, unused_variables)]
use crate::{armor::Armor, error::*, parsed::Parsed};
pub fn read_ec(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
pub fn read_dsa(armor: &Armor, passphrase: Option<&[u8]>) -> Result<Parsed> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
