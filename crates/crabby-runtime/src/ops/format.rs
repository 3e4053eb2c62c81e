//! Text conversions: `repr()`, `str()`, `format()` with the format-spec mini-language, f-string pieces and
//! printf-style `%` formatting.

use std::cell::RefCell;

use crate::builtins::float::float_repr;
use crate::builtins::int::{int_repr, is_int, to_bigint};
use crate::builtins::{dict, exceptions, set, type_};
use crate::error::{type_error, value_error, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::Value;

thread_local! {
    /// Containers whose repr is in progress on this thread, so a container holding itself prints `[...]`.
    static REPR_ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

struct ReprGuard(usize);

impl ReprGuard {
    fn enter(addr: usize) -> Option<ReprGuard> {
        REPR_ACTIVE.with(|r| {
            let mut r = r.borrow_mut();
            if r.contains(&addr) {
                None
            } else {
                r.push(addr);
                Some(ReprGuard(addr))
            }
        })
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        REPR_ACTIVE.with(|r| r.borrow_mut().retain(|a| *a != self.0));
    }
}

/// CPython's `repr()` of a str: single quotes unless the text has single and no double quotes.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

/// An approximation of `str.isprintable` for one character: controls, separators other than the space, and
/// format characters are not printable.
// NOTE: the full Unicode table comes with the built-in types milestone.
fn is_printable(c: char) -> bool {
    let u = c as u32;
    if u < 0x20 || (0x7f..0xa0).contains(&u) || u == 0xad {
        return false;
    }
    if c == ' ' {
        return true;
    }
    !(c.is_whitespace() || (0x2028..=0x202f).contains(&u) || (0x200b..=0x200f).contains(&u) || (0xd800..0xe000).contains(&u) || u == 0xfeff)
}

pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

fn join_reprs(items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(v)?);
    }
    Ok(out)
}

/// `repr(v)`.
pub fn repr(v: &Value) -> PyResult<String> {
    match v {
        Value::None => return Ok("None".into()),
        Value::Bool(b) => return Ok(if *b { "True" } else { "False" }.into()),
        Value::Int(i) => return Ok(i.to_string()),
        Value::Float(f) => return Ok(float_repr(*f)),
        Value::Obj(_) => {}
    }
    let o = v.as_obj().expect("object");
    let t = type_::type_obj(o.ty());
    if t.heap {
        if let Some(f) = type_::lookup(o.ty(), "__repr__") {
            if !matches!(f.payload(), Some(Payload::BuiltinFunction(_))) {
                let r = ops::call::call_with_self(&f, v, &[], &[])?;
                return match r.as_str() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(type_error(format!("__repr__ returned non-string (type {})", r.type_name()))),
                };
            }
        }
    }
    match &o.payload {
        Payload::Str(s) => Ok(str_repr(s.as_str())),
        Payload::Int(_) => int_repr(v),
        Payload::Float(f) => Ok(float_repr(*f)),
        Payload::Bytes(b) => Ok(bytes_repr(b)),
        Payload::Tuple(items) => {
            let Some(_g) = ReprGuard::enter(o.addr()) else { return Ok("(...)".into()) };
            if items.len() == 1 {
                Ok(format!("({},)", repr(&items[0])?))
            } else {
                Ok(format!("({})", join_reprs(items)?))
            }
        }
        Payload::List(l) => {
            let Some(_g) = ReprGuard::enter(o.addr()) else { return Ok("[...]".into()) };
            let items = l.read().clone();
            Ok(format!("[{}]", join_reprs(&items)?))
        }
        Payload::Dict(_) => {
            let Some(_g) = ReprGuard::enter(o.addr()) else { return Ok("{...}".into()) };
            let mut out = String::from("{");
            for (i, (k, val)) in dict::items(o).iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&repr(k)?);
                out.push_str(": ");
                out.push_str(&repr(val)?);
            }
            out.push('}');
            Ok(out)
        }
        Payload::Set(_) => {
            let name = t.name.read().clone();
            let Some(_g) = ReprGuard::enter(o.addr()) else { return Ok(format!("{name}(...)")) };
            let keys = set::keys(o);
            let frozen = name != "set";
            if keys.is_empty() {
                return Ok(format!("{name}()"));
            }
            let inner = format!("{{{}}}", join_reprs(&keys)?);
            Ok(if frozen || t.heap { format!("{name}({inner})") } else { inner })
        }
        Payload::Range(r) => Ok(if r.step == 1 {
            format!("range({}, {})", r.start, r.stop)
        } else {
            format!("range({}, {}, {})", r.start, r.stop, r.step)
        }),
        Payload::Slice(s) => Ok(format!("slice({}, {}, {})", repr(&s.start)?, repr(&s.stop)?, repr(&s.step)?)),
        Payload::Function(f) => Ok(format!(
            "<function {} at {:#x}>",
            f.qualname.read().as_str().unwrap_or("?"),
            o.addr()
        )),
        Payload::BuiltinFunction(b) => Ok(match &b.bound_self {
            Some(s) => format!("<built-in method {} of {} object at {:#x}>", b.name, s.type_name(), s.id()),
            None => format!("<built-in function {}>", b.name),
        }),
        Payload::BoundMethod(m) => {
            let qn = match m.func.payload() {
                Some(Payload::Function(f)) => f.qualname.read().as_str().unwrap_or("?").to_string(),
                _ => "?".into(),
            };
            Ok(format!("<bound method {qn} of {}>", repr(&m.this)?))
        }
        Payload::Type(tt) => {
            let module = dict::get_str(&tt.dict, "__module__").and_then(|m| m.as_str().map(str::to_string));
            let qn = tt.qualname.read().clone();
            Ok(match module {
                Some(m) if m != "builtins" => format!("<class '{m}.{qn}'>"),
                _ => format!("<class '{qn}'>"),
            })
        }
        Payload::Module(m) => Ok(format!("<module '{}'>", m.name)),
        Payload::Exception(e) => {
            let name = t.name.read().clone();
            let args = e.args.read().clone();
            let items = args.as_tuple().unwrap_or(&[]);
            if items.len() == 1 {
                Ok(format!("{name}({})", repr(&items[0])?))
            } else {
                Ok(format!("{name}({})", join_reprs(items)?))
            }
        }
        Payload::Singleton => Ok(if o.ptr_eq(&crate::builtins::types().not_implemented) {
            "NotImplemented".into()
        } else {
            "Ellipsis".into()
        }),
        Payload::Cell(_) => Ok(format!("<cell at {:#x}>", o.addr())),
        Payload::Super(s) => Ok(crate::builtins::super_::super_repr(s)),
        _ => Ok(default_repr(v)),
    }
}

/// `object.__repr__`: `<module.Name object at 0x...>`.
pub fn default_repr(v: &Value) -> String {
    let t = type_::type_obj(v.ty());
    let module = dict::get_str(&t.dict, "__module__").and_then(|m| m.as_str().map(str::to_string));
    let qn = t.qualname.read().clone();
    match module {
        Some(m) if m != "builtins" => format!("<{m}.{qn} object at {:#x}>", v.id()),
        _ => format!("<{qn} object at {:#x}>", v.id()),
    }
}

/// `str(v)`.
pub fn str_of(v: &Value) -> PyResult<String> {
    match v {
        Value::Obj(o) => {
            let t = type_::type_obj(o.ty());
            if t.heap {
                if let Some(f) = type_::lookup(o.ty(), "__str__") {
                    if !matches!(f.payload(), Some(Payload::BuiltinFunction(_))) {
                        let r = ops::call::call_with_self(&f, v, &[], &[])?;
                        return match r.as_str() {
                            Some(s) => Ok(s.to_string()),
                            None => Err(type_error(format!("__str__ returned non-string (type {})", r.type_name()))),
                        };
                    }
                }
            }
            match &o.payload {
                Payload::Str(s) => Ok(s.as_str().to_string()),
                Payload::Exception(e) => {
                    let args = e.args.read().clone();
                    let items = args.as_tuple().unwrap_or(&[]);
                    let is_key_error = type_::is_subtype(o.ty(), exceptions::exc_type(exceptions::ExcKind::KeyError));
                    match items.len() {
                        0 => Ok(String::new()),
                        1 if is_key_error => repr(&items[0]),
                        1 => str_of(&items[0]),
                        _ => repr(&args),
                    }
                }
                _ => repr(v),
            }
        }
        _ => repr(v),
    }
}

/// `str(v)` as a value (returns `v` itself for exact str).
pub fn to_str(v: &Value) -> PyResult<Value> {
    if let Some(Payload::Str(_)) = v.payload() {
        if !type_::type_obj(v.ty()).heap {
            return Ok(v.clone());
        }
    }
    Ok(Value::from(str_of(v)?))
}

/// `ascii(v)`: `repr` with non-ASCII characters escaped.
pub fn ascii(v: &Value) -> PyResult<String> {
    let r = repr(v)?;
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let u = c as u32;
        if u < 0x80 {
            out.push(c);
        } else if u <= 0xff {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u <= 0xffff {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    Ok(out)
}

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Default, Clone)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub z: bool,
    pub alt: bool,
    pub zero: bool,
    pub width: Option<usize>,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

pub fn parse_spec(spec: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == 'z' {
        s.z = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = Some(chars[start..i].iter().collect::<String>().parse().map_err(|_| value_error("Too many decimal digits in format string"))?);
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
        if i < chars.len() && matches!(chars[i], ',' | '_') {
            return Err(value_error("Cannot specify both ',' and '_'."));
        }
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(value_error("Format specifier missing precision"));
        }
        s.precision = Some(chars[start..i].iter().collect::<String>().parse().map_err(|_| value_error("Too many decimal digits in format string"))?);
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() {
        return Err(value_error("Invalid format specifier"));
    }
    Ok(s)
}

/// Pads `body` (with `sign_prefix` kept in front of zero padding) to the spec's width.
fn pad(s: &Spec, sign_prefix: &str, body: &str, default_align: char) -> String {
    let width = s.width.unwrap_or(0);
    let len = sign_prefix.chars().count() + body.chars().count();
    if len >= width {
        return format!("{sign_prefix}{body}");
    }
    let fill_n = width - len;
    let (fill, align) = if s.zero && s.align.is_none() {
        (s.fill.unwrap_or('0'), '=')
    } else {
        (s.fill.unwrap_or(' '), s.align.unwrap_or(default_align))
    };
    let f = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{sign_prefix}{body}{}", f(fill_n)),
        '^' => format!("{}{sign_prefix}{body}{}", f(fill_n / 2), f(fill_n - fill_n / 2)),
        '=' => format!("{sign_prefix}{}{body}", f(fill_n)),
        _ => format!("{}{sign_prefix}{body}", f(fill_n)),
    }
}

/// Inserts a grouping separator every `every` digits of an integer digit string.
fn group(digits: &str, sep: char, every: usize) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / every);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn sign_str(neg: bool, s: &Spec) -> &'static str {
    if neg {
        "-"
    } else {
        match s.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

fn format_int(v: &Value, s: &Spec) -> PyResult<String> {
    let b = to_bigint(v).unwrap_or_default();
    let neg = b.sign() == num_bigint::Sign::Minus;
    let mag = if neg { -b.clone() } else { b.clone() };
    if s.precision.is_some() && !matches!(s.ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) {
        return Err(value_error("Precision not allowed in integer format specifier"));
    }
    let (prefix, digits) = match s.ty {
        None | Some('d') | Some('n') => ("", mag.to_string()),
        Some('b') => ("0b", mag.to_str_radix(2)),
        Some('o') => ("0o", mag.to_str_radix(8)),
        Some('x') => ("0x", mag.to_str_radix(16)),
        Some('X') => ("0X", mag.to_str_radix(16).to_uppercase()),
        Some('c') => {
            let c = num_traits::ToPrimitive::to_u32(&b)
                .and_then(char::from_u32)
                .ok_or_else(|| crate::error::overflow_error("%c arg not in range(0x110000)"))?;
            return Ok(pad(s, "", &c.to_string(), '<'));
        }
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            return format_float(crate::builtins::int::int_to_f64(v)?, s);
        }
        Some(c) => {
            return Err(value_error(format!("Unknown format code '{c}' for object of type '{}'", v.type_name())))
        }
    };
    let digits = match s.grouping {
        Some(sep) => {
            let every = if matches!(s.ty, Some('b' | 'o' | 'x' | 'X')) { 4 } else { 3 };
            if sep == ',' && every == 4 {
                return Err(value_error(format!("Cannot specify ',' with '{}'.", s.ty.unwrap_or('d'))));
            }
            if s.zero && s.align.is_none() && s.width.is_some() {
                // Zero padding goes between the separators, as CPython does.
                let want = s.width.unwrap_or(0).saturating_sub(sign_str(neg, s).len() + if s.alt { prefix.len() } else { 0 });
                let mut d = digits.clone();
                while group(&d, sep, every).len() < want {
                    d.insert(0, '0');
                }
                group(&d, sep, every)
            } else {
                group(&digits, sep, every)
            }
        }
        None => digits,
    };
    let prefix = if s.alt { prefix } else { "" };
    Ok(pad(s, &format!("{}{prefix}", sign_str(neg, s)), &digits, '>'))
}

/// Fixed-point digits of `x` with `prec` decimals (correctly rounded, like CPython's).
fn fixed(x: f64, prec: usize) -> String {
    format!("{x:.prec$}")
}

/// Scientific notation with CPython's exponent style (`1.5e+02`).
fn sci(x: f64, prec: usize, upper: bool) -> String {
    let s = format!("{x:.prec$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let out = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

/// `%g`-style: scientific or fixed depending on the exponent, trailing zeros removed unless `alt`.
fn general(x: f64, prec: usize, upper: bool, alt: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if x == 0.0 {
        let z = if alt { format!("{:.*}", p - 1, 0.0) } else { "0".into() };
        return if x.is_sign_negative() { format!("-{z}") } else { z };
    }
    let s = format!("{:.*e}", p - 1, x);
    let exp: i32 = s.split_once('e').map_or(0, |(_, e)| e.parse().unwrap_or(0));
    let mut out = if -4 <= exp && exp < p as i32 {
        fixed(x, (p as i32 - 1 - exp).max(0) as usize)
    } else {
        sci(x, p - 1, upper)
    };
    if !alt {
        let (mant, rest) = match out.find(['e', 'E']) {
            Some(i) => (out[..i].to_string(), out[i..].to_string()),
            None => (out.clone(), String::new()),
        };
        let mant = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.').to_string() } else { mant };
        out = format!("{mant}{rest}");
    } else if !out.contains('.') {
        let i = out.find(['e', 'E']).unwrap_or(out.len());
        out.insert(i, '.');
    }
    out
}

fn format_float(x: f64, s: &Spec) -> PyResult<String> {
    let neg = x.is_sign_negative() && !(s.z && x == 0.0) && !x.is_nan();
    let ax = x.abs();
    let upper = matches!(s.ty, Some('E' | 'F' | 'G'));
    let mut body = if x.is_nan() {
        "nan".to_string()
    } else if x.is_infinite() {
        "inf".to_string()
    } else {
        match s.ty {
            Some('f' | 'F') => fixed(ax, s.precision.unwrap_or(6)),
            Some('e' | 'E') => sci(ax, s.precision.unwrap_or(6), upper),
            Some('g' | 'G') => general(ax, s.precision.unwrap_or(6), upper, s.alt),
            Some('n') => general(ax, s.precision.unwrap_or(6), false, s.alt),
            Some('%') => format!("{}%", fixed(ax * 100.0, s.precision.unwrap_or(6))),
            None => match s.precision {
                None => {
                    let r = float_repr(ax);
                    r.to_string()
                }
                Some(p) => {
                    let g = general(ax, p, false, s.alt);
                    if g.contains(['.', 'e', 'n', 'i']) {
                        g
                    } else {
                        format!("{g}.0")
                    }
                }
            },
            Some(c) => {
                return Err(value_error(format!("Unknown format code '{c}' for object of type 'float'")));
            }
        }
    };
    if upper {
        body = body.to_uppercase();
    }
    if s.alt && matches!(s.ty, Some('f' | 'F' | 'e' | 'E' | '%')) && !body.contains('.') && x.is_finite() {
        let i = body.find(['e', 'E', '%']).unwrap_or(body.len());
        body.insert(i, '.');
    }
    if let Some(sep) = s.grouping {
        if x.is_finite() {
            let end = body.find(['.', 'e', 'E', '%']).unwrap_or(body.len());
            let (int_part, rest) = body.split_at(end);
            body = format!("{}{rest}", group(int_part, sep, 3));
        }
    }
    Ok(pad(s, sign_str(neg, s), &body, '>'))
}

fn format_str(text: &str, s: &Spec) -> PyResult<String> {
    match s.ty {
        None | Some('s') => {}
        Some(c) => return Err(value_error(format!("Unknown format code '{c}' for object of type 'str'"))),
    }
    if s.sign.is_some() {
        return Err(value_error("Sign not allowed in string format specifier"));
    }
    if s.align == Some('=') {
        return Err(value_error("'=' alignment not allowed in string format specifier"));
    }
    let t: String = match s.precision {
        Some(p) => text.chars().take(p).collect(),
        None => text.to_string(),
    };
    Ok(pad(s, "", &t, '<'))
}

/// `format(v, spec)`.
pub fn format(v: &Value, spec: &str) -> PyResult<String> {
    if let Value::Obj(o) = v {
        if type_::type_obj(o.ty()).heap {
            if let Some(f) = type_::lookup(o.ty(), "__format__") {
                if !matches!(f.payload(), Some(Payload::BuiltinFunction(_))) {
                    let r = ops::call::call_with_self(&f, v, &[Value::from(spec)], &[])?;
                    return match r.as_str() {
                        Some(s) => Ok(s.to_string()),
                        None => Err(type_error(format!("__format__ must return a str, not {}", r.type_name()))),
                    };
                }
            }
        }
    }
    if is_int(v) {
        if spec.is_empty() {
            return if matches!(v, Value::Bool(_)) { str_of(v) } else { int_repr(v) };
        }
        return format_int(v, &parse_spec(spec)?);
    }
    if let Some(f) = crate::builtins::float::as_f64(v) {
        if spec.is_empty() {
            return str_of(v);
        }
        return format_float(f, &parse_spec(spec)?);
    }
    if let Some(s) = v.as_str() {
        if spec.is_empty() {
            return Ok(s.to_string());
        }
        return format_str(s, &parse_spec(spec)?);
    }
    if spec.is_empty() {
        return str_of(v);
    }
    Err(type_error(format!("unsupported format string passed to {}.__format__", v.type_name())))
}

/// An f-string replacement field: conversion (`'r'`, `'s'`, `'a'` or none) then `format`.
pub fn fstring_field(v: &Value, conversion: char, spec: &str) -> PyResult<String> {
    let converted;
    let v = match conversion {
        'r' => {
            converted = Value::from(repr(v)?);
            &converted
        }
        's' => {
            converted = Value::from(str_of(v)?);
            &converted
        }
        'a' => {
            converted = Value::from(ascii(v)?);
            &converted
        }
        _ => v,
    };
    format(v, spec)
}

/// printf-style formatting: `fmt % args`.
pub fn percent_format(fmt_v: &Value, args: &Value) -> PyResult<Value> {
    let fmt = fmt_v.as_str().unwrap_or("");
    let is_mapping = matches!(args.payload(), Some(Payload::Dict(_)));
    let items: Vec<Value> = match args.as_tuple() {
        Some(t) if !type_::type_obj(args.ty()).heap => t.to_vec(),
        _ => vec![args.clone()],
    };
    let mut next_arg = 0;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut used_mapping = false;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return Err(value_error("incomplete format"));
        }
        let mut key_val: Option<Value> = None;
        if chars[i] == '(' {
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                if chars[i] == '(' {
                    depth += 1;
                } else if chars[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(value_error("incomplete format key"));
            }
            let key: String = chars[start..i - 1].iter().collect();
            if !is_mapping {
                return Err(type_error("format requires a mapping"));
            }
            key_val = Some(ops::subscript::getitem(args, &Value::from(key))?);
            used_mapping = true;
        }
        let mut spec = Spec::default();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
            match chars[i] {
                '-' => spec.align = Some('<'),
                '+' => spec.sign = Some('+'),
                ' ' => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ')
                    }
                }
                '#' => spec.alt = true,
                _ => spec.zero = true,
            }
            i += 1;
        }
        let mut take_arg = |next_arg: &mut usize| -> PyResult<Value> {
            if let Some(v) = key_val.take() {
                return Ok(v);
            }
            if *next_arg >= items.len() {
                return Err(type_error("not enough arguments for format string"));
            }
            *next_arg += 1;
            Ok(items[*next_arg - 1].clone())
        };
        if i < chars.len() && chars[i] == '*' {
            let w = take_arg(&mut next_arg)?;
            let w = crate::builtins::int::as_i64(&w).ok_or_else(|| type_error("* wants int"))?;
            if w < 0 {
                spec.align = Some('<');
            }
            spec.width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            if i > start {
                spec.width = chars[start..i].iter().collect::<String>().parse().ok();
            }
        }
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            if i < chars.len() && chars[i] == '*' {
                let p = take_arg(&mut next_arg)?;
                spec.precision = crate::builtins::int::as_i64(&p).map(|p| p.max(0) as usize);
                i += 1;
            } else {
                let start = i;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                spec.precision = Some(chars[start..i].iter().collect::<String>().parse().unwrap_or(0));
            }
        }
        while i < chars.len() && matches!(chars[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= chars.len() {
            return Err(value_error("incomplete format"));
        }
        let conv = chars[i];
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let arg = take_arg(&mut next_arg)?;
        if spec.align == Some('<') {
            spec.zero = false;
        }
        let piece = match conv {
            's' | 'r' | 'a' => {
                let t = match conv {
                    's' => str_of(&arg)?,
                    'r' => repr(&arg)?,
                    _ => ascii(&arg)?,
                };
                let t: String = match spec.precision {
                    Some(p) => t.chars().take(p).collect(),
                    None => t,
                };
                spec.zero = false;
                pad(&spec, "", &t, '>')
            }
            'd' | 'i' | 'u' => {
                let n = if is_int(&arg) {
                    arg.clone()
                } else if let Some(f) = crate::builtins::float::as_f64(&arg) {
                    if f.is_nan() {
                        return Err(value_error("cannot convert float NaN to integer"));
                    }
                    if f.is_infinite() {
                        return Err(crate::error::overflow_error("cannot convert float infinity to integer"));
                    }
                    crate::builtins::int::from_bigint(num_bigint::BigInt::from(f.trunc() as i128))
                } else {
                    return Err(type_error(format!("%{conv} format: a real number is required, not {}", arg.type_name())));
                };
                let digits = if let Some(p) = spec.precision {
                    let d = to_bigint(&n).unwrap_or_default();
                    let m = if d.sign() == num_bigint::Sign::Minus { -d.clone() } else { d.clone() };
                    let s = m.to_string();
                    let s = if s.len() < p { format!("{}{s}", "0".repeat(p - s.len())) } else { s };
                    (d.sign() == num_bigint::Sign::Minus, s)
                } else {
                    let d = to_bigint(&n).unwrap_or_default();
                    let neg = d.sign() == num_bigint::Sign::Minus;
                    (neg, if neg { (-d).to_string() } else { d.to_string() })
                };
                pad(&spec, sign_str(digits.0, &spec), &digits.1, '>')
            }
            'x' | 'X' | 'o' => {
                if !is_int(&arg) {
                    return Err(type_error(format!("%{conv} format: an integer is required, not {}", arg.type_name())));
                }
                let d = to_bigint(&arg).unwrap_or_default();
                let neg = d.sign() == num_bigint::Sign::Minus;
                let m = if neg { -d } else { d };
                let mut digits = match conv {
                    'x' => m.to_str_radix(16),
                    'X' => m.to_str_radix(16).to_uppercase(),
                    _ => m.to_str_radix(8),
                };
                if let Some(p) = spec.precision {
                    if digits.len() < p {
                        digits = format!("{}{digits}", "0".repeat(p - digits.len()));
                    }
                }
                let prefix = if spec.alt {
                    match conv {
                        'x' => "0x",
                        'X' => "0X",
                        _ => "0o",
                    }
                } else {
                    ""
                };
                pad(&spec, &format!("{}{prefix}", sign_str(neg, &spec)), &digits, '>')
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = match crate::builtins::float::as_f64(&arg) {
                    Some(f) if is_int(&arg) => {
                        let _ = f;
                        crate::builtins::int::int_to_f64(&arg)?
                    }
                    Some(f) => f,
                    None => return Err(type_error(format!("must be real number, not {}", arg.type_name()))),
                };
                let mut sp = spec.clone();
                sp.ty = Some(conv);
                if sp.precision.is_none() {
                    sp.precision = Some(6);
                }
                format_float(f, &sp)?
            }
            'c' => {
                let ch = if let Some(s) = arg.as_str() {
                    if s.chars().count() != 1 {
                        return Err(type_error("%c requires int or char"));
                    }
                    s.to_string()
                } else if let Some(n) = crate::builtins::int::as_i64(&arg) {
                    char::from_u32(n as u32)
                        .filter(|_| (0..0x110000).contains(&n))
                        .ok_or_else(|| crate::error::overflow_error("%c arg not in range(0x110000)"))?
                        .to_string()
                } else {
                    return Err(type_error("%c requires int or char"));
                };
                spec.zero = false;
                pad(&spec, "", &ch, '>')
            }
            c => {
                return Err(value_error(format!(
                    "unsupported format character '{c}' ({:#x}) at index {}",
                    c as u32,
                    i - 1
                )))
            }
        };
        out.push_str(&piece);
    }
    if next_arg < items.len() && !used_mapping && !is_mapping {
        return Err(type_error("not all arguments converted during string formatting"));
    }
    Ok(Value::from(out))
}
