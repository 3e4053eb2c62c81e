//! Searching in `bytes` and `bytearray`: `find`, `rfind`, `index`, `rindex`, `count`, `startswith`,
//! `endswith`, `replace`, `removeprefix` and `removesuffix`.
//!
//! The needle of the find family is a bytes-like object or an int in range(256). Substring search is
//! Horspool's algorithm (the standard library has none for byte slices, and the runtime takes no new
//! dependency for it); one-byte needles are a plain scan.

use std::borrow::Cow;

use crate::builtins::bytes::{
    buffer, buffer_arg, clamped_index, has_index, one_arg, positional, ssize_arg, varargs, Kind, This,
};
use crate::builtins::str::adjust_indices;
use crate::error::{type_error, value_error, PyResult};
use crate::Value;

/// The first position of `needle` in `hay`.
pub(crate) fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (n, m) = (hay.len(), needle.len());
    if m == 0 {
        return Some(0);
    }
    if m > n {
        return None;
    }
    if m == 1 {
        return hay.iter().position(|&b| b == needle[0]);
    }
    let mut shift = [m; 256];
    for (i, &b) in needle[..m - 1].iter().enumerate() {
        shift[b as usize] = m - 1 - i;
    }
    let mut i = 0;
    while i + m <= n {
        let last = hay[i + m - 1];
        if last == needle[m - 1] && hay[i..i + m - 1] == needle[..m - 1] {
            return Some(i);
        }
        i += shift[last as usize];
    }
    None
}

/// The last position of `needle` in `hay` (Horspool run from the right).
pub(crate) fn rfind_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (n, m) = (hay.len(), needle.len());
    if m == 0 {
        return Some(n);
    }
    if m > n {
        return None;
    }
    if m == 1 {
        return hay.iter().rposition(|&b| b == needle[0]);
    }
    let mut shift = [m; 256];
    for (i, &b) in needle[1..].iter().enumerate().rev() {
        shift[b as usize] = i + 1;
    }
    let mut i = n - m;
    loop {
        let first = hay[i];
        if first == needle[0] && hay[i + 1..i + m] == needle[1..] {
            return Some(i);
        }
        let s = shift[first as usize];
        if i < s {
            return None;
        }
        i -= s;
    }
}

/// The positions of the non-overlapping occurrences of `needle` (not empty) in `hay`, from the left.
pub(crate) fn find_all(hay: &[u8], needle: &[u8], max: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() < max {
        match find_bytes(&hay[i..], needle) {
            Some(p) => {
                out.push(i + p);
                i += p + needle.len();
            }
            None => break,
        }
    }
    out
}

/// The needle of the find family: a bytes-like object, or an int in range(256) (CPython's
/// `parse_args_finds_byte`).
fn needle(v: &Value) -> PyResult<Cow<'_, [u8]>> {
    if let Some(b) = buffer(v)? {
        return Ok(b);
    }
    if !has_index(v) {
        return Err(type_error(format!("argument should be integer or bytes-like object, not '{}'", v.type_name())));
    }
    let i = clamped_index(v)?;
    match u8::try_from(i) {
        Ok(b) => Ok(Cow::Owned(vec![b])),
        Err(_) => Err(value_error("byte must be in range(0, 256)")),
    }
}

/// Parses `(sub[, start[, end]])`: the range first, then the needle, in CPython's order of checks.
fn find_args<'a>(
    k: Kind,
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
) -> PyResult<(This<'a>, Cow<'a, [u8]>, usize, usize)> {
    let (s, a) = varargs(k, name, args, kwargs, 1, 3)?;
    let (start, end) = adjust_indices(a.get(1), a.get(2), s.data.len())?;
    let sub = needle(&a[0])?;
    Ok((s, sub, start, end))
}

/// The index of `sub` in `data[start:end]`, with CPython's answers for empty needles and empty or inverted
/// ranges.
fn find_in(data: &[u8], sub: &[u8], start: usize, end: usize, reverse: bool) -> Option<usize> {
    if end < start || end - start < sub.len() {
        return None;
    }
    let hay = &data[start..end];
    let p = if reverse { rfind_bytes(hay, sub) } else { find_bytes(hay, sub) }?;
    Some(start + p)
}

fn position(found: Option<usize>) -> Value {
    Value::Int(found.map_or(-1, |i| i as i64))
}

pub(crate) fn m_find(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(k, "find", args, kwargs)?;
    Ok(position(find_in(&s.data, &sub, start, end, false)))
}

pub(crate) fn m_rfind(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(k, "rfind", args, kwargs)?;
    Ok(position(find_in(&s.data, &sub, start, end, true)))
}

pub(crate) fn m_index(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(k, "index", args, kwargs)?;
    find_in(&s.data, &sub, start, end, false)
        .map(|i| Value::Int(i as i64))
        .ok_or_else(|| value_error("subsection not found"))
}

pub(crate) fn m_rindex(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(k, "rindex", args, kwargs)?;
    find_in(&s.data, &sub, start, end, true)
        .map(|i| Value::Int(i as i64))
        .ok_or_else(|| value_error("subsection not found"))
}

pub(crate) fn m_count(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args(k, "count", args, kwargs)?;
    if end < start || end - start < sub.len() {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int((end - start + 1) as i64));
    }
    let hay = &s.data[start..end];
    let n = if sub.len() == 1 {
        hay.iter().filter(|&&b| b == sub[0]).count()
    } else {
        find_all(hay, &sub, usize::MAX).len()
    };
    Ok(Value::Int(n as i64))
}

/// Whether `sub` matches `data[start:end]` at its start (or at its end, for `endswith`).
fn tail_match(data: &[u8], sub: &[u8], start: usize, end: usize, at_end: bool) -> bool {
    let n = sub.len();
    if end < start || end - start < n {
        return false;
    }
    let at = if at_end { end - n } else { start };
    &data[at..at + n] == sub
}

fn starts_or_ends(k: Kind, name: &str, args: &[Value], kwargs: &[(Value, Value)], at_end: bool) -> PyResult<Value> {
    let (s, a) = varargs(k, name, args, kwargs, 1, 3)?;
    let (start, end) = adjust_indices(a.get(1), a.get(2), s.data.len())?;
    if let Some(items) = a[0].as_tuple() {
        for item in items {
            if tail_match(&s.data, &buffer_arg(item)?, start, end, at_end) {
                return Ok(Value::Bool(true));
            }
        }
        return Ok(Value::Bool(false));
    }
    let Some(sub) = buffer(&a[0])? else {
        return Err(type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            a[0].type_name()
        )));
    };
    Ok(Value::Bool(tail_match(&s.data, &sub, start, end, at_end)))
}

pub(crate) fn m_startswith(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    starts_or_ends(k, "startswith", args, kwargs, false)
}

pub(crate) fn m_endswith(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    starts_or_ends(k, "endswith", args, kwargs, true)
}

/// `data` with at most `max` (all when `None`) non-overlapping `old` replaced by `new`; `None` when nothing
/// was replaced. An empty `old` matches before every byte and at the end.
pub(crate) fn replace_bytes(data: &[u8], old: &[u8], new: &[u8], max: Option<usize>) -> Option<Vec<u8>> {
    let max = max.unwrap_or(usize::MAX);
    if max == 0 {
        return None;
    }
    if old.is_empty() {
        let n = max.min(data.len() + 1);
        let mut out = Vec::with_capacity(data.len() + new.len() * n);
        for (i, &b) in data.iter().enumerate() {
            if i < n {
                out.extend_from_slice(new);
            }
            out.push(b);
        }
        if n > data.len() {
            out.extend_from_slice(new);
        }
        return Some(out);
    }
    let hits = find_all(data, old, max);
    if hits.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() + hits.len() * new.len());
    let mut last = 0;
    for i in hits {
        out.extend_from_slice(&data[last..i]);
        out.extend_from_slice(new);
        last = i + old.len();
    }
    out.extend_from_slice(&data[last..]);
    Some(out)
}

pub(crate) fn m_replace(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = positional(k, "replace", args, kwargs, 2, 3)?;
    let old = buffer_arg(&a[0])?;
    let new = buffer_arg(&a[1])?;
    let count = match a.get(2) {
        Some(v) => ssize_arg(v)?,
        None => -1,
    };
    match replace_bytes(&s.data, &old, &new, usize::try_from(count).ok()) {
        Some(out) => Ok(k.make(out)),
        None => Ok(s.unchanged()),
    }
}

pub(crate) fn m_removeprefix(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, p) = one_arg(k, "removeprefix", args, kwargs)?;
    let p = buffer_arg(p)?;
    match s.data.strip_prefix(&p[..]) {
        Some(rest) if !p.is_empty() => Ok(k.make(rest.to_vec())),
        _ => Ok(s.unchanged()),
    }
}

pub(crate) fn m_removesuffix(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, p) = one_arg(k, "removesuffix", args, kwargs)?;
    let p = buffer_arg(p)?;
    match s.data.strip_suffix(&p[..]) {
        Some(rest) if !p.is_empty() => Ok(k.make(rest.to_vec())),
        _ => Ok(s.unchanged()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn horspool_agrees_with_naive_search() {
        let hay = b"abracadabra abracadabra xx";
        for needle in [&b"abra"[..], b"cad", b"a", b"xx", b"ra a", b"zzz", b"", b"abracadabra abracadabra xxy"] {
            let naive = (0..=hay.len().saturating_sub(needle.len()))
                .find(|&i| hay.len() >= needle.len() && &hay[i..i + needle.len()] == needle);
            let rnaive = (0..=hay.len().saturating_sub(needle.len()))
                .rev()
                .find(|&i| hay.len() >= needle.len() && &hay[i..i + needle.len()] == needle);
            assert_eq!(find_bytes(hay, needle), naive, "{needle:?}");
            assert_eq!(rfind_bytes(hay, needle), rnaive, "{needle:?}");
        }
        assert_eq!(find_all(b"aaaa", b"aa", usize::MAX), [0, 2]);
    }

    #[test]
    fn replacement() {
        assert_eq!(replace_bytes(b"abc", b"", b"-", None).as_deref(), Some(&b"-a-b-c-"[..]));
        assert_eq!(replace_bytes(b"abc", b"", b"-", Some(2)).as_deref(), Some(&b"-a-bc"[..]));
        assert_eq!(replace_bytes(b"", b"", b"x", None).as_deref(), Some(&b"x"[..]));
        assert_eq!(replace_bytes(b"aaaa", b"aa", b"b", None).as_deref(), Some(&b"bb"[..]));
        assert_eq!(replace_bytes(b"abc", b"z", b"y", None), None);
        assert!(tail_match(b"hello", b"llo", 0, 5, true) && !tail_match(b"abc", b"", 5, 3, false));
    }
}
