"""DER read as a list of (tag, content) TLVs: shared by tools/compare-with-tools.py and tests/bad/make.sh."""


def der_items(data):
    """(tag, content) of each TLV in data (one-byte tags; short or long definite lengths)."""
    out, i = [], 0
    while i < len(data):
        tag = data[i]
        n = data[i + 1]
        i += 2
        if n & 0x80:
            k = n & 0x7F
            n = int.from_bytes(data[i:i + k], "big")
            i += k
        out.append((tag, data[i:i + n]))
        i += n
    return out
