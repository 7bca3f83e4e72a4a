//! The JavaScript API as the page sees it, run in headless Chromium by wasm-bindgen-test:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test wasm_api`.
//! A representative part of the corpus must give the same reports as natively (tests/corpus.rs).
#![cfg(target_arch = "wasm32")]

use js_sys::{Object, Reflect, Uint8Array};
use keyfit::wasm::{
    check_clone_url, convert_key, derive_key, generate_key, inspect_key, match_key,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod clone_url_table;

const EXPECTED: &str = include_str!("corpus/expected.tsv");
const PASSPHRASE: &str = "correct horse";

macro_rules! corpus {
    ($($name:literal),* $(,)?) => { [$(($name, include_bytes!(concat!("corpus/keys/", $name)).as_slice())),*] };
}

/// One file of each format family, cipher family and algorithm.
const FILES: [(&str, &[u8]); 16] = corpus![
    "rsa2048-pkcs1.pem",
    "rsa2048-pkcs1-aes-128-cbc.pem",
    "rsa2048-pkcs1-des-cbc.pem",
    "rsa2048-pkcs8.der",
    "rsa2048-pkcs8-pbkdf2-sha256-aes-256-cbc.pem",
    "rsa2048-openssh-aes256-ctr.key",
    "rsa2048-openssh-chacha20-poly1305.key",
    "rsa2048-openssh-puttygen.key",
    "rsa2048-ppk2-aes256-cbc.ppk",
    "rsa2048-ppk3-argon2id.ppk",
    "rsa2048-sshcom.key",
    "rsa2048-rfc4716.pub",
    "ed25519-openssh.key",
    "ecdsa256-ppk3.ppk",
    "rsa2048-x509-cert.pem",
    "rsa1024-pkcs1.pem",
];

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).expect("property")
}

fn text(obj: &JsValue, key: &str) -> String {
    let v = get(obj, key);
    if v.is_null() {
        return "-".into();
    }
    v.as_string()
        .or_else(|| v.as_f64().map(|n| n.to_string()))
        .or_else(|| v.as_bool().map(|b| b.to_string()))
        .unwrap_or_default()
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).expect("set");
    }
    o.into()
}

fn error_code(err: JsValue) -> String {
    assert!(
        err.is_instance_of::<js_sys::Error>(),
        "errors are Error objects"
    );
    text(&err, "code")
}

#[wasm_bindgen_test]
fn corpus_reports_match_in_the_browser() {
    for (name, bytes) in FILES {
        let row: Vec<&str> = EXPECTED
            .lines()
            .find(|l| l.starts_with(&format!("{name}\t")))
            .expect("row")
            .split('\t')
            .collect();
        let pass = if row[5] == "true" { PASSPHRASE } else { "" };
        let input: JsValue = Uint8Array::from(bytes).into();
        let r = inspect_key(input, options(&[("passphrase", pass.into())])).expect("inspectKey");
        assert_eq!(text(&r, "format"), row[1], "{name}");
        assert_eq!(text(&r, "algorithm"), row[3], "{name}");
        assert_eq!(text(&r, "bits"), row[4], "{name}");
        assert_eq!(text(&r, "encrypted"), row[5], "{name}");
        assert_eq!(text(&r, "fingerprintSha256"), row[7], "{name}");
        assert_eq!(text(&r, "jiraReady"), row[8], "{name}");
        assert!(js_sys::Array::is_array(&get(&r, "problems")));
    }
}

#[wasm_bindgen_test]
fn a_missing_passphrase_is_reported_not_thrown() {
    let text_key = String::from_utf8(FILES[5].1.to_vec()).expect("utf8");
    let r = inspect_key(text_key.into(), JsValue::UNDEFINED).expect("inspectKey");
    let first = js_sys::Array::from(&get(&r, "problems")).get(0);
    assert_eq!(text(&first, "code"), "passphrase-required");
    assert_eq!(text(&first, "severity"), "error");
    assert_eq!(text(&r, "cipher"), "aes256-ctr");
    assert_eq!(text(&get(&r, "kdf"), "rounds"), "16");
}

#[wasm_bindgen_test]
fn misuse_throws_an_error_with_a_code() {
    assert_eq!(
        error_code(inspect_key(JsValue::from(42), JsValue::UNDEFINED).expect_err("number")),
        "invalid-option"
    );
    let opts = options(&[("bits", 1000.into())]);
    assert_eq!(
        error_code(generate_key(opts).expect_err("1000 bits")),
        "invalid-option"
    );
    let opts = options(&[("to", "pkcs1".into())]);
    let ed = String::from_utf8(FILES[12].1.to_vec()).expect("utf8");
    assert_eq!(
        error_code(convert_key(ed.into(), opts).expect_err("ed25519 to pkcs1")),
        "not-rsa"
    );
}

#[wasm_bindgen_test]
fn openssh_without_a_new_passphrase_ignores_the_rounds() {
    let pem = String::from_utf8(FILES[0].1.to_vec()).expect("utf8");
    for rounds in [0.0, 1e9] {
        let out = convert_key(
            pem.clone().into(),
            options(&[("to", "openssh".into()), ("rounds", rounds.into())]),
        )
        .unwrap_or_else(|e| panic!("rounds {rounds}: {}", error_code(e)));
        let r = inspect_key(out.into(), JsValue::UNDEFINED).expect("inspect");
        assert_eq!(text(&r, "format"), "openssh");
        assert_eq!(text(&r, "encrypted"), "false");
    }
}

#[wasm_bindgen_test]
fn generate_then_convert_round_trips() {
    let key = generate_key(options(&[
        ("bits", 2048.into()),
        ("comment", "wasm".into()),
        ("passphrase", "pw".into()),
    ]))
    .expect("generateKey");
    let pem = text(&key, "privateKey");
    assert!(pem.starts_with(
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"
    ));
    assert!(text(&key, "publicKey").ends_with(" wasm"));
    let fp = text(&key, "fingerprintSha256");
    for to in ["pkcs8", "openssh", "ppk3", "ppk2", "pkcs1"] {
        let out = convert_key(
            pem.clone().into(),
            options(&[("passphrase", "pw".into()), ("to", to.into())]),
        )
        .unwrap_or_else(|e| panic!("{to}: {}", error_code(e)));
        let r = inspect_key(out.into(), JsValue::UNDEFINED).expect("inspect");
        assert_eq!(text(&r, "fingerprintSha256"), fp, "{to}");
        assert_eq!(text(&r, "format"), to);
    }
    let r = inspect_key(pem.into(), options(&[("passphrase", "pw".into())])).expect("inspect");
    assert_eq!(text(&r, "jiraReady"), "true");
}

// ---- matchKey (issue 13) ----

/// The SHA-256 fingerprint of a corpus file, from expected.tsv (ssh-keygen's).
fn corpus_fingerprint(name: &str) -> &'static str {
    EXPECTED
        .lines()
        .find(|l| l.starts_with(&format!("{name}\t")))
        .and_then(|l| l.split('\t').nth(7))
        .expect("row")
}

/// `ssh-keygen -E md5 -l -f rsa2048-openssh.pub` (tests/key_match.rs asks ssh-keygen itself, natively).
const RSA2048_MD5: &str = "MD5:00:b9:cf:ec:9d:5f:75:0b:65:8e:63:72:45:96:e2:a5";

fn matched(key: JsValue, passphrase: &str, other: JsValue) -> (String, String, String, String) {
    let m = match_key(key, options(&[("passphrase", passphrase.into())]), other).expect("matchKey");
    assert!(!text(&m, "message").is_empty());
    (
        text(&m, "match"),
        text(&m, "otherKind"),
        text(&m, "code"),
        text(&m, "keyFingerprint"),
    )
}

fn corpus_text(name: &str) -> JsValue {
    let (_, bytes) = FILES.iter().find(|(n, _)| *n == name).expect("file");
    String::from_utf8(bytes.to_vec()).expect("utf8").into()
}

#[wasm_bindgen_test]
fn match_key_names_the_same_key_in_each_spelling() {
    let fp = corpus_fingerprint("rsa2048-openssh.pub");
    let body = fp.trim_start_matches("SHA256:");
    let md5_hex = RSA2048_MD5
        .trim_start_matches("MD5:")
        .replace(':', "")
        .to_uppercase();
    // A locked OpenSSH key shows its public half without the passphrase.
    let locked = corpus_text("rsa2048-openssh-aes256-ctr.key");
    for other in [
        format!("2048 {fp} jira@example.com (RSA)"),
        format!("{body}="),
    ] {
        assert_eq!(
            matched(locked.clone(), "", other.into()),
            (
                "true".into(),
                "fingerprint-sha256".into(),
                "same-key".into(),
                fp.into()
            )
        );
    }
    assert_eq!(
        matched(locked, "", md5_hex.into()),
        (
            "true".into(),
            "fingerprint-md5".into(),
            "same-key".into(),
            RSA2048_MD5.into()
        )
    );
    // A PKCS#1 key encrypted needs its passphrase; then it matches its RFC 4716 public key, given as bytes.
    let pem = corpus_text("rsa2048-pkcs1-aes-128-cbc.pem");
    let rfc4716: JsValue = Uint8Array::from(FILES[11].1).into();
    assert_eq!(
        matched(pem.clone(), "", rfc4716.clone()),
        (
            "-".into(),
            "public-key".into(),
            "needs-passphrase".into(),
            "-".into()
        )
    );
    assert_eq!(
        matched(pem.clone(), "wrong", fp.into()).2,
        "wrong-passphrase"
    );
    assert_eq!(
        matched(pem, PASSPHRASE, rfc4716),
        (
            "true".into(),
            "public-key".into(),
            "same-key".into(),
            fp.into()
        )
    );
}

#[wasm_bindgen_test]
fn match_key_refuses_other_keys_changed_case_and_cut_short_fingerprints() {
    let key = corpus_text("rsa2048-pkcs1.pem");
    let fp = corpus_fingerprint("rsa2048-pkcs1.pem");
    let other = corpus_fingerprint("rsa4096-pkcs1-sshkeygen.pem");
    assert_eq!(matched(key.clone(), "", other.into()).2, "different-key");
    assert_eq!(
        matched(key.clone(), "", fp.to_lowercase().into()),
        (
            "false".into(),
            "fingerprint-sha256".into(),
            "case-mismatch".into(),
            fp.into()
        )
    );
    let cut = &fp[..fp.len() - 1];
    assert_eq!(
        matched(key.clone(), "", cut.into()),
        (
            "-".into(),
            "fingerprint-sha256".into(),
            "fingerprint-incomplete".into(),
            fp.into()
        )
    );
    assert_eq!(
        matched(key.clone(), "", "my laptop's key".into()),
        (
            "-".into(),
            "unknown".into(),
            "other-unreadable".into(),
            fp.into()
        )
    );
    // A private key pasted to compare: compared, and named.
    let private = matched(key.clone(), "", corpus_text("rsa2048-openssh-puttygen.key"));
    assert_eq!(
        (private.0.as_str(), private.2.as_str()),
        ("true", "other-is-private-key")
    );
    assert_eq!(
        error_code(match_key(key, JsValue::UNDEFINED, JsValue::from(42)).expect_err("number")),
        "invalid-option"
    );
}

/// The clone URL table (tests/clone-urls.tsv) through `checkCloneUrl`, as the page calls it.
#[wasm_bindgen_test]
fn clone_url_table_matches_in_the_browser() {
    for row in clone_url_table::rows() {
        let r = check_clone_url(row.input.clone().into()).expect("checkCloneUrl");
        let problems = js_sys::Array::from(&get(&r, "problems"));
        let codes: Vec<String> = problems.iter().map(|p| text(&p, "code")).collect();
        let codes = if codes.is_empty() {
            "-".to_string()
        } else {
            codes.join(",")
        };
        let path = match text(&r, "path") {
            p if p.is_empty() => "\"\"".to_string(),
            p => p,
        };
        let got = [
            text(&r, "ok"),
            text(&r, "form"),
            text(&r, "hostKind"),
            text(&r, "host"),
            text(&r, "port"),
            text(&r, "user"),
            path,
            codes,
            text(&r, "suggestion"),
        ];
        let want = row.expected();
        assert_eq!(got, want, "line {}: {:?}", row.line, row.input);
        for p in problems.iter() {
            assert!(["error", "warning", "info"].contains(&text(&p, "severity").as_str()));
            assert!(!text(&p, "message").is_empty() && !text(&p, "fix").is_empty());
        }
        assert!(!text(&r, "hostName").is_empty());
        assert!(get(&r, "cleaned").is_string());
        let guide = get(&r, "guide");
        for key in ["accountKeys", "keyTypes"] {
            assert!(get(&guide, key).is_string(), "guide.{key}");
        }
        let verify = get(&guide, "verify");
        for shell in ["sh", "powershell", "cmd"] {
            assert!(get(&verify, shell).is_string(), "guide.verify.{shell}");
        }
        assert!(get(&r, "hostGuessed").as_bool().is_some());
        for key in ["accountKeysUrl", "deployKeys", "deployKeysUrl"] {
            let v = get(&guide, key);
            assert!(v.is_null() || v.is_string(), "guide.{key}");
        }
        let docs = get(&guide, "docs");
        assert!(js_sys::Array::is_array(&docs) && js_sys::Array::from(&docs).length() > 0);
    }
}

#[wasm_bindgen_test]
fn clone_url_guide_and_misuse() {
    let r = check_clone_url("https://github.com/acme/app".into()).expect("checkCloneUrl");
    let guide = get(&r, "guide");
    assert_eq!(
        text(&guide, "accountKeysUrl"),
        "https://github.com/settings/keys"
    );
    assert_eq!(
        text(&guide, "deployKeysUrl"),
        "https://github.com/acme/app/settings/keys"
    );
    assert_eq!(text(&r, "port"), "-");
    let r = check_clone_url("ssh://git@git.example.com:2222/x.git".into()).expect("checkCloneUrl");
    assert_eq!(get(&r, "port").as_f64(), Some(2222.0));
    assert_eq!(
        error_code(check_clone_url(JsValue::from(42)).expect_err("a number")),
        "invalid-option"
    );
    assert_eq!(
        error_code(check_clone_url(JsValue::UNDEFINED).expect_err("undefined")),
        "invalid-option"
    );
}

/// `convertKey(input, {to, passphrase, newPassphrase, derivedKeys})` with every derivation the engine asks for
/// (`kdf-needed`) made by `deriveKey`, as www/js/derive-keys.js does: the result and the KDF names asked for.
fn convert_deriving(
    input: JsValue,
    to: &str,
    passphrase: &str,
    new: &str,
) -> (String, Vec<String>) {
    let derived = js_sys::Array::new();
    let mut asked = Vec::new();
    loop {
        let opts = options(&[
            ("to", to.into()),
            ("passphrase", passphrase.into()),
            ("newPassphrase", new.into()),
            ("rounds", 2.into()),
            ("derivedKeys", derived.clone().into()),
        ]);
        match convert_key(input.clone(), opts) {
            Ok(out) => return (out.into(), asked),
            Err(err) => {
                assert_eq!(error_code(err.clone()), "kdf-needed");
                assert!(asked.len() < 4, "asked again and again: {asked:?}");
                let request = get(&err, "kdf");
                asked.push(text(&request, "name"));
                let pass = if get(&request, "write").is_truthy() {
                    new
                } else {
                    passphrase
                };
                let key = derive_key(request.clone(), Uint8Array::from(pass.as_bytes()))
                    .expect("derived");
                let item = Object::assign(&Object::new(), request.unchecked_ref());
                Reflect::set(&item, &"key".into(), &key).expect("set");
                derived.push(&item);
            }
        }
    }
}

#[wasm_bindgen_test]
fn every_kdf_goes_through_kdf_needed_when_the_caller_derives() {
    let plain: String = convert_key(
        corpus_text("rsa2048-pkcs1.pem"),
        options(&[("to", "pkcs1".into())]),
    )
    .expect("plain")
    .into();
    for (name, kdf) in [
        ("rsa2048-pkcs8-pbkdf2-sha256-aes-256-cbc.pem", "pbkdf2"),
        ("rsa2048-openssh-aes256-ctr.key", "bcrypt"),
        ("rsa2048-ppk3-argon2id.ppk", "argon2id"),
    ] {
        let (out, asked) = convert_deriving(corpus_text(name), "pkcs1", PASSPHRASE, "");
        assert_eq!(out, plain, "{name}");
        assert_eq!(asked, [kdf], "{name}");
    }
    // Writes: a fresh salt asked for, then used with the bytes given; read back by the same loop.
    for (to, kdf) in [
        ("openssh", "bcrypt"),
        ("ppk3", "argon2id"),
        ("pkcs8", "pbkdf2"),
    ] {
        let (written, asked) = convert_deriving(plain.clone().into(), to, "", "new passphrase 5c1");
        assert_eq!(asked, [kdf], "{to}");
        let (back, _) = convert_deriving(written.into(), "pkcs1", "new passphrase 5c1", "");
        assert_eq!(back, plain, "{to}");
    }
}
