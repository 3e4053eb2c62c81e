//! Case mappings and character-class predicates of `str`: `upper`, `lower`, `casefold`, `swapcase`, `title`,
//! `capitalize`, and `isalpha` ... `isidentifier`, with CPython's definitions (full case mappings, the final
//! sigma rule, `title`'s word boundaries at every uncased character).

use crate::builtins::str::{
    alloc_inline_with, exact, new_str_len, new_string, new_string_len, noargs, PyStr, INLINE_CAP,
};
use crate::builtins::unicode::{self as uc, final_sigma};
use crate::error::PyResult;
use crate::Value;

/// Appends the lowercase of the character `c` found at byte `i` of `text`, applying the final-sigma rule.
#[inline]
fn push_lower_at(text: &str, i: usize, c: char, out: &mut String) {
    if c == 'Σ' {
        out.push(final_sigma(&text[..i], &text[i + c.len_utf8()..]));
    } else {
        uc::push_lower(c, out);
    }
}

/// `str.lower()` of `text`.
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        push_lower_at(text, i, c, &mut out);
    }
    out
}

/// `str.upper()` of `text`.
pub fn upper(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        uc::push_upper(c, &mut out);
    }
    out
}

/// `str.casefold()` of `text`.
pub fn casefold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        uc::push_fold(c, &mut out);
    }
    out
}

/// `str.swapcase()`: uppercase characters are lowered (with the final-sigma rule), lowercase ones raised.
pub fn swapcase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if uc::is_upper(c) {
            push_lower_at(text, i, c, &mut out);
        } else if uc::is_lower(c) {
            uc::push_upper(c, &mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// `str.title()`: a character following a cased character is lowered, any other is titlecased. Every uncased
/// character (digits, apostrophes, spaces) starts a new word.
pub fn title(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous_is_cased = false;
    for (i, c) in text.char_indices() {
        if previous_is_cased {
            push_lower_at(text, i, c, &mut out);
        } else {
            uc::push_title(c, &mut out);
        }
        previous_is_cased = uc::is_cased(c);
    }
    out
}

/// `str.capitalize()`: the first character titlecased (since Python 3.8), the rest lowered.
pub fn capitalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices();
    if let Some((_, c)) = chars.next() {
        uc::push_title(c, &mut out);
    }
    for (i, c) in chars {
        push_lower_at(text, i, c, &mut out);
    }
    out
}

/// Wraps a mapping's result, keeping ASCII lengths without recounting.
/// Short ASCII text mapped byte by byte into a stack buffer and stored inline: no intermediate `String`.
fn ascii_mapped(s: &PyStr, f: fn(&u8) -> u8) -> Option<Value> {
    let t = s.as_str().as_bytes();
    if !s.is_ascii() || t.len() > INLINE_CAP {
        return None;
    }
    if t.len() > 1 {
        // SAFETY: ASCII mapped by an ASCII case mapping stays ASCII, one code point per byte.
        return Some(unsafe {
            alloc_inline_with(t.len(), t.len(), |d| {
                for (d, b) in d.iter_mut().zip(t) {
                    *d = f(b);
                }
            })
        });
    }
    // The empty string or one character: the cached object.
    let buf = [t.first().map_or(0, f)];
    let text = std::str::from_utf8(&buf[..t.len()]).unwrap_or("");
    Some(new_str_len(text, t.len()))
}

fn mapped(s: &PyStr, out: String) -> Value {
    if s.is_ascii() {
        let n = out.len();
        new_string_len(out, n)
    } else {
        new_string(out)
    }
}

pub(crate) fn m_lower(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("lower", args, kwargs)?;
    if let Some(v) = ascii_mapped(s, u8::to_ascii_lowercase) {
        return Ok(v);
    }
    Ok(mapped(s, lower(s.as_str())))
}

pub(crate) fn m_upper(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("upper", args, kwargs)?;
    if let Some(v) = ascii_mapped(s, u8::to_ascii_uppercase) {
        return Ok(v);
    }
    Ok(mapped(s, upper(s.as_str())))
}

pub(crate) fn m_casefold(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("casefold", args, kwargs)?;
    if let Some(v) = ascii_mapped(s, u8::to_ascii_lowercase) {
        return Ok(v);
    }
    Ok(mapped(s, casefold(s.as_str())))
}

pub(crate) fn m_swapcase(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("swapcase", args, kwargs)?;
    Ok(mapped(s, swapcase(s.as_str())))
}

pub(crate) fn m_title(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("title", args, kwargs)?;
    Ok(mapped(s, title(s.as_str())))
}

pub(crate) fn m_capitalize(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("capitalize", args, kwargs)?;
    if s.char_len() == 0 {
        return Ok(exact(&args[0], s));
    }
    Ok(mapped(s, capitalize(s.as_str())))
}

/// `str.islower()`: some cased character, and no uppercase or titlecase one.
pub fn is_lower(text: &str) -> bool {
    let mut cased = false;
    for c in text.chars() {
        if uc::is_upper(c) || uc::is_title(c) {
            return false;
        }
        cased |= uc::is_lower(c);
    }
    cased
}

/// `str.isupper()`: some cased character, and no lowercase or titlecase one.
pub fn is_upper(text: &str) -> bool {
    let mut cased = false;
    for c in text.chars() {
        if uc::is_lower(c) || uc::is_title(c) {
            return false;
        }
        cased |= uc::is_upper(c);
    }
    cased
}

/// `str.istitle()`: uppercase and titlecase characters only after uncased ones, lowercase only after cased
/// ones, and at least one cased character.
pub fn is_title(text: &str) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in text.chars() {
        if uc::is_upper(c) || uc::is_title(c) {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if uc::is_lower(c) {
            if !previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    cased
}

/// `str.isidentifier()`: XID_Start or `_`, then XID_Continue characters (PEP 3131, without normalisation).
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if uc::is_id_start(c) => chars.all(uc::is_id_continue),
        _ => false,
    }
}

/// A predicate true of a non-empty text whose characters all satisfy `pred`.
fn all_chars(args: &[Value], kwargs: &[(Value, Value)], name: &str, pred: fn(char) -> bool) -> PyResult<Value> {
    let s = noargs(name, args, kwargs)?;
    let text = s.as_str();
    Ok(Value::Bool(!text.is_empty() && text.chars().all(pred)))
}

pub(crate) fn m_isalpha(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all_chars(args, kwargs, "isalpha", uc::is_alpha)
}

pub(crate) fn m_isalnum(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all_chars(args, kwargs, "isalnum", uc::is_alnum)
}

pub(crate) fn m_isdecimal(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all_chars(args, kwargs, "isdecimal", uc::is_decimal)
}

pub(crate) fn m_isdigit(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all_chars(args, kwargs, "isdigit", uc::is_digit)
}

pub(crate) fn m_isnumeric(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all_chars(args, kwargs, "isnumeric", uc::is_numeric)
}

pub(crate) fn m_isspace(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    all_chars(args, kwargs, "isspace", uc::is_space)
}

pub(crate) fn m_isprintable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("isprintable", args, kwargs)?;
    Ok(Value::Bool(s.as_str().chars().all(uc::is_printable)))
}

pub(crate) fn m_isascii(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("isascii", args, kwargs)?;
    Ok(Value::Bool(s.is_ascii()))
}

pub(crate) fn m_islower(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("islower", args, kwargs)?;
    Ok(Value::Bool(is_lower(s.as_str())))
}

pub(crate) fn m_isupper(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("isupper", args, kwargs)?;
    Ok(Value::Bool(is_upper(s.as_str())))
}

pub(crate) fn m_istitle(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("istitle", args, kwargs)?;
    Ok(Value::Bool(is_title(s.as_str())))
}

pub(crate) fn m_isidentifier(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = noargs("isidentifier", args, kwargs)?;
    Ok(Value::Bool(is_identifier(s.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_break_at_uncased_characters() {
        assert_eq!(title("hello world"), "Hello World");
        assert_eq!(title("they're bill's friends"), "They'Re Bill'S Friends");
        assert_eq!(title("3rd place_x"), "3Rd Place_X");
        assert_eq!(title("ǆungla ßtraße"), "ǅungla Sstraße");
        assert_eq!(title("ΣΑΣ ΑΣ"), "Σας Ας");
        assert!(is_title("Hello World") && is_title("ǅungla") && !is_title("HeLLo") && !is_title("123"));
        assert!(is_title("Σας Ας") && !is_title(""));
    }

    #[test]
    fn case_mappings() {
        assert_eq!(lower("ΣΑΣ"), "σας");
        assert_eq!(lower("Σ"), "σ");
        assert_eq!(lower("AΣ'B"), "aσ'b");
        assert_eq!(upper("ﬁne straße"), "FINE STRASSE");
        assert_eq!(casefold("Straße ΣΑΣ"), "strasse σασ");
        assert_eq!(swapcase("ΣΑΣ ß"), "σας SS");
        assert_eq!(capitalize("ǆUNGLA"), "ǅungla");
        assert_eq!(capitalize("ßa"), "Ssa");
        assert!(is_lower("abc1") && !is_lower("1") && is_upper("ÉCOLE") && !is_upper("ǅ"));
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("_") && is_identifier("a1") && is_identifier("℘") && is_identifier("a·"));
        assert!(!is_identifier("") && !is_identifier("1a") && !is_identifier("a-b") && !is_identifier("·"));
    }
}
