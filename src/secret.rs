//! A secret value: wiped from memory when dropped, never shown by `Debug`.

use core::fmt;
use core::ops::Deref;
use zeroize::{Zeroize, Zeroizing};

/// A passphrase or a key's text: zeroized on drop (through [`Zeroizing`]), and printed by `Debug` as
/// `(redacted)`, so a struct holding one can derive `Debug` without listing its fields by hand.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret<T: Zeroize>(Zeroizing<T>);

impl<T: Zeroize> Secret<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Secret(Zeroizing::new(value))
    }
}

impl<T: Zeroize> Deref for Secret<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

impl From<String> for Secret<String> {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Secret::new(value.to_string())
    }
}

impl From<Zeroizing<String>> for Secret<String> {
    fn from(value: Zeroizing<String>) -> Self {
        Secret(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted_and_deref_reads_the_value() {
        let s = Secret::from("hunter2");
        assert_eq!(format!("{s:?}"), "(redacted)");
        assert_eq!(s.as_str(), "hunter2");
        #[derive(Debug)]
        struct Holder {
            #[allow(dead_code)]
            pass: Secret<String>,
        }
        assert!(!format!("{:?}", Holder { pass: s }).contains("hunter2"));
    }
}
