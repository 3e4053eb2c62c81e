//! `bytes`/`bytearray` methods that make a transformed copy: stripping, padding (`center`, `ljust`, `rjust`,
//! `zfill`), `expandtabs`, `translate` and `maketrans`, `decode`, and the hexadecimal forms `hex` and
//! `fromhex` (which `memoryview.hex` shares).

use crate::builtins::bytes::case::is_space;
use crate::builtins::bytes::{
    bind_keywords, buffer_arg, clinic_count, keywords, new_bytes_vec, one_arg, positional, ssize_arg, Kind,
};
use crate::builtins::exceptions::ExcKind;
use crate::builtins::str::{as_pystr, clinic_type_name};
use crate::builtins::{int, str_codec, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// Stripping.

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Left,
    Right,
    Both,
}

fn do_strip(k: Kind, name: &str, args: &[Value], kwargs: &[(Value, Value)], side: Side) -> PyResult<Value> {
    let (s, rest) = positional(k, name, args, kwargs, 0, 1)?;
    let set: Option<Vec<u8>> = match rest.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(buffer_arg(v)?.into_owned()),
    };
    let strip = |b: u8| match &set {
        None => is_space(b),
        Some(set) => set.contains(&b),
    };
    let data = &s.data;
    let (mut i, mut j) = (0, data.len());
    if side != Side::Right {
        while i < j && strip(data[i]) {
            i += 1;
        }
    }
    if side != Side::Left {
        while j > i && strip(data[j - 1]) {
            j -= 1;
        }
    }
    Ok(s.piece(&data[i..j]))
}

pub(crate) fn m_strip(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    do_strip(k, "strip", args, kwargs, Side::Both)
}

pub(crate) fn m_lstrip(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    do_strip(k, "lstrip", args, kwargs, Side::Left)
}

pub(crate) fn m_rstrip(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    do_strip(k, "rstrip", args, kwargs, Side::Right)
}

// ---------------------------------------------------------------------------------------------------------
// Padding.

/// The fill byte of `center`, `ljust` and `rjust`: a `bytes` or `bytearray` of length 1 (Argument Clinic's
/// `char` converter).
fn fill_byte(name: &str, v: Option<&Value>) -> PyResult<u8> {
    let Some(v) = v else { return Ok(b' ') };
    let one = match v.payload() {
        Some(Payload::Bytes(b)) if b.len() == 1 => Some(b[0]),
        Some(Payload::ByteArray(b)) => {
            let b = b.read();
            (b.len() == 1).then(|| b[0])
        }
        _ => None,
    };
    one.ok_or_else(|| {
        type_error(format!("{name}() argument 2 must be a byte string of length 1, not {}", clinic_type_name(v)))
    })
}

fn padded(data: &[u8], left: usize, right: usize, fill: u8) -> PyResult<Vec<u8>> {
    let total = data.len().checked_add(left).and_then(|t| t.checked_add(right));
    let mut out = Vec::new();
    if total.is_none_or(|t| out.try_reserve_exact(t).is_err()) {
        return Err(PyErr::new(ExcKind::MemoryError, ""));
    }
    out.resize(left, fill);
    out.extend_from_slice(data);
    out.resize(out.len() + right, fill);
    Ok(out)
}

fn pad(k: Kind, name: &str, args: &[Value], kwargs: &[(Value, Value)], how: char) -> PyResult<Value> {
    let (s, rest) = positional(k, name, args, kwargs, 1, 2)?;
    let width = ssize_arg(&rest[0])?.max(0) as usize;
    let fill = fill_byte(name, rest.get(1))?;
    let len = s.data.len();
    if len >= width {
        return Ok(s.unchanged());
    }
    let marg = width - len;
    let (left, right) = match how {
        '<' => (0, marg),
        '>' => (marg, 0),
        // CPython's rounding: the odd extra byte goes left only when both the margin and the width are odd.
        _ => {
            let left = marg / 2 + (marg & width & 1);
            (left, marg - left)
        }
    };
    Ok(k.make(padded(&s.data, left, right, fill)?))
}

pub(crate) fn m_center(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    pad(k, "center", args, kwargs, '^')
}

pub(crate) fn m_ljust(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    pad(k, "ljust", args, kwargs, '<')
}

pub(crate) fn m_rjust(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    pad(k, "rjust", args, kwargs, '>')
}

pub(crate) fn m_zfill(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, w) = one_arg(k, "zfill", args, kwargs)?;
    let width = ssize_arg(w)?.max(0) as usize;
    let data = &s.data;
    if data.len() >= width {
        return Ok(s.unchanged());
    }
    let mut out = padded(data, width - data.len(), 0, b'0')?;
    // A leading sign moves in front of the zeros.
    if let Some(&c @ (b'+' | b'-')) = data.first() {
        out[0] = c;
        out[width - data.len()] = b'0';
    }
    Ok(k.make(out))
}

pub(crate) fn m_expandtabs(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = keywords(k, "expandtabs", args, kwargs, &["tabsize"])?;
    let tabsize = match &a[0] {
        None => 8,
        Some(v) => {
            let t = ops::number::index(v)?;
            match int::as_i64(&t).filter(|t| i32::try_from(*t).is_ok()) {
                Some(t) => t,
                None => return Err(PyErr::new(ExcKind::OverflowError, "Python int too large to convert to C int")),
            }
        }
    };
    let mut out = Vec::with_capacity(s.data.len());
    let mut col: i64 = 0;
    for &b in s.data.iter() {
        match b {
            b'\t' => {
                if tabsize > 0 {
                    let incr = tabsize - col % tabsize;
                    out.resize(out.len() + incr as usize, b' ');
                    col += incr;
                }
            }
            b'\n' | b'\r' => {
                out.push(b);
                col = 0;
            }
            _ => {
                out.push(b);
                col += 1;
            }
        }
    }
    Ok(k.make(out))
}

// ---------------------------------------------------------------------------------------------------------
// translate and maketrans.

pub(crate) fn m_translate(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = crate::builtins::bytes::this(k, "translate", args)?;
    if args.len() < 2 {
        return Err(type_error(format!("translate() takes at least 1 positional argument ({} given)", args.len() - 1)));
    }
    let a = bind_keywords("translate", &args[1..], kwargs, &["table", "delete"])?;
    let table_v = a[0].clone().unwrap_or(Value::None);
    let table = match &table_v {
        Value::None => None,
        v => {
            let t = buffer_arg(v)?.into_owned();
            if t.len() != 256 {
                return Err(value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match &a[1] {
        Some(v) => buffer_arg(v)?.into_owned(),
        None => Vec::new(),
    };
    let mut deleted = [false; 256];
    for &b in &delete {
        deleted[b as usize] = true;
    }
    let out: Vec<u8> = s
        .data
        .iter()
        .filter(|&&b| !deleted[b as usize])
        .map(|&b| table.as_ref().map_or(b, |t| t[b as usize]))
        .collect();
    if table.is_none() && out.len() == s.data.len() {
        return Ok(s.unchanged());
    }
    Ok(k.make(out))
}

/// `bytes.maketrans(frm, to)` (a static method): the 256-byte table mapping each byte of `frm` to the byte of
/// `to` at the same position.
pub(crate) fn m_maketrans(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("{}.maketrans() takes no keyword arguments", k.name())));
    }
    clinic_count("maketrans", args.len(), 2, 2)?;
    let frm = buffer_arg(&args[0])?;
    let to = buffer_arg(&args[1])?;
    if frm.len() != to.len() {
        return Err(value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (&a, &b) in frm.iter().zip(to.iter()) {
        table[a as usize] = b;
    }
    Ok(new_bytes_vec(table))
}

// ---------------------------------------------------------------------------------------------------------
// decode.

/// The text of an optional `str` argument of `decode`: `decode() argument 'errors' must be str, not int`.
fn text_arg<'a>(name: &str, v: &'a Option<Value>, default: &'a str) -> PyResult<&'a str> {
    match v {
        None => Ok(default),
        Some(v) => v
            .as_str()
            .ok_or_else(|| type_error(format!("decode() argument '{name}' must be str, not {}", clinic_type_name(v)))),
    }
}

pub(crate) fn m_decode(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = keywords(k, "decode", args, kwargs, &["encoding", "errors"])?;
    let encoding = text_arg("encoding", &a[0], "utf-8")?;
    let errors = text_arg("errors", &a[1], "strict")?;
    decode(s.v, &s.data, encoding, errors)
}

/// Decodes `data` (the contents of the bytes-like `object`) to a `str`, as `bytes.decode` and
/// `str(b, encoding)` do.
pub fn decode(object: &Value, data: &[u8], encoding: &str, errors: &str) -> PyResult<Value> {
    let Some(codec) = str_codec::lookup(encoding) else {
        return crate::modules::codecs::registry_decode(object, encoding, errors);
    };
    Ok(Value::from(str_codec::decode(codec, data, errors, object)?))
}

// ---------------------------------------------------------------------------------------------------------
// hex and fromhex.

/// `data` as hexadecimal digits, with `sep` between groups of `per_sep` bytes (counted from the right when
/// positive, from the left when negative): CPython's `_Py_strhex_impl`.
pub(crate) fn hex_string(data: &[u8], sep: Option<u8>, per_sep: i64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let group = per_sep.unsigned_abs() as usize;
    let mut out = String::with_capacity(data.len() * 3);
    let sep = match sep {
        Some(c) if group != 0 && group < data.len() => c as char,
        _ => {
            for &b in data {
                out.push(DIGITS[(b >> 4) as usize] as char);
                out.push(DIGITS[(b & 15) as usize] as char);
            }
            return out;
        }
    };
    let n = data.len();
    for (i, &b) in data.iter().enumerate() {
        let boundary =
            if per_sep < 0 { i > 0 && i.is_multiple_of(group) } else { i > 0 && (n - i).is_multiple_of(group) };
        if boundary {
            out.push(sep);
        }
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// The `sep` and `bytes_per_sep` arguments of `hex`, converted and checked in CPython's order.
pub(crate) fn hex_args(sep: &Option<Value>, per_sep: &Option<Value>) -> PyResult<(Option<u8>, i64)> {
    let per_sep = match per_sep {
        Some(v) => {
            let i = ops::number::index(v)?;
            match int::as_i64(&i).filter(|i| i32::try_from(*i).is_ok()) {
                Some(i) => i,
                None => return Err(PyErr::new(ExcKind::OverflowError, "Python int too large to convert to C int")),
            }
        }
        None => 1,
    };
    let Some(sep) = sep else { return Ok((None, per_sep)) };
    let len = ops::len(sep)?;
    if len != 1 {
        return Err(value_error("sep must be length 1."));
    }
    let c = if let Some(s) = as_pystr(sep) {
        s.as_str().chars().next().map_or(0, |c| c as u32)
    } else if let Some(Payload::Bytes(b)) = sep.payload() {
        b[0] as u32
    } else {
        return Err(type_error("sep must be str or bytes."));
    };
    if c > 127 {
        return Err(value_error("sep must be ASCII."));
    }
    Ok((Some(c as u8), per_sep))
}

pub(crate) fn m_hex(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = keywords(k, "hex", args, kwargs, &["sep", "bytes_per_sep"])?;
    let (sep, per_sep) = hex_args(&a[0], &a[1])?;
    Ok(Value::from(hex_string(&s.data, sep, per_sep)))
}

/// Parses the text of `fromhex`: pairs of hexadecimal digits, with ASCII whitespace allowed between pairs.
/// The error names the position (in code points) of the first character that breaks the rule.
fn parse_hex(text: &str) -> Result<Vec<u8>, usize> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).and_then(|c| c.to_digit(16)).map(|d| d as u8);
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii() && is_space(chars[i] as u8) {
            i += 1;
            continue;
        }
        let top = digit(i).ok_or(i)?;
        let bot = digit(i + 1).ok_or(i + 1)?;
        out.push(top << 4 | bot);
        i += 2;
    }
    Ok(out)
}

/// `bytes.fromhex(string)` / `bytearray.fromhex(string)`, a class method: a subclass is built by calling it
/// with the result.
pub(crate) fn m_fromhex(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("{}.fromhex() takes no keyword arguments", k.name())));
    }
    if args.len() != 2 {
        return Err(type_error(format!(
            "{}.fromhex() takes exactly one argument ({} given)",
            k.name(),
            args.len().saturating_sub(1)
        )));
    }
    let Some(text) = as_pystr(&args[1]) else {
        return Err(type_error(format!("fromhex() argument must be str, not {}", clinic_type_name(&args[1]))));
    };
    let data = parse_hex(text.as_str())
        .map_err(|pos| value_error(format!("non-hexadecimal number found in fromhex() arg at position {pos}")))?;
    let v = k.make(data);
    let own = match k {
        Kind::Bytes => &types().bytes,
        Kind::ByteArray => &types().bytearray,
    };
    match args[0].payload() {
        Some(Payload::Type(_)) if !args[0].as_obj().is_some_and(|c| c.ptr_eq(own)) => {
            ops::call::call(&args[0], &[v], &[])
        }
        _ => Ok(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_groups() {
        assert_eq!(hex_string(b"abcde", Some(b':'), 2), "61:6263:6465");
        assert_eq!(hex_string(b"abcde", Some(b':'), -2), "6162:6364:65");
        assert_eq!(hex_string(b"abcdef", Some(b':'), 2), "6162:6364:6566");
        assert_eq!(hex_string(b"abc", Some(b':'), 1), "61:62:63");
        assert_eq!(hex_string(b"abc", Some(b':'), 3), "616263");
        assert_eq!(hex_string(b"abc", Some(b':'), 0), "616263");
        assert_eq!(hex_string(b"", None, 1), "");
    }

    #[test]
    fn hex_parsing() {
        assert_eq!(parse_hex(" 01 02 "), Ok(vec![1, 2]));
        assert_eq!(parse_hex("01\n0aFF"), Ok(vec![1, 10, 255]));
        assert_eq!(parse_hex("zz"), Err(0));
        assert_eq!(parse_hex("a"), Err(1));
        assert_eq!(parse_hex("0 1"), Err(1));
        assert_eq!(parse_hex("0é"), Err(1));
    }
}
