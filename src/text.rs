//! Small text helpers the formats share: hex, names from a file made safe to show, and line widths.

/// Base64 columns of PEM blocks (RFC 7468), PuTTY files and `ssh-keygen -e -m PEM`.
pub(crate) const PEM_WIDTH: usize = 64;
/// Base64 columns of OpenSSH private keys and SECSH blocks (RFC 4716, ssh.com), as ssh-keygen and PuTTY write them.
pub(crate) const SSH_WIDTH: usize = 70;

/// Longest name from a file that an error message shows.
const SHOWN_LEN: usize = 64;

/// A name read from a file (a cipher, KDF or key type), made safe to show in an error: printable ASCII only, at
/// most 64 characters. The file is untrusted; the name must not carry control characters into the page.
pub(crate) fn shown(name: &[u8]) -> String {
    name.iter()
        .filter(|c| c.is_ascii_graphic())
        .take(SHOWN_LEN)
        .map(|&c| char::from(c))
        .collect()
}

/// Hex digits of `bytes`, upper case (`DEK-Info` IVs) or lower case (PuTTY salts and MACs, MD5 fingerprints).
pub(crate) fn encode_hex(bytes: &[u8], upper: bool) -> String {
    bytes
        .iter()
        .map(|b| {
            if upper {
                format!("{b:02X}")
            } else {
                format!("{b:02x}")
            }
        })
        .collect()
}

/// Decodes a hex string (either case), as in `DEK-Info` IVs and PuTTY's salts and MACs; `None` if it is not hex.
pub(crate) fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_in_either_case() {
        assert_eq!(encode_hex(&[0x0a, 0xff], true), "0AFF");
        assert_eq!(encode_hex(&[0x0a, 0xff], false), "0aff");
        assert_eq!(decode_hex("0aFF"), Some(vec![0x0a, 0xff]));
        assert_eq!(decode_hex("0a f"), None);
        assert_eq!(decode_hex("abc"), None);
    }

    #[test]
    fn shown_names_are_printable_and_short() {
        assert_eq!(shown(b"aes\x1b[31m-cbc\n"), "aes[31m-cbc");
        assert_eq!(shown(&[b'x'; 200]).len(), 64);
    }
}
