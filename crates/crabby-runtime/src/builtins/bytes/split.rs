//! Cutting and gluing `bytes` and `bytearray`: `split`, `rsplit`, `splitlines`, `partition`, `rpartition` and
//! `join`. Whitespace is ASCII whitespace (`Py_ISSPACE`), and lines end only at `\n`, `\r` and `\r\n`.

use crate::builtins::bytes::case::is_space;
use crate::builtins::bytes::search::{find_bytes, rfind_bytes};
use crate::builtins::bytes::{buffer, buffer_arg, keywords, one_arg, pieces_list, ssize_arg, Kind};
use crate::builtins::exceptions::ExcKind;
use crate::builtins::tuple;
use crate::error::{type_error, value_error, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

/// `data.split()` with at most `max` splits: runs of whitespace separate words.
fn split_whitespace(data: &[u8], max: usize) -> Vec<&[u8]> {
    let n = data.len();
    let mut out = Vec::new();
    let mut i = 0;
    let mut left = max;
    while left > 0 {
        while i < n && is_space(data[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        let j = i;
        while i < n && !is_space(data[i]) {
            i += 1;
        }
        out.push(&data[j..i]);
        left -= 1;
    }
    while i < n && is_space(data[i]) {
        i += 1;
    }
    if i < n {
        out.push(&data[i..]);
    }
    out
}

/// `data.rsplit()` with at most `max` splits counted from the right.
fn rsplit_whitespace(data: &[u8], max: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = data.len();
    let mut left = max;
    while left > 0 {
        while i > 0 && is_space(data[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        let j = i;
        while i > 0 && !is_space(data[i - 1]) {
            i -= 1;
        }
        out.push(&data[i..j]);
        left -= 1;
    }
    while i > 0 && is_space(data[i - 1]) {
        i -= 1;
    }
    if i > 0 {
        out.push(&data[..i]);
    }
    out.reverse();
    out
}

/// `data.split(sep)` with at most `max` splits (`sep` is not empty).
fn split_sep<'a>(data: &'a [u8], sep: &[u8], max: usize) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() < max {
        match find_bytes(&data[i..], sep) {
            Some(p) => {
                out.push(&data[i..i + p]);
                i += p + sep.len();
            }
            None => break,
        }
    }
    out.push(&data[i..]);
    out
}

/// `data.rsplit(sep)` with at most `max` splits counted from the right (`sep` is not empty).
fn rsplit_sep<'a>(data: &'a [u8], sep: &[u8], max: usize) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut j = data.len();
    while out.len() < max {
        match rfind_bytes(&data[..j], sep) {
            Some(p) => {
                out.push(&data[p + sep.len()..j]);
                j = p;
            }
            None => break,
        }
    }
    out.push(&data[..j]);
    out.reverse();
    out
}

fn split_impl(k: Kind, name: &str, args: &[Value], kwargs: &[(Value, Value)], reverse: bool) -> PyResult<Value> {
    let (s, a) = keywords(k, name, args, kwargs, &["sep", "maxsplit"])?;
    let sep = match &a[0] {
        None | Some(Value::None) => None,
        Some(v) => Some(buffer_arg(v)?.into_owned()),
    };
    let max = match &a[1] {
        Some(v) => usize::try_from(ssize_arg(v)?).unwrap_or(usize::MAX),
        None => usize::MAX,
    };
    let data = &s.data;
    let pieces = match &sep {
        None if reverse => rsplit_whitespace(data, max),
        None => split_whitespace(data, max),
        Some(p) if p.is_empty() => return Err(value_error("empty separator")),
        Some(p) if reverse => rsplit_sep(data, p, max),
        Some(p) => split_sep(data, p, max),
    };
    Ok(pieces_list(&s, pieces))
}

pub(crate) fn m_split(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    split_impl(k, "split", args, kwargs, false)
}

pub(crate) fn m_rsplit(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    split_impl(k, "rsplit", args, kwargs, true)
}

/// The lines of `data`, split at `\n`, `\r` and `\r\n`, with or without their ends.
fn split_lines(data: &[u8], keepends: bool) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < data.len() {
        let b = data[i];
        if b != b'\n' && b != b'\r' {
            i += 1;
            continue;
        }
        let eol = i;
        i += 1;
        if b == b'\r' && data.get(i) == Some(&b'\n') {
            i += 1;
        }
        out.push(&data[start..if keepends { i } else { eol }]);
        start = i;
    }
    if start < data.len() {
        out.push(&data[start..]);
    }
    out
}

pub(crate) fn m_splitlines(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = keywords(k, "splitlines", args, kwargs, &["keepends"])?;
    let keepends = match &a[0] {
        Some(v) => ops::truthy(v)?,
        None => false,
    };
    let pieces = split_lines(&s.data, keepends);
    Ok(pieces_list(&s, pieces))
}

fn partition_impl(k: Kind, name: &str, args: &[Value], kwargs: &[(Value, Value)], reverse: bool) -> PyResult<Value> {
    let (s, sep_v) = one_arg(k, name, args, kwargs)?;
    let sep = buffer_arg(sep_v)?;
    if sep.is_empty() {
        return Err(value_error("empty separator"));
    }
    let data = &s.data;
    let found = if reverse { rfind_bytes(data, &sep) } else { find_bytes(data, &sep) };
    let empty = || k.make(Vec::new());
    // `bytes` returns the separator object itself (whatever bytes-like type it is) and, when it is not found,
    // the receiver itself; `bytearray` returns new bytearrays.
    let (sep_out, whole) = match k {
        Kind::Bytes => (sep_v.clone(), s.v.clone()),
        Kind::ByteArray => (k.make(sep.to_vec()), s.unchanged()),
    };
    Ok(tuple::new_tuple(match found {
        Some(i) => vec![k.make(data[..i].to_vec()), sep_out, k.make(data[i + sep.len()..].to_vec())],
        None if reverse => vec![empty(), empty(), whole],
        None => vec![whole, empty(), empty()],
    }))
}

pub(crate) fn m_partition(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    partition_impl(k, "partition", args, kwargs, false)
}

pub(crate) fn m_rpartition(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    partition_impl(k, "rpartition", args, kwargs, true)
}

/// The items of the iterable given to `join`, as CPython's `PySequence_Fast` collects them.
fn join_items(v: &Value) -> PyResult<Vec<Value>> {
    match v.payload() {
        Some(Payload::List(l)) => return Ok(l.read().clone()),
        Some(Payload::Tuple(t)) => return Ok(t.to_vec()),
        _ => {}
    }
    let it = match ops::iter::iter(v) {
        Ok(it) => it,
        Err(e) if e.matches(ExcKind::TypeError) => return Err(type_error("can only join an iterable")),
        Err(e) => return Err(e),
    };
    let mut items = Vec::new();
    while let Some(x) = ops::iter::next(&it)? {
        items.push(x);
    }
    Ok(items)
}

pub(crate) fn m_join(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, iterable) = one_arg(k, "join", args, kwargs)?;
    let items = join_items(iterable)?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // An item that cannot lend its contents (a released memoryview too) gets CPython's message.
        match buffer(item) {
            Ok(Some(b)) => parts.push(b),
            _ => {
                return Err(type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    item.type_name()
                )))
            }
        }
    }
    // A single exact `bytes` item is the result itself.
    if k == Kind::Bytes && items.len() == 1 && items[0].ty().ptr_eq(&crate::builtins::types().bytes) {
        return Ok(items[0].clone());
    }
    let total = parts.iter().map(|p| p.len()).sum::<usize>() + s.data.len() * items.len().saturating_sub(1);
    let mut out = Vec::with_capacity(total);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&s.data);
        }
        out.extend_from_slice(p);
    }
    Ok(k.make(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits() {
        assert_eq!(split_whitespace(b"  a b  c ", usize::MAX), [&b"a"[..], b"b", b"c"]);
        assert_eq!(split_whitespace(b"  a b  c ", 1), [&b"a"[..], b"b  c "]);
        assert_eq!(split_whitespace(b"a\x1cb", usize::MAX), [&b"a\x1cb"[..]]);
        assert_eq!(rsplit_whitespace(b"  a b  c ", 1), [&b"  a b"[..], b"c"]);
        assert_eq!(split_sep(b"a,b,,c,", b",", 1), [&b"a"[..], b"b,,c,"]);
        assert_eq!(rsplit_sep(b"aaa", b"aa", usize::MAX), [&b"a"[..], b""]);
        assert_eq!(split_lines(b"a\nb\r\nc\rd\x0be", false), [&b"a"[..], b"b", b"c", b"d\x0be"]);
        assert_eq!(split_lines(b"\r\r\n", true), [&b"\r"[..], b"\r\n"]);
    }
}
