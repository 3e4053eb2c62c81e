//! Case mappings and character classes of `bytes` and `bytearray`: ASCII only, as CPython's `pyctype`
//! defines them (bytes above 0x7f are never letters, digits or space, and map to themselves).

use crate::builtins::bytes::{noargs, Kind};
use crate::error::PyResult;
use crate::Value;

/// `Py_ISSPACE`: space, `\t`, `\n`, `\v`, `\f`, `\r` (not the `\x1c`..`\x1f` separators `str` counts).
#[inline]
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn map(k: Kind, name: &str, args: &[Value], kwargs: &[(Value, Value)], f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let s = noargs(k, name, args, kwargs)?;
    Ok(k.make(f(&s.data)))
}

fn swapcase(data: &[u8]) -> Vec<u8> {
    data.iter()
        .map(|&b| match b {
            b'a'..=b'z' => b.to_ascii_uppercase(),
            b'A'..=b'Z' => b.to_ascii_lowercase(),
            _ => b,
        })
        .collect()
}

/// Every word (a run of letters) starts upper case and continues lower case.
fn title(data: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    data.iter()
        .map(|&b| {
            let out = if b.is_ascii_alphabetic() {
                if prev_cased {
                    b.to_ascii_lowercase()
                } else {
                    b.to_ascii_uppercase()
                }
            } else {
                b
            };
            prev_cased = b.is_ascii_alphabetic();
            out
        })
        .collect()
}

fn capitalize(data: &[u8]) -> Vec<u8> {
    data.iter().enumerate().map(|(i, b)| if i == 0 { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() }).collect()
}

pub(crate) fn m_lower(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    map(k, "lower", args, kwargs, <[u8]>::to_ascii_lowercase)
}

pub(crate) fn m_upper(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    map(k, "upper", args, kwargs, <[u8]>::to_ascii_uppercase)
}

pub(crate) fn m_swapcase(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    map(k, "swapcase", args, kwargs, swapcase)
}

pub(crate) fn m_title(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    map(k, "title", args, kwargs, title)
}

pub(crate) fn m_capitalize(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    map(k, "capitalize", args, kwargs, capitalize)
}

/// A predicate that holds for a non-empty string whose every byte satisfies `f`.
fn all(k: Kind, name: &str, args: &[Value], kwargs: &[(Value, Value)], f: fn(u8) -> bool) -> PyResult<Value> {
    let s = noargs(k, name, args, kwargs)?;
    Ok(Value::Bool(!s.data.is_empty() && s.data.iter().all(|&b| f(b))))
}

pub(crate) fn m_isalnum(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all(k, "isalnum", args, kwargs, |b| b.is_ascii_alphanumeric())
}

pub(crate) fn m_isalpha(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all(k, "isalpha", args, kwargs, |b| b.is_ascii_alphabetic())
}

pub(crate) fn m_isdigit(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all(k, "isdigit", args, kwargs, |b| b.is_ascii_digit())
}

pub(crate) fn m_isspace(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all(k, "isspace", args, kwargs, is_space)
}

pub(crate) fn m_isascii(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // Unlike the others, an empty string is ASCII.
    let s = noargs(k, "isascii", args, kwargs)?;
    Ok(Value::Bool(s.data.is_ascii()))
}

/// `islower`/`isupper`: at least one cased byte, and none of the other case.
fn cased(data: &[u8], upper: bool) -> bool {
    let mut any = false;
    for &b in data {
        if b.is_ascii_uppercase() {
            if !upper {
                return false;
            }
            any = true;
        } else if b.is_ascii_lowercase() {
            if upper {
                return false;
            }
            any = true;
        }
    }
    any
}

pub(crate) fn m_islower(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs(k, "islower", args, kwargs)?;
    Ok(Value::Bool(cased(&s.data, false)))
}

pub(crate) fn m_isupper(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs(k, "isupper", args, kwargs)?;
    Ok(Value::Bool(cased(&s.data, true)))
}

/// Upper case letters only after uncased bytes, lower case only after cased ones, and at least one cased.
fn is_title(data: &[u8]) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for &b in data {
        if b.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

pub(crate) fn m_istitle(k: Kind, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs(k, "istitle", args, kwargs)?;
    Ok(Value::Bool(is_title(&s.data)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_case() {
        assert_eq!(title(b"hello wORLD 3rd\xe9x"), b"Hello World 3Rd\xe9X");
        assert_eq!(capitalize(b"hELLO"), b"Hello");
        assert_eq!(swapcase(b"aB\xff"), b"Ab\xff");
        assert!(is_title(b"Hello World") && !is_title(b"Hello world") && !is_title(b"123"));
        assert!(cased(b"abc1", false) && !cased(b"aBc", false) && !cased(b"123", true));
        assert!(!is_space(0x1c) && is_space(0x0b));
    }
}
