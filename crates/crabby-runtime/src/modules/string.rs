//! `_string`: the format-string parser behind `string.Formatter`, exposed as CPython's two helpers.
//! `formatter_parser(s)` iterates over `(literal, field_name, format_spec, conversion)` tuples and
//! `formatter_field_name_split(name)` splits a field name into its first part and an iterator of
//! `(is_attribute, key)` pairs. Both reuse the scanner of `str.format` (`builtins/str_format.rs`), so the same
//! strings fail with the same messages; as in CPython, an error surfaces when iteration reaches it.

use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::str_format::{get_integer, parse_field};
use crate::builtins::{dict, module, tuple};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::meth_o;
use crate::ops::iter::FnIter;
use crate::Value;

/// An iterator yielding `items`, then raising `err` if there is one.
fn items_then_error(type_name: &str, items: Vec<Value>, err: Option<PyErr>) -> Value {
    let mut items = items.into_iter();
    let mut err = err;
    let next = move || -> PyResult<Option<Value>> {
        match items.next() {
            Some(v) => Ok(Some(v)),
            None => match err.take() {
                Some(e) => Err(e),
                None => Ok(None),
            },
        }
    };
    crate::builtins::iter::new_iter(type_name, Box::new(FnIter(Mutex::new(next))))
}

fn text_arg<'a>(name: &str, args: &'a [Value], kwargs: &[(Value, Value)]) -> PyResult<&'a str> {
    let v = meth_o(name, args, kwargs)?;
    v.as_str().ok_or_else(|| type_error(format!("{name}() argument must be str, not {}", v.type_name())))
}

fn opt_str(s: Option<&str>) -> Value {
    s.map_or(Value::None, Value::from)
}

/// The tuples of `formatter_parser`, up to the first error.
fn markup(fmt: &str) -> (Vec<Value>, Option<PyErr>) {
    let mut out = Vec::new();
    let b = fmt.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let start = i;
        let mut c = 0u8;
        let mut is_markup = false;
        while i < n {
            c = b[i];
            i += 1;
            if c == b'{' || c == b'}' {
                is_markup = true;
                break;
            }
        }
        let at_end = i >= n;
        let mut literal_end = i;
        if c == b'}' && is_markup && (at_end || b[i] != b'}') {
            return (out, Some(value_error("Single '}' encountered in format string")));
        }
        if at_end && c == b'{' && is_markup {
            return (out, Some(value_error("Single '{' encountered in format string")));
        }
        if !at_end && is_markup {
            if b[i] == c {
                // A doubled brace: the literal keeps one of them and no field follows.
                i += 1;
                is_markup = false;
            } else {
                literal_end -= 1;
            }
        }
        let literal = Value::from(&fmt[start..literal_end]);
        if !is_markup {
            out.push(tuple::new_tuple_array([literal, Value::None, Value::None, Value::None]));
            continue;
        }
        match parse_field(fmt, i) {
            Ok((field, next)) => {
                i = next;
                let conv = field.conversion.map(|c| c.to_string());
                out.push(tuple::new_tuple(vec![
                    literal,
                    Value::from(field.name),
                    Value::from(field.spec),
                    opt_str(conv.as_deref()),
                ]));
            }
            Err(e) => return (out, Some(e)),
        }
    }
    (out, None)
}

fn formatter_parser(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = text_arg("formatter_parser", args, kwargs)?;
    let (items, err) = markup(s);
    Ok(items_then_error("formatteriterator", items, err))
}

/// A field-name part: an int when it is all decimal digits, else the text.
fn key_value(s: &str) -> PyResult<Value> {
    Ok(match get_integer(s)? {
        Some(i) => Value::Int(i as i64),
        None => Value::from(s),
    })
}

/// The `(is_attribute, key)` pairs after a field name's first part, up to the first error.
fn name_parts(rest: &str) -> (Vec<Value>, Option<PyErr>) {
    let mut out = Vec::new();
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
                    return (out, Some(value_error("Empty attribute in format string")));
                }
                out.push(tuple::new_tuple_array([Value::Bool(true), Value::from(attr)]));
            }
            b'[' => {
                let Some(k) = rest[j..].find(']') else {
                    return (out, Some(value_error("Missing ']' in format string")));
                };
                let key = &rest[j..j + k];
                j += k + 1;
                if key.is_empty() {
                    return (out, Some(value_error("Empty attribute in format string")));
                }
                match key_value(key) {
                    Ok(v) => out.push(tuple::new_tuple_array([Value::Bool(false), v])),
                    Err(e) => return (out, Some(e)),
                }
            }
            _ => return (out, Some(value_error("Only '.' or '[' may follow ']' in format field specifier"))),
        }
    }
    (out, None)
}

fn formatter_field_name_split(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = text_arg("formatter_field_name_split", args, kwargs)?;
    let first_end = s.find(['.', '[']).unwrap_or(s.len());
    let (first, rest) = s.split_at(first_end);
    let first = if first.is_empty() { Value::from("") } else { key_value(first)? };
    let (items, err) = name_parts(rest);
    Ok(tuple::new_tuple_array([first, items_then_error("fieldnameiterator", items, err)]))
}

static STRING: OnceLock<crate::object::ObjRef> = OnceLock::new();

/// The `_string` module (one per process).
pub fn module() -> PyResult<crate::object::ObjRef> {
    Ok(STRING
        .get_or_init(|| {
            let m = module::new_module("_string").make_immortal();
            let d = module::module_dict(&m);
            dict::set_str(d, "__doc__", Value::from("string helper module"));
            const FUNCTIONS: &[(&str, NativeFn)] =
                &[("formatter_parser", formatter_parser), ("formatter_field_name_split", formatter_field_name_split)];
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            m
        })
        .clone())
}
