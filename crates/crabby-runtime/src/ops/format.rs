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

/// `str.isprintable` for one character, from the Unicode database CPython 3.12 uses.
fn is_printable(c: char) -> bool {
    crate::builtins::unicode::is_printable(c)
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
    if t.heap || t.native_slots {
        if let Some(f) = type_::lookup(o.ty(), "__repr__") {
            if type_::is_special_impl(&f) {
                let r = type_::call_special(&f, v, &[], &[])?;
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
        Payload::Complex(re, im) => Ok(crate::builtins::complex::complex_repr(*re, *im)),
        Payload::Bytes(b) => Ok(bytes_repr(b)),
        Payload::ByteArray(b) => {
            let data = b.read().clone();
            Ok(crate::builtins::bytes::bytearray_repr(v, &data))
        }
        Payload::MemoryView(_) => Ok(crate::builtins::memoryview::repr(v)),
        Payload::Tuple(items) => {
            if let Some(r) = crate::builtins::structseq::repr_of(v) {
                return r;
            }
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
        Payload::Range(r) => Ok(crate::builtins::range::repr(r)),
        Payload::Slice(s) => Ok(format!("slice({}, {}, {})", repr(&s.start)?, repr(&s.stop)?, repr(&s.step)?)),
        Payload::Function(f) => {
            Ok(format!("<function {} at {:#x}>", f.qualname.read().as_str().unwrap_or("?"), o.addr()))
        }
        Payload::BuiltinFunction(b) => Ok(match (&b.bound_self, &b.owner) {
            (Some(s), _) => format!("<built-in method {} of {} object at {:#x}>", b.name, s.type_name(), s.id()),
            // Unbound native methods: `method_descriptor`s and (for special methods) `wrapper_descriptor`s.
            (None, Some(owner)) if crate::builtins::descriptor::is_method_descriptor(o) => {
                let kind = if b.name.starts_with("__") && b.name.ends_with("__") { "slot wrapper" } else { "method" };
                format!("<{kind} '{}' of '{}' objects>", b.name, type_::type_name(owner))
            }
            (None, _) => format!("<built-in function {}>", b.name),
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
        Payload::Module(m) => {
            let file = o.dict().and_then(|d| dict::get_str(d, "__file__")).and_then(|f| f.as_str().map(str::to_string));
            Ok(match file {
                Some(f) => format!("<module '{}' from '{f}'>", m.name),
                None => format!("<module '{}' (built-in)>", m.name),
            })
        }
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
        Payload::Cell(_) => match crate::builtins::dict_views::hook_repr(v) {
            Some(r) => r,
            None => Ok(format!("<cell at {:#x}>", o.addr())),
        },
        Payload::Super(s) => Ok(crate::builtins::super_::super_repr(s)),
        Payload::Generator(g) => Ok(crate::builtins::generator::gen_repr(g, o.addr())),
        // Native modules' types (itertools.count, functools.partial, ...) define `__repr__` natively.
        _ => match type_::lookup(o.ty(), "__repr__") {
            Some(f) if matches!(f.payload(), Some(Payload::BuiltinFunction(b)) if b.owner.as_ref().is_some_and(|t| !t.ptr_eq(&crate::builtins::types().object))) =>
            {
                let r = ops::call::call_with_self(&f, v, &[], &[])?;
                match r.as_str() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(type_error(format!("__repr__ returned non-string (type {})", r.type_name()))),
                }
            }
            _ => Ok(default_repr(v)),
        },
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
            let f = if t.heap {
                // A user `__str__`, or (through `object.__str__`) a user `__repr__`: either result is checked as
                // `__str__`'s, as CPython's `PyObject_Str` does.
                // A native method stored as `__str__` under another name is called too: enum's ReprEnum sets
                // `__str__ = int.__repr__`, so `str(IntEnum member)` is the plain number.
                match type_::lookup(o.ty(), "__str__") {
                    Some(f) if !matches!(f.payload(), Some(Payload::BuiltinFunction(_))) => Some(f),
                    Some(f) if type_::native_is(&f, &crate::builtins::types().object, "__str__") => {
                        type_::lookup(o.ty(), "__repr__")
                            .filter(|r| !matches!(r.payload(), Some(Payload::BuiltinFunction(_))))
                    }
                    Some(f) if matches!(f.payload(), Some(Payload::BuiltinFunction(b)) if b.name != "__str__") => {
                        Some(f)
                    }
                    // A native module base type's own `__str__` (`datetime.date` under a user subclass).
                    Some(f)
                        if matches!(f.payload(), Some(Payload::BuiltinFunction(_))) && type_::is_special_impl(&f) =>
                    {
                        Some(f)
                    }
                    _ => None,
                }
            } else if t.native_slots {
                // A native module type's own `__str__` (weakref proxies forward it to their target).
                type_::lookup(o.ty(), "__str__").filter(type_::is_special_impl)
            } else {
                None
            };
            if let Some(f) = f {
                let r = type_::call_special(&f, v, &[], &[])?;
                return match r.as_str() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(type_error(format!("__str__ returned non-string (type {})", r.type_name()))),
                };
            }
            match &o.payload {
                Payload::Str(s) => Ok(s.as_str().to_string()),
                // `str()` of a `mappingproxy` is `str()` of its mapping (CPython's `mappingproxy_str`).
                Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::Proxy(m)) => str_of(m),
                // `bytes.__str__` is the bytes repr even when a subclass overrides `__repr__`.
                Payload::Bytes(b) => Ok(bytes_repr(b)),
                Payload::ByteArray(b) => {
                    let data = b.read().clone();
                    Ok(crate::builtins::bytes::bytearray_repr(v, &data))
                }
                Payload::Exception(_) if crate::builtins::oserror::is_os_error_type(o.ty()) => {
                    crate::builtins::oserror::os_error_string(o)
                }
                Payload::Exception(e) if e.group.get().is_some() => crate::builtins::exception_group::str_of(o),
                Payload::Exception(e) => {
                    if type_::is_subtype(o.ty(), exceptions::exc_type(exceptions::ExcKind::SyntaxError)) {
                        if let Some(text) = exceptions::syntax_error_str(v)? {
                            return Ok(text);
                        }
                    }
                    let args = e.args.read().clone();
                    let items = args.as_tuple().unwrap_or(&[]);
                    if let Some(text) = exceptions::unicode_error_text(o.ty(), items) {
                        return Ok(text);
                    }
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
    if let Value::Int(i) = v {
        let mut buf = [0u8; 20];
        let s = i64_digits(*i, &mut buf);
        return Ok(crate::builtins::str::new_str_len(s, s.len()));
    }
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
    // Only the fill may be any character; everything after it is ASCII when valid, so the rest is scanned as
    // bytes, and the one other place a non-ASCII character can appear (the type) is decoded there.
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    let mut cs = spec.chars();
    let (c0, c1) = (cs.next(), cs.next());
    let mut i = match (c0, c1) {
        (Some(f), Some(a)) if is_align(a) => {
            s.fill = Some(f);
            s.align = Some(a);
            f.len_utf8() + 1
        }
        (Some(a), _) if is_align(a) => {
            s.align = Some(a);
            1
        }
        _ => 0,
    };
    let b = spec.as_bytes();
    if i < b.len() && matches!(b[i], b'+' | b'-' | b' ') {
        s.sign = Some(b[i] as char);
        i += 1;
    }
    if i < b.len() && b[i] == b'z' {
        s.z = true;
        i += 1;
    }
    if i < b.len() && b[i] == b'#' {
        s.alt = true;
        i += 1;
    }
    if i < b.len() && b[i] == b'0' {
        s.zero = true;
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        &spec[start..*i]
    };
    let w = digits(&mut i);
    if !w.is_empty() {
        s.width = Some(w.parse().map_err(|_| value_error("Too many decimal digits in format string"))?);
    }
    // CPython's order: ',' then '_' (an error after ','), and a ',' after '_' is an error too; any other
    // repeated separator is left to be read as the type.
    if i < b.len() && b[i] == b',' {
        s.grouping = Some(',');
        i += 1;
    }
    if i < b.len() && b[i] == b'_' {
        if s.grouping.is_some() {
            return Err(value_error("Cannot specify both ',' and '_'."));
        }
        s.grouping = Some('_');
        i += 1;
    }
    if i < b.len() && b[i] == b',' && s.grouping == Some('_') {
        return Err(value_error("Cannot specify both ',' and '_'."));
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let p = digits(&mut i);
        if p.is_empty() {
            return Err(value_error("Format specifier missing precision"));
        }
        s.precision = Some(p.parse().map_err(|_| value_error("Too many decimal digits in format string"))?);
    }
    if let Some(c) = spec.get(i..).and_then(|r| r.chars().next()) {
        s.ty = Some(c);
        i += c.len_utf8();
    }
    if i < b.len() {
        return Err(value_error("Invalid format specifier"));
    }
    Ok(s)
}

/// Appends `n` copies of `c` to `out`.
fn push_fill(out: &mut String, c: char, n: usize) {
    if c.is_ascii() {
        out.extend(std::iter::repeat_n(c, n));
    } else {
        for _ in 0..n {
            out.push(c);
        }
    }
}

/// Pads `body` (with `sign_prefix` kept in front of zero padding) to the spec's width.
pub(crate) fn pad(s: &Spec, sign_prefix: &str, body: &str, default_align: char) -> String {
    let width = s.width.unwrap_or(0);
    let len = sign_prefix.chars().count() + body.chars().count();
    let mut out = String::with_capacity(sign_prefix.len() + body.len() + width.saturating_sub(len));
    if len >= width {
        out.push_str(sign_prefix);
        out.push_str(body);
        return out;
    }
    let fill_n = width - len;
    let (fill, align) = if s.zero && s.align.is_none() {
        (s.fill.unwrap_or('0'), '=')
    } else {
        (s.fill.unwrap_or(' '), s.align.unwrap_or(default_align))
    };
    let (before, middle, after) = match align {
        '<' => (0, 0, fill_n),
        '^' => (fill_n / 2, 0, fill_n - fill_n / 2),
        '=' => (0, fill_n, 0),
        _ => (fill_n, 0, 0),
    };
    push_fill(&mut out, fill, before);
    out.push_str(sign_prefix);
    push_fill(&mut out, fill, middle);
    out.push_str(body);
    push_fill(&mut out, fill, after);
    out
}

pub(crate) fn sign_str(neg: bool, s: &Spec) -> &'static str {
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

/// `format(n, spec)` for an int: CPython's `format_long_internal` (and `format_float_internal` for the float
/// presentation types).
fn format_int(v: &Value, s: &Spec) -> PyResult<String> {
    // CPython checks the separator against the type while parsing the spec, before the type itself.
    check_grouping(s)?;
    let ty = s.ty.unwrap_or('d');
    if !matches!(ty, 'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return Err(unknown_format_code(ty, &v.type_name()));
    }
    let mut checked = s.clone();
    checked.ty = Some(ty);
    check_grouping(&checked)?;
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float_typed(crate::builtins::int::int_to_f64(v)?, s, "float");
    }
    if s.precision.is_some() {
        return Err(value_error("Precision not allowed in integer format specifier"));
    }
    if s.z {
        return Err(value_error("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if let (Value::Int(i), 'd' | 'n' | 'x' | 'X' | 'o' | 'b') = (v, ty) {
        // An i64 needs no big-int conversion.
        let m = i.unsigned_abs();
        let (prefix, digits) = match ty {
            'b' => ("0b", format!("{m:b}")),
            'o' => ("0o", format!("{m:o}")),
            'x' => ("0x", format!("{m:x}")),
            'X' => ("0X", format!("{m:X}")),
            _ => ("", m.to_string()),
        };
        let every = if ty == 'd' || ty == 'n' { 3 } else { 4 };
        let prefix = if s.alt { prefix } else { "" };
        return Ok(fill_number(s, *i < 0, prefix, &digits, "", every));
    }
    let b = to_bigint(v).unwrap_or_default();
    let neg = b.sign() == num_bigint::Sign::Minus;
    let mag = b.magnitude();
    if ty == 'c' {
        if s.sign.is_some() {
            return Err(value_error("Sign not allowed with integer format specifier 'c'"));
        }
        if s.alt {
            return Err(value_error("Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        // `PyLong_AsLong` first: beyond a C long the message is about that.
        let n = num_traits::ToPrimitive::to_i64(&b)
            .ok_or_else(|| crate::error::overflow_error("Python int too large to convert to C long"))?;
        let c = u32::try_from(n)
            .ok()
            .filter(|c| *c <= 0x10ffff)
            .and_then(|c| char::from_u32(c).or(Some('\u{fffd}')))
            .ok_or_else(|| crate::error::overflow_error("%c arg not in range(0x110000)"))?;
        return Ok(fill_number(s, false, "", "", &c.to_string(), 3));
    }
    let (prefix, digits) = match ty {
        'b' => ("0b", mag.to_str_radix(2)),
        'o' => ("0o", mag.to_str_radix(8)),
        'x' => ("0x", mag.to_str_radix(16)),
        'X' => ("0X", mag.to_str_radix(16).to_uppercase()),
        _ => ("", crate::builtins::int::bigint_to_decimal(&b)?.trim_start_matches('-').to_string()),
    };
    let every = if matches!(ty, 'b' | 'o' | 'x' | 'X') { 4 } else { 3 };
    let prefix = if s.alt { prefix } else { "" };
    Ok(fill_number(s, neg, prefix, &digits, "", every))
}

/// CPython's `_Py_dg_dtoa` for a finite float: `(digits, decpt)` with `|x| == 0.digits * 10**decpt`, trailing
/// zeros removed. Mode 0 is the shortest round-tripping text, mode 2 `ndigits` significant digits, mode 3
/// `ndigits` digits after the point; all correctly rounded, ties to even (Rust's exact formatting rounds the
/// same way). Zero, and a value that rounds to zero, give `("0", 1)` and `("", _)` alike: callers treat both
/// as zero.
fn dtoa(x: f64, mode: u8, ndigits: usize) -> (String, i64) {
    let x = x.abs();
    if x == 0.0 {
        return ("0".into(), 1);
    }
    let (digits, decpt) = match mode {
        0 => {
            let (d, p) = crate::builtins::float::shortest_digits(x);
            (d, p as i64)
        }
        2 => {
            let s = format!("{:.*e}", ndigits.max(1) - 1, x);
            let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
            (m.replace('.', ""), e.parse::<i64>().unwrap_or(0) + 1)
        }
        _ if ndigits <= 17 && x < 9.2e18 => fixed_digits(x, ndigits),
        _ => {
            let s = format!("{x:.ndigits$}");
            let (int_part, frac) = s.split_once('.').unwrap_or((&s, ""));
            let all = format!("{int_part}{frac}");
            let lead = all.len() - all.trim_start_matches('0').len();
            (all[lead..].to_string(), int_part.len() as i64 - lead as i64)
        }
    };
    let digits = digits.trim_end_matches('0').to_string();
    if digits.is_empty() {
        return ("0".into(), 1);
    }
    (digits, decpt)
}

/// [`dtoa`] mode 3 for a finite, positive `x` below 2**63 and at most 17 digits after the point, in exact
/// integer arithmetic (Rust's exact formatting tries Grisu and often falls back to its much slower bignum
/// Dragon4 for these). With `x == m * 2**e`, `x * 10**n == m * 5**n * 2**(n + e)`: an integer when
/// `n + e >= 0`, else rounded half to even by the bits shifted out, which is correct rounding of the exact
/// binary value, as CPython's dtoa does (`0.125` gives `0.12`, `2.675` gives `2.67`). The product needs at
/// most 53 + 40 + 27 bits. Returns the digits of the rounded `x * 10**n` and `decpt`, as `dtoa` does.
fn fixed_digits(x: f64, n: usize) -> (String, i64) {
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // Subnormals have no implicit leading bit and the smallest exponent.
    let (m, e) = if exp_bits == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp_bits - 1075) };
    let v = m as u128 * 5u128.pow(n as u32);
    let sh = n as i32 + e;
    let q = if sh >= 0 {
        v << sh
    } else if -sh >= 127 {
        // `v` is below 2**93, far below half of 2**127: the value rounds to zero.
        0
    } else {
        let k = -sh as u32;
        let q = v >> k;
        let r = v & ((1u128 << k) - 1);
        let half = 1u128 << (k - 1);
        if r > half || (r == half && q & 1 == 1) {
            q + 1
        } else {
            q
        }
    };
    if q == 0 {
        return ("0".into(), 1);
    }
    // The decimal digits of `q`, most significant first (a u128 has at most 39).
    let mut buf = [0u8; 40];
    let mut at = buf.len();
    let mut rest = q;
    // Most values fit in 64 bits, whose division by 10 is a multiplication (u128's is a library call).
    while rest > u64::MAX as u128 {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    let mut rest = rest as u64;
    while rest != 0 {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    let len = buf.len() - at;
    let mut end = buf.len();
    while buf[end - 1] == b'0' {
        end -= 1;
    }
    // Only ASCII digits were written.
    let digits = std::str::from_utf8(&buf[at..end]).unwrap_or("0").to_string();
    (digits, len as i64 - n as i64)
}

/// CPython's `PyOS_double_to_string` (`format_float_short`): `code` is one of `e E f F g G r`, `sign` always
/// writes a sign, `add_dot_0` makes integral results end in `.0`, `alt` keeps the point and trailing zeros,
/// `no_neg_0` drops the sign of a result that shows as zero.
pub fn double_to_string(
    val: f64,
    code: char,
    precision: usize,
    sign: bool,
    add_dot_0: bool,
    alt: bool,
    no_neg_0: bool,
) -> String {
    let mut out = String::new();
    double_to_string_into(&mut out, val, code, precision, sign, add_dot_0, alt, no_neg_0);
    out
}

/// [`double_to_string`] appended to `out` (printf-style `%f` and f-string fields write into the result being
/// built, without a string of their own).
#[allow(clippy::too_many_arguments)]
pub fn double_to_string_into(
    out: &mut String,
    val: f64,
    code: char,
    precision: usize,
    sign: bool,
    add_dot_0: bool,
    alt: bool,
    no_neg_0: bool,
) {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let negative = val.is_sign_negative() && !val.is_nan();
    if !val.is_finite() {
        if negative {
            out.push('-');
        } else if sign {
            out.push('+');
        }
        out.push_str(match (val.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return;
    }
    let (mode, precision) = match code {
        'e' => (2, precision + 1),
        'f' => (3, precision),
        'g' => (2, precision.max(1)),
        _ => (0, 0),
    };
    let (digits, mut decpt) = dtoa(val, mode, precision);
    let digits = digits.as_bytes();
    let digits_len = digits.len() as i64;
    let precision = precision as i64;
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            if decpt <= -4 || decpt > (if add_dot_0 { precision - 1 } else { precision }) {
                use_exp = true;
            }
            if alt {
                vdigits_end = precision;
            }
        }
        _ => {
            // repr switches to an exponent at 1e16.
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && add_dot_0 { vdigits_end.max(decpt + 1) } else { vdigits_end.max(decpt) };
    let shows_zero = digits == b"0";
    if negative && !(no_neg_0 && shows_zero) {
        out.push('-');
    } else if sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    // The digits are ASCII, so they are pushed as they are, without a copy.
    fn text(b: &[u8]) -> &str {
        std::str::from_utf8(b).unwrap_or("")
    }
    if decpt <= 0 {
        zeros(out, decpt - vdigits_start);
        out.push('.');
        zeros(out, -decpt);
    } else {
        zeros(out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(text(&digits[..decpt as usize]));
        out.push('.');
        out.push_str(text(&digits[decpt as usize..]));
    } else {
        out.push_str(text(digits));
    }
    if digits_len < decpt {
        zeros(out, decpt - digits_len);
        out.push('.');
        zeros(out, vdigits_end - decpt);
    } else {
        zeros(out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.abs()));
    }
}

/// CPython's `_PyUnicode_InsertThousandsGrouping`: the digits with a separator every `every` digits (none
/// when `sep` is `None`), padded on the left with zeros (and separators) up to `min_width` characters.
fn insert_grouping(digits: &str, min_width: i64, sep: Option<char>, every: usize) -> String {
    let d: Vec<char> = digits.chars().collect();
    let mut remaining = d.len() as i64;
    let mut min_width = min_width;
    // Groups are produced right to left, then reversed.
    let mut groups: Vec<String> = Vec::new();
    let mut end = d.len();
    let mut take = |n_chars: i64, n_zeros: i64, groups: &mut Vec<String>| {
        let start = end - n_chars as usize;
        let mut g: String = "0".repeat(n_zeros.max(0) as usize);
        g.extend(&d[start..end]);
        end = start;
        groups.push(g);
    };
    let mut broken = false;
    if let Some(_sep) = sep {
        let len = every as i64;
        loop {
            let l = len.min(remaining.max(min_width).max(1));
            let n_zeros = (l - remaining).max(0);
            let n_chars = remaining.min(l).max(0);
            take(n_chars, n_zeros, &mut groups);
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let l = remaining.max(min_width).max(1);
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        take(n_chars, n_zeros, &mut groups);
    }
    groups.reverse();
    match sep {
        Some(s) => groups.join(&s.to_string()),
        None => groups.concat(),
    }
}

/// CPython's `calc_number_widths` and `fill_number`: lays out a formatted number (its integer digits, then
/// the rest: an optional decimal point and remainder such as `e+05` or `%`) with its sign, an optional prefix
/// (`0x`), grouping and padding.
fn fill_number(s: &Spec, negative: bool, prefix: &str, int_digits: &str, rest: &str, every: usize) -> String {
    let sign = match (negative, s.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    };
    let (fill, align) = number_fill_align(s);
    let width = s.width.map_or(-1, |w| w as i64);
    let non_digits = (sign.len() + prefix.chars().count() + rest.chars().count()) as i64;
    let min_width = if fill == '0' && align == '=' { width - non_digits } else { 0 };
    // Without a separator, and with no zeros to add before them, the digits are laid out as they are.
    let plain = s.grouping.is_none() && min_width <= int_digits.len() as i64;
    let grouped = if int_digits.is_empty() || plain {
        std::borrow::Cow::Borrowed(int_digits)
    } else {
        std::borrow::Cow::Owned(insert_grouping(int_digits, min_width, s.grouping, every))
    };
    let n_padding = width - (non_digits + grouped.chars().count() as i64);
    let (mut l, mut m, mut r) = (0, 0, 0);
    if n_padding > 0 {
        match align {
            '<' => r = n_padding,
            '^' => {
                l = n_padding / 2;
                r = n_padding - l;
            }
            '=' => m = n_padding,
            _ => l = n_padding,
        }
    }
    let mut out =
        String::with_capacity(sign.len() + prefix.len() + grouped.len() + rest.len() + n_padding.max(0) as usize);
    push_fill(&mut out, fill, l as usize);
    out.push_str(sign);
    out.push_str(prefix);
    push_fill(&mut out, fill, m as usize);
    out.push_str(&grouped);
    out.push_str(rest);
    push_fill(&mut out, fill, r as usize);
    out
}

/// [`fill_number`] for the text of a float (`-1.5e+05`, `inf`, `12.5%`).
fn fill_float(s: &Spec, text: &str) -> String {
    let (negative, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text),
    };
    let n_int = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let (int_digits, rest) = body.split_at(n_int);
    fill_number(s, negative, "", int_digits, rest, 3)
}

/// The fill character and alignment of a numeric field: `0` before the width means zero padding after the
/// sign, unless a fill is given (CPython's backwards-compatible special case).
fn number_fill_align(s: &Spec) -> (char, char) {
    match (s.fill, s.align, s.zero) {
        (Some(f), Some(a), _) => (f, a),
        (None, Some(a), true) => ('0', a),
        (None, Some(a), false) => (' ', a),
        (_, None, true) => ('0', '='),
        (_, None, false) => (' ', '>'),
    }
}

/// `format(x, spec)` for a float: CPython's `format_float_internal`.
fn format_float(x: f64, s: &Spec) -> PyResult<String> {
    format_float_typed(x, s, "float")
}

fn format_float_typed(x: f64, s: &Spec, type_name: &str) -> PyResult<String> {
    let mut ty = match s.ty {
        None => 'r',
        Some(c @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) => c,
        Some('n') => 'g',
        Some(c) => return Err(unknown_format_code(c, type_name)),
    };
    check_grouping(s)?;
    let mut val = x;
    let mut precision = s.precision;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
    }
    let default_precision = if s.ty.is_none() { 0 } else { 6 };
    if precision.is_some() && ty == 'r' {
        ty = 'g';
    }
    if precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(value_error("precision too big"));
    }
    let p = precision.take().unwrap_or(default_precision);
    let mut body = double_to_string(val, ty, p, false, s.ty.is_none(), s.alt, s.z);
    if s.ty == Some('%') {
        body.push('%');
    }
    Ok(fill_float(s, &body))
}

fn unknown_format_code(c: char, type_name: &str) -> crate::error::PyErr {
    if (c as u32) > 32 && (c as u32) < 128 {
        value_error(format!("Unknown format code '{c}' for object of type '{type_name}'"))
    } else {
        value_error(format!("Unknown format code '\\x{:x}' for object of type '{type_name}'", c as u32))
    }
}

/// PEP 378/515: thousands separators only go with some presentation types.
fn check_grouping(s: &Spec) -> PyResult<()> {
    let Some(sep) = s.grouping else { return Ok(()) };
    match s.ty {
        None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => Ok(()),
        Some('b' | 'o' | 'x' | 'X') if sep == '_' => Ok(()),
        Some(c) if (c as u32) > 32 && (c as u32) < 128 => {
            Err(value_error(format!("Cannot specify '{sep}' with '{c}'.")))
        }
        Some(c) => Err(value_error(format!("Cannot specify '{sep}' with '\\x{:x}'.", c as u32))),
    }
}

/// `format(z, spec)` for a complex number: CPython's `format_complex_internal`.
pub fn format_complex(re: f64, im: f64, spec: &str) -> PyResult<String> {
    let s = parse_spec(spec)?;
    let ty = match s.ty {
        None => 'r',
        Some(c @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G')) => c,
        Some('n') => 'g',
        Some(c) => return Err(unknown_format_code(c, "complex")),
    };
    check_grouping(&s)?;
    let (fill, align) = number_fill_align(&s);
    if fill == '0' {
        return Err(value_error("Zero padding is not allowed in complex format specifier"));
    }
    if align == '=' {
        return Err(value_error("'=' alignment flag is not allowed in complex format specifier"));
    }
    let mut ty = ty;
    let (mut skip_re, mut parens) = (false, false);
    if s.ty.is_none() {
        if re == 0.0 && re.is_sign_positive() {
            skip_re = true;
        } else {
            parens = true;
        }
    }
    let precision = match s.precision {
        None if s.ty.is_none() => 0,
        None => 6,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    let re_s = double_to_string(re, ty, precision, false, false, s.alt, s.z);
    let im_s = double_to_string(im, ty, precision, false, false, s.alt, s.z);
    // Each part is laid out without padding; the imaginary part always has a sign unless it stands alone.
    let mut part = s.clone();
    part.width = None;
    part.fill = None;
    part.align = Some('<');
    part.zero = false;
    let re_txt = fill_float(&part, &re_s);
    if !skip_re {
        part.sign = Some('+');
    }
    let im_txt = fill_float(&part, &im_s);
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&re_txt);
    }
    body.push_str(&im_txt);
    body.push('j');
    if parens {
        body.push(')');
    }
    let mut outer = Spec { fill: Some(fill), align: Some(align), width: s.width, ..Spec::default() };
    outer.zero = false;
    Ok(pad_text(&outer, &body))
}

/// Pads already formatted text to the spec's width (fill and alignment given).
fn pad_text(s: &Spec, body: &str) -> String {
    let len = body.chars().count();
    let width = s.width.unwrap_or(0);
    if len >= width {
        return body.to_string();
    }
    let n = width - len;
    let fill = s.fill.unwrap_or(' ');
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match s.align.unwrap_or('>') {
        '<' => format!("{body}{}", f(n)),
        '^' => format!("{}{body}{}", f(n / 2), f(n - n / 2)),
        _ => format!("{}{body}", f(n)),
    }
}

/// printf-style `%e %f %g` (and upper-case) of a float: CPython's `formatfloat` followed by the sign, zero
/// padding and justification of `unicode_format_arg_output`.
pub(crate) fn percent_float(x: f64, conv: char, spec: &Spec) -> String {
    let body = double_to_string(x, conv, spec.precision.unwrap_or(6), false, false, spec.alt, false);
    percent_number_output(&body, spec)
}

/// The sign, fill and justification of a printf-style numeric conversion (`unicode_format_arg_output`).
pub(crate) fn percent_number_output(text: &str, spec: &Spec) -> String {
    let ljust = spec.align == Some('<');
    let fill = if spec.zero && !ljust { '0' } else { ' ' };
    let (sign, body) = match text.as_bytes().first() {
        Some(b'-') => ("-", &text[1..]),
        Some(b'+') => ("+", &text[1..]),
        _ => match spec.sign {
            Some('+') => ("+", text),
            Some(' ') => (" ", text),
            _ => ("", text),
        },
    };
    let len = sign.len() + body.chars().count();
    let width = spec.width.unwrap_or(0);
    if width <= len {
        return format!("{sign}{body}");
    }
    let n = width - len;
    let f = |k: usize, c: char| std::iter::repeat_n(c, k).collect::<String>();
    if ljust {
        format!("{sign}{body}{}", f(n, ' '))
    } else if fill == '0' {
        format!("{sign}{}{body}", f(n, '0'))
    } else {
        format!("{}{sign}{body}", f(n, ' '))
    }
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
            // The built-in `__format__`s with an empty spec are `str(self)`, which a subclass may override.
            if spec.is_empty() {
                return str_of(v);
            }
        }
        // A native module type's own `__format__` (`datetime.date.__format__`), for it and its subclasses.
        if let Some(f) = type_::special_method(v, "__format__") {
            let r = type_::call_special(&f, v, &[Value::from(spec)], &[])?;
            return match r.as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(type_error(format!("__format__ must return a str, not {}", r.type_name()))),
            };
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
    if let Some(Payload::Complex(re, im)) = v.payload() {
        return if spec.is_empty() {
            Ok(crate::builtins::complex::complex_repr(*re, *im))
        } else {
            format_complex(*re, *im, spec)
        };
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

/// The decimal text of `i`, written at the end of `buf` (20 bytes hold `i64::MIN`): `str(int)` and f-string
/// fields make no intermediate `String`.
#[inline]
pub fn i64_digits(i: i64, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    let mut n = i.unsigned_abs();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    // SAFETY: only ASCII digits and '-' were written to `buf[at..]`.
    unsafe { std::str::from_utf8_unchecked(&buf[at..]) }
}

/// An f-string replacement field appended to the string being built: an exact `str` or a plain int without
/// conversion or spec (most fields) is copied straight into `out`; anything else goes through
/// [`fstring_field`].
#[inline]
pub fn fstring_push(out: &mut String, v: &Value, conversion: char, spec: &str) -> PyResult<()> {
    if spec.is_empty() && (conversion == ' ' || conversion == 's') {
        match v {
            Value::Int(i) => {
                let mut buf = [0u8; 20];
                out.push_str(i64_digits(*i, &mut buf));
                return Ok(());
            }
            Value::Obj(o) if o.ty().ptr_eq(&crate::builtins::types().str) => {
                out.push_str(v.as_str().unwrap_or(""));
                return Ok(());
            }
            _ => {}
        }
    }
    out.push_str(&fstring_field(v, conversion, spec)?);
    Ok(())
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

pub use crate::ops::percent::percent_format;
