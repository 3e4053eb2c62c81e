//! `_json`: the native accelerator of the standard library's `json` package, as CPython 3.12's
//! `Modules/_json.c` provides it: `scanstring`, `encode_basestring`, `encode_basestring_ascii`, and the types
//! `make_scanner` (`_json.Scanner`) and `make_encoder` (`_json.Encoder`). `json/decoder.py` and
//! `json/encoder.py` import these names and keep their pure-Python versions only when they are missing, so
//! output, error messages and error positions follow the C module.
//!
//! The JSON text is scanned as UTF-8 bytes: every character JSON gives a meaning to is ASCII, so non-ASCII
//! bytes only ever appear inside strings (or as an error's unexpected character). Positions are converted to
//! code-point indexes (`PyStr::char_index`) only where Python sees them: error positions and returned ends.
//! The string-escaping functions live here; the scanner is in `json/scanner.rs`, the encoder in
//! `json/encoder.rs`.
//!
//! Nothing here holds a lock while calling back into Python (hooks, `default`, `parse_float`, a custom string
//! encoder): scanner and encoder objects are immutable after construction, containers being encoded are
//! snapshotted before their items are visited, and the only objects written to are the new ones being built.

mod encoder;
mod scanner;

use std::sync::OnceLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::str::{as_pystr, PyStr};
use crate::builtins::{dict, module, tuple};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// Errors

/// Raises `json.decoder.JSONDecodeError(msg, doc, pos)`, `pos` in code points. Like CPython's C module, the
/// exception class is looked up in `json.decoder` when needed (that module imports this one, so it cannot be
/// bound at import time).
fn decode_error(msg: &str, doc: &Value, pos: i64) -> PyErr {
    let class = match crate::import::import_dotted("json.decoder")
        .and_then(|m| ops::attr::getattr_str(&m, "JSONDecodeError"))
    {
        Ok(c) => c,
        Err(e) => return e,
    };
    match ops::call::call(&class, &[Value::from(msg), doc.clone(), Value::Int(pos)], &[]) {
        Ok(Value::Obj(exc)) => PyErr::from_exception(exc),
        Ok(other) => type_error(format!("exceptions must derive from BaseException, not {}", other.type_name())),
        Err(e) => e,
    }
}

/// `StopIteration(idx)`: how the scanner says "no JSON value starts here" (the decoder turns it into
/// "Expecting value").
fn stop_iteration(idx: usize) -> PyErr {
    PyErr::with_args(ExcKind::StopIteration, vec![Value::Int(idx as i64)])
}

/// The error for a lone surrogate produced by a `\uXXXX` escape, which crabby's UTF-8 `str` cannot hold.
fn lone_surrogate() -> PyErr {
    // NOTE: CPython returns a str holding the lone surrogate (`'\ud800'`); crabby's str is UTF-8 (NOTE in
    // builtins/str.rs), so this is refused as `chr(0xd800)` is.
    crate::error::not_implemented("crabby does not support lone surrogates in str yet")
}

/// Counts one level of nesting against the recursion limit; CPython's message names what was being done.
fn enter(doing: &str) -> PyResult<crate::ops::call::DepthGuard> {
    crate::ops::call::DepthGuard::enter().map_err(|e| {
        if e.matches(ExcKind::RecursionError) {
            PyErr::new(ExcKind::RecursionError, format!("maximum recursion depth exceeded {doing}"))
        } else {
            e
        }
    })
}

/// A `Py_ssize_t` argument converted with `__index__`.
fn ssize(v: &Value) -> PyResult<i64> {
    if let Value::Int(i) = v {
        return Ok(*i);
    }
    let i = ops::number::index(v)?;
    crate::builtins::int::as_i64(&i)
        .ok_or_else(|| PyErr::new(ExcKind::OverflowError, "Python int too large to convert to C ssize_t"))
}

fn not_a_string(v: &Value) -> PyErr {
    type_error(format!("first argument must be a string, not {:.80}", v.type_name()))
}

// ---------------------------------------------------------------------------------------------------------
// Escaping strings

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_u_escape(out: &mut String, u: u32) {
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((u >> shift) & 0xf) as usize] as char);
    }
}

/// The two-character escape of a character JSON names (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`).
fn short_escape(c: u8) -> Option<&'static str> {
    Some(match c {
        b'"' => "\\\"",
        b'\\' => "\\\\",
        0x08 => "\\b",
        0x0c => "\\f",
        b'\n' => "\\n",
        b'\r' => "\\r",
        b'\t' => "\\t",
        _ => return None,
    })
}

/// Appends `"s"` escaped for `encode_basestring_ascii`: printable ASCII except `"` and `\` as itself, the
/// named escapes, and everything else as `\uXXXX` (a UTF-16 surrogate pair above U+FFFF).
pub(crate) fn escape_ascii_into(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        if b < 0x80 {
            match short_escape(b) {
                Some(e) => out.push_str(e),
                None => push_u_escape(out, b as u32),
            }
            i += 1;
        } else {
            let c = s[i..].chars().next().unwrap_or('\u{fffd}');
            let u = c as u32;
            if u >= 0x10000 {
                let v = u - 0x10000;
                push_u_escape(out, 0xd800 | (v >> 10));
                push_u_escape(out, 0xdc00 | (v & 0x3ff));
            } else {
                push_u_escape(out, u);
            }
            i += c.len_utf8();
        }
        run = i;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// Appends `"s"` escaped for `encode_basestring`: only `"`, `\` and control characters are escaped.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.push_str(&s[run..i]);
        match short_escape(b) {
            Some(e) => out.push_str(e),
            None => push_u_escape(out, b as u32),
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

fn one_str_arg<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<&'a PyStr> {
    if !kwargs.is_empty() {
        return Err(type_error(format!("{name}() takes no keyword arguments")));
    }
    if args.len() != 1 {
        return Err(type_error(format!("{name}() takes exactly one argument ({} given)", args.len())));
    }
    as_pystr(&args[0]).ok_or_else(|| not_a_string(&args[0]))
}

/// Escapes into a per-thread scratch buffer and makes the str from it: a short result is copied into the
/// object (no `String` allocated and freed per call), a long one into one allocation of its exact size.
fn escaped_str(escape: fn(&mut String, &str), s: &PyStr, nchars: impl Fn(&str) -> usize) -> Value {
    thread_local! {
        static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    SCRATCH.with(|b| match b.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            escape(&mut buf, s.as_str());
            let v = crate::builtins::str::new_str_len(&buf, nchars(&buf));
            // A huge string's buffer is not kept for the rest of the thread's life.
            if buf.capacity() > 1 << 16 {
                *buf = String::new();
            }
            v
        }
        // Not reachable (nothing here calls back into Python), but a fresh buffer is always correct.
        Err(_) => {
            let mut out = String::new();
            escape(&mut out, s.as_str());
            let n = nchars(&out);
            crate::builtins::str::new_string_len(out, n)
        }
    })
}

fn encode_basestring_ascii(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = one_str_arg("encode_basestring_ascii", args, kwargs)?;
    // The result is all ASCII.
    Ok(escaped_str(escape_ascii_into, s, |out| out.len()))
}

fn encode_basestring(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = one_str_arg("encode_basestring", args, kwargs)?;
    // Two quotes plus one extra character per escaped byte (all ASCII), the rest as in the input.
    let (in_bytes, in_chars) = (s.as_str().len(), s.char_len());
    Ok(escaped_str(escape_into, s, |out| in_chars + (out.len() - in_bytes)))
}

/// `scanstring(string, end, strict=True) -> (str, end)`: the JSON string whose opening quote is just before
/// code point `end`.
fn scanstring(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("scanstring() takes no keyword arguments"));
    }
    if args.len() < 2 || args.len() > 3 {
        let n = args.len();
        return Err(type_error(if n < 2 {
            format!("scanstring() takes at least 2 arguments ({n} given)")
        } else {
            format!("scanstring() takes at most 3 arguments ({n} given)")
        }));
    }
    let end = ssize(&args[1])?;
    let strict = match args.get(2) {
        Some(v) => ops::truthy(v)?,
        None => true,
    };
    let s = as_pystr(&args[0]).ok_or_else(|| not_a_string(&args[0]))?;
    if end < 0 || end as usize > s.char_len() {
        return Err(value_error("end is out of bounds"));
    }
    let doc = scanner::Doc::new(&args[0], s);
    let (v, next) = doc.scan_string(s.byte_offset(end as usize), strict)?;
    Ok(tuple::new_tuple_array([v, Value::Int(doc.pos(next) as i64)]))
}

// ---------------------------------------------------------------------------------------------------------
// The module

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("encode_basestring_ascii", encode_basestring_ascii),
    ("encode_basestring", encode_basestring),
    ("scanstring", scanstring),
];

static JSON: OnceLock<ObjRef> = OnceLock::new();

/// The module's `encode_basestring_ascii` and `encode_basestring` function objects: an encoder given one of
/// them escapes strings directly instead of calling it (CPython's `fast_encode`).
fn escapers() -> &'static (Value, Value) {
    static E: OnceLock<(Value, Value)> = OnceLock::new();
    E.get_or_init(|| {
        (
            new_builtin("encode_basestring_ascii", encode_basestring_ascii, None),
            new_builtin("encode_basestring", encode_basestring, None),
        )
    })
}

/// The `_json` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(JSON
        .get_or_init(|| {
            let m = module::new_module("_json").make_immortal();
            let d = module::module_dict(&m);
            dict::set_str(d, "__doc__", Value::from("json speedups\n"));
            let (ascii, plain) = escapers();
            for (name, f) in FUNCTIONS {
                let v = match *name {
                    "encode_basestring_ascii" => ascii.clone(),
                    "encode_basestring" => plain.clone(),
                    _ => new_builtin(name, *f, None),
                };
                dict::set_str(d, name, v);
            }
            dict::set_str(d, "make_scanner", Value::Obj(scanner::scanner_type().clone()));
            dict::set_str(d, "make_encoder", Value::Obj(encoder::encoder_type().clone()));
            m
        })
        .clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_cpython() {
        let mut s = String::new();
        escape_ascii_into(&mut s, "a\"\\\n\x01\u{7f}é\u{1f642}");
        assert_eq!(s, "\"a\\\"\\\\\\n\\u0001\\u007f\\u00e9\\ud83d\\ude42\"");
        let mut s = String::new();
        escape_into(&mut s, "a\"\\\n\x01\u{7f}é");
        assert_eq!(s, "\"a\\\"\\\\\\n\\u0001\u{7f}é\"");
    }
}
