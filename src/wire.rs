//! The SSH wire encoding (RFC 4251 §5): `uint32`, `string` and `mpint`, as used inside OpenSSH keys, PuTTY .ppk
//! blobs and ssh.com keys.
//!
//! Hand-written: a small reader and writer that report truncation as [`Error::Truncated`] and cap every length by
//! what is left in the buffer, which the general-purpose `ssh-encoding` crate does not let us word.

use crate::error::{Error, Result};
use num_bigint_dig::BigUint;
use zeroize::Zeroizing;

/// Reads SSH wire values from a byte slice; every length is checked against what remains.
pub(crate) struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Starts reading `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> &'a [u8] {
        self.data
    }

    /// Whether everything has been read.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Takes `n` raw bytes.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.data.len() {
            return Err(Error::Truncated);
        }
        let (head, tail) = self.data.split_at(n);
        self.data = tail;
        Ok(head)
    }

    /// Reads a big-endian `uint32`.
    pub fn u32(&mut self) -> Result<u32> {
        let b = self.bytes(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Reads a length-prefixed `string` as bytes.
    pub fn string(&mut self) -> Result<&'a [u8]> {
        let len = self.u32()? as usize;
        self.bytes(len)
    }

    /// Reads a non-negative `mpint`.
    pub fn mpint(&mut self) -> Result<BigUint> {
        let b = self.string()?;
        if b.first().is_some_and(|&x| x & 0x80 != 0) {
            return Err(Error::Corrupt("a number is negative"));
        }
        Ok(BigUint::from_bytes_be(b))
    }
}

/// Writes SSH wire values into a buffer that is zeroized on drop.
#[derive(Default)]
pub(crate) struct Writer {
    buf: Zeroizing<Vec<u8>>,
}

impl Writer {
    /// An empty writer with room for `capacity` bytes (reserve enough to avoid reallocating secrets).
    pub fn with_capacity(capacity: usize) -> Self {
        Writer {
            buf: Zeroizing::new(Vec::with_capacity(capacity)),
        }
    }

    /// Appends raw bytes.
    pub fn raw(&mut self, b: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(b);
        self
    }

    /// Appends a big-endian `uint32`.
    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.raw(&v.to_be_bytes())
    }

    /// Appends a length-prefixed `string`.
    pub fn string(&mut self, b: &[u8]) -> &mut Self {
        self.u32(b.len() as u32).raw(b)
    }

    /// Appends an `mpint` (with a leading zero byte when the top bit is set).
    pub fn mpint(&mut self, v: &BigUint) -> &mut Self {
        let bytes = Zeroizing::new(v.to_bytes_be());
        let bytes: &[u8] = if bytes.as_slice() == [0] { &[] } else { &bytes };
        let pad = bytes.first().is_some_and(|&x| x & 0x80 != 0);
        self.u32(bytes.len() as u32 + pad as u32);
        if pad {
            self.raw(&[0]);
        }
        self.raw(bytes)
    }

    /// Bytes written so far.
    pub fn as_slice(&self) -> &[u8] {
        &self.buf
    }

    /// The written bytes.
    pub fn into_inner(self) -> Zeroizing<Vec<u8>> {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mpint_round_trip_and_sign_byte() {
        let mut w = Writer::default();
        w.mpint(&BigUint::from(0x80u32)).mpint(&BigUint::from(0u32));
        assert_eq!(w.as_slice(), &[0, 0, 0, 2, 0, 0x80, 0, 0, 0, 0]);
        let mut r = Reader::new(w.as_slice());
        assert_eq!(r.mpint().unwrap(), BigUint::from(0x80u32));
        assert_eq!(r.mpint().unwrap(), BigUint::from(0u32));
        assert!(r.is_empty());
    }

    #[test]
    fn lengths_beyond_the_buffer_are_truncation() {
        let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff, 1]);
        assert_eq!(r.string(), Err(Error::Truncated));
        assert_eq!(
            Reader::new(&[0, 0, 0, 1, 0x80]).mpint(),
            Err(Error::Corrupt("a number is negative"))
        );
    }
}
