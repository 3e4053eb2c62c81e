//! `str.encode`, and the decoders that `bytes.decode` and `str(b, encoding)` can share: the UTF-8, UTF-16,
//! UTF-32, ASCII, Latin-1 and cp1252 codecs under every name CPython accepts for them, the error handlers
//! `strict`, `ignore`, `replace`, `backslashreplace`, `xmlcharrefreplace` and `namereplace`, and the messages
//! of `UnicodeEncodeError` and its siblings.

use crate::builtins::exceptions::{new_exception, ExcKind};
use crate::builtins::str::{clinic_type_name, keywords, PyStr};
use crate::builtins::{bytes, dict, int};
use crate::error::{type_error, PyErr, PyResult};
use crate::object::Payload;
use crate::Value;

/// The codecs implemented natively.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Codec {
    Utf8,
    Utf8Sig,
    Utf16,
    Utf16Le,
    Utf16Be,
    Utf32,
    Utf32Le,
    Utf32Be,
    Ascii,
    Latin1,
    Cp1252,
}

/// Finds the codec for an encoding name the way CPython's registry does: lower case, runs of punctuation made
/// one underscore (`"UTF 8"` and `" utf-8 "` are `utf_8`), then the aliases of `encodings.aliases`.
pub fn lookup(name: &str) -> Option<Codec> {
    let mut norm = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_alphanumeric() || c == '.' {
            if punct && !norm.is_empty() {
                norm.push('_');
            }
            if c.is_ascii() {
                norm.push(c.to_ascii_lowercase());
            }
            punct = false;
        } else {
            punct = true;
        }
    }
    Some(match norm.as_str() {
        "utf_8" | "u8" | "utf" | "utf8" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
        "utf_8_sig" => Codec::Utf8Sig,
        "utf_16" | "u16" | "utf16" => Codec::Utf16,
        "utf_16_le" | "utf_16le" | "unicodelittleunmarked" => Codec::Utf16Le,
        "utf_16_be" | "utf_16be" | "unicodebigunmarked" => Codec::Utf16Be,
        "utf_32" | "u32" | "utf32" => Codec::Utf32,
        "utf_32_le" | "utf_32le" => Codec::Utf32Le,
        "utf_32_be" | "utf_32be" => Codec::Utf32Be,
        "ascii" | "646" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" | "cp367" | "csascii" | "ibm367"
        | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us" | "us_ascii" => Codec::Ascii,
        "latin_1" | "8859" | "cp819" | "csisolatin1" | "ibm819" | "iso8859" | "iso8859_1" | "iso_8859_1"
        | "iso_8859_1_1987" | "iso_ir_100" | "l1" | "latin" | "latin1" => Codec::Latin1,
        "cp1252" | "1252" | "windows_1252" => Codec::Cp1252,
        _ => return None,
    })
}

/// The characters of cp1252 at bytes 0x80..0xa0 (`\0` where the byte is undefined); every other byte is the
/// Latin-1 character of the same value.
const CP1252_HIGH: [char; 32] = [
    '\u{20ac}', '\0', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2c6}', '\u{2030}',
    '\u{160}', '\u{2039}', '\u{152}', '\0', '\u{17d}', '\0', '\0', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}',
    '\u{2022}', '\u{2013}', '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\0', '\u{17e}',
    '\u{178}',
];

/// The byte of `c` in a single-byte codec, if it has one.
fn single_byte(codec: Codec, c: char) -> Option<u8> {
    let u = c as u32;
    match codec {
        Codec::Ascii => (u < 0x80).then_some(u as u8),
        Codec::Latin1 => (u < 0x100).then_some(u as u8),
        _ => {
            if u < 0x80 || (0xa0..0x100).contains(&u) {
                return Some(u as u8);
            }
            CP1252_HIGH.iter().position(|&x| x == c && x != '\0').map(|i| 0x80 + i as u8)
        }
    }
}

/// The name and reason a single-byte codec reports in `UnicodeEncodeError`.
fn codec_error_names(codec: Codec) -> (&'static str, &'static str) {
    match codec {
        Codec::Ascii => ("ascii", "ordinal not in range(128)"),
        Codec::Latin1 => ("latin-1", "ordinal not in range(256)"),
        _ => ("charmap", "character maps to <undefined>"),
    }
}

/// A `UnicodeEncodeError(encoding, object, start, end, reason)` with its attributes set.
pub fn encode_error(encoding: &str, object: &Value, start: usize, end: usize, reason: &str) -> PyErr {
    let args = vec![
        Value::from(encoding),
        object.clone(),
        Value::Int(start as i64),
        Value::Int(end as i64),
        Value::from(reason),
    ];
    let exc = new_exception(ExcKind::UnicodeEncodeError, args.clone());
    if let Some(d) = exc.dict() {
        for (name, v) in ["encoding", "object", "start", "end", "reason"].iter().zip(args) {
            dict::set_str(d, name, v);
        }
    }
    PyErr::from_exception(exc)
}

/// CPython's `str()` of a `UnicodeEncodeError`, `UnicodeDecodeError` or `UnicodeTranslateError` built from
/// its five (or, for translation, four) arguments; `None` when the arguments do not have that shape.
pub fn unicode_error_str(kind: ExcKind, args: &[Value]) -> Option<String> {
    let (encoding, object, start, end, reason) = match (kind, args) {
        (ExcKind::UnicodeTranslateError, [o, s, e, r]) => (None, o, s, e, r),
        (ExcKind::UnicodeEncodeError | ExcKind::UnicodeDecodeError, [enc, o, s, e, r]) => {
            (Some(enc.as_str()?), o, s, e, r)
        }
        _ => return None,
    };
    let (start, end, reason) = (int::as_i64(start)?, int::as_i64(end)?, reason.as_str()?);
    let prefix = match encoding {
        Some(enc) => format!("'{enc}' codec can't "),
        None => "can't ".to_string(),
    };
    let verb = match kind {
        ExcKind::UnicodeDecodeError => "decode",
        ExcKind::UnicodeEncodeError => "encode",
        _ => "translate",
    };
    let single = end == start + 1 && start >= 0;
    if kind == ExcKind::UnicodeDecodeError {
        let b = match object.payload() {
            Some(Payload::Bytes(b)) => b.get(start as usize).copied(),
            Some(Payload::ByteArray(b)) => b.read().get(start as usize).copied(),
            _ => None,
        };
        if let (true, Some(b)) = (single, b) {
            return Some(format!("{prefix}decode byte {b:#04x} in position {start}: {reason}"));
        }
        return Some(format!("{prefix}decode bytes in position {start}-{}: {reason}", end - 1));
    }
    let text = object.as_str()?;
    let c = if single { text.chars().nth(start as usize) } else { None };
    Some(match c {
        Some(c) => {
            let u = c as u32;
            let esc = if u <= 0xff {
                format!("\\x{u:02x}")
            } else if u <= 0xffff {
                format!("\\u{u:04x}")
            } else {
                format!("\\U{u:08x}")
            };
            format!("{prefix}{verb} character '{esc}' in position {start}: {reason}")
        }
        None => format!("{prefix}{verb} characters in position {start}-{}: {reason}", end - 1),
    })
}

/// An encoding error handler, resolved by name when the first unencodable character is met (as CPython does,
/// so an unknown name only fails when it is needed).
#[derive(Clone, Copy, PartialEq)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    NameReplace,
}

fn handler(name: &str) -> PyResult<Handler> {
    Ok(match name {
        // `surrogateescape` and `surrogatepass` only handle lone surrogates, which `str` cannot hold: for any
        // other character they raise the original error.
        "strict" | "surrogateescape" | "surrogatepass" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        "namereplace" => Handler::NameReplace,
        _ => return Err(PyErr::new(ExcKind::LookupError, format!("unknown error handler name '{name}'"))),
    })
}

/// Encodes with a single-byte codec; unencodable runs go to the error handler.
fn encode_single_byte(codec: Codec, this: &Value, s: &PyStr, errors: &str) -> PyResult<Vec<u8>> {
    let text = s.as_str();
    if s.is_ascii() {
        return Ok(text.as_bytes().to_vec());
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut resolved: Option<Handler> = None;
    let mut i = 0;
    while i < chars.len() {
        if let Some(b) = single_byte(codec, chars[i]) {
            out.push(b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < chars.len() && single_byte(codec, chars[end]).is_none() {
            end += 1;
        }
        let h = match resolved {
            Some(h) => h,
            None => *resolved.insert(handler(errors)?),
        };
        for &c in &chars[i..end] {
            let u = c as u32;
            match h {
                Handler::Strict => {
                    let (name, reason) = codec_error_names(codec);
                    return Err(encode_error(name, this, i, end, reason));
                }
                Handler::Ignore => {}
                Handler::Replace => out.push(b'?'),
                Handler::XmlCharRefReplace => out.extend_from_slice(format!("&#{u};").as_bytes()),
                // NOTE: the runtime has no table of character names, so `namereplace` writes the
                // `backslashreplace` escape instead of `\N{NAME}`.
                Handler::BackslashReplace | Handler::NameReplace => {
                    let esc = if u <= 0xff {
                        format!("\\x{u:02x}")
                    } else if u <= 0xffff {
                        format!("\\u{u:04x}")
                    } else {
                        format!("\\U{u:08x}")
                    };
                    out.extend_from_slice(esc.as_bytes());
                }
            }
        }
        i = end;
    }
    Ok(out)
}

/// Encodes `s` (the text of `this`) with `codec`.
pub fn encode(codec: Codec, this: &Value, s: &PyStr, errors: &str) -> PyResult<Vec<u8>> {
    let text = s.as_str();
    Ok(match codec {
        Codec::Utf8 => text.as_bytes().to_vec(),
        Codec::Utf8Sig => [&[0xef, 0xbb, 0xbf], text.as_bytes()].concat(),
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let mut out = Vec::with_capacity(2 * text.len() + 2);
            // Without an explicit byte order, CPython writes a BOM and the machine's order (little-endian here).
            if codec == Codec::Utf16 {
                out.extend_from_slice(&[0xff, 0xfe]);
            }
            for u in text.encode_utf16() {
                out.extend_from_slice(&if codec == Codec::Utf16Be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            out
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            let mut out = Vec::with_capacity(4 * s.char_len() + 4);
            if codec == Codec::Utf32 {
                out.extend_from_slice(&[0xff, 0xfe, 0, 0]);
            }
            for c in text.chars() {
                let u = c as u32;
                out.extend_from_slice(&if codec == Codec::Utf32Be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            out
        }
        Codec::Ascii | Codec::Latin1 | Codec::Cp1252 => encode_single_byte(codec, this, s, errors)?,
    })
}

/// A `UnicodeDecodeError(encoding, object, start, end, reason)` with its attributes set; `object` is the bytes
/// being decoded.
pub fn decode_error(encoding: &str, object: &Value, start: usize, end: usize, reason: &str) -> PyErr {
    let args = vec![
        Value::from(encoding),
        object.clone(),
        Value::Int(start as i64),
        Value::Int(end as i64),
        Value::from(reason),
    ];
    let exc = new_exception(ExcKind::UnicodeDecodeError, args.clone());
    if let Some(d) = exc.dict() {
        for (name, v) in ["encoding", "object", "start", "end", "reason"].iter().zip(args) {
            dict::set_str(d, name, v);
        }
    }
    PyErr::from_exception(exc)
}

/// Applies the decoding error handler to the undecodable bytes `data[start..end]`.
struct Decoder<'a> {
    data: &'a [u8],
    object: &'a Value,
    errors: &'a str,
    handler: Option<Handler>,
    out: String,
}

impl Decoder<'_> {
    fn error(&mut self, encoding: &str, start: usize, end: usize, reason: &str) -> PyResult<()> {
        let h = match self.handler {
            Some(h) => h,
            None => *self.handler.insert(handler(self.errors)?),
        };
        match h {
            // NOTE: `surrogateescape` and `surrogatepass` would produce lone surrogates, which `str` cannot
            // hold; they raise the original error instead.
            Handler::Strict => Err(decode_error(encoding, self.object, start, end, reason)),
            Handler::Ignore => Ok(()),
            Handler::Replace => {
                self.out.push(char::REPLACEMENT_CHARACTER);
                Ok(())
            }
            Handler::BackslashReplace => {
                for b in &self.data[start..end] {
                    self.out.push_str(&format!("\\x{b:02x}"));
                }
                Ok(())
            }
            Handler::XmlCharRefReplace | Handler::NameReplace => {
                Err(type_error("don't know how to handle UnicodeDecodeError in error callback"))
            }
        }
    }
}

/// Decodes `data` (the contents of the bytes-like `object`) with `codec`; errors go to the handler named
/// `errors`, which is only looked up when needed.
pub fn decode(codec: Codec, data: &[u8], errors: &str, object: &Value) -> PyResult<String> {
    let mut d = Decoder { data, object, errors, handler: None, out: String::with_capacity(data.len()) };
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => {
            let start = if codec == Codec::Utf8Sig && data.starts_with(&[0xef, 0xbb, 0xbf]) { 3 } else { 0 };
            decode_utf8(&mut d, start)?;
        }
        Codec::Ascii | Codec::Latin1 | Codec::Cp1252 => {
            for (i, &b) in data.iter().enumerate() {
                let c = match codec {
                    Codec::Ascii => (b < 0x80).then_some(b as char),
                    Codec::Latin1 => Some(b as char),
                    _ if (0x80..0xa0).contains(&b) => Some(CP1252_HIGH[b as usize - 0x80]).filter(|c| *c != '\0'),
                    _ => Some(b as char),
                };
                match c {
                    Some(c) => d.out.push(c),
                    None if codec == Codec::Ascii => d.error("ascii", i, i + 1, "ordinal not in range(128)")?,
                    None => d.error("charmap", i, i + 1, "character maps to <undefined>")?,
                }
            }
        }
        Codec::Utf16 | Codec::Utf16Le | Codec::Utf16Be => {
            let (mut be, mut start) = (codec == Codec::Utf16Be, 0);
            if codec == Codec::Utf16 {
                match data {
                    [0xff, 0xfe, ..] => start = 2,
                    [0xfe, 0xff, ..] => (be, start) = (true, 2),
                    _ => {}
                }
            }
            decode_utf16(&mut d, start, be)?;
        }
        Codec::Utf32 | Codec::Utf32Le | Codec::Utf32Be => {
            let (mut be, mut start) = (codec == Codec::Utf32Be, 0);
            if codec == Codec::Utf32 {
                match data {
                    [0xff, 0xfe, 0, 0, ..] => start = 4,
                    [0, 0, 0xfe, 0xff, ..] => (be, start) = (true, 4),
                    _ => {}
                }
            }
            decode_utf32(&mut d, start, be)?;
        }
    }
    Ok(d.out)
}

/// UTF-8 with CPython's error ranges: an invalid sequence is reported over its longest valid prefix (the
/// Unicode "maximal subpart" that Rust's `Utf8Error::error_len` also gives), a truncated one to the end.
fn decode_utf8(d: &mut Decoder, mut pos: usize) -> PyResult<()> {
    let data = d.data;
    while pos < data.len() {
        match std::str::from_utf8(&data[pos..]) {
            Ok(s) => {
                d.out.push_str(s);
                break;
            }
            Err(e) => {
                let good = pos + e.valid_up_to();
                d.out.push_str(std::str::from_utf8(&data[pos..good]).unwrap_or_default());
                let (end, reason) = match e.error_len() {
                    None => (data.len(), "unexpected end of data"),
                    Some(n) if matches!(data[good], 0x80..=0xc1 | 0xf5..=0xff) => (good + n, "invalid start byte"),
                    Some(n) => (good + n, "invalid continuation byte"),
                };
                d.error("utf-8", good, end, reason)?;
                pos = end;
            }
        }
    }
    Ok(())
}

fn decode_utf16(d: &mut Decoder, mut pos: usize, be: bool) -> PyResult<()> {
    let data = d.data;
    let name = if be { "utf-16-be" } else { "utf-16-le" };
    let unit = |i: usize| {
        let b = [data[i], data[i + 1]];
        if be {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        }
    };
    while pos < data.len() {
        if data.len() - pos < 2 {
            d.error(name, pos, data.len(), "truncated data")?;
            break;
        }
        let u = unit(pos);
        match u {
            0xd800..=0xdbff => {
                if data.len() - pos < 4 {
                    d.error(name, pos, data.len(), "unexpected end of data")?;
                    break;
                }
                let u2 = unit(pos + 2);
                if (0xdc00..0xe000).contains(&u2) {
                    let c = 0x10000 + (((u as u32) - 0xd800) << 10) + ((u2 as u32) - 0xdc00);
                    d.out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                    pos += 4;
                } else {
                    d.error(name, pos, pos + 2, "illegal UTF-16 surrogate")?;
                    pos += 2;
                }
            }
            0xdc00..=0xdfff => {
                d.error(name, pos, pos + 2, "illegal encoding")?;
                pos += 2;
            }
            _ => {
                d.out.push(char::from_u32(u as u32).unwrap_or(char::REPLACEMENT_CHARACTER));
                pos += 2;
            }
        }
    }
    Ok(())
}

fn decode_utf32(d: &mut Decoder, mut pos: usize, be: bool) -> PyResult<()> {
    let data = d.data;
    let name = if be { "utf-32-be" } else { "utf-32-le" };
    while pos < data.len() {
        if data.len() - pos < 4 {
            d.error(name, pos, data.len(), "truncated data")?;
            break;
        }
        let b = [data[pos], data[pos + 1], data[pos + 2], data[pos + 3]];
        let u = if be { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) };
        match char::from_u32(u) {
            Some(c) => d.out.push(c),
            None if u > 0x10ffff => d.error(name, pos, pos + 4, "code point not in range(0x110000)")?,
            None => d.error(name, pos, pos + 4, "code point in surrogate code point range(0xd800, 0xe000)")?,
        }
        pos += 4;
    }
    Ok(())
}

/// The text of an optional `str` argument of `encode`: `encode() argument 'errors' must be str, not int`.
fn text_arg<'a>(name: &str, v: &'a Option<Value>, default: &'a str) -> PyResult<&'a str> {
    match v {
        None => Ok(default),
        Some(v) => v
            .as_str()
            .ok_or_else(|| type_error(format!("encode() argument '{name}' must be str, not {}", clinic_type_name(v)))),
    }
}

pub(crate) fn m_encode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, a) = keywords("encode", args, kwargs, &["encoding", "errors"])?;
    let encoding = text_arg("encoding", &a[0], "utf-8")?;
    let errors = text_arg("errors", &a[1], "strict")?;
    let Some(codec) = lookup(encoding) else {
        return Ok(bytes::new_bytes_vec(crate::modules::codecs::registry_encode(&args[0], encoding, errors)?));
    };
    Ok(bytes::new_bytes(&encode(codec, &args[0], s, errors)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_like_cpython() {
        assert_eq!(lookup("UTF-8"), Some(Codec::Utf8));
        assert_eq!(lookup(" utf 8 "), Some(Codec::Utf8));
        assert_eq!(lookup("Latin-1"), Some(Codec::Latin1));
        assert_eq!(lookup("ISO-8859-1"), Some(Codec::Latin1));
        assert_eq!(lookup("US-ASCII"), Some(Codec::Ascii));
        assert_eq!(lookup("utf-16be"), Some(Codec::Utf16Be));
        assert_eq!(lookup("windows-1252"), Some(Codec::Cp1252));
        assert_eq!(lookup("utf-9"), None);
        assert_eq!(lookup(""), None);
    }

    fn dec(codec: Codec, data: &[u8], errors: &str) -> Result<String, String> {
        decode(codec, data, errors, &bytes::new_bytes(data)).map_err(|e| {
            let args = crate::builtins::exceptions::args_of(&e.exc);
            let args = args.as_tuple().unwrap_or(&[]).to_vec();
            unicode_error_str(ExcKind::UnicodeDecodeError, &args).unwrap_or_default()
        })
    }

    #[test]
    fn decoding_errors_follow_cpython() {
        let err = |d: &[u8]| dec(Codec::Utf8, d, "strict").unwrap_err();
        assert_eq!(err(b"\xe2\x82"), "'utf-8' codec can't decode bytes in position 0-1: unexpected end of data");
        assert_eq!(err(b"\xe2\x28"), "'utf-8' codec can't decode byte 0xe2 in position 0: invalid continuation byte");
        assert_eq!(err(b"a\xff"), "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte");
        assert_eq!(err(b"\xe2\x82\x28"), "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
        assert_eq!(dec(Codec::Utf8, b"\xe2\x82(\xff", "replace").as_deref(), Ok("\u{fffd}(\u{fffd}"));
        assert_eq!(dec(Codec::Utf8, b"\xe2\x82(\xff", "backslashreplace").as_deref(), Ok("\\xe2\\x82(\\xff"));
        assert_eq!(dec(Codec::Utf8Sig, b"\xef\xbb\xbfa", "strict").as_deref(), Ok("a"));
        assert_eq!(dec(Codec::Utf16, b"\xfe\xff\x00a", "strict").as_deref(), Ok("a"));
        assert_eq!(
            dec(Codec::Utf16Le, b"\x00\xd8a", "strict").unwrap_err(),
            "'utf-16-le' codec can't decode bytes in position 0-2: unexpected end of data"
        );
        assert_eq!(dec(Codec::Utf16Le, b"\x00\xd8a\x00", "replace").as_deref(), Ok("\u{fffd}a"));
        assert_eq!(
            dec(Codec::Utf32Le, b"\x00\x00\x11\x00", "strict").unwrap_err(),
            "'utf-32-le' codec can't decode bytes in position 0-3: code point not in range(0x110000)"
        );
        assert_eq!(
            dec(Codec::Cp1252, b"\x81", "strict").unwrap_err(),
            "'charmap' codec can't decode byte 0x81 in position 0: character maps to <undefined>"
        );
        assert_eq!(dec(Codec::Ascii, b"a\x80\x81b", "replace").as_deref(), Ok("a\u{fffd}\u{fffd}b"));
        assert_eq!(dec(Codec::Utf8, b"abc", "nonsense").as_deref(), Ok("abc"));
    }

    #[test]
    fn cp1252_bytes() {
        assert_eq!(single_byte(Codec::Cp1252, '€'), Some(0x80));
        assert_eq!(single_byte(Codec::Cp1252, 'Ÿ'), Some(0x9f));
        assert_eq!(single_byte(Codec::Cp1252, '\u{81}'), None);
        assert_eq!(single_byte(Codec::Cp1252, 'é'), Some(0xe9));
        assert_eq!(single_byte(Codec::Ascii, 'é'), None);
    }
}
