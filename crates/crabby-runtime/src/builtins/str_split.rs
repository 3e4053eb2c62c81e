//! Cutting and gluing `str`: `split`, `rsplit`, `splitlines`, `partition`, `rpartition` and `join`.
//!
//! The scanners work on UTF-8 byte positions; a byte below 0x80 is a whole ASCII character, so ASCII text
//! never decodes anything.

use crate::builtins::exceptions::ExcKind;
use crate::builtins::str::{
    as_pystr, exact, keywords, new_piece, new_str, new_str_len, new_string_len, one_arg, ssize_arg, PyStr, INLINE_CAP,
};
use crate::builtins::unicode::{is_ascii_space, is_linebreak, is_space};
use crate::builtins::{list, tuple, types};
use crate::error::{type_error, value_error, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

/// Whether the character starting at byte `i` is whitespace, and its length in bytes.
#[inline]
fn space_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (is_ascii_space(b), 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (is_space(c), c.len_utf8())
}

/// Whether the character ending at byte `j` is whitespace, and its length in bytes.
#[inline]
fn space_before(text: &str, j: usize) -> (bool, usize) {
    let b = text.as_bytes()[j - 1];
    if b < 0x80 {
        return (is_ascii_space(b), 1);
    }
    let c = text[..j].chars().next_back().unwrap_or(' ');
    (is_space(c), c.len_utf8())
}

/// `text.split()` with at most `max` splits: runs of whitespace separate words, and the text after the last
/// split keeps its inner whitespace but not its leading whitespace.
#[cfg(test)]
pub(crate) fn split_whitespace(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    split_whitespace_with(text, max, |p| out.push(p));
    out
}

/// [`split_whitespace`], handing each piece to `push` as it is found (no vector of pieces).
#[inline]
fn split_whitespace_with<'a>(text: &'a str, max: usize, mut push: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // ASCII bytes are tested inline; only a non-ASCII byte decodes a character.
    let space = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 0x80 {
            (is_ascii_space(b), 1)
        } else {
            space_at(text, i)
        }
    };
    let skip_space = |mut i: usize| {
        while i < n {
            let (sp, l) = space(i);
            if !sp {
                break;
            }
            i += l;
        }
        i
    };
    let mut i = 0;
    let mut left = max;
    while left > 0 {
        i = skip_space(i);
        if i == n {
            break;
        }
        let j = i;
        while i < n {
            let (sp, l) = space(i);
            if sp {
                break;
            }
            i += l;
        }
        push(&text[j..i]);
        left -= 1;
    }
    if i < n {
        i = skip_space(i);
        if i < n {
            push(&text[i..]);
        }
    }
}

/// `text.rsplit()` with at most `max` splits, counted from the right.
pub(crate) fn rsplit_whitespace(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = text.len();
    let skip_space = |mut i: usize| {
        while i > 0 {
            let (sp, l) = space_before(text, i);
            if !sp {
                break;
            }
            i -= l;
        }
        i
    };
    let mut left = max;
    while left > 0 {
        i = skip_space(i);
        if i == 0 {
            break;
        }
        let j = i;
        while i > 0 {
            let (sp, l) = space_before(text, i);
            if sp {
                break;
            }
            i -= l;
        }
        out.push(&text[i..j]);
        left -= 1;
    }
    if i > 0 {
        i = skip_space(i);
        if i > 0 {
            out.push(&text[..i]);
        }
    }
    out.reverse();
    out
}

/// `text.split(sep)` with at most `max` splits (`sep` is not empty).
#[cfg(test)]
pub(crate) fn split_sep<'a>(text: &'a str, sep: &str, max: usize) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut i = 0;
    for (pos, _) in text.match_indices(sep).take(max) {
        out.push(&text[i..pos]);
        i = pos + sep.len();
    }
    out.push(&text[i..]);
    out
}

/// `text.rsplit(sep)` with at most `max` splits counted from the right (`sep` is not empty).
pub(crate) fn rsplit_sep<'a>(text: &'a str, sep: &str, max: usize) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut j = text.len();
    for (pos, _) in text.rmatch_indices(sep).take(max) {
        out.push(&text[pos + sep.len()..j]);
        j = pos;
    }
    out.push(&text[..j]);
    out.reverse();
    out
}

/// Makes the list of pieces; a single piece that is the whole receiver is the receiver itself.
fn pieces_list(this: &Value, s: &PyStr, pieces: Vec<&str>) -> Value {
    if pieces.len() == 1 && pieces[0].len() == s.as_str().len() {
        return list::new_list(vec![exact(this, s)]);
    }
    list::new_list(pieces.into_iter().map(|p| new_piece(s, p)).collect())
}

/// The list of `this.split()` (or `this.split(sep)`) with at most `max` splits, made as the pieces are found.
fn split_list(this: &Value, s: &PyStr, sep: Option<&str>, max: usize) -> Value {
    let text = s.as_str();
    let mut out: Vec<Value> = Vec::new();
    let ascii = s.is_ascii();
    // Pieces of ASCII text are ASCII: their length in code points is their length in bytes.
    let piece = |p: &str| if ascii { new_str_len(p, p.len()) } else { new_str(p) };
    match sep {
        None => split_whitespace_with(text, max, |p| out.push(piece(p))),
        Some(sep) => {
            let mut i = 0;
            // memchr's vectorised searchers (see `str_search`); matches fall on char boundaries. A one-byte
            // separator (`","`, `" "`) is found with the byte iterator, which needs no searcher built per call.
            if let [b] = sep.as_bytes() {
                for pos in memchr::memchr_iter(*b, text.as_bytes()).take(max) {
                    out.push(piece(&text[i..pos]));
                    i = pos + 1;
                }
            } else {
                for pos in memchr::memmem::find_iter(text.as_bytes(), sep.as_bytes()).take(max) {
                    out.push(piece(&text[i..pos]));
                    i = pos + sep.len();
                }
            }
            out.push(piece(&text[i..]));
        }
    }
    if out.len() == 1 && out[0].as_str().map_or(0, str::len) == text.len() {
        out[0] = exact(this, s);
    }
    list::new_list(out)
}

fn split_impl(name: &str, args: &[Value], kwargs: &[(Value, Value)], reverse: bool) -> PyResult<Value> {
    let (s, a) = keywords(name, args, kwargs, &["sep", "maxsplit"])?;
    let sep = match &a[0] {
        None | Some(Value::None) => None,
        Some(v) => match as_pystr(v) {
            Some(p) => Some(p),
            None => return Err(type_error(format!("must be str or None, not {}", v.type_name()))),
        },
    };
    let max = match &a[1] {
        Some(v) => usize::try_from(ssize_arg(v)?).unwrap_or(usize::MAX),
        None => usize::MAX,
    };
    let text = s.as_str();
    let pieces = match sep {
        Some(p) if p.char_len() == 0 => return Err(value_error("empty separator")),
        None if reverse => rsplit_whitespace(text, max),
        Some(p) if reverse => rsplit_sep(text, p.as_str(), max),
        _ => return Ok(split_list(&args[0], s, sep.map(PyStr::as_str), max)),
    };
    Ok(pieces_list(&args[0], s, pieces))
}

pub(crate) fn m_split(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    split_impl("split", args, kwargs, false)
}

pub(crate) fn m_rsplit(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    split_impl("rsplit", args, kwargs, true)
}

/// The lines of `text`, split at every line boundary (`\r\n` counts as one), with or without their ends.
pub(crate) fn split_lines(text: &str, keepends: bool) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if !is_linebreak(c) {
            i += len;
            continue;
        }
        let eol = i;
        i += len;
        if c == '\r' && bytes.get(i) == Some(&b'\n') {
            i += 1;
        }
        out.push(&text[start..if keepends { i } else { eol }]);
        start = i;
    }
    if start < bytes.len() {
        out.push(&text[start..]);
    }
    out
}

pub(crate) fn m_splitlines(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = keywords("splitlines", args, kwargs, &["keepends"])?;
    let keepends = match &a[0] {
        Some(v) => ops::truthy(v)?,
        None => false,
    };
    Ok(pieces_list(&args[0], s, split_lines(s.as_str(), keepends)))
}

fn partition_impl(name: &str, args: &[Value], kwargs: &[(Value, Value)], reverse: bool) -> PyResult<Value> {
    let (s, sep_v) = one_arg(name, args, kwargs)?;
    let Some(sep) = as_pystr(sep_v) else {
        return Err(type_error(format!("must be str, not {}", sep_v.type_name())));
    };
    if sep.char_len() == 0 {
        return Err(value_error("empty separator"));
    }
    let text = s.as_str();
    let found = if reverse { text.rfind(sep.as_str()) } else { text.find(sep.as_str()) };
    let empty = || new_str("");
    Ok(tuple::new_tuple(match found {
        Some(i) => vec![new_piece(s, &text[..i]), exact(sep_v, sep), new_piece(s, &text[i + sep.as_str().len()..])],
        None if reverse => vec![empty(), empty(), exact(&args[0], s)],
        None => vec![exact(&args[0], s), empty(), empty()],
    }))
}

pub(crate) fn m_partition(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    partition_impl("partition", args, kwargs, false)
}

pub(crate) fn m_rpartition(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    partition_impl("rpartition", args, kwargs, true)
}

/// The items of an iterable other than an exact list or tuple given to `join` (a subclass may override
/// `__iter__`), as CPython's `PySequence_Fast` collects them.
fn join_items(v: &Value) -> PyResult<Vec<Value>> {
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

/// Items from which [`join_slice`] copies in one pass instead of sizing the result first.
const JOIN_ONE_PASS: usize = 64;

/// Joins `items` with `sep` (of `sep_chars` code points) into one buffer. A few items are sized in one pass
/// and copied in a second; many items are copied in a single pass into a buffer that grows: reading every
/// item's object twice cost more than the buffer's few doublings (json's `''.join` of 300,000 chunks).
fn join_slice(sep: &str, sep_chars: usize, items: &[Value]) -> PyResult<Value> {
    let not_str = |i: usize, item: &Value| {
        type_error(format!("sequence item {i}: expected str instance, {} found", item.type_name()))
    };
    let gaps = items.len().saturating_sub(1);
    if items.len() > JOIN_ONE_PASS {
        let mut out = String::with_capacity(items.len() * 8 + sep.len() * gaps);
        let mut chars = sep_chars * gaps;
        for (i, item) in items.iter().enumerate() {
            let Some(p) = as_pystr(item) else { return Err(not_str(i, item)) };
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(p.as_str());
            chars += p.char_len();
        }
        return Ok(new_string_len(out, chars));
    }
    let mut bytes = sep.len() * gaps;
    let mut chars = sep_chars * gaps;
    for (i, item) in items.iter().enumerate() {
        let Some(p) = as_pystr(item) else { return Err(not_str(i, item)) };
        bytes += p.byte_len();
        chars += p.char_len();
    }
    if items.len() == 1 {
        return Ok(exact(&items[0], as_pystr(&items[0]).expect("checked str")));
    }
    if bytes <= INLINE_CAP {
        let mut buf = [0u8; INLINE_CAP];
        let mut at = 0;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                buf[at..at + sep.len()].copy_from_slice(sep.as_bytes());
                at += sep.len();
            }
            let t = item.as_str().unwrap_or("").as_bytes();
            buf[at..at + t.len()].copy_from_slice(t);
            at += t.len();
        }
        // The buffer holds whole UTF-8 texts one after another.
        return Ok(new_str_len(std::str::from_utf8(&buf[..at]).unwrap_or(""), chars));
    }
    let mut out = String::with_capacity(bytes);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_str().unwrap_or(""));
    }
    Ok(new_string_len(out, chars))
}

pub(crate) fn m_join(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, iterable) = one_arg("join", args, kwargs)?;
    // An exact list or a tuple is joined in place (under the list's read lock: joining calls no Python code),
    // without copying its items or counting references.
    if let Value::Obj(o) = iterable {
        match &o.payload {
            Payload::List(l) if o.ty().ptr_eq(&types().list) => return join_slice(s.as_str(), s.char_len(), &l.read()),
            Payload::Tuple(t) if o.ty().ptr_eq(&types().tuple) => return join_slice(s.as_str(), s.char_len(), t),
            _ => {}
        }
    }
    let items = join_items(iterable)?;
    join_slice(s.as_str(), s.char_len(), &items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_split_with_maxsplit() {
        assert_eq!(split_whitespace("  a b  c ", usize::MAX), ["a", "b", "c"]);
        assert_eq!(split_whitespace("  a b  c ", 1), ["a", "b  c "]);
        assert_eq!(split_whitespace("a b c d", 2), ["a", "b", "c d"]);
        assert_eq!(split_whitespace("  a  ", 0), ["a  "]);
        assert_eq!(split_whitespace("   ", 0), Vec::<&str>::new());
        assert_eq!(split_whitespace("x\u{3000}y\x1cz", usize::MAX), ["x", "y", "z"]);
        assert_eq!(rsplit_whitespace("  a b  c ", 1), ["  a b", "c"]);
        assert_eq!(rsplit_whitespace("a b c", 1), ["a b", "c"]);
        assert_eq!(rsplit_whitespace(" a ", 0), [" a"]);
        assert_eq!(rsplit_whitespace("é\u{a0}ü", usize::MAX), ["é", "ü"]);
    }

    #[test]
    fn separator_split_with_maxsplit() {
        assert_eq!(split_sep("a,b,,c,", ",", usize::MAX), ["a", "b", "", "c", ""]);
        assert_eq!(split_sep("a,b,,c,", ",", 1), ["a", "b,,c,"]);
        assert_eq!(rsplit_sep("a,b,,c,", ",", 1), ["a,b,,c", ""]);
        assert_eq!(rsplit_sep("aaa", "aa", usize::MAX), ["a", ""]);
        assert_eq!(split_sep("aaa", "aa", usize::MAX), ["", "a"]);
        assert_eq!(split_sep("", ",", usize::MAX), [""]);
    }

    #[test]
    fn lines() {
        assert_eq!(split_lines("a\nb\r\nc\rd\n", false), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\nb\r\n", true), ["a\n", "b\r\n"]);
        assert_eq!(split_lines("\n\n", false), ["", ""]);
        assert_eq!(split_lines("x\x0by\x1cz\u{2028}w\u{85}", false), ["x", "y", "z", "w"]);
        assert_eq!(split_lines("", false), Vec::<&str>::new());
        assert_eq!(split_lines("\r\r\n", true), ["\r", "\r\n"]);
    }
}
