//! Character classes and case mappings with CPython's definitions: `str.isdigit` and friends, `str.isspace`
//! (which includes `\x1c`..`\x1f`), `str.isprintable`, identifiers, and full case mappings (`'ß'.upper()` is
//! `'SS'`, `'ﬁ'.title()` is `'Fi'`, final sigma).
//!
//! Every answer comes from [`unicode_db`](super::unicode_db), generated from CPython 3.12's own database, rather
//! than from Rust's `char` methods: those follow a newer Unicode version than CPython 3.12 (15.0.0) and define
//! some classes differently (`char::is_alphabetic` includes letter numbers and combining marks).

use super::unicode_db as db;

/// The database record of a code point.
#[inline]
fn record(c: char) -> &'static db::Record {
    let cp = c as usize;
    let mid = db::TOP[cp >> (db::SHIFT1 + db::SHIFT2)] as usize;
    let leaf = db::MID[(mid << db::SHIFT2) | ((cp >> db::SHIFT1) & ((1 << db::SHIFT2) - 1))] as usize;
    &db::RECORDS[db::LEAF[(leaf << db::SHIFT1) | (cp & ((1 << db::SHIFT1) - 1))] as usize]
}

#[inline]
fn has(c: char, flag: u32) -> bool {
    record(c).flags & flag != 0
}

/// `str.isalpha` for one character: general categories Lu, Ll, Lt, Lm and Lo.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    has(c, db::ALPHA)
}

/// `str.isdecimal`: characters with a decimal digit value (general category Nd).
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    has(c, db::DECIMAL)
}

/// `str.isdigit`: decimal digits plus other characters with a digit value (`'²'`, `'①'`).
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    has(c, db::DIGIT)
}

/// `str.isnumeric`: any character with a numeric value (`'½'`, `'Ⅷ'`, `'三'`).
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    has(c, db::NUMERIC)
}

/// `str.isalnum` for one character: CPython's `isalpha or isdecimal or isdigit or isnumeric`.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    has(c, db::ALPHA | db::NUMERIC)
}

/// Python's ASCII whitespace: `\t\n\v\f\r`, the separators `\x1c`..`\x1f`, and the space.
#[inline]
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | 0x1c..=0x1f | b' ')
}

/// `str.isspace` for one character, and the separator of `str.split()`/`str.strip()` without arguments:
/// bidirectional class WS, B or S, or general category Zs.
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return is_ascii_space(c as u8);
    }
    has(c, db::SPACE)
}

/// `str.isprintable` for one character: everything but the categories Cc, Cf, Cs, Co, Cn, Zl, Zp, and Zs
/// other than the space. `repr()` escapes exactly the characters that are not printable.
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    has(c, db::PRINTABLE)
}

/// The derived property Lowercase.
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_lowercase();
    }
    has(c, db::LOWER)
}

/// The derived property Uppercase.
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    has(c, db::UPPER)
}

/// General category Lt (`'ǅ'`).
pub fn is_title(c: char) -> bool {
    has(c, db::TITLE)
}

/// The derived property Cased: Lowercase, Uppercase or Lt.
pub fn is_cased(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    has(c, db::CASED)
}

/// The derived property Case_Ignorable (apostrophes, combining marks, modifier letters, ...).
pub fn is_case_ignorable(c: char) -> bool {
    has(c, db::CASE_IGNORABLE)
}

/// Whether `c` may start an identifier: XID_Start, or the underscore.
pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    has(c, db::ID_START)
}

/// Whether `c` may continue an identifier: XID_Continue.
pub fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    has(c, db::ID_CONTINUE)
}

/// The line boundaries of `str.splitlines`: `\n`, `\r`, `\v`, `\f`, `\x1c`, `\x1d`, `\x1e`, `\x85`, U+2028 and
/// U+2029.
#[inline]
pub fn is_linebreak(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c as u8, b'\n' | 0x0b | 0x0c | b'\r' | 0x1c..=0x1e);
    }
    has(c, db::LINEBREAK)
}

/// The decimal digit value of `c` (any Unicode decimal digit, as `int()` and `str.format` field numbers accept).
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    let r = record(c);
    (r.flags & db::DECIMAL != 0).then_some((r.flags >> 16) & 15)
}

/// The digit value of `c` (decimal digits and digits such as `'²'`).
pub fn digit_value(c: char) -> Option<u32> {
    let r = record(c);
    (r.flags & db::DIGIT != 0).then_some((r.flags >> 16) & 15)
}

/// Appends the mapping `m` of `c` (a delta or a multi-character expansion) to `out`.
#[inline]
fn push_mapped(c: char, m: i32, out: &mut String) {
    if m >= db::EXT_FLAG {
        let m = (m - db::EXT_FLAG) as usize;
        let (len, start) = (m >> 16, m & 0xffff);
        for &u in &db::EXT[start..start + len] {
            out.push(char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER));
        }
    } else {
        let u = (c as i32 + m) as u32;
        out.push(char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER));
    }
}

/// Appends the full uppercase mapping of `c` (`'ß'` becomes `"SS"`).
#[inline]
pub fn push_upper(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(c, record(c).upper, out);
    }
}

/// Appends the full lowercase mapping of `c`, without context: a capital sigma becomes `'σ'` (the callers
/// that know the surrounding text apply the final-sigma rule, see [`final_sigma`]).
#[inline]
pub fn push_lower(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        push_mapped(c, record(c).lower, out);
    }
}

/// Appends the full titlecase mapping of `c` (`'ǆ'` becomes `'ǅ'`, `'ß'` becomes `"Ss"`).
#[inline]
pub fn push_title(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        push_mapped(c, record(c).title, out);
    }
}

/// Appends the full case folding of `c` (`'ß'` becomes `"ss"`), for `str.casefold`.
#[inline]
pub fn push_fold(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        push_mapped(c, record(c).fold, out);
    }
}

/// CPython's rule for lowercasing U+03A3 GREEK CAPITAL LETTER SIGMA found between `before` and `after`: it
/// becomes the final form `'ς'` when a cased letter precedes it and none follows it, case-ignorable
/// characters being skipped both ways (`\p{cased}\p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased})`).
pub fn final_sigma(before: &str, after: &str) -> char {
    let prev = before.chars().rev().find(|&c| !is_case_ignorable(c));
    let mut is_final = prev.is_some_and(is_cased);
    if is_final {
        let next = after.chars().find(|&c| !is_case_ignorable(c));
        is_final = !next.is_some_and(is_cased);
    }
    if is_final {
        'ς'
    } else {
        'σ'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(f: fn(char, &mut String), s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            f(c, &mut out);
        }
        out
    }

    #[test]
    fn classes_follow_cpython() {
        assert!(is_space('\x1c') && is_space('\u{85}') && is_space('\u{3000}') && !is_space('\u{200b}'));
        assert!(is_digit('²') && !is_decimal('²') && is_numeric('½') && !is_digit('½') && is_numeric('三'));
        assert!(is_decimal('٣') && decimal_value('٣') == Some(3) && digit_value('²') == Some(2));
        assert!(!is_alpha('ⅷ') && is_numeric('ⅷ') && is_alpha('ǅ') && is_title('ǅ'));
        assert!(!is_printable('\u{a0}') && !is_printable('\u{2028}') && is_printable('é') && !is_printable('\u{378}'));
        assert!(is_id_start('℘') && is_id_continue('·') && !is_id_start('·') && is_id_start('_'));
        assert!(is_linebreak('\u{2029}') && !is_linebreak('\x1f'));
        // Unicode 16 gave U+019B an uppercase; CPython 3.12's database has none.
        assert_eq!(map(push_upper, "\u{19b}"), "\u{19b}");
    }

    #[test]
    fn full_case_mappings() {
        assert_eq!(map(push_upper, "straße ﬁ"), "STRASSE FI");
        assert_eq!(map(push_title, "ßﬁǆ"), "SsFiǅ");
        assert_eq!(map(push_lower, "İΣ"), "i\u{307}σ");
        assert_eq!(map(push_fold, "ßΣς"), "ssσσ");
        assert_eq!(final_sigma("ΑΣ", ""), 'ς');
        assert_eq!(final_sigma("", "Α"), 'σ');
        assert_eq!(final_sigma("Α'", " "), 'ς');
        assert_eq!(final_sigma("Α", "'Α"), 'σ');
    }
}
