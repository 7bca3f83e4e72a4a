//! Shared helpers for the native integration tests: the corpus and its expected reports here, and the real
//! tools in `tools.rs`.
#![allow(dead_code)]

pub mod base64_run;
pub mod tools;

use std::path::{Path, PathBuf};

/// The passphrase of every encrypted corpus file.
pub const PASSPHRASE: &str = "correct horse";

/// One row of tests/corpus/expected.tsv (made by tests/corpus/make.sh from the real tools).
#[derive(Debug, Clone)]
pub struct Expected {
    pub file: String,
    pub format: String,
    pub kind: String,
    pub algorithm: String,
    pub bits: String,
    pub encrypted: bool,
    pub cipher: String,
    pub fingerprint: String,
    pub jira_ready: bool,
    pub jsch: bool,
}

pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/keys")
}

pub fn corpus() -> Vec<Expected> {
    let tsv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/expected.tsv"),
    )
    .expect("expected.tsv");
    tsv.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 10, "bad row {line}");
            Expected {
                file: f[0].into(),
                format: f[1].into(),
                kind: f[2].into(),
                algorithm: f[3].into(),
                bits: f[4].into(),
                encrypted: f[5] == "true",
                cipher: f[6].into(),
                fingerprint: f[7].into(),
                jira_ready: f[8] == "true",
                jsch: f[9] == "ok",
            }
        })
        .collect()
}

pub fn read(file: &str) -> Vec<u8> {
    std::fs::read(corpus_dir().join(file)).expect("corpus file")
}

/// Fails with every failure found, one a line, and their count.
pub fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
