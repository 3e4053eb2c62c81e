//! Searching in `str`: `find`, `rfind`, `index`, `rindex`, `count`, `startswith`, `endswith` and `replace`.
//!
//! Offsets in the Python API are code points; the search itself runs on the UTF-8 bytes of the selected range
//! and only the position found is converted back. Substrings are found with `memchr::memmem` (vectorised;
//! std's two-way searcher was 5% of a word-counting benchmark's time in `count` and `replace`).

use crate::builtins::str::{
    adjust_indices, as_pystr, exact, new_string, new_string_len, positional, ssize_arg, str_arg, varargs, PyStr,
};
use crate::error::{type_error, value_error, PyResult};
use crate::Value;

/// The code-point index of `sub` in `s[start:end]`, searching from the left or from the right, with CPython's
/// answers for empty needles and empty or inverted ranges.
pub(crate) fn find_in(s: &PyStr, sub: &PyStr, start: usize, end: usize, reverse: bool) -> Option<usize> {
    if end < start || end - start < sub.char_len() {
        return None;
    }
    if sub.char_len() == 0 {
        return Some(if reverse { end } else { start });
    }
    let (a, b) = (s.byte_offset(start), s.byte_offset(end));
    let hay = &s.as_str()[a..b];
    let needle = sub.as_str();
    // A one-byte needle is an ASCII character: searching for the char uses memchr instead of a substring
    // searcher that has to be set up for each call.
    let pos = match (needle.len(), reverse) {
        (1, false) => hay.find(needle.as_bytes()[0] as char),
        (1, true) => hay.rfind(needle.as_bytes()[0] as char),
        (_, false) => memchr::memmem::find(hay.as_bytes(), needle.as_bytes()),
        (_, true) => memchr::memmem::rfind(hay.as_bytes(), needle.as_bytes()),
    }?;
    Some(s.char_index(a + pos))
}

/// Parses `(sub[, start[, end]])`: the range first, then the needle, in CPython's order of checks.
fn find_args<'a>(
    name: &str,
    args: &'a [Value],
    kwargs: &[(Value, Value)],
) -> PyResult<(&'a PyStr, &'a PyStr, usize, usize)> {
    let (s, a) = varargs(name, args, kwargs, 1, 3)?;
    let (start, end) = adjust_indices(a.get(1), a.get(2), s.char_len())?;
    let sub = as_pystr(&a[0]).ok_or_else(|| type_error(format!("must be str, not {}", a[0].type_name())))?;
    Ok((s, sub, start, end))
}

fn position(found: Option<usize>) -> Value {
    Value::Int(found.map_or(-1, |i| i as i64))
}

pub(crate) fn m_find(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("find", args, kwargs)?;
    Ok(position(find_in(s, sub, start, end, false)))
}

pub(crate) fn m_rfind(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("rfind", args, kwargs)?;
    Ok(position(find_in(s, sub, start, end, true)))
}

pub(crate) fn m_index(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("index", args, kwargs)?;
    find_in(s, sub, start, end, false).map(|i| Value::Int(i as i64)).ok_or_else(|| value_error("substring not found"))
}

pub(crate) fn m_rindex(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("rindex", args, kwargs)?;
    find_in(s, sub, start, end, true).map(|i| Value::Int(i as i64)).ok_or_else(|| value_error("substring not found"))
}

pub(crate) fn m_count(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, start, end) = find_args("count", args, kwargs)?;
    if end < start || end - start < sub.char_len() {
        return Ok(Value::Int(0));
    }
    if sub.char_len() == 0 {
        return Ok(Value::Int((end - start + 1) as i64));
    }
    let hay = &s.as_str()[s.byte_offset(start)..s.byte_offset(end)];
    let needle = sub.as_str();
    let n = if needle.len() == 1 {
        let b = needle.as_bytes()[0];
        hay.bytes().filter(|&x| x == b).count()
    } else if let [a, b] = *needle.as_bytes() {
        if a != b {
            // Two different bytes: matches cannot overlap (a match at `i` puts `b`, not `a`, at `i + 1`), so
            // the count is the number of adjacent pairs equal to the needle, which the compiler vectorises
            // (memmem stops and restarts its prefilter at every match, slow when matches are frequent).
            let h = hay.as_bytes();
            h.iter().zip(&h[1..]).filter(|&(&x, &y)| (x == a) & (y == b)).count()
        } else {
            memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes()).count()
        }
    } else {
        memchr::memmem::find_iter(hay.as_bytes(), needle.as_bytes()).count()
    };
    Ok(Value::Int(n as i64))
}

/// Whether `sub` matches `s[start:end]` at its start (or at its end, for `endswith`).
fn tail_match(s: &PyStr, sub: &PyStr, start: usize, end: usize, at_end: bool) -> bool {
    let n = sub.char_len();
    if end < start || end - start < n {
        return false;
    }
    if n == 0 {
        return true;
    }
    let offset = if at_end { end - n } else { start };
    let a = s.byte_offset(offset);
    let b = if s.is_ascii() {
        if !sub.is_ascii() {
            return false;
        }
        a + n
    } else {
        s.byte_offset(offset + n)
    };
    &s.as_str()[a..b] == sub.as_str()
}

fn starts_or_ends(name: &str, args: &[Value], kwargs: &[(Value, Value)], at_end: bool) -> PyResult<Value> {
    // The common call, one str and no bounds: a prefix (suffix) of code points is a prefix (suffix) of bytes.
    if let ([this, arg], []) = (args, kwargs) {
        if let (Some(s), Some(sub)) = (as_pystr(this), as_pystr(arg)) {
            let (s, sub) = (s.as_str(), sub.as_str());
            return Ok(Value::Bool(if at_end { s.ends_with(sub) } else { s.starts_with(sub) }));
        }
    }
    let (s, a) = varargs(name, args, kwargs, 1, 3)?;
    let (start, end) = adjust_indices(a.get(1), a.get(2), s.char_len())?;
    if let Some(items) = a[0].as_tuple() {
        for item in items {
            let Some(sub) = as_pystr(item) else {
                return Err(type_error(format!("tuple for {name} must only contain str, not {}", item.type_name())));
            };
            if tail_match(s, sub, start, end, at_end) {
                return Ok(Value::Bool(true));
            }
        }
        return Ok(Value::Bool(false));
    }
    let Some(sub) = as_pystr(&a[0]) else {
        return Err(type_error(format!("{name} first arg must be str or a tuple of str, not {}", a[0].type_name())));
    };
    Ok(Value::Bool(tail_match(s, sub, start, end, at_end)))
}

pub(crate) fn m_startswith(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    starts_or_ends("startswith", args, kwargs, false)
}

pub(crate) fn m_endswith(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    starts_or_ends("endswith", args, kwargs, true)
}

/// `text` with at most `max` (all when `None`) non-overlapping `old` replaced by `new`; `None` when nothing
/// was replaced. An empty `old` matches before every character and at the end.
pub(crate) fn replace_text(text: &str, old: &str, new: &str, max: Option<usize>) -> Option<String> {
    let max = max.unwrap_or(usize::MAX);
    if max == 0 {
        return None;
    }
    if old.is_empty() {
        let mut out = String::with_capacity(text.len() + new.len() * (text.len() + 1).min(max));
        let mut chars = text.char_indices();
        let mut rest = 0;
        for _ in 0..max {
            out.push_str(new);
            match chars.next() {
                Some((b, c)) => {
                    out.push(c);
                    rest = b + c.len_utf8();
                }
                None => {
                    rest = text.len();
                    break;
                }
            }
        }
        out.push_str(&text[rest..]);
        return Some(out);
    }
    let mut out = String::new();
    let mut last = 0;
    let mut done = 0;
    // memchr's vectorised searcher; a match of valid UTF-8 in valid UTF-8 starts and ends on char boundaries.
    for i in memchr::memmem::find_iter(text.as_bytes(), old.as_bytes()) {
        if done == max {
            break;
        }
        if done == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[last..i]);
        out.push_str(new);
        last = i + old.len();
        done += 1;
    }
    if done == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

pub(crate) fn m_replace(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = positional("replace", args, kwargs, 2, 3)?;
    let old = str_arg("replace", 1, &a[0])?;
    let new = str_arg("replace", 2, &a[1])?;
    let count = match a.get(2) {
        Some(v) => ssize_arg(v)?,
        None => -1,
    };
    let max = usize::try_from(count).ok();
    match replace_text(s.as_str(), old.as_str(), new.as_str(), max) {
        Some(out) if s.is_ascii() && new.is_ascii() => {
            let n = out.len();
            Ok(new_string_len(out, n))
        }
        Some(out) => Ok(new_string(out)),
        None => Ok(exact(&args[0], s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_counts() {
        assert_eq!(replace_text("abc", "", "-", None).as_deref(), Some("-a-b-c-"));
        assert_eq!(replace_text("abc", "", "-", Some(2)).as_deref(), Some("-a-bc"));
        assert_eq!(replace_text("", "", "x", None).as_deref(), Some("x"));
        assert_eq!(replace_text("aaaa", "aa", "b", None).as_deref(), Some("bb"));
        assert_eq!(replace_text("abab", "ab", "", Some(1)).as_deref(), Some("ab"));
        assert_eq!(replace_text("abc", "z", "y", None), None);
        assert_eq!(replace_text("abc", "a", "y", Some(0)), None);
        assert_eq!(replace_text("éaé", "é", "e", None).as_deref(), Some("eae"));
    }

    #[test]
    fn find_ranges() {
        let s = PyStr::new("abracadabra");
        let sub = |t: &str| PyStr::new(t);
        assert_eq!(find_in(&s, &sub("a"), 1, 11, false), Some(3));
        assert_eq!(find_in(&s, &sub("a"), 0, 5, true), Some(3));
        assert_eq!(find_in(&s, &sub(""), 11, 11, false), Some(11));
        assert_eq!(find_in(&s, &sub(""), 12, 11, false), None);
        let u = PyStr::new("héllo wörld");
        assert_eq!(find_in(&u, &sub("ö"), 0, 11, false), Some(7));
        assert!(tail_match(&u, &sub("wö"), 6, 11, false) && tail_match(&u, &sub("llo"), 0, 5, true));
        assert!(!tail_match(&sub("a"), &sub("é"), 0, 1, false) && !tail_match(&sub("ab"), &sub("é"), 0, 2, true));
    }
}
