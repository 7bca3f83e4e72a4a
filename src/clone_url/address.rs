//! Host addresses: IPv4 as the C resolver reads it, IPv6 groups, and whether an address or name is out of
//! Jira Cloud's reach.

use super::text::{has_any, number, At};

/// Whether a host is out of Jira Cloud's reach: local names, private, loopback, link-local and shared
/// addresses, and names without a domain. (Hand-written: std's address parsers cost 3 KB of wasm, and read neither
/// `127.1` nor `0x7f.1`, which ssh's resolver takes.)
pub(super) fn is_private(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if h.contains(':') {
        // IPv6: unspecified, loopback, unique local fc00::/7, link-local fe80::/10, or a mapped IPv4 address.
        return ipv6(h.split('%').next().unwrap_or("")).is_some_and(|g| {
            (g[..7] == [0; 7] && g[7] <= 1)
                || g[0] & 0xfe00 == 0xfc00
                || g[0] & 0xffc0 == 0xfe80
                || (g[..6] == [0, 0, 0, 0, 0, 0xffff]
                    && private_v4((u32::from(g[6]) << 16) | u32::from(g[7])))
        });
    }
    if let Some(ip) = ipv4(&h) {
        return private_v4(ip);
    }
    !h.contains('.')
        || h == "localhost"
        || has_any(
            &h,
            At::End,
            &[
                ".localhost",
                ".local",
                ".internal",
                ".lan",
                ".home.arpa",
                ".localdomain",
            ],
        )
}

/// Private (RFC 1918), loopback, "this network", link-local and shared (RFC 6598) IPv4 addresses.
fn private_v4(ip: u32) -> bool {
    let [a, b, ..] = ip.to_be_bytes();
    matches!((a, b), (10 | 127 | 0, _) | (192, 168) | (169, 254))
        || (a == 172 && (16..32).contains(&b))
        || (a == 100 && (64..128).contains(&b))
}

/// An IPv4 address as the C resolver (`inet_aton`) reads it: one to four parts, each decimal, octal (`0` first)
/// or hex (`0x`), the last filling the bytes left (`127.1` is 127.0.0.1).
fn ipv4(h: &str) -> Option<u32> {
    let count = h.split('.').count();
    if count > 4 {
        return None;
    }
    let mut ip = 0u32;
    for (i, part) in h.split('.').enumerate() {
        let (digits, radix) = match part.strip_prefix("0x") {
            Some(hex) => (hex, 16),
            None if part.len() > 1 && part.starts_with('0') => (&part[1..], 8),
            None => (part, 10),
        };
        let v = number(digits, radix)?;
        let last = i + 1 == count;
        let bits = if last { 8 * (4 - i) } else { 8 };
        if bits < 32 && v >> bits != 0 {
            return None;
        }
        ip |= if last { v } else { v << (24 - 8 * i) };
    }
    Some(ip)
}

/// An IPv6 address's eight groups (`::` expanded, a dotted IPv4 tail read as two groups).
pub(super) fn ipv6(h: &str) -> Option<[u16; 8]> {
    let (mut head, mut tail) = ([0u16; 8], [0u16; 8]);
    let (n, m, gap) = match h.split_once("::") {
        Some((a, b)) => (groups(a, &mut head)?, groups(b, &mut tail)?, 1),
        None => (groups(h, &mut head)?, 0, 0),
    };
    // `::` stands for one group or more; without it, all eight are written.
    if n + m + gap > 8 || (gap == 0 && n != 8) {
        return None;
    }
    head[8 - m..].copy_from_slice(&tail[..m]);
    Some(head)
}

/// Reads `a:b:c` into `out`; the number of groups.
fn groups(s: &str, out: &mut [u16; 8]) -> Option<usize> {
    let mut n = 0;
    if s.is_empty() {
        return Some(0);
    }
    for part in s.split(':') {
        if part.contains('.') {
            let v4 = ipv4(part).filter(|_| part.split('.').count() == 4)?;
            *out.get_mut(n + 1)? = v4 as u16;
            out[n] = (v4 >> 16) as u16;
            n += 2;
        } else if part.len() <= 4 {
            *out.get_mut(n)? = number(part, 16)? as u16;
            n += 1;
        } else {
            return None;
        }
    }
    Some(n)
}
