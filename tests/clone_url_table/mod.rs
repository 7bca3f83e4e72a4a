//! The clone URL table, tests/clone-urls.tsv, read the same way by the native test (tests/clone_url.rs) and the
//! wasm test in Chromium (tests/wasm_api.rs).
//!
//! One row per line, tab-separated: input, ok, form, hostKind, host, port, user, path, codes (in order,
//! comma-separated), suggestion; `-` for null or none. Lines starting with `#` are comments. In the input,
//! `\n`, `\t`, `\r`, `\s` (space), `\\` and `\u{XXXX}` stand for those characters, and `\A{N}` for N letters `a`.
#![allow(dead_code)]

/// The table.
pub const TABLE: &str = include_str!("../clone-urls.tsv");

/// One expected report.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    pub input: String,
    pub ok: bool,
    pub form: String,
    pub kind: String,
    pub host: String,
    pub port: String,
    pub user: String,
    pub path: String,
    pub codes: String,
    pub suggestion: String,
}

impl Row {
    /// The expected report as text, in the order ok, form, hostKind, host, port, user, path, codes, suggestion.
    pub fn expected(&self) -> [String; 9] {
        [
            self.ok.to_string(),
            self.form.clone(),
            self.kind.clone(),
            self.host.clone(),
            self.port.clone(),
            self.user.clone(),
            self.path.clone(),
            self.codes.clone(),
            self.suggestion.clone(),
        ]
    }
}

/// Every row of the table.
pub fn rows() -> Vec<Row> {
    TABLE
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        .skip(1) // the header
        .map(|(i, l)| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 10, "line {}: {} columns", i + 1, c.len());
            Row {
                line: i + 1,
                input: unescape(c[0]),
                ok: match c[1] {
                    "true" => true,
                    "false" => false,
                    other => panic!("line {}: ok is {other}", i + 1),
                },
                form: c[2].into(),
                kind: c[3].into(),
                host: c[4].into(),
                port: c[5].into(),
                user: c[6].into(),
                path: c[7].into(),
                codes: c[8].into(),
                suggestion: c[9].into(),
            }
        })
        .collect()
}

/// The input column with its escapes replaced.
pub fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('s') => out.push(' '),
            Some('\\') => out.push('\\'),
            Some(kind @ ('u' | 'A')) => {
                let rest: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let arg = rest.trim_start_matches('{');
                if kind == 'u' {
                    let code = u32::from_str_radix(arg, 16).expect("\\u{hex}");
                    out.push(char::from_u32(code).expect("a char"));
                } else {
                    out.push_str(&"a".repeat(arg.parse().expect("\\A{count}")));
                }
            }
            other => panic!("unknown escape \\{other:?} in {s}"),
        }
    }
    out
}

/// `value` or `-` for none.
pub fn or_dash(value: Option<impl ToString>) -> String {
    value.map_or_else(|| "-".to_string(), |v| v.to_string())
}
