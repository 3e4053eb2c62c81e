//! `float`: inline f64 values, CPython's repr and conversions.

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, types};
use crate::Value;

/// `repr(float)`: the shortest text that round-trips, laid out with CPython's rules (fixed notation for
/// exponents from -4 to 15, else `1e+16` style).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let mut buf = ryu::Buffer::new();
    let s = buf.format_finite(f);
    // Split ryu's output into sign, digits and decimal exponent.
    let (neg, body) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (mantissa, exp) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], body[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (body, 0),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    let mut digits: String = format!("{int_part}{frac_part}");
    let mut point = int_part.len() as i32 + exp;
    let lead = digits.len() - digits.trim_start_matches('0').len();
    digits = digits[lead..].to_string();
    point -= lead as i32;
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    // `point` is where the decimal point goes relative to the digits; CPython's exponent is point - 1.
    let exp10 = point - 1;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp10) {
        if point <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-point) as usize));
            out.push_str(digits);
        } else if point as usize >= digits.len() {
            out.push_str(digits);
            out.push_str(&"0".repeat(point as usize - digits.len()));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp10 < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp10.abs()));
    }
    out
}

/// The float value of a float, int or bool, if it is one of those.
pub fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Obj(o) => match &o.payload {
            crate::object::Payload::Float(f) => Some(*f),
            _ => None,
        },
        _ => None,
    }
}

/// Methods of `float`; the built-in types milestone completes the list.
const METHODS: &[(&str, NativeFn)] = &[];

pub fn register() {
    add_methods(&types().float, METHODS);
}

#[cfg(test)]
mod tests {
    use super::float_repr;

    #[test]
    fn repr_matches_cpython() {
        // Expected texts are CPython 3.12's repr() of the same floats.
        let cases = [
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-4, "0.0001"),
            (1e-5, "1e-05"),
            (1.5, "1.5"),
            (-2.0, "-2.0"),
            (123456789.125, "123456789.125"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (0.3 + 0.6, "0.8999999999999999"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want);
        }
    }
}
