//! The checker: reads any key, names its format, and says whether Jira's Git Integration will take it, and if
//! not, why and how to fix it.

use crate::detect;
use crate::error::Error;
use crate::key::Algorithm;
use crate::messages::Finding;
use crate::parsed::{Format, Kdf, Parsed};
pub use crate::problem::{Problem, Severity};
use crate::repair::Repair;
use crate::secret::Secret;

/// The checker's report on one input. `Debug` never shows the repaired text, which is the key itself.
#[derive(Debug, Default)]
pub struct Report {
    /// The format (see [`Format::name`]); `Unknown` when not recognised.
    pub format: Option<Format>,
    /// `Some(true)` for a private key, `Some(false)` for a public key, `None` for anything else.
    pub private: Option<bool>,
    /// The algorithm, when known.
    pub algorithm: Option<Algorithm>,
    /// Key size in bits, when known.
    pub bits: Option<u32>,
    /// Whether the key is encrypted.
    pub encrypted: bool,
    /// The cipher, when encrypted.
    pub cipher: Option<String>,
    /// The KDF and its parameters, when encrypted.
    pub kdf: Option<Kdf>,
    /// The comment, when the format carries one.
    pub comment: Option<String>,
    /// `SHA256:...`, when the public key is known.
    pub fingerprint_sha256: Option<String>,
    /// `MD5:...`, when the public key is known.
    pub fingerprint_md5: Option<String>,
    /// The OpenSSH public key line, when the public key is known.
    pub public_key: Option<String>,
    /// Whether Jira's Git Integration will take the text as given.
    pub jira_ready: bool,
    /// Everything found, most important first.
    pub problems: Vec<Problem>,
    /// What was repaired.
    pub repairs: Vec<Repair>,
    /// The repaired text, when a repair was made.
    pub repaired_text: Option<Secret<String>>,
}

impl Report {
    fn add(
        &mut self,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        fix: impl Into<String>,
    ) {
        self.problems.push(Problem {
            code,
            severity,
            message: message.into(),
            fix: fix.into(),
        });
    }

    /// Adds an error, in its own words.
    fn add_error(&mut self, err: &Error) {
        self.add(err.code(), Severity::Error, err.to_string(), err.fix());
    }

    /// Adds a finding of the checker, in its own words.
    fn add_finding(&mut self, severity: Severity, finding: Finding<'_>) {
        let (code, message, fix) = finding.words();
        self.add(code, severity, message, fix);
    }

    fn has_error(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// Ciphers of legacy PKCS#1 PEM that Jira (JSch 0.1.54) decrypts, measured: AES-192-CBC too, not DES-CBC.
const JIRA_CIPHERS: [&str; 4] = ["des-ede3-cbc", "aes-128-cbc", "aes-192-cbc", "aes-256-cbc"];

/// Checks a key given as bytes (text or DER). Never fails: every problem is in the report.
///
/// # Examples
/// ```
/// let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBXDXcBhPGr7CS1+kKvIAeH4Kmt9GmHbdcZWgwQqUE6o me@host\n";
/// let report = keyfit::inspect(line.as_bytes(), None);
/// assert_eq!(report.format, Some(keyfit::Format::OpenSshPublic));
/// assert!(!report.jira_ready);
/// assert_eq!(report.problems[0].code, "public-key-not-private");
/// ```
pub fn inspect(bytes: &[u8], passphrase: Option<&[u8]>) -> Report {
    let mut report = Report::default();
    let reading = detect::read(bytes, passphrase);
    report.format = Some(reading.format);
    if let Some(r) = reading.repaired {
        if !r.repairs.is_empty() && reading.format != Format::Unknown {
            report.repairs = r.repairs;
            report.repaired_text = Some(r.text.into());
        }
    }
    let parsed = match reading.parsed {
        Ok(parsed) => parsed,
        Err(err) => {
            report.add_error(&err);
            finish(&mut report);
            return report;
        }
    };
    describe(&mut report, &parsed);
    match &parsed.locked {
        // Without the passphrase, what the file shows in the clear is still judged.
        Some(err @ Error::PassphraseRequired) => report.add_error(err),
        Some(err) => {
            report.add_error(err);
            finish(&mut report);
            return report;
        }
        None => {}
    }
    judge(&mut report, &parsed);
    finish(&mut report);
    report
}

/// Copies what is known of the key into the report.
fn describe(report: &mut Report, parsed: &Parsed) {
    report.private = Some(!parsed.public_only);
    report.encrypted = parsed.encryption.is_some();
    if let Some(enc) = &parsed.encryption {
        report.cipher = Some(enc.cipher.clone());
        report.kdf = enc.kdf.clone();
    }
    if parsed.comment.is_some() {
        report.comment = parsed.comment.clone();
    }
    if let Some(public) = &parsed.public {
        report.algorithm = Some(public.algorithm());
        report.bits = Some(public.bits()).filter(|&b| b > 0);
        report.fingerprint_sha256 = Some(public.fingerprint_sha256());
        report.fingerprint_md5 = Some(public.fingerprint_md5());
        report.public_key = Some(public.to_openssh_line(parsed.comment.as_deref().unwrap_or("")));
    }
}

/// Adds what Jira will think of a readable key.
fn judge(report: &mut Report, parsed: &Parsed) {
    if parsed.public_only {
        let certificate = parsed.format == Format::OpenSshCertificate;
        report.add_finding(Severity::Error, Finding::PublicOnly { certificate });
    }
    if let Some(alg) = report.algorithm.filter(|&a| a != Algorithm::Rsa) {
        report.add_finding(Severity::Error, Finding::NotRsa(alg));
    }
    let not_jira_format = matches!(
        parsed.format,
        Format::OpenSsh | Format::Pkcs8 | Format::Ppk2 | Format::Ppk3 | Format::SshCom
    );
    if not_jira_format
        && !parsed.public_only
        && report.algorithm.is_none_or(|a| a == Algorithm::Rsa)
    {
        report.add_finding(Severity::Error, Finding::NotPkcs1(parsed.format));
    }
    if parsed.format == Format::Pkcs1 {
        if let Some(cipher) = report.cipher.clone() {
            if !JIRA_CIPHERS.contains(&cipher.as_str()) {
                report.add_finding(Severity::Error, Finding::CipherJiraCannotRead(&cipher));
            }
        }
    }
    if let (Some(Algorithm::Rsa), Some(bits)) = (report.algorithm, report.bits) {
        if bits < 2048 {
            report.add_error(&Error::KeyTooSmall(bits));
        }
    }
    if parsed.private.is_some() && report.encrypted && !report.has_error() {
        report.add_finding(Severity::Info, Finding::PassphraseProtected);
    }
    let repairs = core::mem::take(&mut report.repairs);
    if repairs.iter().any(|r| r.is_structural()) {
        report.add_finding(Severity::Error, Finding::MangledPaste(&repairs));
    } else if !repairs.is_empty() {
        report.add_finding(Severity::Info, Finding::Repaired(&repairs));
    }
    report.repairs = repairs;
    report.jira_ready = parsed.format == Format::Pkcs1
        && parsed.private.is_some()
        && report.algorithm == Some(Algorithm::Rsa)
        && report.bits.is_some_and(|b| b >= 2048)
        && report
            .cipher
            .as_deref()
            .is_none_or(|c| JIRA_CIPHERS.contains(&c))
        && !report.has_error();
}

/// Orders problems: errors, then warnings, then information, each in the order found.
///
/// An insertion sort: stable, and enough for a handful of problems; `sort_by_key` (std's stable sort) would add
/// 3 KB of code to the wasm for this one call.
fn finish(report: &mut Report) {
    let rank = |p: &Problem| match p.severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    };
    let problems = &mut report.problems;
    for i in 1..problems.len() {
        let mut j = i;
        while j > 0 && rank(&problems[j - 1]) > rank(&problems[j]) {
            problems.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_key() {
        let one_line = "-----BEGIN RSA PRIVATE KEY----- MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQ== -----END RSA PRIVATE KEY-----";
        let report = inspect(one_line.as_bytes(), None);
        assert!(report.repaired_text.is_some());
        let debug = format!("{report:?}");
        assert!(!debug.contains("MIIBOgIBAAJBAKj34"), "{debug}");
        assert!(debug.contains("(redacted)"));
        let mut opts = crate::ConvertOptions::new(Format::Pkcs1);
        opts.passphrase = "hunter2".into();
        assert!(!format!("{opts:?}").contains("hunter2"));
    }

    #[test]
    fn problems_are_ordered_by_severity_and_keep_their_order_within_one() {
        let mut report = Report::default();
        for (code, severity) in [
            ("i1", Severity::Info),
            ("e1", Severity::Error),
            ("w1", Severity::Warning),
            ("i2", Severity::Info),
            ("e2", Severity::Error),
            ("w2", Severity::Warning),
            ("e3", Severity::Error),
        ] {
            report.add(code, severity, "", "");
        }
        finish(&mut report);
        let codes: Vec<_> = report.problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, ["e1", "e2", "e3", "w1", "w2", "i1", "i2"]);
    }
}
