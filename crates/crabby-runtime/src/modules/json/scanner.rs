//! `_json.Scanner` (`make_scanner(context)`): the JSON decoder. Called as `scanner(string, idx)`, it parses
//! the one JSON value starting at code point `idx` and returns `(value, end)`, or raises `StopIteration(idx)`
//! when no value starts there (the decoder reports "Expecting value"), or `JSONDecodeError` with CPython's
//! messages and positions. The context's `strict`, `object_hook`, `object_pairs_hook`, `parse_float`,
//! `parse_int` and `parse_constant` are read once, when the scanner is made, as CPython does.
//!
//! Object keys are memoized per call: equal keys in one document share one str object (so its hash is
//! computed once), as CPython's memo dict does.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::builtins::function::new_builtin;
use crate::builtins::object::static_method;
use crate::builtins::str::{as_pystr, new_string_len, PyStr};
use crate::builtins::{add_getters, add_methods, dict, int, list, new_native_type, tuple, type_, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

use super::{decode_error, lone_surrogate, ssize, stop_iteration};

/// The scanner's settings, read from the context when it is made.
struct Scanner {
    strict: bool,
    object_hook: Value,
    object_pairs_hook: Value,
    parse_float: Value,
    parse_int: Value,
    parse_constant: Value,
}

/// The `_json.Scanner` type, exported as `make_scanner`.
pub(super) fn scanner_type() -> &'static ObjRef {
    static T: OnceLock<ObjRef> = OnceLock::new();
    T.get_or_init(|| {
        let ty = new_native_type("Scanner", "_json", false);
        add_methods(&ty, &[("__call__", scanner_call)]);
        let d = &type_::type_obj(&ty).dict;
        dict::set_str(d, "__new__", static_method(new_builtin("__new__", scanner_new, Some(ty.clone()))));
        dict::set_str(d, "__doc__", Value::from("JSON scanner object"));
        type_::type_obj(&ty).modified();
        add_getters(
            &ty,
            &[
                ("strict", |a, _| Ok(Value::Bool(this(a)?.strict))),
                ("object_hook", |a, _| Ok(this(a)?.object_hook.clone())),
                ("object_pairs_hook", |a, _| Ok(this(a)?.object_pairs_hook.clone())),
                ("parse_float", |a, _| Ok(this(a)?.parse_float.clone())),
                ("parse_int", |a, _| Ok(this(a)?.parse_int.clone())),
                ("parse_constant", |a, _| Ok(this(a)?.parse_constant.clone())),
            ],
        );
        ty
    })
}

fn this(args: &[Value]) -> PyResult<&Scanner> {
    args.first()
        .and_then(|v| v.payload())
        .and_then(|p| p.native::<Scanner>())
        .ok_or_else(|| type_error("descriptor requires a '_json.Scanner' object"))
}

/// `make_scanner(context)`.
fn scanner_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a =
        crate::modules::r#struct::clinic("make_scanner", args.get(1..).unwrap_or(&[]), kwargs, &["context"], 0, 1, 1)?;
    let ctx = a[0].clone().expect("required");
    let strict = ops::truthy(&ops::attr::getattr_str(&ctx, "strict")?)?;
    let s = Scanner {
        strict,
        object_hook: ops::attr::getattr_str(&ctx, "object_hook")?,
        object_pairs_hook: ops::attr::getattr_str(&ctx, "object_pairs_hook")?,
        parse_float: ops::attr::getattr_str(&ctx, "parse_float")?,
        parse_int: ops::attr::getattr_str(&ctx, "parse_int")?,
        parse_constant: ops::attr::getattr_str(&ctx, "parse_constant")?,
    };
    Ok(Value::Obj(ObjRef::new(scanner_type(), Payload::Native(NativeBox::new(s)))))
}

/// `scanner(string, idx)`.
fn scanner_call(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this(args)?;
    let a = crate::modules::r#struct::clinic("scan_once", &args[1..], kwargs, &["string", "idx"], 0, 2, 2)?;
    let string = a[0].as_ref().expect("required");
    let idx = ssize(a[1].as_ref().expect("required"))?;
    let text = as_pystr(string).ok_or_else(|| super::not_a_string(string))?;
    if idx < 0 {
        return Err(value_error("idx cannot be negative"));
    }
    let doc = Doc::new(string, text);
    if idx as usize >= text.char_len() {
        return Err(stop_iteration(idx as usize));
    }
    let mut run = Run { s, doc: &doc, memo: HashMap::default() };
    let (v, end) = run.scan_once(text.byte_offset(idx as usize))?;
    Ok(tuple::new_tuple_array([v, Value::Int(doc.pos(end) as i64)]))
}

// ---------------------------------------------------------------------------------------------------------
// The document

/// The text being decoded, as UTF-8 bytes, with what error positions need.
pub(super) struct Doc<'a> {
    /// The str object (errors carry it as `doc`).
    value: &'a Value,
    text: &'a PyStr,
    s: &'a str,
    b: &'a [u8],
}

impl<'a> Doc<'a> {
    pub(super) fn new(value: &'a Value, text: &'a PyStr) -> Doc<'a> {
        let s = text.as_str();
        Doc { value, text, s, b: s.as_bytes() }
    }

    /// The code-point index of byte offset `b` (a character boundary).
    pub(super) fn pos(&self, b: usize) -> usize {
        self.text.char_index(b)
    }

    fn error(&self, msg: &str, at: usize) -> PyErr {
        decode_error(msg, self.value, self.pos(at) as i64)
    }

    fn stop(&self, at: usize) -> PyErr {
        stop_iteration(self.pos(at))
    }

    /// A str holding `self.s[start..end]`.
    fn piece(&self, start: usize, end: usize) -> Value {
        let piece = &self.s[start..end];
        let n = if self.text.is_ascii() { piece.len() } else { piece.chars().count() };
        // Copied straight into the new object (short pieces live inside it), with no `String` in between.
        crate::builtins::str::new_str_len(piece, n)
    }

    /// The byte at `i`, or 0 past the end (0 never matches anything the scanner looks for).
    #[inline]
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(0)
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while matches!(self.at(i), b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    }

    /// Four hex digits at `i` (the caller checked they are in range), or None.
    fn hex4(&self, i: usize) -> Option<u32> {
        let mut c = 0u32;
        for &d in &self.b[i..i + 4] {
            c = (c << 4) | (d as char).to_digit(16)?;
        }
        Some(c)
    }

    /// Decodes the JSON string whose opening quote is just before byte `end`; returns it and the byte after
    /// its closing quote. Errors and their positions are CPython's `scanstring_unicode`'s.
    pub(super) fn scan_string(&self, mut end: usize, strict: bool) -> PyResult<(Value, usize)> {
        let b = self.b;
        let len = b.len();
        // The opening quote; `scanstring(s, 0)` has none, and CPython then reports position -1.
        let begin = end.checked_sub(1);
        let unterminated = || match begin {
            Some(b) => self.error("Unterminated string starting at", b),
            None => decode_error("Unterminated string starting at", self.value, -1),
        };
        let mut out: Option<String> = None;
        let mut lone = false;
        loop {
            let mut next = end;
            while next < len {
                let d = b[next];
                if d == b'"' || d == b'\\' {
                    break;
                }
                if d <= 0x1f && strict {
                    return Err(self.error("Invalid control character at", next));
                }
                next += 1;
            }
            if next >= len {
                return Err(unterminated());
            }
            let c = b[next];
            if c == b'"' && out.is_none() {
                // No escapes: the string is a slice of the document.
                return Ok((self.piece(end, next), next + 1));
            }
            let buf = out.get_or_insert_with(String::new);
            buf.push_str(&self.s[end..next]);
            next += 1;
            if c == b'"' {
                end = next;
                break;
            }
            if next == len {
                return Err(unterminated());
            }
            let e = b[next];
            if e != b'u' {
                end = next + 1;
                let ch = match e {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return Err(self.error("Invalid \\escape", next - 1)),
                };
                buf.push(ch);
                continue;
            }
            // `\uXXXX`: CPython requires the four digits and at least one more character; every error names
            // the position of the `u`.
            let u_at = next;
            let h = next + 1;
            let mut c = match (h + 4 < len).then(|| self.hex4(h)).flatten() {
                Some(c) => c,
                None => return Err(self.error("Invalid \\uXXXX escape", u_at)),
            };
            end = h + 4;
            if (0xd800..0xdc00).contains(&c) && end + 6 < len && b[end] == b'\\' && b[end + 1] == b'u' {
                let c2 = match self.hex4(end + 2) {
                    Some(c2) => c2,
                    None => return Err(self.error("Invalid \\uXXXX escape", end + 1)),
                };
                if (0xdc00..0xe000).contains(&c2) {
                    c = 0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00));
                    end += 6;
                }
            }
            match char::from_u32(c) {
                Some(ch) => buf.push(ch),
                None => {
                    // Reported once the string is known to be well formed, so that JSON errors come first.
                    lone = true;
                    buf.push('\u{fffd}');
                }
            }
        }
        if lone {
            return Err(lone_surrogate());
        }
        let s = out.unwrap_or_default();
        let n = s.chars().count();
        Ok((new_string_len(s, n), end))
    }
}

// ---------------------------------------------------------------------------------------------------------
// Scanning values

/// A cheap hash for the key memo (FNV-1a): keys are short and come from one trusted document.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf29ce484222325 } else { self.0 };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

/// One call of the scanner: its settings, the document and the key memo.
struct Run<'a> {
    s: &'a Scanner,
    doc: &'a Doc<'a>,
    memo: HashMap<String, Value, BuildHasherDefault<Fnv>>,
}

impl Run<'_> {
    /// One JSON value starting at byte `idx` (< len): `scan_once_unicode`.
    fn scan_once(&mut self, idx: usize) -> PyResult<(Value, usize)> {
        let d = self.doc;
        let rest = &d.b[idx..];
        match d.b[idx] {
            b'"' => return d.scan_string(idx + 1, self.s.strict),
            b'{' => {
                let _g = super::enter("while decoding a JSON object from a unicode string")?;
                return self.parse_object(idx + 1);
            }
            b'[' => {
                let _g = super::enter("while decoding a JSON array from a unicode string")?;
                return self.parse_array(idx + 1);
            }
            b'n' if rest.starts_with(b"null") => return Ok((Value::None, idx + 4)),
            b't' if rest.starts_with(b"true") => return Ok((Value::Bool(true), idx + 4)),
            b'f' if rest.starts_with(b"false") => return Ok((Value::Bool(false), idx + 5)),
            b'N' if rest.starts_with(b"NaN") => return self.constant("NaN", idx),
            b'I' if rest.starts_with(b"Infinity") => return self.constant("Infinity", idx),
            b'-' if rest.starts_with(b"-Infinity") => return self.constant("-Infinity", idx),
            _ => {}
        }
        self.number(idx)
    }

    fn constant(&self, name: &str, idx: usize) -> PyResult<(Value, usize)> {
        let v = ops::call::call(&self.s.parse_constant, &[Value::from(name)], &[])?;
        Ok((v, idx + name.len()))
    }

    /// The object whose `{` is just before byte `idx`.
    fn parse_object(&mut self, idx: usize) -> PyResult<(Value, usize)> {
        let d = self.doc;
        let pairs_hook = !self.s.object_pairs_hook.is_none();
        let mut pairs: Vec<Value> = Vec::new();
        let obj = if pairs_hook { None } else { Some(dict::new_dict_obj()) };
        let mut idx = d.skip_ws(idx);
        if d.at(idx) != b'}' {
            loop {
                if d.at(idx) != b'"' {
                    return Err(d.error("Expecting property name enclosed in double quotes", idx));
                }
                let (key, next) = self.key(idx + 1)?;
                idx = d.skip_ws(next);
                if d.at(idx) != b':' {
                    return Err(d.error("Expecting ':' delimiter", idx));
                }
                idx = d.skip_ws(idx + 1);
                if idx >= d.b.len() {
                    return Err(d.stop(idx));
                }
                let (val, next) = self.scan_once(idx)?;
                match &obj {
                    Some(o) => dict::set(o, key, val)?,
                    None => pairs.push(tuple::new_tuple_array([key, val])),
                }
                idx = d.skip_ws(next);
                if d.at(idx) == b'}' {
                    break;
                }
                if d.at(idx) != b',' {
                    return Err(d.error("Expecting ',' delimiter", idx));
                }
                // NOTE: 3.12 has no "Illegal trailing comma" error (3.13 added it): the next member or value
                // is simply missing.
                idx = d.skip_ws(idx + 1);
            }
        }
        let end = idx + 1;
        let v = match obj {
            None => ops::call::call(&self.s.object_pairs_hook, &[list::new_list(pairs)], &[])?,
            Some(o) if !self.s.object_hook.is_none() => ops::call::call(&self.s.object_hook, &[Value::Obj(o)], &[])?,
            Some(o) => Value::Obj(o),
        };
        Ok((v, end))
    }

    /// An object key (its opening quote just before byte `idx`), shared with earlier equal keys.
    fn key(&mut self, idx: usize) -> PyResult<(Value, usize)> {
        let d = self.doc;
        // The common key has no escapes: look it up by its text in the document, without making a str.
        let mut i = idx;
        while i < d.b.len() && d.b[i] != b'"' && d.b[i] != b'\\' && (d.b[i] > 0x1f || !self.s.strict) {
            i += 1;
        }
        if d.at(i) == b'"' {
            if let Some(k) = self.memo.get(&d.s[idx..i]) {
                return Ok((k.clone(), i + 1));
            }
            let k = d.piece(idx, i);
            self.memo.insert(d.s[idx..i].to_string(), k.clone());
            return Ok((k, i + 1));
        }
        let (k, next) = d.scan_string(idx, self.s.strict)?;
        let text = k.as_str().unwrap_or_default();
        if let Some(m) = self.memo.get(text) {
            return Ok((m.clone(), next));
        }
        self.memo.insert(text.to_string(), k.clone());
        Ok((k, next))
    }

    /// The array whose `[` is just before byte `idx`.
    fn parse_array(&mut self, idx: usize) -> PyResult<(Value, usize)> {
        let d = self.doc;
        let mut items = Vec::new();
        let mut idx = d.skip_ws(idx);
        if d.at(idx) != b']' {
            loop {
                if idx >= d.b.len() {
                    return Err(d.stop(idx));
                }
                let (val, next) = self.scan_once(idx)?;
                items.push(val);
                idx = d.skip_ws(next);
                if d.at(idx) == b']' {
                    break;
                }
                if d.at(idx) != b',' {
                    return Err(d.error("Expecting ',' delimiter", idx));
                }
                idx = d.skip_ws(idx + 1);
            }
        }
        Ok((list::new_list(items), idx + 1))
    }

    /// A number at byte `start` (`_match_number_unicode`), or StopIteration when none starts there.
    fn number(&self, start: usize) -> PyResult<(Value, usize)> {
        let d = self.doc;
        let b = d.b;
        let last = b.len() - 1;
        let digit = |i: usize| d.at(i).is_ascii_digit();
        let mut idx = start;
        if b[idx] == b'-' {
            idx += 1;
            if idx > last {
                return Err(d.stop(start));
            }
        }
        match b[idx] {
            b'1'..=b'9' => {
                idx += 1;
                while digit(idx) {
                    idx += 1;
                }
            }
            b'0' => idx += 1,
            _ => return Err(d.stop(start)),
        }
        let mut is_float = false;
        if idx < last && b[idx] == b'.' && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if idx < last && (b[idx] == b'e' || b[idx] == b'E') {
            let e_start = idx;
            idx += 1;
            if idx < last && (b[idx] == b'-' || b[idx] == b'+') {
                idx += 1;
            }
            while digit(idx) {
                idx += 1;
            }
            if b[idx - 1].is_ascii_digit() {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let text = &d.s[start..idx];
        let t = types();
        let custom = if is_float { &self.s.parse_float } else { &self.s.parse_int };
        let builtin = if is_float { &t.float } else { &t.int };
        if !matches!(custom, Value::Obj(o) if o.ptr_eq(builtin)) {
            let v = ops::call::call(custom, &[new_string_len(text.to_string(), text.len())], &[])?;
            return Ok((v, idx));
        }
        let v = if is_float {
            // Rust's parser rounds correctly, as CPython's `float(str)` does, so both give the same double.
            Value::Float(
                text.parse::<f64>().map_err(|_| value_error(format!("could not convert string to float: '{text}'")))?,
            )
        } else if text.len() <= 18 {
            Value::Int(text.parse::<i64>().unwrap_or(0))
        } else {
            match int::parse_int_bytes(text.as_bytes(), 10, true) {
                Ok(big) => int::from_bigint(big),
                Err(e) => return Err(int::int_parse_error(e, 10, &format!("'{text}'"))),
            }
        };
        Ok((v, idx))
    }
}
