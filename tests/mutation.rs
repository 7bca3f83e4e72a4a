//! Seeded mutation test: every corpus file, mutated a few hundred ways (bytes, lines, truncation, and bytes
//! inside the decoded base64 re-encoded so the text stays well-formed), goes through `inspect` and, for a subset,
//! `convert_key` to PKCS#1. Nothing may panic, hang or quote the input's base64 in a message.
//!
//! Every mutation draws from its own ChaCha20 stream, named by (seed, file, index), so a failure is replayed
//! alone with `KEYFIT_MUTATION=<file>:<index> cargo test --test mutation -- --nocapture`; another seed is
//! explored with `KEYFIT_MUTATION_SEED=<u64>`.

mod common;

use common::{corpus, Expected, PASSPHRASE};
use keyfit::inspect;
use keyfit::{convert_key, ConvertOptions, Format};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The default seed.
const SEED: u64 = 0x6b65_7966_6974_0001;
/// Mutations per corpus file.
const PER_FILE: u64 = 500;
/// One mutation in this many also goes through `convert_key`.
const CONVERT_EVERY: u64 = 3;
/// Hang guard per input (not a benchmark): the costliest legitimate work here is a PBKDF2 whose iteration
/// count a mutation raised up to keyfit's cap.
const HANG_GUARD: Duration = Duration::from_secs(5);

/// What a mutation did.
#[derive(Clone, Copy, Debug)]
enum Kind {
    FlipByte,
    InsertByte,
    DeleteByte,
    DeleteLine,
    DuplicateLine,
    SwapLines,
    Truncate,
    /// A byte of a decoded base64 blob (or of a DER file) XORed, then re-encoded and re-wrapped.
    BlobFlip,
    /// A byte of a decoded blob set to a value that means something to a length parser (0x00, 0x80, 0x84, 0xff...).
    BlobSpecialByte,
    /// Four bytes of a decoded blob overwritten with a boundary u32 (a length or count field, if it lands on one).
    BlobU32,
    /// A decoded blob cut short and re-encoded: well-formed base64 of too few bytes.
    BlobTruncate,
}

const KINDS: [Kind; 11] = [
    Kind::FlipByte,
    Kind::InsertByte,
    Kind::DeleteByte,
    Kind::DeleteLine,
    Kind::DuplicateLine,
    Kind::SwapLines,
    Kind::Truncate,
    Kind::BlobFlip,
    Kind::BlobSpecialByte,
    Kind::BlobU32,
    Kind::BlobTruncate,
];

/// One mutated input, and how to name it.
struct Mutation {
    bytes: Vec<u8>,
    kind: Kind,
    offset: usize,
}

fn below(rng: &mut ChaCha20Rng, n: usize) -> usize {
    if n == 0 {
        0
    } else {
        (rng.next_u64() % n as u64) as usize
    }
}

/// Byte ranges of the lines of `b`, each without its line end.
fn lines(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' {
            let end = if i > start && b[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            out.push((start, end));
            start = i + 1;
        }
    }
    if start < b.len() {
        out.push((start, b.len()));
    }
    out
}

fn is_b64(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'='
}

/// A base64 blob in a text: the line ranges it spans (a run of base64-only lines, or one token of a public key
/// line).
struct Blob {
    /// (start, end) of each piece, in order.
    pieces: Vec<(usize, usize)>,
}

/// The base64 blobs of a text: runs of consecutive base64-only lines of 16 characters or more, and the second
/// field of `ssh-... AAAA... comment` lines.
fn blobs(b: &[u8]) -> Vec<Blob> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    for (s, e) in lines(b) {
        let line = &b[s..e];
        if line.len() >= 4 && line.iter().all(|&c| is_b64(c)) {
            run.push((s, e));
            continue;
        }
        if !run.is_empty() {
            out.push(Blob {
                pieces: std::mem::take(&mut run),
            });
        }
        let mut fields = line.split(|&c| c == b' ');
        if let (Some(first), Some(second)) = (fields.next(), fields.next()) {
            if first.len() > 4
                && first.is_ascii()
                && second.len() >= 16
                && second.iter().all(|&c| is_b64(c))
            {
                let start = s + first.len() + 1;
                out.push(Blob {
                    pieces: vec![(start, start + second.len())],
                });
            }
        }
    }
    if !run.is_empty() {
        out.push(Blob { pieces: run });
    }
    out.retain(|blob| blob.pieces.iter().map(|(s, e)| e - s).sum::<usize>() >= 16);
    out
}

fn b64_decode(s: &[u8]) -> Option<Vec<u8>> {
    use base64ct::{Base64, Encoding};
    Base64::decode_vec(std::str::from_utf8(s).ok()?).ok()
}

fn b64_encode(b: &[u8]) -> String {
    use base64ct::{Base64, Encoding};
    Base64::encode_string(b)
}

const SPECIAL_BYTES: [u8; 8] = [0x00, 0x01, 0x7f, 0x80, 0x81, 0x84, 0x88, 0xff];
const SPECIAL_U32: [u32; 10] = [
    0,
    1,
    0x7f,
    0x100,
    0xffff,
    0x0100_0000,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_fffe,
    0xffff_ffff,
];

/// Mutates decoded bytes in place; returns the offset touched.
fn mutate_blob(rng: &mut ChaCha20Rng, kind: Kind, data: &mut Vec<u8>) -> usize {
    let at = below(rng, data.len());
    match kind {
        Kind::BlobFlip => data[at] ^= 1 << below(rng, 8),
        Kind::BlobSpecialByte => data[at] = SPECIAL_BYTES[below(rng, SPECIAL_BYTES.len())],
        Kind::BlobU32 => {
            let v = SPECIAL_U32[below(rng, SPECIAL_U32.len())].to_be_bytes();
            for (i, byte) in v.iter().enumerate() {
                if let Some(d) = data.get_mut(at + i) {
                    *d = *byte;
                }
            }
        }
        _ => data.truncate(at),
    }
    at
}

/// One mutation of `orig`, drawn from `rng`.
fn mutate(rng: &mut ChaCha20Rng, orig: &[u8]) -> Mutation {
    let kind = KINDS[below(rng, KINDS.len())];
    let mut b = orig.to_vec();
    let ls = lines(&b);
    let offset = match kind {
        Kind::FlipByte => {
            let at = below(rng, b.len());
            b[at] ^= 1 << below(rng, 8);
            at
        }
        Kind::InsertByte => {
            let at = below(rng, b.len() + 1);
            // Half of the time a byte that means something to a text parser.
            let byte = if rng.next_u32() % 2 == 0 {
                b"\n\r -:=\\\"\0"[below(rng, 9)]
            } else {
                rng.next_u32() as u8
            };
            b.insert(at, byte);
            at
        }
        Kind::DeleteByte => {
            let at = below(rng, b.len());
            b.remove(at);
            at
        }
        Kind::DeleteLine | Kind::DuplicateLine | Kind::SwapLines if !ls.is_empty() => {
            let i = below(rng, ls.len());
            let (s, e) = ls[i];
            let line_with_end = {
                let end = (e..b.len())
                    .find(|&k| b[k] == b'\n')
                    .map_or(b.len(), |k| k + 1);
                (s, end)
            };
            match kind {
                Kind::DeleteLine => {
                    b.drain(line_with_end.0..line_with_end.1);
                }
                Kind::DuplicateLine => {
                    let copy = b[line_with_end.0..line_with_end.1].to_vec();
                    b.splice(line_with_end.1..line_with_end.1, copy);
                }
                _ => {
                    // Another line (a one-line file swaps its line with the empty text after it).
                    let j = (i + 1 + below(rng, ls.len().max(2) - 1)) % ls.len().max(2);
                    let ls = [ls.clone(), vec![(b.len(), b.len())]].concat();
                    let (i, j) = (i.min(j), i.max(j));
                    let (a, z) = (ls[i], ls[j]);
                    let mut out = b[..a.0].to_vec();
                    out.extend_from_slice(&b[z.0..z.1]);
                    out.extend_from_slice(&b[a.1..z.0]);
                    out.extend_from_slice(&b[a.0..a.1]);
                    out.extend_from_slice(&b[z.1..]);
                    b = out;
                }
            }
            s
        }
        Kind::Truncate | Kind::DeleteLine | Kind::DuplicateLine | Kind::SwapLines => {
            let at = below(rng, b.len());
            b.truncate(at);
            at
        }
        Kind::BlobFlip | Kind::BlobSpecialByte | Kind::BlobU32 | Kind::BlobTruncate => {
            let text_blobs = if std::str::from_utf8(orig).is_ok() {
                blobs(orig)
            } else {
                Vec::new()
            };
            if text_blobs.is_empty() {
                // Binary (DER) input: the file is the blob.
                mutate_blob(rng, kind, &mut b)
            } else {
                let blob = &text_blobs[below(rng, text_blobs.len())];
                let joined: Vec<u8> = blob
                    .pieces
                    .iter()
                    .flat_map(|&(s, e)| orig[s..e].iter().copied())
                    .collect();
                let Some(mut data) = b64_decode(&joined) else {
                    // Not decodable as one blob (e.g. PGP armour checksum): flip a byte of the text instead.
                    let at = blob.pieces[0].0;
                    b[at] ^= 1;
                    return Mutation {
                        bytes: b,
                        kind,
                        offset: at,
                    };
                };
                let at = mutate_blob(rng, kind, &mut data);
                let encoded = b64_encode(&data);
                // Re-wrap at the width of the first piece; the line end of the original.
                let width = (blob.pieces[0].1 - blob.pieces[0].0).max(4);
                let crlf = orig[blob.pieces[0].1..].starts_with(b"\r\n");
                let mut wrapped = Vec::new();
                for (k, chunk) in encoded.as_bytes().chunks(width).enumerate() {
                    if k > 0 {
                        wrapped.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
                    }
                    wrapped.extend_from_slice(chunk);
                }
                let start = blob.pieces[0].0;
                let end = blob.pieces[blob.pieces.len() - 1].1;
                b.splice(start..end, wrapped);
                start + at * 4 / 3
            }
        }
    };
    Mutation {
        bytes: b,
        kind,
        offset,
    }
}

/// Whether the file's KDF is cheap enough to run the passphrase on every mutation (legacy PEM, ppk2, ssh.com
/// and PBKDF2; not bcrypt, Argon2 or scrypt).
fn cheap_kdf(e: &Expected) -> bool {
    e.encrypted
        && match e.format.as_str() {
            "pkcs1" | "ppk2" | "sshcom" => true,
            "pkcs8" => !e.file.contains("scrypt"),
            _ => false,
        }
}

/// The ChaCha20 stream of mutation `index` of `file`.
fn rng_for(seed: u64, file: &str, index: u64) -> ChaCha20Rng {
    let mut rng = ChaCha20Rng::seed_from_u64(seed);
    // FNV-1a of the file name, so adding a corpus file does not shift the others' streams.
    let h = file.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, c| {
        (h ^ u64::from(c)).wrapping_mul(0x100_0000_01b3)
    });
    rng.set_stream(h ^ index);
    rng
}

/// Runs of 40+ base64 characters of `text` that occur in `input` (input's non-base64 characters dropped).
fn quotes_key_material(input: &[u8], text: &str) -> bool {
    const RUN: usize = 40;
    let runs: Vec<&[u8]> = text
        .as_bytes()
        .split(|&c| !is_b64(c))
        .filter(|r| r.len() >= RUN)
        .collect();
    if runs.is_empty() {
        return false;
    }
    let flat: Vec<u8> = input.iter().copied().filter(|&c| is_b64(c)).collect();
    runs.iter()
        .flat_map(|r| r.windows(RUN))
        .any(|w| flat.windows(RUN).any(|f| f == w))
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic".into())
}

/// Runs one mutation through the library; returns what went wrong.
/// Also returns the first problem code of the last inspection ("no-problem" when there is none), for the
/// summary.
fn exercise(
    m: &Mutation,
    pass: Option<&[u8]>,
    convert: bool,
    seed: u64,
) -> (Vec<String>, &'static str) {
    let mut bad = Vec::new();
    let mut outcome = "panic";
    for p in [None, pass]
        .into_iter()
        .take(if pass.is_some() { 2 } else { 1 })
    {
        let start = Instant::now();
        match catch_unwind(AssertUnwindSafe(|| inspect(&m.bytes, p))) {
            Err(e) => bad.push(format!("inspect panicked: {}", panic_text(e.as_ref()))),
            Ok(r) => {
                outcome = r.problems.first().map_or("no-problem", |p| p.code);
                for prob in &r.problems {
                    if quotes_key_material(&m.bytes, &prob.message)
                        || quotes_key_material(&m.bytes, &prob.fix)
                    {
                        bad.push(format!("{} quotes the input's base64", prob.code));
                    }
                }
            }
        }
        if start.elapsed() > HANG_GUARD {
            bad.push(format!("inspect took {:?}", start.elapsed()));
        }
    }
    if convert {
        let mut opts = ConvertOptions::new(Format::Pkcs1);
        if let Some(p) = pass {
            opts.passphrase = String::from_utf8_lossy(p).into_owned().into();
        }
        let mut rng = ChaCha20Rng::seed_from_u64(seed);
        let start = Instant::now();
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| convert_key(&m.bytes, &opts, &mut rng))) {
            bad.push(format!("convert_key panicked: {}", panic_text(e.as_ref())));
        }
        if start.elapsed() > HANG_GUARD {
            bad.push(format!("convert_key took {:?}", start.elapsed()));
        }
    }
    (bad, outcome)
}

/// Progress shared with the watchdog: mutations finished, and the one under way.
struct Progress {
    done: AtomicU64,
    current: Mutex<String>,
}

#[test]
fn mutated_corpus_files_never_panic_or_hang() {
    let seed = std::env::var("KEYFIT_MUTATION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED);
    let only: Option<(String, u64)> = std::env::var("KEYFIT_MUTATION").ok().map(|s| {
        let (f, i) = s.rsplit_once(':').expect("KEYFIT_MUTATION=<file>:<index>");
        (f.to_string(), i.parse().expect("index"))
    });
    let progress = Arc::new(Progress {
        done: AtomicU64::new(0),
        current: Mutex::new(String::new()),
    });
    let shared = Arc::clone(&progress);
    let replay_one = only.is_some();
    let start = Instant::now();
    let worker = std::thread::spawn(move || {
        let mut failures = Vec::new();
        let mut inspected = 0u64;
        let mut converted = 0u64;
        let mut outcomes = std::collections::BTreeMap::new();
        for e in corpus() {
            let orig = common::read(&e.file);
            let pass = cheap_kdf(&e).then_some(PASSPHRASE.as_bytes());
            for index in 0..PER_FILE {
                if only
                    .as_ref()
                    .is_some_and(|(f, i)| *f != e.file || *i != index)
                {
                    continue;
                }
                let mut rng = rng_for(seed, &e.file, index);
                let m = mutate(&mut rng, &orig);
                let name = format!(
                    "seed={seed:#x} file={} index={index} kind={:?} offset={}",
                    e.file, m.kind, m.offset
                );
                if let Ok(mut c) = shared.current.lock() {
                    c.clone_from(&name);
                }
                let convert = index % CONVERT_EVERY == 0;
                let (problems, outcome) = exercise(&m, pass, convert, seed);
                for problem in problems {
                    failures.push(format!("{name}: {problem}"));
                }
                *outcomes.entry(outcome).or_insert(0u64) += 1;
                inspected += 1 + u64::from(pass.is_some());
                converted += u64::from(convert);
                shared.done.fetch_add(1, Ordering::Relaxed);
            }
        }
        (failures, inspected, converted, outcomes)
    });

    // Watchdog: a mutation that makes no progress for HANG_GUARD (plus slack) is a hang.
    let mut last = (0, Instant::now());
    while !worker.is_finished() {
        std::thread::sleep(Duration::from_millis(50));
        let done = progress.done.load(Ordering::Relaxed);
        if done != last.0 {
            last = (done, Instant::now());
        } else if last.1.elapsed() > HANG_GUARD * 2 {
            let current = progress
                .current
                .lock()
                .map(|c| c.clone())
                .unwrap_or_default();
            panic!(
                "hang guard: no progress for {:?} on {current}",
                last.1.elapsed()
            );
        }
    }
    let (failures, inspected, converted, outcomes) = worker.join().expect("worker thread");
    let mutations = progress.done.load(Ordering::Relaxed);
    println!(
        "{mutations} mutations (seed {seed:#x}): {inspected} inspections, {converted} conversions in {:?}",
        start.elapsed()
    );
    println!("first problem of each mutated input: {outcomes:?}");
    assert!(
        failures.is_empty(),
        "{} failures (replay one with KEYFIT_MUTATION=<file>:<index>):\n{}",
        failures.len(),
        failures.join("\n")
    );
    if !replay_one {
        assert!(mutations >= 10_000, "only {mutations} mutations ran");
    }
}

#[test]
fn mutations_are_reproducible_and_varied() {
    let orig = common::read("rsa2048-pkcs1-aes-128-cbc.pem");
    let a = mutate(&mut rng_for(SEED, "x", 5), &orig);
    let b = mutate(&mut rng_for(SEED, "x", 5), &orig);
    assert_eq!(a.bytes, b.bytes);
    let mut kinds = std::collections::HashSet::new();
    let mut still_base64 = 0;
    for i in 0..300 {
        let m = mutate(&mut rng_for(SEED, "x", i), &orig);
        assert_ne!(m.bytes, orig, "mutation {i} ({:?}) changed nothing", m.kind);
        kinds.insert(format!("{:?}", m.kind));
        if matches!(m.kind, Kind::BlobFlip) {
            // The text is still well-formed: same line structure, only the base64 changed.
            assert_eq!(lines(&m.bytes).len(), lines(&orig).len());
            still_base64 += 1;
        }
    }
    assert_eq!(kinds.len(), KINDS.len(), "{kinds:?}");
    assert!(still_base64 > 0);
}
