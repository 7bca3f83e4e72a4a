//! keyfit's checker and converter on files, natively: one JSON object per file on standard output, for
//! `tools/compare-with-tools.py`, which holds the answers against ssh-keygen, openssl, puttygen and JSch.
//! TEST TOOL ONLY: it writes converted private keys where it is told to.
//!
//! Usage: `cargo run --example inspect -- [--passphrase-file P] [--pkcs1-out OUT] [--repaired-out OUT] FILE`
//!
//! With `--pkcs1-out`, the key is also converted to PKCS#1 (keeping its passphrase, if any) and written to OUT;
//! the JSON then says `"convert": "ok"` or the error code. With `--repaired-out`, the repaired text (if any) is
//! written to OUT.

use keyfit::inspect;
use keyfit::Kdf;
use keyfit::{convert_key, ConvertOptions, Format};
use std::fmt::Write as _;
use zeroize::Zeroizing;

/// A JSON string literal.
fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_string(), json_str)
}

fn kdf_json(kdf: &Kdf) -> String {
    let mut out = format!("{{\"name\":{}", json_str(kdf.name()));
    match kdf {
        Kdf::Bcrypt { rounds } => {
            let _ = write!(out, ",\"rounds\":{rounds}");
        }
        Kdf::Pbkdf2 { prf, iterations } => {
            let _ = write!(
                out,
                ",\"prf\":{},\"iterations\":{iterations}",
                json_str(prf)
            );
        }
        Kdf::Pbkdf1 { hash, iterations } | Kdf::Pkcs12 { hash, iterations } => {
            let _ = write!(
                out,
                ",\"hash\":{},\"iterations\":{iterations}",
                json_str(hash)
            );
        }
        Kdf::Scrypt { log_n, r, p } => {
            let _ = write!(out, ",\"logN\":{log_n},\"r\":{r},\"p\":{p}");
        }
        Kdf::Argon2 {
            memory_kib,
            passes,
            parallelism,
            ..
        } => {
            let _ = write!(
                out,
                ",\"memoryKib\":{memory_kib},\"passes\":{passes},\"parallelism\":{parallelism}"
            );
        }
        _ => {}
    }
    out.push('}');
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut passphrase: Option<Zeroizing<Vec<u8>>> = None;
    let mut pkcs1_out: Option<String> = None;
    let mut repaired_out: Option<String> = None;
    let mut file: Option<String> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--passphrase-file" => {
                let path = args.next().ok_or("--passphrase-file needs a file")?;
                passphrase = Some(Zeroizing::new(std::fs::read(path)?));
            }
            "--pkcs1-out" => pkcs1_out = Some(args.next().ok_or("--pkcs1-out needs a file")?),
            "--repaired-out" => {
                repaired_out = Some(args.next().ok_or("--repaired-out needs a file")?)
            }
            _ if file.is_none() => file = Some(arg),
            _ => return Err(format!("unexpected argument {arg}").into()),
        }
    }
    let file = file.ok_or(
        "usage: inspect [--passphrase-file P] [--pkcs1-out OUT] [--repaired-out OUT] FILE",
    )?;
    let bytes = std::fs::read(&file)?;
    let report = inspect(&bytes, passphrase.as_deref().map(|p| &p[..]));

    let mut out = String::from("{");
    let _ = write!(out, "\"file\":{}", json_str(&file));
    let _ = write!(
        out,
        ",\"format\":{}",
        json_opt(report.format.map(|f| f.name()))
    );
    let kind = report.private.map(|p| if p { "private" } else { "public" });
    let _ = write!(out, ",\"kind\":{}", json_opt(kind));
    let _ = write!(
        out,
        ",\"algorithm\":{}",
        json_opt(report.algorithm.map(|a| a.name()))
    );
    let bits = report.bits.map_or("null".into(), |b| b.to_string());
    let _ = write!(out, ",\"bits\":{bits}");
    let _ = write!(out, ",\"encrypted\":{}", report.encrypted);
    let _ = write!(out, ",\"cipher\":{}", json_opt(report.cipher.as_deref()));
    let kdf = report.kdf.as_ref().map_or("null".into(), kdf_json);
    let _ = write!(out, ",\"kdf\":{kdf}");
    let _ = write!(out, ",\"comment\":{}", json_opt(report.comment.as_deref()));
    let _ = write!(
        out,
        ",\"fingerprintSha256\":{}",
        json_opt(report.fingerprint_sha256.as_deref())
    );
    let _ = write!(
        out,
        ",\"publicKey\":{}",
        json_opt(report.public_key.as_deref())
    );
    let _ = write!(out, ",\"jiraReady\":{}", report.jira_ready);
    out.push_str(",\"problems\":[");
    for (i, p) in report.problems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "{{\"code\":{},\"severity\":{},\"message\":{},\"fix\":{}}}",
            json_str(p.code),
            json_str(p.severity.name()),
            json_str(&p.message),
            json_str(&p.fix)
        );
    }
    out.push_str("],\"repairs\":[");
    let repairs: Vec<String> = report.repairs.iter().map(|r| json_str(r.code())).collect();
    out.push_str(&repairs.join(","));
    out.push(']');

    if let (Some(path), Some(text)) = (repaired_out, &report.repaired_text) {
        std::fs::write(path, text.as_bytes())?;
    }
    if let Some(path) = pkcs1_out {
        let mut opts = ConvertOptions::new(Format::Pkcs1);
        if let Some(p) = &passphrase {
            let p = String::from_utf8(p.to_vec()).map_err(|_| "the passphrase is not UTF-8")?;
            opts.passphrase = p.clone().into();
            opts.new_passphrase = p.into();
        }
        match convert_key(&bytes, &opts, &mut rand_core::OsRng) {
            Ok(text) => {
                std::fs::write(&path, text.as_bytes())?;
                out.push_str(",\"convert\":\"ok\"");
            }
            Err(e) => {
                let _ = write!(out, ",\"convert\":{}", json_str(e.code()));
            }
        }
    }
    out.push('}');
    println!("{out}");
    Ok(())
}
