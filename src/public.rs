//! stub
#![allow(missing_docs, unused_variables)]
use crate::{armor::Armor, error::*, key::PublicKey, parsed::Parsed};
pub fn read_openssh_line(text: &str) -> Result<Parsed> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
pub fn read_rfc4716(armor: &Armor) -> Result<Parsed> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
pub fn read_spki(der: &[u8]) -> Result<Parsed> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
pub fn write_openssh_line(public: &PublicKey, comment: &str) -> String {
    public.to_openssh_line(comment) + "\n"
}
pub fn write_rfc4716(public: &PublicKey, comment: &str) -> String {
    String::new()
}
pub fn write_spki(public: &PublicKey) -> Result<String> {
    Err(Error::UnsupportedAlgorithm("stub".into()))
}
