//! `_codecs`: the codec registry and the codec functions under CPython's `codecs` module and `encodings`
//! package. The registry holds the search functions (`encodings` registers its own when imported, which the
//! first lookup attempts, as CPython's start-up does) and caches their answers by normalized name; the error
//! handler registry holds the built-in handlers and the ones registered from Python. The codec functions
//! (`utf_8_encode`, `charmap_decode`, ...) return CPython's `(result, consumed)` pairs and reuse the runtime's
//! own codecs (`builtins/str_codec.rs`).
//!
//! NOTE: when `encodings` is not compiled into the program, `lookup` still answers for the codecs the runtime
//! implements natively, with a `CodecInfo` holding only the stateless `encode`/`decode` functions.
//! NOTE: the runtime's `str.encode`/`bytes.decode` apply the built-in error handlers by name; handlers
//! registered with `register_error` are reached only through codecs written in Python.

use std::collections::HashMap;
use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::str::PyStr;
use crate::builtins::str_codec::{self, decode_error, encode_error, Codec};
use crate::builtins::{bytes, dict, module, tuple};
use crate::error::{type_error, PyErr, PyResult};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

struct Registry {
    search: Vec<Value>,
    cache: HashMap<String, Value>,
    errors: HashMap<String, Value>,
    tried_encodings: bool,
}

fn registry() -> &'static Mutex<Registry> {
    static R: OnceLock<Mutex<Registry>> = OnceLock::new();
    R.get_or_init(|| {
        Mutex::new(Registry {
            search: Vec::new(),
            cache: HashMap::new(),
            errors: HashMap::new(),
            tried_encodings: false,
        })
    })
}

fn lookup_error_exc(msg: String) -> PyErr {
    PyErr::new(ExcKind::LookupError, msg)
}

/// CPython's `_Py_normalize_encoding` plus lower case: runs of punctuation (other than `.`) become one `_`.
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_alphanumeric() || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            out.extend(c.to_lowercase());
            punct = false;
        } else {
            punct = true;
        }
    }
    out
}

fn str_arg<'a>(fname: &str, what: &str, v: &'a Value) -> PyResult<&'a PyStr> {
    match v.payload() {
        Some(Payload::Str(s)) => Ok(s),
        _ => Err(type_error(format!("{fname}() argument {what} must be str, not {}", v.type_name()))),
    }
}

/// An optional `errors` argument (`None` means strict).
fn errors_arg(fname: &str, v: Option<&Value>) -> PyResult<String> {
    match v {
        None | Some(Value::None) => Ok("strict".into()),
        Some(v) => Ok(str_arg(fname, "'errors'", v)?.as_str().to_string()),
    }
}

fn register(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("register", args, kwargs).exact(1)?;
    if !crate::modules::builtins::is_callable(&a[0]) {
        return Err(type_error("argument must be callable"));
    }
    registry().lock().search.push(a[0].clone());
    Ok(Value::None)
}

fn unregister(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("unregister", args, kwargs).exact(1)?;
    let mut r = registry().lock();
    if let Some(i) = r.search.iter().position(|f| f.is(&a[0])) {
        r.search.remove(i);
        r.cache.clear();
    }
    Ok(Value::None)
}

/// The `CodecInfo` for a codec the runtime implements, made with `codecs.CodecInfo` when `encodings` could
/// not answer.
fn native_info(codec: Codec) -> PyResult<Option<Value>> {
    let (name, enc, dec): (&str, NativeFn, NativeFn) = match codec {
        Codec::Utf8 => ("utf-8", utf_8_encode, utf_8_decode),
        Codec::Utf8Sig => return Ok(None),
        Codec::Utf16 => ("utf-16", utf_16_encode, utf_16_decode),
        Codec::Utf16Le => ("utf-16-le", utf_16_le_encode, utf_16_le_decode),
        Codec::Utf16Be => ("utf-16-be", utf_16_be_encode, utf_16_be_decode),
        Codec::Utf32 => ("utf-32", utf_32_encode, utf_32_decode),
        Codec::Utf32Le => ("utf-32-le", utf_32_le_encode, utf_32_le_decode),
        Codec::Utf32Be => ("utf-32-be", utf_32_be_encode, utf_32_be_decode),
        Codec::Ascii => ("ascii", ascii_encode, ascii_decode),
        Codec::Latin1 => ("iso8859-1", latin_1_encode, latin_1_decode),
        Codec::Cp1252 => return Ok(None),
    };
    let Ok(codecs) = crate::import::import_dotted("codecs") else { return Ok(None) };
    let ci = ops::attr::getattr_str(&codecs, "CodecInfo")?;
    let kw = vec![(Value::from("name"), Value::from(name))];
    let info = ops::call::call(&ci, &[new_builtin("encode", enc, None), new_builtin("decode", dec, None)], &kw)?;
    Ok(Some(info))
}

/// `_PyCodec_Lookup`.
pub fn lookup_codec(encoding: &str) -> PyResult<Value> {
    let key = normalize(encoding);
    let first = {
        let mut r = registry().lock();
        if let Some(v) = r.cache.get(&key) {
            return Ok(v.clone());
        }
        !std::mem::replace(&mut r.tried_encodings, true)
    };
    if first {
        // CPython imports `encodings` at start-up; here the first lookup does, if it is compiled in.
        let _ = crate::import::import_dotted("encodings");
    }
    // The registry lock is not held while search functions run.
    let search = registry().lock().search.clone();
    let key_v = Value::from(key.as_str());
    for f in &search {
        let r = ops::call::call(f, std::slice::from_ref(&key_v), &[])?;
        if r.is_none() {
            continue;
        }
        if r.as_tuple().is_none_or(|t| t.len() != 4) {
            return Err(type_error("codec search functions must return 4-tuples"));
        }
        registry().lock().cache.insert(key, r.clone());
        return Ok(r);
    }
    if let Some(codec) = str_codec::lookup(&key) {
        if let Some(info) = native_info(codec)? {
            registry().lock().cache.insert(key, info.clone());
            return Ok(info);
        }
    }
    Err(lookup_error_exc(format!("unknown encoding: {encoding}")))
}

fn lookup(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("lookup", args, kwargs).exact(1)?;
    let s = str_arg("lookup", "", &a[0])
        .map_err(|_| type_error(format!("lookup() argument must be str, not {}", a[0].type_name())))?;
    lookup_codec(s.as_str())
}

fn forget_codec(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_forget_codec", args, kwargs).exact(1)?;
    let s = str_arg("_forget_codec", "", &a[0])?;
    registry().lock().cache.remove(&normalize(s.as_str()));
    Ok(Value::None)
}

/// `codecs.encode`/`codecs.decode`: the codec's function, whose result must be a `(object, length)` pair.
fn run_codec(fname: &str, index: usize, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new(fname, args, kwargs).bind(&["obj", "encoding", "errors"], 1)?;
    let obj = a[0].clone().unwrap_or_default();
    let encoding = match &a[1] {
        Some(v) => str_arg(fname, "'encoding'", v)?.as_str().to_string(),
        None => "utf-8".into(),
    };
    let errors = match &a[2] {
        Some(v) => str_arg(fname, "'errors'", v)?.as_str().to_string(),
        None => "strict".into(),
    };
    let info = lookup_codec(&encoding)?;
    let f = ops::subscript::getitem(&info, &Value::Int(index as i64))?;
    let r = ops::call::call(&f, &[obj, Value::from(errors.as_str())], &[])?;
    match r.as_tuple() {
        Some([v, _]) => Ok(v.clone()),
        _ => Err(type_error(if index == 0 {
            "encoder must return a tuple (object, integer)"
        } else {
            "decoder must return a tuple (object,integer)"
        })),
    }
}

fn encode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    run_codec("encode", 0, args, kwargs)
}

fn decode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    run_codec("decode", 1, args, kwargs)
}

// ---------------------------------------------------------------------------------------------------------
// Error handlers.

const HANDLERS: &[(&str, &str, NativeFn)] = &[
    ("strict", "strict_errors", strict_errors),
    ("ignore", "ignore_errors", ignore_errors),
    ("replace", "replace_errors", replace_errors),
    ("backslashreplace", "backslashreplace_errors", backslashreplace_errors),
    ("xmlcharrefreplace", "xmlcharrefreplace_errors", xmlcharrefreplace_errors),
    ("namereplace", "namereplace_errors", namereplace_errors),
    ("surrogateescape", "surrogateescape", strict_errors),
    ("surrogatepass", "surrogatepass", strict_errors),
];

fn builtin_handler(name: &str) -> Option<Value> {
    static HS: OnceLock<Vec<(&'static str, Value)>> = OnceLock::new();
    let hs = HS.get_or_init(|| {
        HANDLERS
            .iter()
            .map(|(n, f, h)| (*n, Value::Obj(new_builtin(f, *h, None).as_obj().expect("fn").clone().make_immortal())))
            .collect()
    });
    hs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone())
}

fn lookup_error(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("lookup_error", args, kwargs).exact(1)?;
    let name = str_arg("lookup_error", "", &a[0])
        .map_err(|_| type_error(format!("lookup_error() argument must be str, not {}", a[0].type_name())))?;
    if let Some(h) = registry().lock().errors.get(name.as_str()) {
        return Ok(h.clone());
    }
    builtin_handler(name.as_str())
        .ok_or_else(|| lookup_error_exc(format!("unknown error handler name '{}'", name.as_str())))
}

fn register_error(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("register_error", args, kwargs).exact(2)?;
    let name = str_arg("register_error", "1", &a[0])?;
    if !crate::modules::builtins::is_callable(&a[1]) {
        return Err(type_error("handler must be callable"));
    }
    registry().lock().errors.insert(name.as_str().to_string(), a[1].clone());
    Ok(Value::None)
}

/// What a handler was given: the exception, its kind, and its `object`, `start` and `end`.
struct UnicodeErr {
    exc: Value,
    kind: ExcKind,
    object: Value,
    start: usize,
    end: usize,
}

fn unicode_err(fname: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<UnicodeErr> {
    let a = Args::new(fname, args, kwargs).exact(1)?;
    let exc = a[0].clone();
    let t = crate::builtins::types();
    let kind = [ExcKind::UnicodeEncodeError, ExcKind::UnicodeDecodeError, ExcKind::UnicodeTranslateError]
        .into_iter()
        .find(|k| crate::builtins::type_::is_subtype(exc.ty(), t.exception(*k)));
    let Some(kind) = kind else {
        return Err(type_error(format!("don't know how to handle {} in error callback", exc.type_name())));
    };
    let int_attr = |n: &str| -> PyResult<usize> {
        let v = ops::attr::getattr_str(&exc, n)?;
        Ok(crate::builtins::int::as_i64(&v).unwrap_or(0).max(0) as usize)
    };
    Ok(UnicodeErr {
        object: ops::attr::getattr_str(&exc, "object")?,
        start: int_attr("start")?,
        end: int_attr("end")?,
        kind,
        exc,
    })
}

fn answer(text: String, end: usize) -> Value {
    tuple::new_tuple_array([Value::from(text), Value::Int(end as i64)])
}

fn strict_errors(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("strict_errors", args, kwargs).exact(1)?;
    match a[0].as_obj() {
        Some(o) if matches!(o.payload, Payload::Exception(_)) => Err(PyErr::from_exception(o.clone())),
        _ => Err(type_error("codec must pass exception instance")),
    }
}

fn ignore_errors(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = unicode_err("ignore_errors", args, kwargs)?;
    Ok(answer(String::new(), e.end))
}

fn replace_errors(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = unicode_err("replace_errors", args, kwargs)?;
    let n = e.end.saturating_sub(e.start);
    Ok(match e.kind {
        ExcKind::UnicodeEncodeError => answer("?".repeat(n), e.end),
        ExcKind::UnicodeDecodeError => answer("\u{fffd}".into(), e.end),
        _ => answer("\u{fffd}".repeat(n), e.end),
    })
}

fn escape_char(c: char) -> String {
    let u = c as u32;
    if u <= 0xff {
        format!("\\x{u:02x}")
    } else if u <= 0xffff {
        format!("\\u{u:04x}")
    } else {
        format!("\\U{u:08x}")
    }
}

/// The characters `start..end` of the exception's text object.
fn err_chars(e: &UnicodeErr) -> Vec<char> {
    match e.object.as_str() {
        Some(s) => s.chars().skip(e.start).take(e.end.saturating_sub(e.start)).collect(),
        None => Vec::new(),
    }
}

fn backslashreplace_errors(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = unicode_err("backslashreplace_errors", args, kwargs)?;
    if e.kind == ExcKind::UnicodeDecodeError {
        let data = bytes::buffer(&e.object)?.unwrap_or_default();
        let s: String =
            data.get(e.start..e.end.min(data.len())).unwrap_or(&[]).iter().map(|b| format!("\\x{b:02x}")).collect();
        return Ok(answer(s, e.end));
    }
    Ok(answer(err_chars(&e).into_iter().map(escape_char).collect(), e.end))
}

fn xmlcharrefreplace_errors(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = unicode_err("xmlcharrefreplace_errors", args, kwargs)?;
    if e.kind != ExcKind::UnicodeEncodeError {
        return Err(type_error(format!("don't know how to handle {} in error callback", e.exc.type_name())));
    }
    Ok(answer(err_chars(&e).into_iter().map(|c| format!("&#{};", c as u32)).collect(), e.end))
}

// NOTE: the runtime has no table of character names, so `namereplace` writes the `backslashreplace` escape.
fn namereplace_errors(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = unicode_err("namereplace_errors", args, kwargs)?;
    if e.kind != ExcKind::UnicodeEncodeError {
        return Err(type_error(format!("don't know how to handle {} in error callback", e.exc.type_name())));
    }
    Ok(answer(err_chars(&e).into_iter().map(escape_char).collect(), e.end))
}

// ---------------------------------------------------------------------------------------------------------
// The codec functions.

fn pair(v: Value, n: usize) -> Value {
    tuple::new_tuple_array([v, Value::Int(n as i64)])
}

/// `X_encode(str, errors=None)` for a native codec.
fn native_encode(fname: &str, codec: Codec, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new(fname, args, kwargs).bind(&["str", "errors"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let s = str_arg(fname, "1", &v)?;
    let errors = errors_arg(fname, a[1].as_ref())?;
    let out = str_codec::encode(codec, &v, s, &errors)?;
    Ok(pair(bytes::new_bytes_vec(out), s.char_len()))
}

/// How many bytes at the end of `data` may be the start of a sequence that more input would complete.
fn incomplete_tail(codec: Codec, data: &[u8]) -> usize {
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => {
            // Look back over at most three bytes for a lead byte whose sequence runs past the end.
            for back in 1..=3.min(data.len()) {
                let b = data[data.len() - back];
                if b & 0xc0 == 0x80 {
                    continue;
                }
                let need = match b {
                    0xc2..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf4 => 4,
                    _ => 0,
                };
                return if need > back && std::str::from_utf8(&data[data.len() - back..]).is_err() { back } else { 0 };
            }
            0
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let odd = data.len() % 2;
            let be = codec == Codec::Utf16Be || (codec == Codec::Utf16 && data.starts_with(&[0xfe, 0xff]));
            let even = data.len() - odd;
            if even >= 2 {
                let u = if be {
                    u16::from_be_bytes([data[even - 2], data[even - 1]])
                } else {
                    u16::from_le_bytes([data[even - 2], data[even - 1]])
                };
                if (0xd800..0xdc00).contains(&u) {
                    return odd + 2;
                }
            }
            odd
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => data.len() % 4,
        _ => 0,
    }
}

/// `X_decode(data, errors=None, final=False)` for a native codec.
fn native_decode(
    fname: &str,
    codec: Codec,
    args: &[Value],
    kwargs: &[(Value, Value)],
    stateful: bool,
) -> PyResult<Value> {
    let names: &[&str] = if stateful { &["data", "errors", "final"] } else { &["data", "errors"] };
    let a = Args::new(fname, args, kwargs).bind(names, 1)?;
    let v = a[0].clone().unwrap_or_default();
    let Some(data) = bytes::buffer(&v)? else {
        return Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name())));
    };
    let errors = errors_arg(fname, a[1].as_ref())?;
    let is_final = !stateful || a.get(2).and_then(|x| x.as_ref()).map(ops::truthy).transpose()?.unwrap_or(false);
    let keep = if is_final { 0 } else { incomplete_tail(codec, &data) };
    let used = &data[..data.len() - keep];
    let s = str_codec::decode(codec, used, &errors, &v)?;
    Ok(pair(Value::from(s), used.len()))
}

macro_rules! codec_fns {
    ($($enc:ident, $dec:ident, $codec:expr, $stateful:expr;)*) => {$(
        fn $enc(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            native_encode(stringify!($enc), $codec, args, kwargs)
        }
        fn $dec(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            native_decode(stringify!($dec), $codec, args, kwargs, $stateful)
        }
    )*};
}

codec_fns! {
    utf_8_encode, utf_8_decode, Codec::Utf8, true;
    utf_16_encode, utf_16_decode, Codec::Utf16, true;
    utf_16_le_encode, utf_16_le_decode, Codec::Utf16Le, true;
    utf_16_be_encode, utf_16_be_decode, Codec::Utf16Be, true;
    utf_32_encode, utf_32_decode, Codec::Utf32, true;
    utf_32_le_encode, utf_32_le_decode, Codec::Utf32Le, true;
    utf_32_be_encode, utf_32_be_decode, Codec::Utf32Be, true;
    latin_1_encode, latin_1_decode, Codec::Latin1, false;
    ascii_encode, ascii_decode, Codec::Ascii, false;
}

/// `utf_16_ex_decode(data, errors=None, byteorder=0, final=False)` → `(str, consumed, byteorder)`.
fn utf_16_ex_decode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    ex_decode("utf_16_ex_decode", [Codec::Utf16Le, Codec::Utf16Be], 2, args, kwargs)
}

fn utf_32_ex_decode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    ex_decode("utf_32_ex_decode", [Codec::Utf32Le, Codec::Utf32Be], 4, args, kwargs)
}

fn ex_decode(
    fname: &str,
    [le, be]: [Codec; 2],
    width: usize,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let a = Args::new(fname, args, kwargs).bind(&["data", "errors", "byteorder", "final"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let Some(data) = bytes::buffer(&v)? else {
        return Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name())));
    };
    let errors = errors_arg(fname, a[1].as_ref())?;
    let mut order = a[2].as_ref().map(|x| ops::number::index_i64(x, "byteorder")).transpose()?.unwrap_or(0);
    let is_final = a[3].as_ref().map(ops::truthy).transpose()?.unwrap_or(false);
    let mut start = 0;
    if order == 0 && data.len() >= width {
        let (bom_le, bom_be): (&[u8], &[u8]) =
            if width == 2 { (&[0xff, 0xfe], &[0xfe, 0xff]) } else { (&[0xff, 0xfe, 0, 0], &[0, 0, 0xfe, 0xff]) };
        if data.starts_with(bom_le) {
            (order, start) = (-1, width);
        } else if data.starts_with(bom_be) {
            (order, start) = (1, width);
        }
    }
    let codec = if order > 0 { be } else { le };
    let rest = &data[start..];
    let keep = if is_final { 0 } else { incomplete_tail(codec, rest) };
    let s = str_codec::decode(codec, &rest[..rest.len() - keep], &errors, &v)?;
    Ok(tuple::new_tuple_array([Value::from(s), Value::Int((data.len() - keep) as i64), Value::Int(order)]))
}

/// `charmap_build(map)`: the encoding table for a 256-character decoding table, as a dict from code point to
/// byte.
// NOTE: CPython returns an opaque `EncodingMap`; a dict answers the same lookups.
fn charmap_build(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("charmap_build", args, kwargs).exact(1)?;
    let s = str_arg("charmap_build", "", &a[0])
        .map_err(|_| type_error(format!("charmap_build() argument must be str, not {}", a[0].type_name())))?;
    let d = dict::new_dict_obj();
    for (i, c) in s.as_str().chars().enumerate() {
        dict::set(&d, Value::Int(c as i64), Value::Int(i as i64))?;
    }
    Ok(Value::Obj(d))
}

/// The byte string a charmap encoding table gives for `c`, `None` when it has none.
fn charmap_lookup_encode(mapping: &Value, c: char) -> PyResult<Option<Vec<u8>>> {
    let r = match ops::subscript::getitem(mapping, &Value::Int(c as i64)) {
        Ok(r) => r,
        Err(e) if e.matches(ExcKind::LookupError) => return Ok(None),
        Err(e) => return Err(e),
    };
    if r.is_none() {
        return Ok(None);
    }
    if let Some(i) = crate::builtins::int::as_i64(&r) {
        if !(0..256).contains(&i) {
            return Err(type_error("character mapping must be in range(256)"));
        }
        return Ok(Some(vec![i as u8]));
    }
    match bytes::buffer(&r)? {
        Some(b) if matches!(r.payload(), Some(Payload::Bytes(_))) => Ok(Some(b.into_owned())),
        _ => Err(type_error("character mapping must return integer, bytes or None, not str")),
    }
}

fn charmap_encode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("charmap_encode", args, kwargs).bind(&["str", "errors", "mapping"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let s = str_arg("charmap_encode", "1", &v)?;
    let errors = errors_arg("charmap_encode", a[1].as_ref())?;
    let mapping = a[2].clone().unwrap_or_default();
    if mapping.is_none() {
        let out = str_codec::encode(Codec::Latin1, &v, s, &errors)?;
        return Ok(pair(bytes::new_bytes_vec(out), s.char_len()));
    }
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(b) = charmap_lookup_encode(&mapping, chars[i])? {
            out.extend_from_slice(&b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && charmap_lookup_encode(&mapping, chars[end])?.is_none() {
            end += 1;
        }
        match errors.as_str() {
            "ignore" => {}
            "replace" => {
                for _ in i..end {
                    match charmap_lookup_encode(&mapping, '?')? {
                        Some(b) => out.extend_from_slice(&b),
                        None => return Err(encode_error("charmap", &v, i, end, "character maps to <undefined>")),
                    }
                }
            }
            "xmlcharrefreplace" | "backslashreplace" => {
                for &c in &chars[i..end] {
                    let rep = if errors == "backslashreplace" { escape_char(c) } else { format!("&#{};", c as u32) };
                    for rc in rep.chars() {
                        match charmap_lookup_encode(&mapping, rc)? {
                            Some(b) => out.extend_from_slice(&b),
                            None => return Err(encode_error("charmap", &v, i, end, "character maps to <undefined>")),
                        }
                    }
                }
            }
            "strict" => return Err(encode_error("charmap", &v, i, end, "character maps to <undefined>")),
            name => {
                // A handler registered from Python: it gets the exception and returns the replacement and
                // where to resume.
                let h = lookup_error(&[Value::from(name)], &[])?;
                let exc = encode_error("charmap", &v, i, end, "character maps to <undefined>").value();
                let r = ops::call::call(&h, &[exc], &[])?;
                let Some([rep, pos]) = r.as_tuple() else {
                    return Err(type_error("encoding error handler must return (str/bytes, int) tuple"));
                };
                let rep_text = rep.as_str().unwrap_or("").to_string();
                for rc in rep_text.chars() {
                    match charmap_lookup_encode(&mapping, rc)? {
                        Some(b) => out.extend_from_slice(&b),
                        None => return Err(encode_error("charmap", &v, i, end, "character maps to <undefined>")),
                    }
                }
                let p = crate::builtins::int::as_i64(pos).unwrap_or(end as i64);
                let p = if p < 0 { chars.len() as i64 + p } else { p };
                i = (p.max(0) as usize).min(chars.len());
                continue;
            }
        }
        i = end;
    }
    Ok(pair(bytes::new_bytes_vec(out), chars.len()))
}

fn charmap_decode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("charmap_decode", args, kwargs).bind(&["data", "errors", "mapping"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let Some(data) = bytes::buffer(&v)? else {
        return Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name())));
    };
    let errors = errors_arg("charmap_decode", a[1].as_ref())?;
    let mapping = a[2].clone().unwrap_or_default();
    if mapping.is_none() {
        return Ok(pair(Value::from(str_codec::decode(Codec::Latin1, &data, &errors, &v)?), data.len()));
    }
    let table: Option<Vec<char>> = mapping.as_str().map(|s| s.chars().collect());
    let mut out = String::with_capacity(data.len());
    for (i, &b) in data.iter().enumerate() {
        let got: Option<String> = match &table {
            Some(t) => t.get(b as usize).filter(|c| **c != '\u{fffe}').map(|c| c.to_string()),
            None => {
                let r = match ops::subscript::getitem(&mapping, &Value::Int(b as i64)) {
                    Ok(r) => r,
                    Err(e) if e.matches(ExcKind::LookupError) => Value::None,
                    Err(e) => return Err(e),
                };
                if r.is_none() {
                    None
                } else if let Some(i) = crate::builtins::int::as_i64(&r) {
                    match char::from_u32(i as u32).filter(|_| (0..=0x10ffff).contains(&i)) {
                        Some(c) => Some(c.to_string()),
                        None => return Err(type_error("character mapping must be in range(0x110000)")),
                    }
                } else if let Some(s) = r.as_str() {
                    Some(s.to_string()).filter(|s| s != "\u{fffe}")
                } else {
                    return Err(type_error("character mapping must return integer, None or str"));
                }
            }
        };
        match got {
            Some(s) => out.push_str(&s),
            None => match errors.as_str() {
                "ignore" => {}
                "replace" => out.push('\u{fffd}'),
                "backslashreplace" => out.push_str(&format!("\\x{b:02x}")),
                _ => return Err(decode_error("charmap", &v, i, i + 1, "character maps to <undefined>")),
            },
        }
    }
    Ok(pair(Value::from(out), data.len()))
}

fn readbuffer_encode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("readbuffer_encode", args, kwargs).bind(&["data", "errors"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let data: Vec<u8> = match v.payload() {
        Some(Payload::Str(s)) => s.as_str().as_bytes().to_vec(),
        _ => match bytes::buffer(&v)? {
            Some(b) => b.into_owned(),
            None => return Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name()))),
        },
    };
    let n = data.len();
    Ok(pair(bytes::new_bytes_vec(data), n))
}

/// `escape_encode(data, errors=None)`: bytes escaped as in a bytes literal, without the quotes.
fn escape_encode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("escape_encode", args, kwargs).bind(&["data", "errors"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let Some(Payload::Bytes(data)) = v.payload() else {
        return Err(type_error(format!("escape_encode() argument 1 must be bytes, not {}", v.type_name())));
    };
    let mut out = Vec::with_capacity(data.len());
    for &b in data.iter() {
        match b {
            b'\\' | b'\'' => out.extend_from_slice(&[b'\\', b]),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7e => out.push(b),
            _ => out.extend_from_slice(format!("\\x{b:02x}").as_bytes()),
        }
    }
    Ok(pair(bytes::new_bytes_vec(out), data.len()))
}

/// Decodes Python escape sequences in `data`: `\x`, octal and the single-letter ones always; `\u`, `\U` and
/// `\N` only when `unicode`. Unknown escapes stay as written. Returns code points (bytes for `escape_decode`).
fn unescape(v: &Value, data: &[u8], unicode: bool, errors: &str, codec: &str) -> PyResult<Vec<u32>> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    let fail = |start: usize, end: usize, reason: &str| -> PyErr {
        if unicode {
            decode_error(codec, v, start, end, reason)
        } else {
            crate::error::value_error(format!("invalid \\x escape at position {start}"))
        }
    };
    while i < data.len() {
        let b = data[i];
        if b != b'\\' {
            out.push(b as u32);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&c) = data.get(i) else {
            if unicode {
                match errors {
                    "ignore" => break,
                    "replace" => {
                        out.push(0xfffd);
                        break;
                    }
                    _ => return Err(decode_error(codec, v, start, data.len(), "\\ at end of string")),
                }
            }
            return Err(crate::error::value_error("Trailing \\ in string"));
        };
        i += 1;
        let simple = match c {
            b'\n' => Some(None),
            b'\\' => Some(Some(b'\\')),
            b'\'' => Some(Some(b'\'')),
            b'"' => Some(Some(b'"')),
            b'b' => Some(Some(8)),
            b'f' => Some(Some(12)),
            b't' => Some(Some(b'\t')),
            b'n' => Some(Some(b'\n')),
            b'r' => Some(Some(b'\r')),
            b'v' => Some(Some(11)),
            b'a' => Some(Some(7)),
            _ => None,
        };
        if let Some(s) = simple {
            out.extend(s.map(|x| x as u32));
            continue;
        }
        match c {
            b'0'..=b'7' => {
                let mut n = (c - b'0') as u32;
                for _ in 0..2 {
                    match data.get(i) {
                        Some(d @ b'0'..=b'7') => {
                            n = n * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(if unicode { n } else { n & 0xff });
            }
            b'x' | b'u' | b'U' if c == b'x' || unicode => {
                let digits = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let hex = data.get(i..i + digits).filter(|h| h.iter().all(u8::is_ascii_hexdigit));
                match hex {
                    Some(h) => {
                        let n = u32::from_str_radix(std::str::from_utf8(h).unwrap_or("0"), 16).unwrap_or(0);
                        i += digits;
                        if n > 0x10ffff || (0xd800..0xe000).contains(&n) {
                            match errors {
                                "ignore" => {}
                                "replace" => out.push(0xfffd),
                                _ => return Err(fail(start, i, "illegal Unicode character")),
                            }
                        } else {
                            out.push(n);
                        }
                    }
                    None => {
                        let mut end = i;
                        while end < data.len() && end < i + digits && data[end].is_ascii_hexdigit() {
                            end += 1;
                        }
                        let reason = match c {
                            b'x' => "truncated \\xXX escape",
                            b'u' => "truncated \\uXXXX escape",
                            _ => "truncated \\UXXXXXXXX escape",
                        };
                        match errors {
                            "ignore" => {}
                            "replace" => out.push(0xfffd),
                            _ => return Err(fail(start, end, reason)),
                        }
                        i = end;
                    }
                }
            }
            _ => {
                // An unknown escape is kept as written (CPython also warns about it).
                out.push(b'\\' as u32);
                out.push(c as u32);
            }
        }
    }
    Ok(out)
}

fn escape_decode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("escape_decode", args, kwargs).bind(&["data", "errors"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let data: Vec<u8> = match v.payload() {
        Some(Payload::Str(s)) => s.as_str().as_bytes().to_vec(),
        _ => match bytes::buffer(&v)? {
            Some(b) => b.into_owned(),
            None => return Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name()))),
        },
    };
    let errors = errors_arg("escape_decode", a[1].as_ref())?;
    let out = unescape(&v, &data, false, &errors, "")?;
    Ok(pair(bytes::new_bytes_vec(out.into_iter().map(|c| c as u8).collect()), data.len()))
}

fn to_string(cps: Vec<u32>) -> String {
    cps.into_iter().map(|c| char::from_u32(c).unwrap_or('\u{fffd}')).collect()
}

fn unicode_escape_decode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("unicode_escape_decode", args, kwargs).bind(&["data", "errors", "final"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let data: Vec<u8> = match v.payload() {
        Some(Payload::Str(s)) => s.as_str().as_bytes().to_vec(),
        _ => match bytes::buffer(&v)? {
            Some(b) => b.into_owned(),
            None => return Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name()))),
        },
    };
    let errors = errors_arg("unicode_escape_decode", a[1].as_ref())?;
    let out = unescape(&v, &data, true, &errors, "unicodeescape")?;
    Ok(pair(Value::from(to_string(out)), data.len()))
}

fn unicode_escape_encode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("unicode_escape_encode", args, kwargs).bind(&["str", "errors"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let s = str_arg("unicode_escape_encode", "1", &v)?;
    let mut out = String::with_capacity(s.as_str().len());
    for c in s.as_str().chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            _ => out.push_str(&escape_char(c)),
        }
    }
    Ok(pair(bytes::new_bytes_vec(out.into_bytes()), s.char_len()))
}

fn raw_unicode_escape_encode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("raw_unicode_escape_encode", args, kwargs).bind(&["str", "errors"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let s = str_arg("raw_unicode_escape_encode", "1", &v)?;
    let mut out = Vec::with_capacity(s.as_str().len());
    for c in s.as_str().chars() {
        let u = c as u32;
        if u < 0x100 {
            out.push(u as u8);
        } else if u <= 0xffff {
            out.extend_from_slice(format!("\\u{u:04x}").as_bytes());
        } else {
            out.extend_from_slice(format!("\\U{u:08x}").as_bytes());
        }
    }
    Ok(pair(bytes::new_bytes_vec(out), s.char_len()))
}

fn raw_unicode_escape_decode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("raw_unicode_escape_decode", args, kwargs).bind(&["data", "errors", "final"], 1)?;
    let v = a[0].clone().unwrap_or_default();
    let data: Vec<u8> = match v.payload() {
        Some(Payload::Str(s)) => s.as_str().as_bytes().to_vec(),
        _ => match bytes::buffer(&v)? {
            Some(b) => b.into_owned(),
            None => return Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name()))),
        },
    };
    let errors = errors_arg("raw_unicode_escape_decode", a[1].as_ref())?;
    let mut out: Vec<u32> = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        // Only `\u` and `\U` preceded by an odd number of backslashes are escapes.
        if data[i] == b'\\' && matches!(data.get(i + 1), Some(b'u' | b'U')) {
            let mut run = 0;
            while run < out.len() && out[out.len() - 1 - run] == b'\\' as u32 {
                run += 1;
            }
            if run % 2 == 0 {
                let digits = if data[i + 1] == b'u' { 4 } else { 8 };
                match data.get(i + 2..i + 2 + digits).filter(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    Some(h) => {
                        let n = u32::from_str_radix(std::str::from_utf8(h).unwrap_or("0"), 16).unwrap_or(0);
                        if n > 0x10ffff || (0xd800..0xe000).contains(&n) {
                            if errors == "strict" {
                                return Err(decode_error(
                                    "rawunicodeescape",
                                    &v,
                                    i,
                                    i + 2 + digits,
                                    "\\Uxxxxxxxx out of range",
                                ));
                            }
                            out.push(0xfffd);
                        } else {
                            out.push(n);
                        }
                        i += 2 + digits;
                        continue;
                    }
                    None => {
                        let reason =
                            if digits == 4 { "truncated \\uXXXX escape" } else { "truncated \\UXXXXXXXX escape" };
                        if errors == "strict" {
                            let mut end = i + 2;
                            while end < data.len() && end < i + 2 + digits && data[end].is_ascii_hexdigit() {
                                end += 1;
                            }
                            return Err(decode_error("rawunicodeescape", &v, i, end, reason));
                        }
                    }
                }
            }
        }
        out.push(data[i] as u32);
        i += 1;
    }
    Ok(pair(Value::from(to_string(out)), data.len()))
}

static CODECS: OnceLock<ObjRef> = OnceLock::new();

/// The `_codecs` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(CODECS
        .get_or_init(|| {
            let m = module::new_module("_codecs").make_immortal();
            let d = module::module_dict(&m);
            const FUNCTIONS: &[(&str, NativeFn)] = &[
                ("register", register),
                ("unregister", unregister),
                ("lookup", lookup),
                ("_forget_codec", forget_codec),
                ("encode", encode),
                ("decode", decode),
                ("lookup_error", lookup_error),
                ("register_error", register_error),
                ("utf_8_encode", utf_8_encode),
                ("utf_8_decode", utf_8_decode),
                ("utf_16_encode", utf_16_encode),
                ("utf_16_decode", utf_16_decode),
                ("utf_16_le_encode", utf_16_le_encode),
                ("utf_16_le_decode", utf_16_le_decode),
                ("utf_16_be_encode", utf_16_be_encode),
                ("utf_16_be_decode", utf_16_be_decode),
                ("utf_16_ex_decode", utf_16_ex_decode),
                ("utf_32_encode", utf_32_encode),
                ("utf_32_decode", utf_32_decode),
                ("utf_32_le_encode", utf_32_le_encode),
                ("utf_32_le_decode", utf_32_le_decode),
                ("utf_32_be_encode", utf_32_be_encode),
                ("utf_32_be_decode", utf_32_be_decode),
                ("utf_32_ex_decode", utf_32_ex_decode),
                ("latin_1_encode", latin_1_encode),
                ("latin_1_decode", latin_1_decode),
                ("ascii_encode", ascii_encode),
                ("ascii_decode", ascii_decode),
                ("charmap_build", charmap_build),
                ("charmap_encode", charmap_encode),
                ("charmap_decode", charmap_decode),
                ("readbuffer_encode", readbuffer_encode),
                ("escape_encode", escape_encode),
                ("escape_decode", escape_decode),
                ("unicode_escape_encode", unicode_escape_encode),
                ("unicode_escape_decode", unicode_escape_decode),
                ("raw_unicode_escape_encode", raw_unicode_escape_encode),
                ("raw_unicode_escape_decode", raw_unicode_escape_decode),
            ];
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            m
        })
        .clone())
}

/// Whether a registered codec is a text encoding (`CodecInfo._is_text_encoding`, true when absent).
fn check_text_encoding(info: &Value, encoding: &str, verb: &str) -> PyResult<()> {
    if let Some(flag) = ops::attr::getattr_opt(info, "_is_text_encoding")? {
        if !ops::truthy(&flag)? {
            return Err(lookup_error_exc(format!(
                "'{encoding}' is not a text encoding; use codecs.{verb}() to handle arbitrary codecs"
            )));
        }
    }
    Ok(())
}

/// `str.encode` with a codec the runtime does not implement: the registry's encoder, whose result must be
/// bytes (`PyUnicode_AsEncodedString`).
pub fn registry_encode(text: &Value, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let info = lookup_codec(encoding)?;
    check_text_encoding(&info, encoding, "encode")?;
    let f = ops::subscript::getitem(&info, &Value::Int(0))?;
    let r = ops::call::call(&f, &[text.clone(), Value::from(errors)], &[])?;
    let Some([v, _]) = r.as_tuple() else {
        return Err(type_error("encoder must return a tuple (object, integer)"));
    };
    match v.payload() {
        Some(Payload::Bytes(b)) => Ok(b.to_vec()),
        _ => Err(type_error(format!(
            "'{encoding}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
            v.type_name()
        ))),
    }
}

/// `bytes.decode` with a codec the runtime does not implement: the registry's decoder, whose result must be
/// a str (`PyUnicode_Decode`).
pub fn registry_decode(object: &Value, encoding: &str, errors: &str) -> PyResult<Value> {
    let info = lookup_codec(encoding)?;
    check_text_encoding(&info, encoding, "decode")?;
    let f = ops::subscript::getitem(&info, &Value::Int(1))?;
    let r = ops::call::call(&f, &[object.clone(), Value::from(errors)], &[])?;
    let Some([v, _]) = r.as_tuple() else {
        return Err(type_error("decoder must return a tuple (object,integer)"));
    };
    if v.as_str().is_none() {
        return Err(type_error(format!(
            "'{encoding}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
            v.type_name()
        )));
    }
    Ok(v.clone())
}
