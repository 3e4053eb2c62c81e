//! `str.format` and `str.format_map`: the replacement-field grammar of CPython's
//! `Objects/stringlib/unicode_format.h`, followed step by step so that the same inputs fail with the same errors
//! at the same point (fields are looked up and formatted as the scan reaches them, so an error late in the
//! string comes after the side effects of earlier fields).
//!
//! ```text
//! field       = "{" [name] ["!" conversion] [":" spec] "}"
//! name        = (integer | identifier-ish) ("." attribute | "[" key "]")*
//! spec        = the format-spec mini-language, which may itself contain fields ("{:{w}.{p}f}")
//! ```
//! Each field's value goes through [`crate::ops::format::format`].

use crate::builtins::exceptions::ExcKind;
use crate::builtins::str::{new_string, one_arg, this};
use crate::builtins::unicode::decimal_value;
use crate::error::{key_error, value_error, PyErr, PyResult};
use crate::ops;
use crate::Value;

/// Where field names are looked up.
pub enum Source<'a> {
    /// `str.format(*args, **kwargs)`.
    Args { args: &'a [Value], kwargs: &'a [(Value, Value)] },
    /// `str.format_map(mapping)`: names through `mapping[name]`, and no positional fields.
    Map(&'a Value),
}

/// Automatic (`{}`) and manual (`{0}`) numbering may not be mixed; the state is shared with the nested fields
/// of format specs.
#[derive(Clone, Copy, PartialEq)]
enum Numbering {
    Unknown,
    Auto,
    Manual,
}

struct AutoNumber {
    state: Numbering,
    next: usize,
}

/// How deep format specs may nest fields: `"{:{}}"` is allowed, `"{:{:{}}}"` is not.
const MAX_DEPTH: u32 = 2;

/// Formats `fmt` against `src`, appending to `out`.
pub fn vformat(fmt: &str, src: &Source, out: &mut String) -> PyResult<()> {
    let mut auto = AutoNumber { state: Numbering::Unknown, next: 0 };
    build(fmt, src, MAX_DEPTH, &mut auto, out)
}

/// One parsed replacement field, as byte ranges of the format string.
pub(crate) struct Field<'a> {
    pub name: &'a str,
    pub conversion: Option<char>,
    pub spec: &'a str,
    spec_has_fields: bool,
}

fn build(fmt: &str, src: &Source, depth: u32, auto: &mut AutoNumber, out: &mut String) -> PyResult<()> {
    if depth == 0 {
        return Err(value_error("Max string recursion exceeded"));
    }
    let b = fmt.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        // The literal text up to the first brace.
        let start = i;
        let mut c = 0u8;
        let mut markup = false;
        while i < n {
            c = b[i];
            i += 1;
            if c == b'{' || c == b'}' {
                markup = true;
                break;
            }
        }
        let at_end = i >= n;
        let mut literal_end = i;
        if c == b'}' && markup && (at_end || b[i] != b'}') {
            return Err(value_error("Single '}' encountered in format string"));
        }
        if at_end && c == b'{' && markup {
            return Err(value_error("Single '{' encountered in format string"));
        }
        if !at_end && markup {
            if b[i] == c {
                // A doubled brace is literal text: keep one, skip the other.
                i += 1;
                markup = false;
            } else {
                literal_end -= 1;
            }
        }
        out.push_str(&fmt[start..literal_end]);
        if markup {
            let (field, next) = parse_field(fmt, i)?;
            i = next;
            render(&field, src, depth, auto, out)?;
        }
    }
    Ok(())
}

/// Parses the field that starts at byte `i` (just after its `{`); returns it and the offset after its `}`.
pub(crate) fn parse_field(fmt: &str, mut i: usize) -> PyResult<(Field<'_>, usize)> {
    let b = fmt.as_bytes();
    let n = b.len();
    let name_start = i;
    let mut c = 0u8;
    let mut terminated = false;
    while i < n {
        c = b[i];
        i += 1;
        match c {
            b'{' => return Err(value_error("unexpected '{' in field name")),
            b'[' => {
                while i < n && b[i] != b']' {
                    i += 1;
                }
            }
            b'}' | b':' | b'!' => {
                terminated = true;
                break;
            }
            _ => {}
        }
    }
    if !terminated {
        return Err(value_error("expected '}' before end of string"));
    }
    let name = &fmt[name_start..i - 1];
    let mut field = Field { name, conversion: None, spec: "", spec_has_fields: false };
    if c == b'!' || c == b':' {
        if c == b'!' {
            let Some(conv) = fmt[i..].chars().next() else {
                return Err(value_error("end of string while looking for conversion specifier"));
            };
            field.conversion = Some(conv);
            i += conv.len_utf8();
            if i < n {
                let c2 = b[i];
                i += 1;
                if c2 == b'}' {
                    return Ok((field, i));
                }
                if c2 != b':' {
                    return Err(value_error("expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = i;
        let mut count = 1;
        while i < n {
            let c = b[i];
            i += 1;
            if c == b'{' {
                field.spec_has_fields = true;
                count += 1;
            } else if c == b'}' {
                count -= 1;
                if count == 0 {
                    field.spec = &fmt[spec_start..i - 1];
                    return Ok((field, i));
                }
            }
        }
        return Err(value_error("unmatched '{' in format spec"));
    }
    Ok((field, i))
}

/// A field name part made only of decimal digits (any script's), as a number; `None` for other text.
pub(crate) fn get_integer(s: &str) -> PyResult<Option<usize>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for c in s.chars() {
        let Some(d) = decimal_value(c) else { return Ok(None) };
        acc = match acc.checked_mul(10).and_then(|a| a.checked_add(d as usize)).filter(|a| *a <= isize::MAX as usize) {
            Some(a) => a,
            None => return Err(value_error("Too many decimal digits in format string")),
        };
    }
    Ok(Some(acc))
}

/// The object a field name designates: the argument, then each `.attribute` and `[key]` applied in turn.
fn field_object(name: &str, src: &Source, auto: &mut AutoNumber) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, rest) = name.split_at(first_end);
    let mut index = get_integer(first)?;
    let empty = first.is_empty();
    if empty || index.is_some() {
        if auto.state == Numbering::Unknown {
            auto.state = if empty { Numbering::Auto } else { Numbering::Manual };
        }
        if auto.state == Numbering::Manual && empty {
            return Err(value_error("cannot switch from manual field specification to automatic field numbering"));
        }
        if auto.state == Numbering::Auto && !empty {
            return Err(value_error("cannot switch from automatic field numbering to manual field specification"));
        }
        if empty {
            index = Some(auto.next);
            auto.next += 1;
        }
    }
    let mut obj = match (index, src) {
        (None, Source::Args { kwargs, .. }) => match kwargs.iter().find(|(k, _)| k.as_str() == Some(first)) {
            Some((_, v)) => v.clone(),
            None => return Err(key_error(Value::from(first))),
        },
        (None, Source::Map(m)) => ops::subscript::getitem(m, &Value::from(first))?,
        (Some(_), Source::Map(_)) => return Err(value_error("Format string contains positional fields")),
        (Some(i), Source::Args { args, .. }) => match args.get(i) {
            Some(v) => v.clone(),
            None => {
                return Err(PyErr::new(
                    ExcKind::IndexError,
                    format!("Replacement index {i} out of range for positional args tuple"),
                ))
            }
        },
    };
    let b = rest.as_bytes();
    let mut j = 0;
    while j < b.len() {
        let c = b[j];
        j += 1;
        match c {
            b'.' => {
                let end = rest[j..].find(['.', '[']).map_or(rest.len(), |k| j + k);
                let attr = &rest[j..end];
                j = end;
                if attr.is_empty() {
                    return Err(value_error("Empty attribute in format string"));
                }
                obj = ops::attr::getattr_str(&obj, attr)?;
            }
            b'[' => {
                let Some(k) = rest[j..].find(']') else {
                    return Err(value_error("Missing ']' in format string"));
                };
                let key = &rest[j..j + k];
                j += k + 1;
                if key.is_empty() {
                    return Err(value_error("Empty attribute in format string"));
                }
                let key = match get_integer(key)? {
                    Some(i) => Value::Int(i as i64),
                    None => Value::from(key),
                };
                obj = ops::subscript::getitem(&obj, &key)?;
            }
            _ => return Err(value_error("Only '.' or '[' may follow ']' in format field specifier")),
        }
    }
    Ok(obj)
}

/// Looks up, converts and formats one field.
fn render(field: &Field, src: &Source, depth: u32, auto: &mut AutoNumber, out: &mut String) -> PyResult<()> {
    let obj = field_object(field.name, src, auto)?;
    let obj = match field.conversion {
        None => obj,
        Some('r') => Value::from(ops::format::repr(&obj)?),
        Some('s') => Value::from(ops::format::str_of(&obj)?),
        Some('a') => Value::from(ops::format::ascii(&obj)?),
        Some(c) if (c as u32) > 32 && (c as u32) < 127 => {
            return Err(value_error(format!("Unknown conversion specifier {c}")))
        }
        Some(c) => return Err(value_error(format!("Unknown conversion specifier \\x{:x}", c as u32))),
    };
    let expanded;
    let spec = if field.spec_has_fields {
        let mut s = String::new();
        build(field.spec, src, depth - 1, auto, &mut s)?;
        expanded = s;
        expanded.as_str()
    } else {
        field.spec
    };
    // An exact str or an int without a spec is copied straight in; anything else goes through `format`.
    ops::format::fstring_push(out, &obj, ' ', spec)
}

pub(crate) fn m_format(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = this("format", args)?;
    let mut out = String::with_capacity(s.as_str().len() + 16);
    vformat(s.as_str(), &Source::Args { args: &args[1..], kwargs }, &mut out)?;
    Ok(new_string(out))
}

pub(crate) fn m_format_map(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, mapping) = one_arg("format_map", args, kwargs)?;
    let mut out = String::with_capacity(s.as_str().len() + 16);
    vformat(s.as_str(), &Source::Map(mapping), &mut out)?;
    Ok(new_string(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(f: &str, args: &[Value]) -> Result<String, String> {
        let mut out = String::new();
        match vformat(f, &Source::Args { args, kwargs: &[] }, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err(ops::format::str_of(&e.value()).unwrap_or_default()),
        }
    }

    #[test]
    fn literals_and_escapes() {
        assert_eq!(fmt("a{{b}}c", &[]), Ok("a{b}c".into()));
        assert_eq!(fmt("}}{{", &[]), Ok("}{".into()));
        assert_eq!(fmt("{", &[]), Err("Single '{' encountered in format string".into()));
        assert_eq!(fmt("}", &[]), Err("Single '}' encountered in format string".into()));
        assert_eq!(fmt("{}}", &[Value::Int(1)]), Err("Single '}' encountered in format string".into()));
        assert_eq!(fmt("{0", &[]), Err("expected '}' before end of string".into()));
        assert_eq!(fmt("{0!}", &[Value::Int(1)]), Err("unmatched '{' in format spec".into()));
        assert_eq!(fmt("{0!rr}", &[Value::Int(1)]), Err("expected ':' after conversion specifier".into()));
    }

    #[test]
    fn numbering() {
        let args = [Value::Int(1), Value::Int(2)];
        assert_eq!(fmt("{}-{}", &args), Ok("1-2".into()));
        assert_eq!(fmt("{1}-{0}-{1}", &args), Ok("2-1-2".into()));
        assert_eq!(fmt("{٠}", &args), Ok("1".into()));
        assert_eq!(
            fmt("{}{1}", &args),
            Err("cannot switch from automatic field numbering to manual field specification".into())
        );
        assert_eq!(
            fmt("{1}{}", &args),
            Err("cannot switch from manual field specification to automatic field numbering".into())
        );
        assert_eq!(fmt("{2}", &args), Err("Replacement index 2 out of range for positional args tuple".into()));
        assert_eq!(fmt("{99999999999999999999}", &args), Err("Too many decimal digits in format string".into()));
    }

    #[test]
    fn specs_with_nested_fields() {
        let args = [Value::Int(42), Value::Int(6)];
        assert_eq!(fmt("{0:>{1}}|", &args), Ok("    42|".into()));
        assert_eq!(fmt("{:{}}|", &args), Ok("    42|".into()));
        assert_eq!(fmt("{:x}", &args), Ok("2a".into()));
        assert_eq!(fmt("{:{:{}}}", &args), Err("Max string recursion exceeded".into()));
        assert_eq!(fmt("{0[}", &args), Err("expected '}' before end of string".into()));
        assert_eq!(fmt("{0.}", &args), Err("Empty attribute in format string".into()));
        assert_eq!(fmt("{0.real}", &args), Ok("42".into()));
        assert_eq!(fmt("{0!x}", &args), Err("Unknown conversion specifier x".into()));
    }
}
