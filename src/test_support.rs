//! What the unit tests inside `src/` share. Tests that run the real tools live in `tests/` (tests/formats.rs,
//! with tests/common/tools.rs); the unit tests read the vectors those tools made (tests/examples/).

/// The passphrase of the puttygen-made vectors (ppk and ssh.com tests): `tests/examples/make.sh` writes it.
pub(crate) const PUTTY_PW: &[u8] = b"keyfit test pw";
/// `ssh-keygen -l` of the puttygen test keys that both the ppk and the ssh.com vectors hold.
pub(crate) const FP_PUTTY_RSA1024: &str = "SHA256:6qKGH7o85DvETnltxjw9NeTV6Q65OCmTii/PrOYnIdA";
/// As [`FP_PUTTY_RSA1024`], for the 2048-bit RSA key.
pub(crate) const FP_PUTTY_RSA2048: &str = "SHA256:xXmy/SheUPKvV7U1vbO29GjgR42i0Iw+zrOocbBdb0o";
/// As [`FP_PUTTY_RSA1024`], for the DSA key.
pub(crate) const FP_PUTTY_DSA: &str = "SHA256:8kOGzMP9BBBmW56h2oESYpWce0AGWndS/rKe8x7Eo+I";
