//! `datetime.time`: a time of day with an optional tzinfo and the PEP 495 `fold`.

use super::{
    alloc, check_tzinfo, fill_type, format, int_arg, nw_fold, nw_hour, nw_microsecond, nw_minute, nw_second, nw_tzinfo,
    opt_int, parse_args, recv, set_class_attr, timedelta, types, tzinfo, Delta, TimeP, Types,
};
use crate::builtins::function::NativeFn;
use crate::builtins::list::not_implemented;
use crate::builtins::type_::{self, type_name};
use crate::builtins::{bytes, tuple};
use crate::error::{type_error, value_error, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

pub fn new_time_ex(cls: &ObjRef, hh: i64, mi: i64, ss: i64, us: i64, tz: Value, fold: i64) -> Value {
    alloc(cls, TimeP { hh, mi, ss, us, fold, tz })
}

fn checked_time(cls: &ObjRef, hh: i64, mi: i64, ss: i64, us: i64, tz: Value, fold: i64) -> PyResult<Value> {
    super::calendar::check_time(hh, mi, ss, us, fold).map_err(value_error)?;
    check_tzinfo(&tz)?;
    Ok(new_time_ex(cls, hh, mi, ss, us, tz, fold))
}

/// A pickle state: 6 bytes (or a latin-1 str) whose first byte, less the fold bit, is an hour.
pub fn state_bytes(v: &Value) -> Option<Vec<u8>> {
    if let Some(s) = v.as_str() {
        return s.chars().map(|c| if (c as u32) < 256 { Some(c as u8) } else { None }).collect();
    }
    if matches!(v.payload(), Some(crate::object::Payload::Bytes(_))) {
        return bytes::buffer(v).ok().flatten().map(|b| b.to_vec());
    }
    None
}

fn time_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = type_::new_wrapper_check(&types().time, args)?.clone();
    let rest = &args[1..];
    if (1..=2).contains(&rest.len()) && kwargs.is_empty() {
        if let Some(b) = state_bytes(&rest[0]) {
            if b.len() == 6 && (b[0] & 0x7f) < 24 {
                let tz = rest.get(1).cloned().unwrap_or(Value::None);
                if !tz.is_none() && !super::is_tzinfo(&tz) {
                    return Err(type_error("bad tzinfo state arg"));
                }
                let fold = (b[0] >> 7) as i64;
                let us = (b[3] as i64) << 16 | (b[4] as i64) << 8 | b[5] as i64;
                return Ok(new_time_ex(&cls, (b[0] & 0x7f) as i64, b[1] as i64, b[2] as i64, us, tz, fold));
            }
        }
    }
    let names = ["hour", "minute", "second", "microsecond", "tzinfo", "fold"];
    let a = parse_args(None, rest, kwargs, &names, 0, 5)?;
    let hh = opt_int(&a[0], 0)?;
    let mi = opt_int(&a[1], 0)?;
    let ss = opt_int(&a[2], 0)?;
    let us = opt_int(&a[3], 0)?;
    let tz = a[4].clone().unwrap_or(Value::None);
    let fold = opt_int(&a[5], 0)?;
    checked_time(&cls, hh, mi, ss, us, tz, fold)
}

pub fn this_time<'a>(args: &'a [Value], meth: &str) -> PyResult<&'a TimeP> {
    Ok(recv::<TimeP>(args, "datetime.time", meth)?.0)
}

fn time_repr(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "__repr__")?;
    let tn = type_name(args[0].ty());
    let mut s = if t.us != 0 {
        format!("{tn}({}, {}, {}, {}", t.hh, t.mi, t.ss, t.us)
    } else if t.ss != 0 {
        format!("{tn}({}, {}, {}", t.hh, t.mi, t.ss)
    } else {
        format!("{tn}({}, {}", t.hh, t.mi)
    };
    if !t.tz.is_none() {
        s.push_str(&format!(", tzinfo={}", ops::format::repr(&t.tz)?));
    }
    if t.fold != 0 {
        s.push_str(", fold=1");
    }
    s.push(')');
    Ok(Value::from(s))
}

/// `HH[:MM[:SS[.fff[fff]]]]` for a timespec (None for an unknown one).
pub fn time_text(hh: i64, mi: i64, ss: i64, us: i64, spec: &str) -> Option<String> {
    Some(match spec {
        "auto" if us == 0 => format!("{hh:02}:{mi:02}:{ss:02}"),
        "auto" | "microseconds" => format!("{hh:02}:{mi:02}:{ss:02}.{us:06}"),
        "hours" => format!("{hh:02}"),
        "minutes" => format!("{hh:02}:{mi:02}"),
        "seconds" => format!("{hh:02}:{mi:02}:{ss:02}"),
        "milliseconds" => format!("{hh:02}:{mi:02}:{ss:02}.{:03}", us / 1000),
        _ => return None,
    })
}

/// The `timespec` argument: a str (CPython's `s` format).
pub fn timespec_arg(v: &Option<Value>, fname: &str, pos: usize) -> PyResult<String> {
    match v {
        None => Ok("auto".into()),
        Some(v) => match v.as_str() {
            Some(s) => Ok(s.to_string()),
            None => Err(type_error(format!("{fname}() argument {pos} must be str, not {}", v.type_name()))),
        },
    }
}

fn time_isoformat(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "isoformat")?;
    let a = parse_args(Some("isoformat"), &args[1..], kwargs, &["timespec"], 0, 1)?;
    let spec = timespec_arg(&a[0], "isoformat", 1)?;
    let Some(mut s) = time_text(t.hh, t.mi, t.ss, t.us, &spec) else {
        return Err(value_error("Unknown timespec value"));
    };
    s.push_str(&format::format_utcoffset(":", &t.tz, &Value::None)?);
    Ok(Value::from(s))
}

fn time_str(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    this_time(args, "__str__")?;
    ops::call::call_method(&Value::from("isoformat"), &args[..1], &[])
}

fn time_strftime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "strftime")?;
    let a = parse_args(Some("strftime"), &args[1..], kwargs, &["format"], 1, 1)?;
    let fmt = a[0].as_ref().unwrap();
    let Some(fmt) = fmt.as_str() else {
        return Err(type_error(format!("strftime() argument 1 must be str, not {}", fmt.type_name())));
    };
    // The date part of a time's timetuple is 1900-01-01.
    let tt = tuple::new_tuple([1900, 1, 1, t.hh, t.mi, t.ss, 0, 1, -1].map(Value::Int).to_vec());
    format::wrap_strftime(&args[0], fmt, tt, &Value::None)
}

fn time_utcoffset(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "utcoffset")?;
    Ok(tzinfo::call_offset(&t.tz, "utcoffset", &Value::None)?.map(|(v, _)| v).unwrap_or(Value::None))
}

fn time_dst(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "dst")?;
    Ok(tzinfo::call_offset(&t.tz, "dst", &Value::None)?.map(|(v, _)| v).unwrap_or(Value::None))
}

fn time_tzname(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "tzname")?;
    tzinfo::call_tzname(&t.tz, &Value::None)
}

fn time_replace(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "replace")?;
    let names = ["hour", "minute", "second", "microsecond", "tzinfo", "fold"];
    let a = parse_args(Some("replace"), &args[1..], kwargs, &names, 0, 5)?;
    let hh = opt_int(&a[0], t.hh)?;
    let mi = opt_int(&a[1], t.mi)?;
    let ss = opt_int(&a[2], t.ss)?;
    let us = opt_int(&a[3], t.us)?;
    let tz = a[4].clone().unwrap_or_else(|| t.tz.clone());
    let fold = opt_int(&a[5], t.fold)?;
    checked_time(args[0].ty(), hh, mi, ss, us, tz, fold)
}

fn time_state(t: &TimeP, proto: i64) -> Value {
    let hour_byte = t.hh as u8 | if t.fold != 0 && proto > 3 { 0x80 } else { 0 };
    let b = [hour_byte, t.mi as u8, t.ss as u8, (t.us >> 16) as u8, (t.us >> 8) as u8, t.us as u8];
    let mut items = vec![bytes::new_bytes(&b)];
    if !t.tz.is_none() {
        items.push(t.tz.clone());
    }
    tuple::new_tuple(items)
}

fn time_reduce_ex(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "__reduce_ex__")?;
    let p = crate::modules::r#struct::meth_o("__reduce_ex__", &args[1..], kw)?;
    let proto = int_arg(p)?;
    Ok(tuple::new_tuple(vec![Value::Obj(args[0].ty().clone()), time_state(t, proto)]))
}

fn time_reduce(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "__reduce__")?;
    Ok(tuple::new_tuple(vec![Value::Obj(args[0].ty().clone()), time_state(t, 2)]))
}

/// The UTC offset of a time (its tzinfo asked with None), as a value.
fn offset_of(t: &TimeP) -> PyResult<Option<Delta>> {
    Ok(tzinfo::call_offset(&t.tz, "utcoffset", &Value::None)?.map(|(_, d)| d))
}

fn time_hash(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let t = this_time(args, "__hash__")?;
    // The hash ignores fold: it is computed as for fold=0 (whose offset may differ).
    let off = if t.fold != 0 && !t.tz.is_none() {
        let t0 = new_time_ex(args[0].ty(), t.hh, t.mi, t.ss, t.us, t.tz.clone(), 0);
        offset_of(this_time(&[t0], "__hash__")?)?
    } else {
        offset_of(t)?
    };
    match off {
        None => Ok(Value::Int(ops::hash::hash_tuple(&[
            Value::Int(t.hh),
            Value::Int(t.mi),
            Value::Int(t.ss),
            Value::Int(t.us),
        ])?)),
        Some(off) => {
            let secs = t.hh * 3600 + t.mi * 60 + t.ss;
            let d = timedelta::from_us((secs as i128) * 1_000_000 + t.us as i128 - off.total_us())?;
            Ok(Value::Int(timedelta::hash_delta(&d)?))
        }
    }
}

fn cmp(args: &[Value], op: &str, f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let a = this_time(args, op)?;
    let Some(b) = args.get(1).and_then(super::time_of) else {
        return Ok(not_implemented());
    };
    let fields = |t: &TimeP| (t.hh, t.mi, t.ss, t.us);
    if a.tz.is(&b.tz) {
        return Ok(Value::Bool(f(fields(a).cmp(&fields(b)))));
    }
    let (o1, o2) = (offset_of(a)?, offset_of(b)?);
    if o1 == o2 {
        return Ok(Value::Bool(f(fields(a).cmp(&fields(b)))));
    }
    match (o1, o2) {
        (Some(o1), Some(o2)) => {
            let s1 = a.hh * 3600 + a.mi * 60 + a.ss - o1.days * 86400 - o1.secs;
            let s2 = b.hh * 3600 + b.mi * 60 + b.ss - o2.days * 86400 - o2.secs;
            let ord = s1.cmp(&s2).then((a.us).cmp(&b.us));
            Ok(Value::Bool(f(ord)))
        }
        _ => match op {
            "__eq__" => Ok(Value::Bool(false)),
            "__ne__" => Ok(Value::Bool(true)),
            _ => Err(type_error("can't compare offset-naive and offset-aware times")),
        },
    }
}
rich_comparisons!(cmp: time_eq, time_ne, time_lt, time_le, time_gt, time_ge);

/// A time of `cls` from parsed fields (CPython's `new_time_subclass_fold_ex`).
pub fn time_like(cls: &ObjRef, hh: i64, mi: i64, ss: i64, us: i64, tz: Value, fold: i64) -> PyResult<Value> {
    if cls.ptr_eq(&types().time) {
        return checked_time(cls, hh, mi, ss, us, tz, fold);
    }
    super::call_class(cls, &[Value::Int(hh), Value::Int(mi), Value::Int(ss), Value::Int(us), tz], fold != 0)
}

/// The timezone of a parsed `fromisoformat` offset (CPython's `tzinfo_from_isoformat_results`).
pub fn tz_from_iso(tz: Option<(i64, i64)>) -> PyResult<Value> {
    match tz {
        None => Ok(Value::None),
        Some((0, 0)) => Ok(types().utc.clone()),
        Some((secs, us)) => tzinfo::new_timezone(timedelta::from_parts(0, secs, us)?, None),
    }
}

fn time_fromisoformat(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.first() else {
        return Err(type_error("descriptor needs a type"));
    };
    let s = crate::modules::r#struct::meth_o("fromisoformat", &args[1..], kwargs)?;
    let Some(text) = s.as_str() else {
        return Err(type_error("fromisoformat: argument must be str"));
    };
    let Some(t) = format::parse_isoformat_time(text) else {
        return Err(value_error(format!("Invalid isoformat string: {}", ops::format::str_repr(text))));
    };
    let tz = tz_from_iso(t.tz)?;
    time_like(cls, t.h, t.m, t.s, t.us, tz, 0)
}

time_field_getters!(this_time);

pub fn init(t: &Types) {
    let methods: &[(&str, NativeFn)] = &[
        ("__repr__", time_repr),
        ("__str__", time_str),
        ("__format__", super::date::any_format),
        ("__hash__", time_hash),
        ("__eq__", time_eq),
        ("__ne__", time_ne),
        ("__lt__", time_lt),
        ("__le__", time_le),
        ("__gt__", time_gt),
        ("__ge__", time_ge),
        ("isoformat", time_isoformat),
        ("strftime", time_strftime),
        ("utcoffset", time_utcoffset),
        ("dst", time_dst),
        ("tzname", time_tzname),
        ("replace", time_replace),
        ("__reduce_ex__", time_reduce_ex),
        ("__reduce__", time_reduce),
    ];
    let getters: &[(&str, NativeFn, NativeFn)] = &[
        ("hour", get_hour, nw_hour),
        ("minute", get_minute, nw_minute),
        ("second", get_second, nw_second),
        ("microsecond", get_microsecond, nw_microsecond),
        ("tzinfo", get_tzinfo, nw_tzinfo),
        ("fold", get_fold, nw_fold),
    ];
    fill_type(&t.time, time_new, methods, &[("fromisoformat", time_fromisoformat)], getters);
    let ty = &t.time;
    set_class_attr(ty, "min", new_time_ex(ty, 0, 0, 0, 0, Value::None, 0));
    set_class_attr(ty, "max", new_time_ex(ty, 23, 59, 59, 999_999, Value::None, 0));
    set_class_attr(ty, "resolution", timedelta::new_delta(Delta { days: 0, secs: 0, us: 1 }));
    set_class_attr(
        ty,
        "__doc__",
        Value::from("time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object\n\nAll arguments are optional. tzinfo may be None, or an instance of\na tzinfo subclass. The remaining arguments may be ints.\n"),
    );
}
