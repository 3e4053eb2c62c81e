//! `datetime.date`, and the date methods a `datetime` inherits (they read the date part of either payload).

use super::calendar::{self, MAXORDINAL};
use super::{
    alloc, call_class, dt_of, fill_type, format, import, int_arg, nw_day, nw_month, nw_year, parse_args, recv_date,
    set_class_attr, struct_time, timedelta, types, ymd_of, DateP, DateTimeP, Types,
};
use crate::builtins::function::NativeFn;
use crate::builtins::list::not_implemented;
use crate::builtins::structseq::{self, StructSeqSpec};
use crate::builtins::type_::{self, type_name};
use crate::builtins::{bytes, tuple};
use crate::error::{overflow_error, type_error, value_error, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

/// A date of exactly `cls` (date or a subclass), allocated directly (CPython's `new_date_ex`).
pub fn new_date_ex(cls: &ObjRef, y: i64, m: i64, d: i64) -> Value {
    alloc(cls, DateP { y, m, d })
}

/// CPython's `new_date_subclass_ex`: the type itself directly (a `datetime` at midnight for datetime), a
/// Python subclass through its constructor.
pub fn date_like(cls: &ObjRef, y: i64, m: i64, d: i64) -> PyResult<Value> {
    let t = types();
    if cls.ptr_eq(&t.date) {
        return Ok(new_date_ex(cls, y, m, d));
    }
    if cls.ptr_eq(&t.datetime) {
        return Ok(alloc(cls, DateTimeP { y, m, d, hh: 0, mi: 0, ss: 0, us: 0, fold: 0, tz: Value::None }));
    }
    call_class(cls, &[Value::Int(y), Value::Int(m), Value::Int(d)], false)
}

fn checked(y: i64, m: i64, d: i64) -> PyResult<(i64, i64, i64)> {
    calendar::check_date(y, m, d).map_err(value_error)?;
    Ok((y, m, d))
}

/// The pickle state of a date: `bytes` (or a latin-1 `str`) of 4 bytes with a sane month.
fn date_state(v: &Value) -> Option<Vec<u8>> {
    let b: Vec<u8> = if let Some(s) = v.as_str() {
        s.chars().map(|c| if (c as u32) < 256 { Some(c as u8) } else { None }).collect::<Option<Vec<u8>>>()?
    } else if matches!(v.payload(), Some(crate::object::Payload::Bytes(_))) {
        bytes::buffer(v).ok()??.to_vec()
    } else {
        return None;
    };
    Some(b)
}

fn date_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = type_::new_wrapper_check(&types().date, args)?.clone();
    let rest = &args[1..];
    if rest.len() == 1 && kwargs.is_empty() {
        if let Some(b) = date_state(&rest[0]) {
            if b.len() == 4 && (1..=12).contains(&b[2]) {
                let y = (b[0] as i64) << 8 | b[1] as i64;
                return Ok(new_date_ex(&cls, y, b[2] as i64, b[3] as i64));
            }
            if rest[0].as_str().is_some() && b.len() == 4 {
                return Err(value_error(
                    "Failed to encode latin1 string when unpickling a date object. pickle.load(data, encoding='latin1') is assumed.",
                ));
            }
        }
    }
    let a = parse_args(None, rest, kwargs, &["year", "month", "day"], 3, 3)?;
    let (y, m, d) =
        (int_arg(a[0].as_ref().unwrap())?, int_arg(a[1].as_ref().unwrap())?, int_arg(a[2].as_ref().unwrap())?);
    checked(y, m, d)?;
    Ok(new_date_ex(&cls, y, m, d))
}

// ---------------------------------------------------------------------------------------------------------
// Class methods

fn cls_arg(args: &[Value]) -> PyResult<ObjRef> {
    match args.first() {
        Some(Value::Obj(o)) if matches!(o.payload, crate::object::Payload::Type(_)) => Ok(o.clone()),
        _ => Err(type_error("descriptor needs a type")),
    }
}

fn date_fromordinal(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    let a = parse_args(Some("fromordinal"), &args[1..], kwargs, &["ordinal"], 1, 1)
        .map_err(|_| type_error(format!("fromordinal() takes exactly one argument ({} given)", args.len() - 1)))?;
    let o = int_arg(a[0].as_ref().unwrap())?;
    if o < 1 {
        return Err(value_error("ordinal must be >= 1"));
    }
    if o > MAXORDINAL {
        let (y, _, _) = calendar::ord_to_ymd(o);
        return Err(value_error(format!("year {y} is out of range")));
    }
    let (y, m, d) = calendar::ord_to_ymd(o);
    date_like(&cls, y, m, d)
}

fn date_fromisocalendar(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    let a = parse_args(Some("fromisocalendar"), &args[1..], kwargs, &["year", "week", "day"], 3, 3)?;
    let (y, w, d) =
        (int_arg(a[0].as_ref().unwrap())?, int_arg(a[1].as_ref().unwrap())?, int_arg(a[2].as_ref().unwrap())?);
    let (y, m, d) = calendar::iso_to_ymd(y, w, d).map_err(value_error)?;
    date_like(&cls, y, m, d)
}

fn date_fromtimestamp(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    let a = parse_args(Some("fromtimestamp"), &args[1..], kwargs, &["timestamp"], 1, 1)?;
    let t = crate::modules::time::timestamp_floor(a[0].as_ref().unwrap())?;
    let tm = ops::call::call(&ops::attr::getattr_str(&import("time")?, "localtime")?, &[Value::Int(t)], &[])?;
    let f = |i: usize| -> PyResult<i64> { int_arg(&ops::subscript::getitem(&tm, &Value::Int(i as i64))?) };
    date_like(&cls, f(0)?, f(1)?, f(2)?)
}

fn date_today(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    let now = ops::call::call(&ops::attr::getattr_str(&import("time")?, "time")?, &[], &[])?;
    ops::call::call_method(&Value::from("fromtimestamp"), &[Value::Obj(cls), now], &[])
}

fn date_fromisoformat(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    let s = crate::modules::r#struct::meth_o("fromisoformat", &args[1..], kwargs)?;
    let Some(text) = s.as_str() else {
        return Err(type_error("fromisoformat: argument must be str"));
    };
    match format::parse_isoformat_date(text) {
        Some((y, m, d)) => {
            calendar::check_date(y, m, d).map_err(value_error)?;
            date_like(&cls, y, m, d)
        }
        None => Err(value_error(format!("Invalid isoformat string: {}", ops::format::str_repr(text)))),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Methods

pub fn this_date(args: &[Value], meth: &str) -> PyResult<(i64, i64, i64)> {
    Ok(recv_date(args, meth)?.0)
}

fn date_repr(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "__repr__")?;
    Ok(Value::from(format!("{}({y}, {m}, {d})", type_name(args[0].ty()))))
}

pub fn iso_date(y: i64, m: i64, d: i64) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn date_isoformat(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "isoformat")?;
    crate::modules::r#struct::meth_noargs("isoformat", &args[1..], kw)?;
    Ok(Value::from(iso_date(y, m, d)))
}

fn date_str(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    this_date(args, "__str__")?;
    ops::call::call_method(&Value::from("isoformat"), &args[..1], &[])
}

pub const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
pub const MONTH_NAMES: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

pub fn ctime_text(y: i64, m: i64, d: i64, hh: i64, mi: i64, ss: i64) -> String {
    let wd = calendar::weekday(y, m, d);
    format!("{} {} {d:2} {hh:02}:{mi:02}:{ss:02} {y:04}", DAY_NAMES[wd as usize], MONTH_NAMES[m as usize - 1])
}

fn date_ctime(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "ctime")?;
    Ok(Value::from(ctime_text(y, m, d, 0, 0, 0)))
}

fn date_strftime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this_date(args, "strftime")?;
    let a = parse_args(Some("strftime"), &args[1..], kwargs, &["format"], 1, 1)?;
    let fmt = a[0].as_ref().unwrap();
    let Some(fmt) = fmt.as_str() else {
        return Err(type_error(format!("strftime() argument 1 must be str, not {}", fmt.type_name())));
    };
    let tt = ops::call::call_method(&Value::from("timetuple"), &args[..1], &[])?;
    // A datetime passes itself to its tzinfo; a date has none.
    let tzinfoarg = if dt_of(&args[0]).is_some() { args[0].clone() } else { Value::None };
    format::wrap_strftime(&args[0], fmt, tt, &tzinfoarg)
}

/// `__format__` of date, datetime and time: `str(self)` for an empty spec, else `self.strftime(spec)`.
pub fn any_format(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let spec = crate::modules::r#struct::meth_o("__format__", args.get(1..).unwrap_or(&[]), kw)?;
    let Some(s) = spec.as_str() else {
        return Err(type_error(format!("__format__() argument 1 must be str, not {}", spec.type_name())));
    };
    if s.is_empty() {
        return Ok(Value::from(ops::format::str_of(&args[0])?));
    }
    ops::call::call_method(&Value::from("strftime"), &[args[0].clone(), spec.clone()], &[])
}

fn date_timetuple(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "timetuple")?;
    struct_time(y, m, d, 0, 0, 0, -1)
}

fn date_toordinal(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "toordinal")?;
    Ok(Value::Int(calendar::ymd_to_ord(y, m, d)))
}

fn date_weekday(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "weekday")?;
    Ok(Value::Int(calendar::weekday(y, m, d)))
}

fn date_isoweekday(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "isoweekday")?;
    Ok(Value::Int(calendar::weekday(y, m, d) + 1))
}

static ISO_CALENDAR_DATE: StructSeqSpec = StructSeqSpec {
    module: "datetime",
    name: "IsoCalendarDate",
    fields: &["year", "week", "weekday"],
    n_sequence: 3,
    constructible: false,
    doc: None,
};

fn iso_calendar_type() -> &'static ObjRef {
    static T: std::sync::OnceLock<ObjRef> = std::sync::OnceLock::new();
    T.get_or_init(|| structseq::new_type(&ISO_CALENDAR_DATE))
}

fn date_isocalendar(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "isocalendar")?;
    let (iy, iw, id) = calendar::iso_calendar(y, m, d);
    Ok(structseq::new(iso_calendar_type(), vec![Value::Int(iy), Value::Int(iw), Value::Int(id)]))
}

fn date_replace(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let ((y, m, d), rest) = recv_date(args, "replace")?;
    let a = parse_args(Some("replace"), rest, kwargs, &["year", "month", "day"], 0, 3)?;
    let y = super::opt_int(&a[0], y)?;
    let m = super::opt_int(&a[1], m)?;
    let d = super::opt_int(&a[2], d)?;
    checked(y, m, d)?;
    // CPython calls `date_new` with the receiver's type: a subclass is allocated without its `__new__`.
    Ok(new_date_ex(args[0].ty(), y, m, d))
}

pub fn date_bytes(y: i64, m: i64, d: i64) -> [u8; 4] {
    [(y >> 8) as u8, y as u8, m as u8, d as u8]
}

fn date_reduce(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "__reduce__")?;
    let state = tuple::new_tuple(vec![bytes::new_bytes(&date_bytes(y, m, d))]);
    Ok(tuple::new_tuple(vec![Value::Obj(args[0].ty().clone()), state]))
}

fn date_hash(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, m, d) = this_date(args, "__hash__")?;
    Ok(Value::Int(ops::hash::hash_tuple(&[Value::Int(y), Value::Int(m), Value::Int(d)])?))
}

/// Comparison of plain dates; a datetime on either side is left to datetime's methods.
fn cmp(args: &[Value], op: &str, f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let a = this_date(args, op)?;
    let o = args.get(1).ok_or_else(|| type_error("expected 1 argument, got 0"))?;
    if dt_of(o).is_some() {
        return Ok(not_implemented());
    }
    match ymd_of(o) {
        Some(b) => Ok(Value::Bool(f(a.cmp(&b)))),
        None => Ok(not_implemented()),
    }
}
rich_comparisons!(cmp: date_eq, date_ne, date_lt, date_le, date_gt, date_ge);

/// `date + days` with CPython's `normalize_date` overflow message; the result has the date's type.
fn add_days(date: &Value, (y, m, d): (i64, i64, i64), days: i64) -> PyResult<Value> {
    let o = calendar::ymd_to_ord(y, m, d) + days;
    if !(1..=MAXORDINAL).contains(&o) {
        return Err(overflow_error("date value out of range"));
    }
    let (y, m, d) = calendar::ord_to_ymd(o);
    date_like(date.ty(), y, m, d)
}

fn date_add(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = recv_date(args, "__add__")?;
    let o = rest.first().ok_or_else(|| type_error("expected 1 argument, got 0"))?;
    if dt_of(&args[0]).is_some() {
        return Ok(not_implemented());
    }
    match super::delta_of(o) {
        Some(td) => add_days(&args[0], f, td.days),
        None => Ok(not_implemented()),
    }
}

fn date_sub(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = recv_date(args, "__sub__")?;
    let o = rest.first().ok_or_else(|| type_error("expected 1 argument, got 0"))?;
    if dt_of(&args[0]).is_some() || dt_of(o).is_some() {
        return Ok(not_implemented());
    }
    if let Some(g) = ymd_of(o) {
        let days = calendar::ymd_to_ord(f.0, f.1, f.2) - calendar::ymd_to_ord(g.0, g.1, g.2);
        return Ok(timedelta::new_delta(timedelta::from_parts(days, 0, 0)?));
    }
    match super::delta_of(o) {
        Some(td) => add_days(&args[0], f, -td.days),
        None => Ok(not_implemented()),
    }
}

fn get_year(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(this_date(args, "year")?.0))
}
fn get_month(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(this_date(args, "month")?.1))
}
fn get_day(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(this_date(args, "day")?.2))
}

pub fn init(t: &Types) {
    let methods: &[(&str, NativeFn)] = &[
        ("__repr__", date_repr),
        ("__str__", date_str),
        ("__format__", any_format),
        ("__hash__", date_hash),
        ("__eq__", date_eq),
        ("__ne__", date_ne),
        ("__lt__", date_lt),
        ("__le__", date_le),
        ("__gt__", date_gt),
        ("__ge__", date_ge),
        ("__add__", date_add),
        ("__radd__", date_add),
        ("__sub__", date_sub),
        ("isoformat", date_isoformat),
        ("ctime", date_ctime),
        ("strftime", date_strftime),
        ("timetuple", date_timetuple),
        ("toordinal", date_toordinal),
        ("weekday", date_weekday),
        ("isoweekday", date_isoweekday),
        ("isocalendar", date_isocalendar),
        ("replace", date_replace),
        ("__reduce__", date_reduce),
    ];
    let classmethods: &[(&str, NativeFn)] = &[
        ("fromordinal", date_fromordinal),
        ("fromisocalendar", date_fromisocalendar),
        ("fromtimestamp", date_fromtimestamp),
        ("fromisoformat", date_fromisoformat),
        ("today", date_today),
    ];
    let getters: &[(&str, NativeFn, NativeFn)] =
        &[("year", get_year, nw_year), ("month", get_month, nw_month), ("day", get_day, nw_day)];
    fill_type(&t.date, date_new, methods, classmethods, getters);
    let ty = &t.date;
    set_class_attr(ty, "min", new_date_ex(ty, 1, 1, 1));
    set_class_attr(ty, "max", new_date_ex(ty, 9999, 12, 31));
    set_class_attr(ty, "resolution", timedelta::new_delta(super::Delta { days: 1, secs: 0, us: 0 }));
    set_class_attr(ty, "__doc__", Value::from("date(year, month, day) --> date object"));
}
