//! `str.encode`: the UTF-8, UTF-16, UTF-32, ASCII, Latin-1 and cp1252 codecs under every name CPython accepts
//! for them, the error handlers `strict`, `ignore`, `replace`, `backslashreplace`, `xmlcharrefreplace` and
//! `namereplace`, and the messages of `UnicodeEncodeError` and its siblings.

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
    if let Some(d) = &exc.dict {
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
        return Err(PyErr::new(ExcKind::LookupError, format!("unknown encoding: {encoding}")));
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

    #[test]
    fn cp1252_bytes() {
        assert_eq!(single_byte(Codec::Cp1252, '€'), Some(0x80));
        assert_eq!(single_byte(Codec::Cp1252, 'Ÿ'), Some(0x9f));
        assert_eq!(single_byte(Codec::Cp1252, '\u{81}'), None);
        assert_eq!(single_byte(Codec::Cp1252, 'é'), Some(0xe9));
        assert_eq!(single_byte(Codec::Ascii, 'é'), None);
    }
}
