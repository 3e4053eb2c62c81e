//! Text formats of the datetime types: UTC offsets (`+05:30`), `strftime` (CPython's `wrap_strftime`:
//! `%z`, `%:z`, `%Z` and `%f` are expanded here, the rest is `time.strftime`'s), and the `fromisoformat`
//! parsers, which follow CPython 3.12's C parsers exactly (including what they reject).

use super::{dt_of, time_of, timedelta, tzinfo, Delta};
use crate::error::PyResult;
use crate::ops;
use crate::Value;

/// An offset as `+HH<sep>MM[<sep>SS[.ffffff]]` (CPython's `format_utcoffset` body).
pub fn offset_text(off: &Delta, sep: &str) -> String {
    let (sign, d) = if off.days < 0 { ('-', timedelta::from_us(-off.total_us()).unwrap_or(*off)) } else { ('+', *off) };
    let (h, m, s) = (d.secs / 3600, d.secs / 60 % 60, d.secs % 60);
    if d.us != 0 {
        format!("{sign}{h:02}{sep}{m:02}{sep}{s:02}.{:06}", d.us)
    } else if s != 0 {
        format!("{sign}{h:02}{sep}{m:02}{sep}{s:02}")
    } else {
        format!("{sign}{h:02}{sep}{m:02}")
    }
}

/// The UTC offset of `tz` for `arg`, formatted, or "" when it has none.
pub fn format_utcoffset(sep: &str, tz: &Value, arg: &Value) -> PyResult<String> {
    Ok(match tzinfo::call_offset(tz, "utcoffset", arg)? {
        Some((_, off)) => offset_text(&off, sep),
        None => String::new(),
    })
}

/// The tzinfo of a datetime or time (None for a date).
fn tzinfo_member(obj: &Value) -> Value {
    if let Some(p) = dt_of(obj) {
        return p.tz.clone();
    }
    if let Some(p) = time_of(obj) {
        return p.tz.clone();
    }
    Value::None
}

/// CPython's `wrap_strftime`: expands `%z`, `%:z`, `%Z` and `%f` itself, then calls `time.strftime`.
pub fn wrap_strftime(obj: &Value, fmt: &str, timetuple: Value, tzinfoarg: &Value) -> PyResult<Value> {
    let mut out = String::with_capacity(fmt.len() + 8);
    let (mut z, mut colonz, mut zname, mut f): (Option<String>, Option<String>, Option<String>, Option<String>) =
        (None, None, None, None);
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        i += 1;
        if ch != '%' {
            out.push(ch);
            continue;
        }
        let Some(&next) = chars.get(i) else {
            out.push('%');
            continue;
        };
        i += 1;
        match next {
            'z' => {
                if z.is_none() {
                    z = Some(format_utcoffset("", &tzinfo_member(obj), tzinfoarg)?);
                }
                out.push_str(z.as_deref().unwrap_or(""));
            }
            ':' if chars.get(i) == Some(&'z') => {
                i += 1;
                if colonz.is_none() {
                    colonz = Some(format_utcoffset(":", &tzinfo_member(obj), tzinfoarg)?);
                }
                out.push_str(colonz.as_deref().unwrap_or(""));
            }
            'Z' => {
                if zname.is_none() {
                    let tz = tzinfo_member(obj);
                    let name = if tz.is_none() { Value::None } else { tzinfo::call_tzname(&tz, tzinfoarg)? };
                    // The name goes into the format, so its `%` signs are doubled.
                    zname = Some(name.as_str().map(|s| s.replace('%', "%%")).unwrap_or_default());
                }
                out.push_str(zname.as_deref().unwrap_or(""));
            }
            'f' => {
                if f.is_none() {
                    let us = if let Some(p) = time_of(obj) {
                        p.us
                    } else if let Some(p) = dt_of(obj) {
                        p.us
                    } else {
                        0
                    };
                    f = Some(format!("{us:06}"));
                }
                out.push_str(f.as_deref().unwrap_or(""));
            }
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    let time = super::import("time")?;
    let strftime = ops::attr::getattr_str(&time, "strftime")?;
    ops::call::call(&strftime, &[Value::from(out), timetuple], &[])
}

// ---------------------------------------------------------------------------------------------------------
// fromisoformat

/// The byte at `i`, or 0 past the end (the C parsers read the terminating NUL).
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// `n` ASCII digits at `*p`, accumulated onto `var` (CPython's `parse_digits`).
fn digits(b: &[u8], p: &mut usize, var: &mut i64, n: usize) -> bool {
    for _ in 0..n {
        let c = at(b, *p);
        *p += 1;
        if !c.is_ascii_digit() {
            return false;
        }
        *var = *var * 10 + (c - b'0') as i64;
    }
    true
}

/// `parse_isoformat_date` over `b[..len]` (reading on past `len` as C does, up to the string's end).
fn parse_date_bytes(b: &[u8], len: usize) -> Option<(i64, i64, i64)> {
    let mut p = 0;
    let (mut y, mut m, mut d) = (0i64, 0i64, 0i64);
    if !digits(b, &mut p, &mut y, 4) {
        return None;
    }
    let sep = at(b, p) == b'-';
    if sep {
        p += 1;
    }
    if at(b, p) == b'W' {
        p += 1;
        let (mut week, mut day) = (0i64, 0i64);
        if !digits(b, &mut p, &mut week, 2) {
            return None;
        }
        if p < len {
            if sep {
                let c = at(b, p);
                p += 1;
                if c != b'-' {
                    return None;
                }
            }
            if !digits(b, &mut p, &mut day, 1) {
                return None;
            }
        } else {
            day = 1;
        }
        return super::calendar::iso_to_ymd_unchecked(y, week, day).ok();
    }
    if !digits(b, &mut p, &mut m, 2) {
        return None;
    }
    if sep {
        let c = at(b, p);
        p += 1;
        if c != b'-' {
            return None;
        }
    }
    if !digits(b, &mut p, &mut d, 2) {
        return None;
    }
    Some((y, m, d))
}

/// `date.fromisoformat`'s parse: lengths 7, 8 and 10 only.
pub fn parse_isoformat_date(s: &str) -> Option<(i64, i64, i64)> {
    let b = s.as_bytes();
    if !matches!(b.len(), 7 | 8 | 10) {
        return None;
    }
    parse_date_bytes(b, b.len())
}

/// A parsed time: fields plus the UTC offset in (seconds, microseconds) when one was given.
pub struct ParsedTime {
    pub h: i64,
    pub m: i64,
    pub s: i64,
    pub us: i64,
    pub tz: Option<(i64, i64)>,
}

/// CPython's `parse_hh_mm_ss_ff` over `b[start..end]`: 0 at the end, 1 when characters follow, negative on
/// errors. `b` is the whole string; reads past its end see NUL.
fn parse_hh_mm_ss_ff(b: &[u8], start: usize, end: usize, vals: &mut [i64; 4]) -> i32 {
    let mut p = start;
    let mut has_sep = true;
    for (i, slot) in vals.iter_mut().take(3).enumerate() {
        let mut v = 0;
        if !digits(b, &mut p, &mut v, 2) {
            return -3;
        }
        *slot = v;
        let c = at(b, p);
        p += 1;
        if i == 0 {
            has_sep = c == b':';
        }
        if p >= end {
            return (c != 0) as i32;
        } else if has_sep && c == b':' {
            continue;
        } else if c == b'.' || c == b',' {
            break;
        } else if !has_sep {
            p -= 1;
        } else {
            return -4;
        }
    }
    let remains = end.saturating_sub(p);
    let to_parse = remains.min(6);
    let mut us = 0;
    if !digits(b, &mut p, &mut us, to_parse) {
        return -3;
    }
    if to_parse == 0 {
        // NOTE: CPython indexes its correction table at -1 here (undefined behaviour in C); 3.12 builds reject
        // the string, which is what this does.
        return -3;
    }
    const CORRECTION: [i64; 5] = [100_000, 10_000, 1_000, 100, 10];
    if to_parse < 6 {
        us *= CORRECTION[to_parse - 1];
    }
    vals[3] = us;
    while at(b, p).is_ascii_digit() {
        p += 1;
    }
    (at(b, p) != 0) as i32
}

/// CPython's `parse_isoformat_time` over `b[start..]`.
fn parse_time_bytes(b: &[u8], start: usize) -> Option<ParsedTime> {
    let end = b.len();
    let mut tzpos = start;
    loop {
        let c = at(b, tzpos);
        if c == b'Z' || c == b'+' || c == b'-' {
            break;
        }
        tzpos += 1;
        if tzpos >= end {
            break;
        }
    }
    let mut vals = [0i64; 4];
    let rv = parse_hh_mm_ss_ff(b, start, tzpos, &mut vals);
    let mk = |tz| ParsedTime { h: vals[0], m: vals[1], s: vals[2], us: vals[3], tz };
    if rv < 0 {
        return None;
    }
    if tzpos >= end {
        return if rv == 1 { None } else { Some(mk(None)) };
    }
    if at(b, tzpos) == b'Z' {
        return if at(b, tzpos + 1) != 0 { None } else { Some(mk(Some((0, 0)))) };
    }
    let sign = if at(b, tzpos) == b'-' { -1 } else { 1 };
    let mut tv = [0i64; 4];
    let rv = parse_hh_mm_ss_ff(b, tzpos + 1, end, &mut tv);
    if rv != 0 {
        return None;
    }
    Some(mk(Some((sign * (tv[0] * 3600 + tv[1] * 60 + tv[2]), sign * tv[3]))))
}

/// `time.fromisoformat`'s parse (an optional leading `T`).
pub fn parse_isoformat_time(s: &str) -> Option<ParsedTime> {
    let b = s.as_bytes();
    let start = (at(b, 0) == b'T') as usize;
    parse_time_bytes(b, start)
}

/// CPython's `_find_isoformat_datetime_separator`.
fn find_separator(b: &[u8]) -> Option<usize> {
    let len = b.len();
    if len == 7 {
        return Some(7);
    }
    if at(b, 4) == b'-' {
        if at(b, 5) == b'W' {
            if len < 8 {
                return None;
            }
            if len > 8 && at(b, 8) == b'-' {
                if len == 9 {
                    return None;
                }
                if len > 10 && at(b, 10).is_ascii_digit() {
                    return Some(8);
                }
                return Some(10);
            }
            return Some(8);
        }
        return Some(10);
    }
    if at(b, 4) == b'W' {
        let mut idx = 7;
        while idx < len && at(b, idx).is_ascii_digit() {
            idx += 1;
        }
        if idx < 9 {
            return Some(idx);
        }
        return Some(if idx % 2 == 0 { 7 } else { 8 });
    }
    Some(8)
}

/// `datetime.fromisoformat`'s parse: date fields, then a time when anything follows the separator.
pub fn parse_isoformat_datetime(s: &str) -> Option<((i64, i64, i64), ParsedTime)> {
    let b = s.as_bytes();
    let sep = find_separator(b)?;
    // The date parser is told where the separator is, but reads digits on past it as C does.
    let ymd = parse_date_bytes(b, sep)?;
    let mut t = ParsedTime { h: 0, m: 0, s: 0, us: 0, tz: None };
    if b.len() > sep {
        t = parse_time_bytes(b, sep + 1)?;
    }
    Some((ymd, t))
}
