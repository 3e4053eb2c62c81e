//! printf-style formatting of byte strings (`b'%d %s' % args`, PEP 461): CPython's `_PyBytes_FormatEx`.
//!
//! `%s`/`%b` take bytes-like objects or `__bytes__`, `%r`/`%a` the ASCII repr, `%c` an int in range(256) or a
//! single byte. The numeric conversions produce ASCII text exactly as `str`'s `%` does, so they are handed
//! to it one conversion at a time.

use crate::builtins::bytes::{buffer, Kind};
use crate::builtins::{int, tuple, type_};
use crate::error::{overflow_error, type_error, value_error, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

/// The source of the values of a format: a tuple's items one by one, or the single non-tuple argument.
struct ArgSource<'a> {
    items: Vec<Value>,
    /// How many tuple items were taken.
    next: usize,
    /// The argument is one value (`items[0]`), not a tuple: CPython's `arglen = -1`.
    single: bool,
    /// Whether that one value was taken (CPython's `argidx` going from -2 to -1).
    used_single: bool,
    /// The mapping `%(key)s` looks keys up in.
    dict: Option<&'a Value>,
}

impl ArgSource<'_> {
    fn take(&mut self) -> PyResult<Value> {
        if self.single {
            if self.used_single {
                return Err(type_error("not enough arguments for format string"));
            }
            self.used_single = true;
            return Ok(self.items[0].clone());
        }
        match self.items.get(self.next) {
            Some(v) => {
                self.next += 1;
                Ok(v.clone())
            }
            None => Err(type_error("not enough arguments for format string")),
        }
    }
}

/// The bytes of `%s`/`%b`: a bytes-like object's contents, or what `__bytes__` returns.
fn format_obj(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer(v)? {
        return Ok(b.into_owned());
    }
    if let Some(f) = type_::lookup(v.ty(), "__bytes__") {
        let r = ops::call::call_with_self(&f, v, &[], &[])?;
        return match r.payload() {
            Some(Payload::Bytes(b)) => Ok(b.to_vec()),
            _ => Err(type_error(format!("__bytes__ returned non-bytes (type {})", r.type_name()))),
        };
    }
    Err(type_error(format!(
        "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
        v.type_name()
    )))
}

/// The byte of `%c`.
fn byte_of(v: &Value) -> PyResult<u8> {
    if int::is_int(v) {
        return int::as_i64(v)
            .and_then(|i| u8::try_from(i).ok())
            .ok_or_else(|| overflow_error("%c arg not in range(256)"));
    }
    let one = match v.payload() {
        Some(Payload::Bytes(b)) if b.len() == 1 => Some(b[0]),
        Some(Payload::ByteArray(b)) => {
            let b = b.read();
            (b.len() == 1).then(|| b[0])
        }
        _ => None,
    };
    one.ok_or_else(|| type_error("%c requires an integer in range(256) or a single byte"))
}

/// Whether `PyFloat_AsDouble` accepts `v`: floats, ints, and objects with `__float__` or `__index__`.
fn float_like(v: &Value) -> bool {
    int::is_int(v)
        || crate::builtins::float::as_f64(v).is_some()
        || type_::lookup(v.ty(), "__float__").is_some()
        || (type_::type_obj(v.ty()).heap && type_::lookup(v.ty(), "__index__").is_some())
}

/// A `* wants int` width or precision argument.
fn star_arg(src: &mut ArgSource) -> PyResult<i64> {
    let v = src.take()?;
    if !int::is_int(&v) {
        return Err(type_error("* wants int"));
    }
    int::as_i64(&v).ok_or_else(|| value_error("width too big"))
}

/// Formats `fmt % args` for a byte string of kind `kind`.
pub fn percent_format(kind: Kind, fmt: &[u8], args: &Value) -> PyResult<Value> {
    let is_tuple = args.as_tuple().is_some();
    // A mapping (anything with `__getitem__` that is not a tuple or a string) supplies `%(key)s` values.
    let is_mapping = !is_tuple
        && !matches!(args.payload(), Some(Payload::Bytes(_) | Payload::ByteArray(_) | Payload::Str(_)))
        && (matches!(args.payload(), Some(Payload::Dict(_) | Payload::List(_) | Payload::MemoryView(_)))
            || type_::lookup(args.ty(), "__getitem__").is_some());
    let mut src = ArgSource {
        items: match args.as_tuple() {
            Some(t) => t.to_vec(),
            None => vec![args.clone()],
        },
        next: 0,
        single: !is_tuple,
        used_single: false,
        dict: is_mapping.then_some(args),
    };
    let mut out: Vec<u8> = Vec::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        if c != b'%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= fmt.len() {
            return Err(value_error("incomplete format"));
        }
        if fmt[i] == b'(' {
            let Some(dict) = src.dict else {
                return Err(type_error("format requires a mapping"));
            };
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < fmt.len() && depth > 0 {
                match fmt[i] {
                    b'(' => depth += 1,
                    b')' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
            if depth > 0 {
                return Err(value_error("incomplete format key"));
            }
            let key = crate::builtins::bytes::new_bytes(&fmt[start..i - 1]);
            let v = ops::subscript::getitem(dict, &key)?;
            // The looked-up value is the argument of this conversion (CPython resets its argument source).
            src.items = vec![v];
            src.single = true;
            src.used_single = false;
        }
        let mut flags = String::new();
        while i < fmt.len() && matches!(fmt[i], b'-' | b'+' | b' ' | b'#' | b'0') {
            flags.push(fmt[i] as char);
            i += 1;
        }
        let mut left = flags.contains('-');
        let mut width: Option<i64> = None;
        if i < fmt.len() && fmt[i] == b'*' {
            let w = star_arg(&mut src)?;
            if w < 0 {
                left = true;
                if !flags.contains('-') {
                    flags.push('-');
                }
            }
            width = Some(w.abs());
            i += 1;
        } else {
            let start = i;
            while i < fmt.len() && fmt[i].is_ascii_digit() {
                i += 1;
            }
            if i > start {
                let w = std::str::from_utf8(&fmt[start..i]).ok().and_then(|t| t.parse::<i64>().ok());
                width = Some(w.filter(|w| *w <= i32::MAX as i64).ok_or_else(|| value_error("width too big"))?);
            }
        }
        let mut prec: Option<i64> = None;
        if i < fmt.len() && fmt[i] == b'.' {
            i += 1;
            if i < fmt.len() && fmt[i] == b'*' {
                prec = Some(star_arg(&mut src)?.max(0));
                i += 1;
            } else {
                let start = i;
                while i < fmt.len() && fmt[i].is_ascii_digit() {
                    i += 1;
                }
                let p = std::str::from_utf8(&fmt[start..i]).ok().and_then(|t| {
                    if t.is_empty() {
                        Some(0)
                    } else {
                        t.parse::<i64>().ok()
                    }
                });
                prec = Some(p.filter(|p| *p <= i32::MAX as i64).ok_or_else(|| value_error("precision too big"))?);
            }
        }
        while i < fmt.len() && matches!(fmt[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        if i >= fmt.len() {
            return Err(value_error("incomplete format"));
        }
        let conv = fmt[i];
        i += 1;
        if conv == b'%' {
            out.push(b'%');
            continue;
        }
        let arg = src.take()?;
        let body: Vec<u8> = match conv {
            b's' | b'b' | b'r' | b'a' => {
                let mut t = if matches!(conv, b's' | b'b') {
                    format_obj(&arg)?
                } else {
                    ops::format::ascii(&arg)?.into_bytes()
                };
                if let Some(p) = prec {
                    t.truncate(p as usize);
                }
                t
            }
            b'c' => vec![byte_of(&arg)?],
            b'd' | b'i' | b'u' | b'o' | b'x' | b'X' | b'e' | b'E' | b'f' | b'F' | b'g' | b'G' => {
                if matches!(conv, b'e' | b'E' | b'f' | b'F' | b'g' | b'G') && !float_like(&arg) {
                    return Err(type_error(format!("float argument required, not {}", arg.type_name())));
                }
                // The conversion with its flags, width and precision, formatted as `str % (arg,)` does.
                let mut spec = format!("%{flags}");
                if let Some(w) = width {
                    spec.push_str(&w.to_string());
                }
                if let Some(p) = prec {
                    spec.push_str(&format!(".{p}"));
                }
                spec.push(conv as char);
                let r = ops::format::percent_format(&Value::from(spec), &tuple::new_tuple_array([arg]))?;
                out.extend_from_slice(r.as_str().unwrap_or("").as_bytes());
                continue;
            }
            c => {
                return Err(value_error(format!(
                    "unsupported format character '{}' ({:#x}) at index {}",
                    c as char,
                    c,
                    i - 1
                )))
            }
        };
        let w = width.unwrap_or(0).max(0) as usize;
        let pad = w.saturating_sub(body.len());
        if !left {
            out.resize(out.len() + pad, b' ');
        }
        out.extend_from_slice(&body);
        if left {
            out.resize(out.len() + pad, b' ');
        }
    }
    if !src.single && src.next < src.items.len() && src.dict.is_none() {
        return Err(type_error("not all arguments converted during bytes formatting"));
    }
    if src.single && !src.used_single && src.dict.is_none() {
        return Err(type_error("not all arguments converted during bytes formatting"));
    }
    Ok(kind.make(out))
}
