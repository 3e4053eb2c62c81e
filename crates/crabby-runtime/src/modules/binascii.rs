//! `binascii`: conversions between binary data and ASCII encodings (hex, base64, uuencode, quoted-printable)
//! and the CRC-32 and CRC-CCITT checksums, byte for byte as CPython 3.12's C module, with its `Error` and
//! `Incomplete` exceptions and messages. `base64`, `quopri`, `uu` and `email` build on these.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::builtins::bytes::new_bytes;
use crate::builtins::exceptions::{exc_type, new_exception_of, ExcKind};
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, int, module};
use crate::error::{overflow_error, type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::{buffer_arg, bytes_like, clinic, meth_o, new_exception_class, positional};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

/// The module object and its exception classes.
struct State {
    module: ObjRef,
    error: ObjRef,
}

fn state() -> PyResult<&'static State> {
    static STATE: OnceLock<State> = OnceLock::new();
    if let Some(s) = STATE.get() {
        return Ok(s);
    }
    let error = new_exception_class("Error", "binascii", exc_type(ExcKind::ValueError), None)?;
    let incomplete = new_exception_class("Incomplete", "binascii", exc_type(ExcKind::Exception), None)?;
    let m = module::new_module("binascii").make_immortal();
    let d = module::module_dict(&m);
    dict::set_str(d, "__doc__", Value::from("Conversion between binary data and ASCII"));
    for (name, f) in FUNCTIONS {
        dict::set_str(d, name, new_builtin(name, *f, None));
    }
    dict::set_str(d, "Error", Value::Obj(error.clone()));
    dict::set_str(d, "Incomplete", Value::Obj(incomplete));
    Ok(STATE.get_or_init(|| State { module: m, error }))
}

/// A `binascii.Error` with `msg`.
fn error(msg: impl Into<String>) -> PyErr {
    match state() {
        Ok(s) => PyErr::from_exception(new_exception_of(&s.error, vec![Value::from(msg.into())])),
        Err(e) => e,
    }
}

/// An `ascii_buffer` argument: bytes-like, or a `str` of ASCII characters only.
fn ascii_data(v: &Value) -> PyResult<Cow<'_, [u8]>> {
    if let Some(s) = v.as_str() {
        if !s.is_ascii() {
            return Err(value_error("string argument should contain only ASCII characters"));
        }
        return Ok(Cow::Borrowed(s.as_bytes()));
    }
    bytes_like(v)
        .ok_or_else(|| type_error(format!("argument should be bytes, buffer or ASCII string, not '{}'", v.type_name())))
}

/// A C `int` argument (`_PyLong_AsInt`).
fn c_int(v: &Value) -> PyResult<i64> {
    let i = ops::number::index(v)?;
    int::as_i64(&i)
        .filter(|i| i32::try_from(*i).is_ok())
        .ok_or_else(|| overflow_error("Python int too large to convert to C int"))
}

/// An `unsigned_int(bitwise=True)` argument: any int, reduced modulo 2**32.
fn c_uint_bitwise(v: &Value) -> PyResult<u32> {
    if !int::is_int(v) {
        return Err(type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())));
    }
    let b = int::to_bigint(v).unwrap_or_default();
    let (sign, digits) = b.to_u32_digits();
    let low = digits.first().copied().unwrap_or(0);
    Ok(if sign == num_bigint::Sign::Minus { low.wrapping_neg() } else { low })
}

/// A `bool` argument of Argument Clinic (truthiness).
fn flag(v: &Option<Value>, default: bool) -> PyResult<bool> {
    match v {
        Some(v) => ops::truthy(v),
        None => Ok(default),
    }
}

// ----- hex -----

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `_Py_strhex_bytes_with_sep`: hex digits, with `sep` between groups of `per` bytes counted from the right
/// (or from the left when `per` is negative).
fn hexlify_bytes(data: &[u8], sep: Option<u8>, per: i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 3);
    let group = per.unsigned_abs() as usize;
    let Some(sep) = sep.filter(|_| group != 0 && !data.is_empty()) else {
        for b in data {
            out.push(HEX[(b >> 4) as usize]);
            out.push(HEX[(b & 15) as usize]);
        }
        return out;
    };
    let n = data.len();
    for (i, b) in data.iter().enumerate() {
        // A separator goes before byte i when a group boundary falls there.
        let boundary = if per > 0 { (n - i).is_multiple_of(group) } else { i.is_multiple_of(group) };
        if i > 0 && boundary {
            out.push(sep);
        }
        out.push(HEX[(b >> 4) as usize]);
        out.push(HEX[(b & 15) as usize]);
    }
    out
}

/// The `sep` argument of `hexlify`: a str or bytes of length 1.
fn sep_arg(v: &Value) -> PyResult<u8> {
    if ops::len(v)? != 1 {
        return Err(value_error("sep must be length 1."));
    }
    if let Some(s) = v.as_str() {
        let c = s.chars().next().unwrap_or('\0') as u32;
        if c > 0xff {
            return Err(value_error("sep must be ASCII."));
        }
        return Ok(c as u8);
    }
    match v.payload() {
        Some(crate::object::Payload::Bytes(b)) => Ok(b[0]),
        _ => Err(type_error("sep must be str or bytes.")),
    }
}

fn hexlify_impl(fname: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic(fname, args, kwargs, &["data", "sep", "bytes_per_sep"], 0, 1, 3)?;
    let data = buffer_arg(a[0].as_ref().expect("required"))?;
    let sep = match &a[1] {
        Some(s) => Some(sep_arg(s)?),
        None => None,
    };
    let per = match &a[2] {
        Some(v) => c_int(v)?,
        None => 1,
    };
    Ok(new_bytes(&hexlify_bytes(&data, sep, per)))
}

fn b2a_hex(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    hexlify_impl("b2a_hex", args, kwargs)
}

fn hexlify(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    hexlify_impl("hexlify", args, kwargs)
}

fn unhexlify_impl(qualname: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let data = ascii_data(meth_o(qualname, args, kwargs)?)?;
    if data.len() % 2 != 0 {
        return Err(error("Odd-length string"));
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks_exact(2) {
        match (digit(pair[0]), digit(pair[1])) {
            (Some(t), Some(b)) => out.push((t * 16 + b) as u8),
            _ => return Err(error("Non-hexadecimal digit found")),
        }
    }
    Ok(new_bytes(&out))
}

fn a2b_hex(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unhexlify_impl("binascii.a2b_hex", args, kwargs)
}

fn unhexlify(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unhexlify_impl("binascii.unhexlify", args, kwargs)
}

// ----- base64 -----

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `binascii_a2b_base64_impl`: decodes, skipping non-alphabet characters unless `strict`, stopping at a
/// complete pad sequence.
fn a2b_base64_bytes(data: &[u8], strict: bool) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    if strict && data.first() == Some(&b'=') {
        return Err(error("Leading padding not allowed"));
    }
    let mut quad = 0;
    let mut left: u8 = 0;
    let mut pads = 0;
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if strict && quad == 0 {
                return Err(error("Excess padding not allowed"));
            }
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(error("Excess data after padding"));
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err(error("Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(error("Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push((left << 6) | v);
                left = 0;
            }
        }
    }
    match quad {
        0 => Ok(out),
        1 => Err(error(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        ))),
        _ => Err(error("Incorrect padding")),
    }
}

fn b2a_base64_bytes(data: &[u8], newline: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        out.push(B64[(n >> 18) as usize & 63]);
        out.push(B64[(n >> 12) as usize & 63]);
        out.push(if chunk.len() > 1 { B64[(n >> 6) as usize & 63] } else { b'=' });
        out.push(if chunk.len() > 2 { B64[n as usize & 63] } else { b'=' });
    }
    if newline {
        out.push(b'\n');
    }
    out
}

fn a2b_base64(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic("a2b_base64", args, kwargs, &["data", "strict_mode"], 1, 1, 1)?;
    let data = ascii_data(a[0].as_ref().expect("required"))?;
    Ok(new_bytes(&a2b_base64_bytes(&data, flag(&a[1], false)?)?))
}

fn b2a_base64(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic("b2a_base64", args, kwargs, &["data", "newline"], 1, 1, 1)?;
    let data = buffer_arg(a[0].as_ref().expect("required"))?;
    Ok(new_bytes(&b2a_base64_bytes(&data, flag(&a[1], true)?)))
}

// ----- uuencode -----

fn a2b_uu(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let data = ascii_data(meth_o("binascii.a2b_uu", args, kwargs)?)?;
    // CPython reads the length byte even from empty input, where it finds the buffer's terminating NUL.
    let first = data.first().copied().unwrap_or(0);
    let mut rest = data.get(1..).unwrap_or(&[]).iter().copied();
    let mut bin_len = (first.wrapping_sub(b' ') & 0o77) as usize;
    let mut out = Vec::with_capacity(bin_len);
    let (mut left, mut bits): (u32, u32) = (0, 0);
    while bin_len > 0 {
        let c = rest.next();
        let v = match c {
            None | Some(b'\n') | Some(b'\r') => 0,
            Some(c) => {
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(error("Illegal char"));
                }
                (c - b' ') & 0o77
            }
        };
        left = (left << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((left >> bits) as u8);
            left &= (1 << bits) - 1;
            bin_len -= 1;
        }
    }
    for c in rest {
        if c != b' ' && c != b' ' + 64 && c != b'\n' && c != b'\r' {
            return Err(error("Trailing garbage"));
        }
    }
    Ok(new_bytes(&out))
}

fn b2a_uu(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic("b2a_uu", args, kwargs, &["data", "backtick"], 1, 1, 1)?;
    let data = buffer_arg(a[0].as_ref().expect("required"))?;
    let backtick = flag(&a[1], false)?;
    if data.len() > 45 {
        return Err(error("At most 45 bytes at once"));
    }
    let enc = |v: u32| if backtick && v == 0 { b'`' } else { b' ' + v as u8 };
    let mut out = vec![enc(data.len() as u32)];
    let (mut left, mut bits): (u32, u32) = (0, 0);
    let mut i = 0;
    while i < data.len() || bits != 0 {
        left = (left << 8) | data.get(i).copied().unwrap_or(0) as u32;
        bits += 8;
        i += 1;
        while bits >= 6 {
            out.push(enc((left >> (bits - 6)) & 0x3f));
            bits -= 6;
        }
        left &= (1 << bits) - 1;
    }
    out.push(b'\n');
    Ok(new_bytes(&out))
}

// ----- quoted-printable -----

fn a2b_qp(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic("a2b_qp", args, kwargs, &["data", "header"], 0, 1, 2)?;
    let data = ascii_data(a[0].as_ref().expect("required"))?;
    let header = flag(&a[1], false)?;
    let mut out = Vec::with_capacity(data.len());
    let hex = |c: u8| (c as char).to_digit(16);
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        if c == b'=' {
            i += 1;
            if i >= data.len() {
                break;
            }
            if data[i] == b'\n' || data[i] == b'\r' {
                // A soft line break.
                if data[i] != b'\n' {
                    while i < data.len() && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < data.len() {
                    i += 1;
                }
            } else if data[i] == b'=' {
                out.push(b'=');
                i += 1;
            } else if let (Some(t), Some(b)) = (hex(data[i]), data.get(i + 1).and_then(|c| hex(*c))) {
                out.push((t * 16 + b) as u8);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(new_bytes(&out))
}

fn b2a_qp(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic("b2a_qp", args, kwargs, &["data", "quotetabs", "istext", "header"], 0, 1, 4)?;
    let data = buffer_arg(a[0].as_ref().expect("required"))?;
    let quotetabs = flag(&a[1], false)?;
    let istext = flag(&a[2], true)?;
    let header = flag(&a[3], false)?;
    const MAXLINESIZE: usize = 76;
    const UPPER: &[u8; 16] = b"0123456789ABCDEF";
    let n = data.len();
    // The line ending of the output follows the input's first one.
    let crlf = data.iter().position(|&c| c == b'\n').is_some_and(|p| p > 0 && data[p - 1] == b'\r');
    let mut out: Vec<u8> = Vec::with_capacity(n * 2);
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let mut linelen = 0;
    let mut i = 0;
    while i < n {
        let c = data[i];
        let next = data.get(i + 1).copied();
        let encode = c > 126
            || c == b'='
            || (header && c == b'_')
            || (c == b'.' && linelen == 0 && matches!(next, None | Some(b'\n') | Some(b'\r') | Some(0)))
            || (!istext && (c == b'\r' || c == b'\n'))
            || ((c == b'\t' || c == b' ') && next.is_none())
            || (c < 33 && c != b'\r' && c != b'\n' && (quotetabs || (c != b'\t' && c != b' ')));
        if encode {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            out.extend_from_slice(&[b'=', UPPER[(c >> 4) as usize], UPPER[(c & 15) as usize]]);
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || (c == b'\r' && next == Some(b'\n'))) {
            linelen = 0;
            // Whitespace at the end of a line is protected by encoding it.
            if let Some(&last) = out.last() {
                if last == b' ' || last == b'\t' {
                    out.pop();
                    out.extend_from_slice(&[b'=', UPPER[(last >> 4) as usize], UPPER[(last & 15) as usize]]);
                }
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if next.is_some() && next != Some(b'\n') && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            out.push(if header && c == b' ' { b'_' } else { c });
            i += 1;
        }
    }
    Ok(new_bytes(&out))
}

// ----- checksums -----

/// The reflected CRC-32 table (polynomial 0xEDB88320), as zlib's.
const CRC32_TABLE: [u32; 256] = {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// The CRC-CCITT table (polynomial 0x1021, most significant bit first), as `crctab_hqx`.
const HQX_TABLE: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = (i as u16) << 8;
        let mut k = 0;
        while k < 8 {
            c = if c & 0x8000 != 0 { (c << 1) ^ 0x1021 } else { c << 1 };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    let mut c = !crc;
    for &b in data {
        c = CRC32_TABLE[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

pub fn crc_hqx_update(crc: u16, data: &[u8]) -> u16 {
    let mut c = crc;
    for &b in data {
        c = (c << 8) ^ HQX_TABLE[((c >> 8) as u8 ^ b) as usize];
    }
    c
}

fn crc32(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("crc32", "binascii.crc32", args, kwargs, 1, 2)?;
    let data = buffer_arg(&a[0])?;
    let crc = match a.get(1) {
        Some(v) => c_uint_bitwise(v)?,
        None => 0,
    };
    Ok(Value::Int(crc32_update(crc, &data) as i64))
}

fn crc_hqx(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = positional("crc_hqx", "binascii.crc_hqx", args, kwargs, 2, 2)?;
    let data = buffer_arg(&a[0])?;
    let crc = c_uint_bitwise(&a[1])? as u16;
    Ok(Value::Int(crc_hqx_update(crc, &data) as i64))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("a2b_uu", a2b_uu),
    ("b2a_uu", b2a_uu),
    ("a2b_base64", a2b_base64),
    ("b2a_base64", b2a_base64),
    ("crc_hqx", crc_hqx),
    ("crc32", crc32),
    ("a2b_hex", a2b_hex),
    ("b2a_hex", b2a_hex),
    ("hexlify", hexlify),
    ("unhexlify", unhexlify),
    ("a2b_qp", a2b_qp),
    ("b2a_qp", b2a_qp),
];

/// The `binascii` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(state()?.module.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_cpython() {
        assert_eq!(crc32_update(0, b"hello"), 907_060_870);
        assert_eq!(crc32_update(1, b"hello"), 191_926_070);
        assert_eq!(crc32_update(u32::MAX, b"hello"), 265_137_764);
        assert_eq!(crc_hqx_update(0, b"hello"), 50018);
        assert_eq!(crc_hqx_update(0xffff, b"hello"), 53870);
    }

    #[test]
    fn hex_groups() {
        assert_eq!(hexlify_bytes(b"\x01\xab\xcd\xef\x11", Some(b':'), 2), b"01:abcd:ef11");
        assert_eq!(hexlify_bytes(b"\x01\xab\xcd\xef\x11", Some(b':'), -2), b"01ab:cdef:11");
        assert_eq!(hexlify_bytes(b"\x01\xab\xcd", Some(b'-'), 1), b"01-ab-cd");
        assert_eq!(hexlify_bytes(b"abc", Some(b':'), 5), b"616263");
        assert_eq!(hexlify_bytes(b"abc", Some(b':'), 0), b"616263");
    }

    #[test]
    fn base64_round_trip() {
        assert_eq!(b2a_base64_bytes(b"hello", true), b"aGVsbG8=\n");
        assert_eq!(b2a_base64_bytes(b"", true), b"\n");
        assert_eq!(a2b_base64_bytes(b"aGVsbG8=\n", false).unwrap(), b"hello");
        assert_eq!(a2b_base64_bytes(b"aGVsbA==aGVsbA==", false).unwrap(), b"hell");
        assert!(a2b_base64_bytes(b"aGVsbG8", false).is_err());
    }
}
