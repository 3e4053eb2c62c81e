//! printf-style formatting of `str`: `fmt % args` (CPython's `PyUnicode_Format`).
//!
//! The format is scanned as bytes (every character with a meaning to `%` is ASCII, so the literal text between
//! conversions is copied a run at a time) into one output buffer. The commonest conversions (`%s` of an exact
//! str or an int, `%d` of an int, without width or precision) are written straight into that buffer; the
//! others build their piece with the format-spec helpers of `ops::format`, which give CPython's padding, signs
//! and messages.

use crate::builtins::int::{is_int, to_bigint};
use crate::builtins::type_;
use crate::error::{type_error, value_error, PyResult};
use crate::object::Payload;
use crate::ops;
use crate::ops::format::{
    ascii, double_to_string_into, i64_digits, pad, percent_float, percent_number_output, repr, sign_str, str_of, Spec,
};
use crate::Value;

/// The decimal digits of an int (without its sign) and whether it is negative.
fn decimal(n: &Value) -> PyResult<(bool, String)> {
    if let Value::Int(i) = n {
        let mut buf = [0u8; 20];
        return Ok((*i < 0, i64_digits(*i, &mut buf).trim_start_matches('-').to_string()));
    }
    let d = to_bigint(n).unwrap_or_default();
    let text = crate::builtins::int::bigint_to_decimal(&d)?;
    Ok(match text.strip_prefix('-') {
        Some(m) => (true, m.to_string()),
        None => (false, text),
    })
}

/// The digits parsed from `digits` (ASCII digits only), `None` when there are none or too many.
fn number(digits: &str) -> Option<usize> {
    digits.parse().ok()
}

/// printf-style formatting: `fmt % args`.
pub fn percent_format(fmt_v: &Value, args: &Value) -> PyResult<Value> {
    let fmt = fmt_v.as_str().unwrap_or("");
    // CPython's rules: any tuple (subclasses too, such as namedtuples) supplies the arguments; any other object
    // with `__getitem__` except a str is a mapping for `%(key)s` (and then unused arguments are no error).
    let is_mapping = match args.payload() {
        Some(Payload::Dict(_)) => true,
        Some(Payload::Tuple(_) | Payload::Str(_)) => false,
        _ => matches!(args, Value::Obj(_)) && type_::lookup(args.ty(), "__getitem__").is_some(),
    };
    let items: &[Value] = match args.as_tuple() {
        Some(t) => t,
        None => std::slice::from_ref(args),
    };
    let b = fmt.as_bytes();
    let mut next_arg = 0;
    let mut out = String::with_capacity(fmt.len() + 8 * items.len());
    let mut i = 0;
    let mut used_mapping = false;
    // Whether everything written so far is ASCII: then the result's length in code points is its length in
    // bytes, known without counting.
    let mut all_ascii = crate::builtins::str::as_pystr(fmt_v).is_some_and(|p| p.is_ascii());
    while i < b.len() {
        let lit = i;
        while i < b.len() && b[i] != b'%' {
            i += 1;
        }
        // `%` is ASCII, so `lit..i` lies on character boundaries.
        out.push_str(&fmt[lit..i]);
        if i >= b.len() {
            break;
        }
        i += 1;
        if i >= b.len() {
            return Err(value_error("incomplete format"));
        }
        let mut key_val: Option<Value> = None;
        if b[i] == b'(' {
            let mut depth = 1;
            let start = i + 1;
            i += 1;
            while i < b.len() && depth > 0 {
                if b[i] == b'(' {
                    depth += 1;
                } else if b[i] == b')' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(value_error("incomplete format key"));
            }
            if !is_mapping {
                return Err(type_error("format requires a mapping"));
            }
            let key = crate::builtins::str::new_str(&fmt[start..i - 1]);
            key_val = Some(ops::subscript::getitem(args, &key)?);
            used_mapping = true;
        }
        let mut spec = Spec::default();
        while i < b.len() && matches!(b[i], b'-' | b'+' | b' ' | b'#' | b'0') {
            match b[i] {
                b'-' => spec.align = Some('<'),
                b'+' => spec.sign = Some('+'),
                b' ' => {
                    if spec.sign.is_none() {
                        spec.sign = Some(' ')
                    }
                }
                b'#' => spec.alt = true,
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
        if i < b.len() && b[i] == b'*' {
            let w = take_arg(&mut next_arg)?;
            let w = crate::builtins::int::as_i64(&w).ok_or_else(|| type_error("* wants int"))?;
            if w < 0 {
                spec.align = Some('<');
            }
            spec.width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i > start {
                spec.width = number(&fmt[start..i]);
            }
        }
        if i < b.len() && b[i] == b'.' {
            i += 1;
            if i < b.len() && b[i] == b'*' {
                let p = take_arg(&mut next_arg)?;
                spec.precision = crate::builtins::int::as_i64(&p).map(|p| p.max(0) as usize);
                i += 1;
            } else {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                spec.precision = Some(number(&fmt[start..i]).unwrap_or(0));
            }
        }
        while i < b.len() && matches!(b[i], b'h' | b'l' | b'L') {
            i += 1;
        }
        let conv_at = i;
        let Some(conv) = fmt.get(i..).and_then(|r| r.chars().next()) else {
            return Err(value_error("incomplete format"));
        };
        i += conv.len_utf8();
        if conv == '%' {
            out.push('%');
            continue;
        }
        let arg = take_arg(&mut next_arg)?;
        if spec.align == Some('<') {
            spec.zero = false;
        }
        // Without width or precision, an exact str or an int needs no padding: write it in place.
        if spec.width.is_none() && spec.precision.is_none() {
            match (&arg, conv) {
                (Value::Obj(o), 's') if o.ty().ptr_eq(&crate::builtins::types().str) => {
                    if let Some(p) = crate::builtins::str::as_pystr(&arg) {
                        all_ascii &= p.is_ascii();
                        out.push_str(p.as_str());
                    }
                    continue;
                }
                (Value::Int(n), 's' | 'd' | 'i' | 'u') if conv == 's' || spec.sign.is_none() || *n < 0 => {
                    let mut buf = [0u8; 20];
                    out.push_str(i64_digits(*n, &mut buf));
                    continue;
                }
                _ => {}
            }
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
                    crate::builtins::float::float_to_int(f)?
                } else if type_::type_obj(arg.ty()).heap
                    && (type_::lookup(arg.ty(), "__int__").is_some() || type_::lookup(arg.ty(), "__index__").is_some())
                {
                    ops::call::call(&Value::Obj(crate::builtins::types().int.clone()), std::slice::from_ref(&arg), &[])?
                } else {
                    return Err(type_error(format!(
                        "%{conv} format: a real number is required, not {}",
                        arg.type_name()
                    )));
                };
                let (neg, mut digits) = decimal(&n)?;
                if let Some(p) = spec.precision {
                    if digits.len() < p {
                        digits = format!("{}{digits}", "0".repeat(p - digits.len()));
                    }
                }
                percent_number_output(&format!("{}{digits}", if neg { "-" } else { "" }), &spec)
            }
            'x' | 'X' | 'o' => {
                // Ints, or objects with `__index__`.
                let n = if is_int(&arg) {
                    arg.clone()
                } else if type_::type_obj(arg.ty()).heap && type_::lookup(arg.ty(), "__index__").is_some() {
                    ops::number::index(&arg)?
                } else {
                    return Err(type_error(format!("%{conv} format: an integer is required, not {}", arg.type_name())));
                };
                let (neg, mut digits) = match &n {
                    Value::Int(k) => {
                        let m = k.unsigned_abs();
                        let d = match conv {
                            'x' => format!("{m:x}"),
                            'X' => format!("{m:X}"),
                            _ => format!("{m:o}"),
                        };
                        (*k < 0, d)
                    }
                    _ => {
                        let d = to_bigint(&n).unwrap_or_default();
                        let neg = d.sign() == num_bigint::Sign::Minus;
                        let m = if neg { -d } else { d };
                        let d = match conv {
                            'x' => m.to_str_radix(16),
                            'X' => m.to_str_radix(16).to_uppercase(),
                            _ => m.to_str_radix(8),
                        };
                        (neg, d)
                    }
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
                let f = if is_int(&arg) {
                    crate::builtins::int::int_to_f64(&arg)?
                } else if let Some(f) = crate::builtins::float::as_f64(&arg) {
                    f
                } else if type_::type_obj(arg.ty()).heap
                    && (type_::lookup(arg.ty(), "__float__").is_some()
                        || type_::lookup(arg.ty(), "__index__").is_some())
                {
                    let r = ops::call::call(
                        &Value::Obj(crate::builtins::types().float.clone()),
                        std::slice::from_ref(&arg),
                        &[],
                    )?;
                    crate::builtins::float::as_f64(&r).unwrap_or(0.0)
                } else {
                    return Err(type_error(format!("must be real number, not {}", arg.type_name())));
                };
                if spec.width.is_none() && spec.sign.is_none() {
                    // No padding or sign to add: the number is written straight into the result.
                    double_to_string_into(
                        &mut out,
                        f,
                        conv,
                        spec.precision.unwrap_or(6),
                        false,
                        false,
                        spec.alt,
                        false,
                    );
                    continue;
                }
                percent_float(f, conv, &spec)
            }
            'c' => {
                let ch = if let Some(s) = arg.as_str() {
                    if s.chars().count() != 1 {
                        return Err(type_error("%c requires int or char"));
                    }
                    s.to_string()
                } else if is_int(&arg) {
                    // Ints beyond i64 are out of range too.
                    let n = crate::builtins::int::as_i64(&arg).unwrap_or(-1);
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
                // CPython reports the position in characters, and shows the character itself only when it is
                // printable ASCII.
                let shown = if (' '..='~').contains(&c) || c == '\x1f' { c } else { '?' };
                return Err(value_error(format!(
                    "unsupported format character '{shown}' ({:#x}) at index {}",
                    c as u32,
                    fmt[..conv_at].chars().count()
                )));
            }
        };
        all_ascii &= piece.is_ascii();
        out.push_str(&piece);
    }
    if next_arg < items.len() && !used_mapping && !is_mapping {
        return Err(type_error("not all arguments converted during string formatting"));
    }
    if all_ascii {
        let n = out.len();
        return Ok(crate::builtins::str::new_string_len(out, n));
    }
    Ok(Value::from(out))
}
