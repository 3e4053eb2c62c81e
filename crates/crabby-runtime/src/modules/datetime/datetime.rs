//! `datetime.datetime`: a date and time with an optional tzinfo and `fold`, a subtype of `date`. Local time
//! (naive timestamps, `astimezone()` without an argument) goes through the `time` module's `localtime`, as
//! CPython's C code goes through the C library's, with the same fold and gap rules.

use super::calendar;
use super::date::{ctime_text, iso_date, new_date_ex};
use super::time::{new_time_ex, time_text, timespec_arg, tz_from_iso};
use super::{
    alloc, call_class, check_tzinfo, dt_of, fill_type, format, import, int_arg, nw_fold, nw_hour, nw_microsecond,
    nw_minute, nw_second, nw_tzinfo, opt_int, parse_args, recv, set_class_attr, struct_time, time_of, timedelta, types,
    tzinfo, ymd_of, DateTimeP, Delta, Types,
};
use crate::builtins::function::NativeFn;
use crate::builtins::list::not_implemented;
use crate::builtins::type_::{self, type_name};
use crate::builtins::{bytes, float, int, tuple};
use crate::error::{overflow_error, type_error, value_error, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

/// Seconds from 0001-01-01 to 1970-01-01 (CPython's `epoch`).
const EPOCH: i64 = 719_163 * 86_400;
const MAX_FOLD_SECONDS: i64 = 24 * 3600;

#[allow(clippy::too_many_arguments)]
pub fn new_dt_ex(
    cls: &ObjRef,
    y: i64,
    m: i64,
    d: i64,
    hh: i64,
    mi: i64,
    ss: i64,
    us: i64,
    tz: Value,
    fold: i64,
) -> Value {
    alloc(cls, DateTimeP { y, m, d, hh, mi, ss, us, fold, tz })
}

#[allow(clippy::too_many_arguments)]
fn checked_dt(
    cls: &ObjRef,
    y: i64,
    m: i64,
    d: i64,
    hh: i64,
    mi: i64,
    ss: i64,
    us: i64,
    tz: Value,
    fold: i64,
) -> PyResult<Value> {
    calendar::check_date(y, m, d).map_err(value_error)?;
    calendar::check_time(hh, mi, ss, us, fold).map_err(value_error)?;
    check_tzinfo(&tz)?;
    Ok(new_dt_ex(cls, y, m, d, hh, mi, ss, us, tz, fold))
}

/// CPython's `new_datetime_subclass_fold_ex`: the type itself directly, a Python subclass through its
/// constructor (with `fold=1` as a keyword when set).
#[allow(clippy::too_many_arguments)]
pub fn datetime_like(
    cls: &ObjRef,
    y: i64,
    m: i64,
    d: i64,
    hh: i64,
    mi: i64,
    ss: i64,
    us: i64,
    tz: Value,
    fold: i64,
) -> PyResult<Value> {
    if cls.ptr_eq(&types().datetime) {
        return checked_dt(cls, y, m, d, hh, mi, ss, us, tz, fold);
    }
    let args = [y, m, d, hh, mi, ss, us].map(Value::Int);
    let mut args = args.to_vec();
    args.push(tz);
    call_class(cls, &args, fold != 0)
}

/// `dt + factor * delta` (CPython's `add_datetime_timedelta`): the result has dt's type and tzinfo, fold 0.
pub fn add_delta(dtv: &Value, p: &DateTimeP, delta: &Delta, factor: i64) -> PyResult<Value> {
    let Some((y, m, d, hh, mi, ss, us)) = calendar::normalize_datetime(
        p.y,
        p.m,
        p.d + delta.days * factor,
        p.hh,
        p.mi,
        p.ss + delta.secs * factor,
        p.us + delta.us * factor,
    ) else {
        return Err(overflow_error("date value out of range"));
    };
    datetime_like(dtv.ty(), y, m, d, hh, mi, ss, us, p.tz.clone(), 0)
}

fn datetime_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = type_::new_wrapper_check(&types().datetime, args)?.clone();
    let rest = &args[1..];
    if (1..=2).contains(&rest.len()) && kwargs.is_empty() {
        if let Some(b) = super::time::state_bytes(&rest[0]) {
            if b.len() == 10 && (1..=12).contains(&(b[2] & 0x7f)) {
                let tz = rest.get(1).cloned().unwrap_or(Value::None);
                if !tz.is_none() && !super::is_tzinfo(&tz) {
                    return Err(type_error("bad tzinfo state arg"));
                }
                let y = (b[0] as i64) << 8 | b[1] as i64;
                let us = (b[7] as i64) << 16 | (b[8] as i64) << 8 | b[9] as i64;
                let fold = (b[2] >> 7) as i64;
                return Ok(new_dt_ex(
                    &cls,
                    y,
                    (b[2] & 0x7f) as i64,
                    b[3] as i64,
                    b[4] as i64,
                    b[5] as i64,
                    b[6] as i64,
                    us,
                    tz,
                    fold,
                ));
            }
        }
    }
    let names = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"];
    let a = parse_args(None, rest, kwargs, &names, 3, 8)?;
    let y = int_arg(a[0].as_ref().unwrap())?;
    let m = int_arg(a[1].as_ref().unwrap())?;
    let d = int_arg(a[2].as_ref().unwrap())?;
    let hh = opt_int(&a[3], 0)?;
    let mi = opt_int(&a[4], 0)?;
    let ss = opt_int(&a[5], 0)?;
    let us = opt_int(&a[6], 0)?;
    let tz = a[7].clone().unwrap_or(Value::None);
    let fold = opt_int(&a[8], 0)?;
    checked_dt(&cls, y, m, d, hh, mi, ss, us, tz, fold)
}

pub fn this_dt<'a>(args: &'a [Value], meth: &str) -> PyResult<&'a DateTimeP> {
    Ok(recv::<DateTimeP>(args, "datetime.datetime", meth)?.0)
}

fn cls_arg(args: &[Value]) -> PyResult<ObjRef> {
    match args.first() {
        Some(Value::Obj(o)) if matches!(o.payload, crate::object::Payload::Type(_)) => Ok(o.clone()),
        _ => Err(type_error("descriptor needs a type")),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Timestamps and local time

/// CPython's `_PyTime_ObjectToTimeval` with half-even rounding: whole seconds and microseconds.
fn timestamp_timeval(v: &Value) -> PyResult<(i64, i64)> {
    if float::is_float(v) {
        let f = float::as_f64(v).unwrap_or(0.0);
        if f.is_nan() {
            return Err(value_error("Invalid value NaN (not a number)"));
        }
        let mut intpart = f.trunc();
        let mut frac = ((f - intpart) * 1e6).round_ties_even();
        if frac >= 1e6 {
            frac -= 1e6;
            intpart += 1.0;
        } else if frac < 0.0 {
            frac += 1e6;
            intpart -= 1.0;
        }
        if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&intpart) {
            return Err(overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok((intpart as i64, frac as i64));
    }
    let i = ops::number::index(v)?;
    let s = int::as_i64(&i).ok_or_else(|| overflow_error("timestamp out of range for platform time_t"))?;
    Ok((s, 0))
}

/// Broken-down time from `time.localtime` or `time.gmtime`: the nine fields, `tm_gmtoff` and `tm_zone`.
struct Tm {
    f: [i64; 9],
    gmtoff: Value,
    zone: Value,
}

fn broken_down(local: bool, t: i64) -> PyResult<Tm> {
    let time = import("time")?;
    let func = ops::attr::getattr_str(&time, if local { "localtime" } else { "gmtime" })?;
    let st = ops::call::call(&func, &[Value::Int(t)], &[])?;
    let mut f = [0i64; 9];
    for (i, slot) in f.iter_mut().enumerate() {
        *slot = int_arg(&ops::subscript::getitem(&st, &Value::Int(i as i64))?)?;
    }
    let gmtoff = ops::attr::getattr_str(&st, "tm_gmtoff")?;
    let zone = ops::attr::getattr_str(&st, "tm_zone")?;
    Ok(Tm { f, gmtoff, zone })
}

fn utc_to_seconds(y: i64, m: i64, d: i64, hh: i64, mi: i64, ss: i64) -> PyResult<i64> {
    if !(calendar::MINYEAR..=calendar::MAXYEAR).contains(&y) {
        return Err(value_error(format!("year {y} is out of range")));
    }
    Ok(((calendar::ymd_to_ord(y, m, d) * 24 + hh) * 60 + mi) * 60 + ss)
}

/// CPython's `local`: the local wall time of `u` (seconds since 0001-01-01 UTC), in the same units.
fn local(u: i64) -> PyResult<i64> {
    let tm = broken_down(true, u - EPOCH)?;
    utc_to_seconds(tm.f[0], tm.f[1], tm.f[2], tm.f[3], tm.f[4], tm.f[5])
}

/// CPython's `local_to_seconds`: the UTC seconds of a local wall time, choosing by `fold` in a fold or gap.
#[allow(clippy::too_many_arguments)]
fn local_to_seconds(y: i64, m: i64, d: i64, hh: i64, mi: i64, ss: i64, fold: i64) -> PyResult<i64> {
    let t = utc_to_seconds(y, m, d, hh, mi, ss)?;
    let lt = local(t)?;
    let a = lt - t;
    let u1 = t - a;
    let t1 = local(u1)?;
    let b;
    if t1 == t {
        let u2 = if fold != 0 { u1 + MAX_FOLD_SECONDS } else { u1 - MAX_FOLD_SECONDS };
        let lt = local(u2)?;
        b = lt - u2;
        if a == b {
            return Ok(u1);
        }
    } else {
        b = t1 - u1;
    }
    let u2 = t - b;
    let t2 = local(u2)?;
    if t2 == t {
        return Ok(u2);
    }
    if t1 == t {
        return Ok(u1);
    }
    Ok(if fold != 0 { u1.min(u2) } else { u1.max(u2) })
}

/// CPython's `datetime_from_timet_and_us`: a datetime of `cls` from a timestamp, in local time (detecting
/// `fold`) or UTC, with `tz` attached as is.
fn from_timet_us(cls: &ObjRef, is_local: bool, timet: i64, us: i64, tz: Value) -> PyResult<Value> {
    let tm = broken_down(is_local, timet)?;
    let [y, m, d, hh, mi, ss, ..] = tm.f;
    let ss = ss.min(59);
    let mut fold = 0;
    if tz.is_none() && is_local {
        let result = utc_to_seconds(y, m, d, hh, mi, ss)?;
        let probe = local(EPOCH + timet - MAX_FOLD_SECONDS)?;
        let transition = result - probe - MAX_FOLD_SECONDS;
        if transition < 0 {
            let probe = local(EPOCH + timet + transition)?;
            if probe == result {
                fold = 1;
            }
        }
    }
    datetime_like(cls, y, m, d, hh, mi, ss, us, tz, fold)
}

/// The local zone at a timestamp, as a `timezone` named like the C library names it.
fn local_timezone_at(t: i64) -> PyResult<Value> {
    let tm = broken_down(true, t)?;
    let off = int_arg(&tm.gmtoff)?;
    let name = if tm.zone.as_str().is_some() { Some(tm.zone.clone()) } else { None };
    tzinfo::new_timezone(timedelta::from_parts(0, off, 0)?, name)
}

fn warn_deprecated(msg: &str) -> PyResult<()> {
    let warnings = import("warnings")?;
    let warn = ops::attr::getattr_str(&warnings, "warn")?;
    let category = ops::attr::getattr_str(&import("builtins")?, "DeprecationWarning")?;
    ops::call::call(&warn, &[Value::from(msg), category], &[(Value::from("stacklevel"), Value::Int(1))])?;
    Ok(())
}

fn dt_fromtimestamp(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    let a = parse_args(Some("fromtimestamp"), &args[1..], kwargs, &["timestamp", "tz"], 1, 2)?;
    let tz = a[1].clone().unwrap_or(Value::None);
    check_tzinfo(&tz)?;
    let (t, us) = timestamp_timeval(a[0].as_ref().unwrap())?;
    let dt = from_timet_us(&cls, tz.is_none(), t, us, tz.clone())?;
    if tz.is_none() {
        return Ok(dt);
    }
    ops::call::call_method(&Value::from("fromutc"), &[tz, dt], &[])
}

fn dt_utcfromtimestamp(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    warn_deprecated("datetime.datetime.utcfromtimestamp() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.fromtimestamp(timestamp, datetime.UTC).")?;
    let a = parse_args(Some("utcfromtimestamp"), &args[1..], kwargs, &["timestamp"], 1, 1)?;
    let (t, us) = timestamp_timeval(a[0].as_ref().unwrap())?;
    from_timet_us(&cls, false, t, us, Value::None)
}

fn now_timeval() -> PyResult<(i64, i64)> {
    let time = import("time")?;
    let ns = ops::call::call(&ops::attr::getattr_str(&time, "time_ns")?, &[], &[])?;
    let ns = int::to_bigint(&ns).and_then(|b| num_traits::ToPrimitive::to_i128(&b)).unwrap_or(0);
    let us = ns.div_euclid(1000);
    Ok((us.div_euclid(1_000_000) as i64, us.rem_euclid(1_000_000) as i64))
}

fn dt_now(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    let a = parse_args(Some("now"), &args[1..], kwargs, &["tz"], 0, 1)?;
    let tz = a[0].clone().unwrap_or(Value::None);
    check_tzinfo(&tz)?;
    let (t, us) = now_timeval()?;
    let dt = from_timet_us(&cls, tz.is_none(), t, us, tz.clone())?;
    if tz.is_none() {
        return Ok(dt);
    }
    ops::call::call_method(&Value::from("fromutc"), &[tz, dt], &[])
}

fn dt_utcnow(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    warn_deprecated("datetime.datetime.utcnow() is deprecated and scheduled for removal in a future version. Use timezone-aware objects to represent datetimes in UTC: datetime.datetime.now(datetime.UTC).")?;
    crate::modules::r#struct::meth_noargs("utcnow", &args[1..], kwargs)?;
    let (t, us) = now_timeval()?;
    from_timet_us(&cls, false, t, us, Value::None)
}

fn dt_strptime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    crate::modules::r#struct::no_kwargs("strptime", kwargs)?;
    let rest = &args[1..];
    if rest.len() != 2 {
        return Err(type_error(format!("strptime expected 2 arguments, got {}", rest.len())));
    }
    for (i, v) in rest.iter().enumerate() {
        if v.as_str().is_none() {
            return Err(type_error(format!("strptime() argument {} must be str, not {}", i + 1, v.type_name())));
        }
    }
    let m = import("_strptime")?;
    let f = ops::attr::getattr_str(&m, "_strptime_datetime")?;
    ops::call::call(&f, &[Value::Obj(cls), rest[0].clone(), rest[1].clone()], &[])
}

fn dt_combine(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    let a = parse_args(Some("combine"), &args[1..], kwargs, &["date", "time", "tzinfo"], 2, 3)?;
    let d = a[0].as_ref().unwrap();
    let Some((y, m, dd)) = ymd_of(d) else {
        return Err(type_error(format!("combine() argument 1 must be datetime.date, not {}", d.type_name())));
    };
    let t = a[1].as_ref().unwrap();
    let Some(tp) = time_of(t) else {
        return Err(type_error(format!("combine() argument 2 must be datetime.time, not {}", t.type_name())));
    };
    let tz = a[2].clone().unwrap_or_else(|| tp.tz.clone());
    datetime_like(&cls, y, m, dd, tp.hh, tp.mi, tp.ss, tp.us, tz, tp.fold)
}

fn dt_fromisoformat(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = cls_arg(args)?;
    let s = crate::modules::r#struct::meth_o("fromisoformat", &args[1..], kwargs)?;
    let Some(text) = s.as_str() else {
        return Err(type_error("fromisoformat: argument must be str"));
    };
    let Some(((y, m, d), t)) = format::parse_isoformat_datetime(text) else {
        return Err(value_error(format!("Invalid isoformat string: {}", ops::format::str_repr(text))));
    };
    let tz = tz_from_iso(t.tz)?;
    datetime_like(&cls, y, m, d, t.h, t.m, t.s, t.us, tz, 0)
}

// ---------------------------------------------------------------------------------------------------------
// Methods

fn dt_date(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "date")?;
    Ok(new_date_ex(&types().date, p.y, p.m, p.d))
}

fn dt_time(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "time")?;
    Ok(new_time_ex(&types().time, p.hh, p.mi, p.ss, p.us, Value::None, p.fold))
}

fn dt_timetz(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "timetz")?;
    Ok(new_time_ex(&types().time, p.hh, p.mi, p.ss, p.us, p.tz.clone(), p.fold))
}

fn dt_ctime(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "ctime")?;
    Ok(Value::from(ctime_text(p.y, p.m, p.d, p.hh, p.mi, p.ss)))
}

fn dt_timetuple(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "timetuple")?;
    let dst = match tzinfo::call_offset(&p.tz, "dst", &args[0])? {
        None => -1,
        Some((_, d)) => !d.is_zero() as i64,
    };
    struct_time(p.y, p.m, p.d, p.hh, p.mi, p.ss, dst)
}

fn dt_utctimetuple(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "utctimetuple")?;
    let off = tzinfo::call_offset(&p.tz, "utcoffset", &args[0])?;
    match off {
        None => struct_time(p.y, p.m, p.d, p.hh, p.mi, p.ss, 0),
        Some((_, off)) => {
            let u = add_delta(&args[0], p, &off, -1)?;
            let (y, m, d) = ymd_of(&u).expect("datetime");
            let q = dt_of(&u).expect("datetime");
            struct_time(y, m, d, q.hh, q.mi, q.ss, 0)
        }
    }
}

fn dt_timestamp(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "timestamp")?;
    if !p.tz.is_none() {
        if let Some((_, off)) = tzinfo::call_offset(&p.tz, "utcoffset", &args[0])? {
            let us = wall_us(p) - off.total_us() - (EPOCH as i128) * 1_000_000;
            let f = int::int_true_divide(&num_bigint::BigInt::from(us), &num_bigint::BigInt::from(1_000_000))?;
            return Ok(Value::Float(f));
        }
    }
    let secs = local_to_seconds(p.y, p.m, p.d, p.hh, p.mi, p.ss, p.fold)?;
    Ok(Value::Float((secs - EPOCH) as f64 + p.us as f64 / 1e6))
}

/// Microseconds since 0001-01-01 00:00 of the wall time (ignoring any offset).
fn wall_us(p: &DateTimeP) -> i128 {
    let days = calendar::ymd_to_ord(p.y, p.m, p.d) as i128;
    ((days * 86_400 + (p.hh * 3600 + p.mi * 60 + p.ss) as i128) * 1_000_000) + p.us as i128
}

fn dt_isoformat(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "isoformat")?;
    let a = parse_args(Some("isoformat"), &args[1..], kwargs, &["sep", "timespec"], 0, 2)?;
    let sep = match &a[0] {
        None => 'T',
        Some(v) => {
            let mut chars = v.as_str().map(|s| s.chars());
            match chars.as_mut().map(|c| (c.next(), c.next())) {
                Some((Some(c), None)) => c,
                _ => {
                    return Err(type_error(format!(
                        "isoformat() argument 1 must be a unicode character, not {}",
                        v.type_name()
                    )))
                }
            }
        }
    };
    let spec = timespec_arg(&a[1], "isoformat", 2)?;
    let Some(t) = time_text(p.hh, p.mi, p.ss, p.us, &spec) else {
        return Err(value_error("Unknown timespec value"));
    };
    let mut s = format!("{}{sep}{t}", iso_date(p.y, p.m, p.d));
    if !p.tz.is_none() {
        s.push_str(&format::format_utcoffset(":", &p.tz, &args[0])?);
    }
    Ok(Value::from(s))
}

fn dt_str(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    this_dt(args, "__str__")?;
    ops::call::call_method(&Value::from("isoformat"), &[args[0].clone(), Value::from(" ")], &[])
}

fn dt_repr(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "__repr__")?;
    let tn = type_name(args[0].ty());
    let mut s = format!("{tn}({}, {}, {}, {}, {}", p.y, p.m, p.d, p.hh, p.mi);
    if p.us != 0 {
        s.push_str(&format!(", {}, {}", p.ss, p.us));
    } else if p.ss != 0 {
        s.push_str(&format!(", {}", p.ss));
    }
    if p.fold != 0 {
        s.push_str(", fold=1");
    }
    if !p.tz.is_none() {
        s.push_str(&format!(", tzinfo={}", ops::format::repr(&p.tz)?));
    }
    s.push(')');
    Ok(Value::from(s))
}

fn dt_utcoffset(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "utcoffset")?;
    Ok(tzinfo::call_offset(&p.tz, "utcoffset", &args[0])?.map(|(v, _)| v).unwrap_or(Value::None))
}

fn dt_dst(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "dst")?;
    Ok(tzinfo::call_offset(&p.tz, "dst", &args[0])?.map(|(v, _)| v).unwrap_or(Value::None))
}

fn dt_tzname(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "tzname")?;
    tzinfo::call_tzname(&p.tz, &args[0])
}

fn dt_replace(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "replace")?;
    let names = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"];
    let a = parse_args(Some("replace"), &args[1..], kwargs, &names, 0, 8)?;
    let tz = a[7].clone().unwrap_or_else(|| p.tz.clone());
    checked_dt(
        args[0].ty(),
        opt_int(&a[0], p.y)?,
        opt_int(&a[1], p.m)?,
        opt_int(&a[2], p.d)?,
        opt_int(&a[3], p.hh)?,
        opt_int(&a[4], p.mi)?,
        opt_int(&a[5], p.ss)?,
        opt_int(&a[6], p.us)?,
        tz,
        opt_int(&a[8], p.fold)?,
    )
}

fn dt_state(p: &DateTimeP, proto: i64) -> Value {
    let month = p.m as u8 | if p.fold != 0 && proto > 3 { 0x80 } else { 0 };
    let b = [
        (p.y >> 8) as u8,
        p.y as u8,
        month,
        p.d as u8,
        p.hh as u8,
        p.mi as u8,
        p.ss as u8,
        (p.us >> 16) as u8,
        (p.us >> 8) as u8,
        p.us as u8,
    ];
    let mut items = vec![bytes::new_bytes(&b)];
    if !p.tz.is_none() {
        items.push(p.tz.clone());
    }
    tuple::new_tuple(items)
}

fn dt_reduce_ex(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "__reduce_ex__")?;
    let proto = int_arg(crate::modules::r#struct::meth_o("__reduce_ex__", &args[1..], kw)?)?;
    Ok(tuple::new_tuple(vec![Value::Obj(args[0].ty().clone()), dt_state(p, proto)]))
}

fn dt_reduce(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "__reduce__")?;
    Ok(tuple::new_tuple(vec![Value::Obj(args[0].ty().clone()), dt_state(p, 2)]))
}

/// The same datetime with the other fold, allocated directly (for PEP 495's comparison and hash rules).
fn with_fold(v: &Value, p: &DateTimeP, fold: i64) -> Value {
    new_dt_ex(v.ty(), p.y, p.m, p.d, p.hh, p.mi, p.ss, p.us, p.tz.clone(), fold)
}

fn offset(v: &Value, p: &DateTimeP) -> PyResult<Option<Delta>> {
    Ok(tzinfo::call_offset(&p.tz, "utcoffset", v)?.map(|(_, d)| d))
}

fn dt_hash(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "__hash__")?;
    let off = if p.fold != 0 {
        let v0 = with_fold(&args[0], p, 0);
        offset(&v0, dt_of(&v0).expect("datetime"))?
    } else {
        offset(&args[0], p)?
    };
    let us = wall_us(p) - off.map(|o| o.total_us()).unwrap_or(0);
    let d = Delta { days: (us.div_euclid(86_400_000_000)) as i64, secs: 0, us: (us.rem_euclid(86_400_000_000)) as i64 };
    Ok(Value::Int(timedelta::hash_delta(&d)?))
}

/// PEP 495: equal instants compare unequal when either side's offset depends on its fold.
fn pep495_exception(
    a: &Value,
    pa: &DateTimeP,
    oa: Option<Delta>,
    b: &Value,
    pb: &DateTimeP,
    ob: Option<Delta>,
) -> PyResult<bool> {
    let fa = with_fold(a, pa, 1 - pa.fold);
    if offset(&fa, dt_of(&fa).expect("datetime"))? != oa {
        return Ok(true);
    }
    let fb = with_fold(b, pb, 1 - pb.fold);
    Ok(offset(&fb, dt_of(&fb).expect("datetime"))? != ob)
}

fn cmp(args: &[Value], op: &str, f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let a = this_dt(args, op)?;
    let other = args.get(1).ok_or_else(|| type_error("expected 1 argument, got 0"))?;
    let Some(b) = dt_of(other) else {
        if ymd_of(other).is_some() {
            return match op {
                "__eq__" => Ok(Value::Bool(false)),
                "__ne__" => Ok(Value::Bool(true)),
                _ => Err(type_error(format!("can't compare {} to {}", type_name(args[0].ty()), type_name(other.ty())))),
            };
        }
        return Ok(not_implemented());
    };
    let fields = |p: &DateTimeP| (p.y, p.m, p.d, p.hh, p.mi, p.ss, p.us);
    if a.tz.is(&b.tz) {
        return Ok(Value::Bool(f(fields(a).cmp(&fields(b)))));
    }
    let (o1, o2) = (offset(&args[0], a)?, offset(other, b)?);
    let eq_op = op == "__eq__" || op == "__ne__";
    if o1 == o2 {
        let mut ord = fields(a).cmp(&fields(b));
        if eq_op && ord.is_eq() && pep495_exception(&args[0], a, o1, other, b, o2)? {
            ord = std::cmp::Ordering::Less;
        }
        return Ok(Value::Bool(f(ord)));
    }
    match (o1, o2) {
        (Some(o1), Some(o2)) => {
            let diff = (wall_us(a) - o1.total_us()) - (wall_us(b) - o2.total_us());
            let mut ord = diff.cmp(&0);
            if eq_op && ord.is_eq() && pep495_exception(&args[0], a, Some(o1), other, b, Some(o2))? {
                ord = std::cmp::Ordering::Less;
            }
            Ok(Value::Bool(f(ord)))
        }
        _ => match op {
            "__eq__" => Ok(Value::Bool(false)),
            "__ne__" => Ok(Value::Bool(true)),
            _ => Err(type_error("can't compare offset-naive and offset-aware datetimes")),
        },
    }
}
rich_comparisons!(cmp: dt_eq, dt_ne, dt_lt, dt_le, dt_gt, dt_ge);

fn dt_add(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "__add__")?;
    match args.get(1).and_then(super::delta_of) {
        Some(d) => add_delta(&args[0], p, d, 1),
        None => Ok(not_implemented()),
    }
}

fn dt_sub(args: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "__sub__")?;
    let Some(other) = args.get(1) else {
        return Ok(not_implemented());
    };
    if let Some(d) = super::delta_of(other) {
        return add_delta(&args[0], p, d, -1);
    }
    let Some(q) = dt_of(other) else {
        return Ok(not_implemented());
    };
    let (mut o1, mut o2) = (None, None);
    if !p.tz.is(&q.tz) {
        o1 = offset(&args[0], p)?;
        o2 = offset(other, q)?;
        if o1.is_some() != o2.is_some() {
            return Err(type_error("can't subtract offset-naive and offset-aware datetimes"));
        }
    }
    let offdiff = match (o1, o2) {
        (Some(a), Some(b)) => a.total_us() - b.total_us(),
        _ => 0,
    };
    timedelta::new_delta_us(wall_us(p) - wall_us(q) - offdiff)
}

fn dt_astimezone(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let p = this_dt(args, "astimezone")?;
    let a = parse_args(Some("astimezone"), &args[1..], kwargs, &["tz"], 0, 1)?;
    let tz = a[0].clone().unwrap_or(Value::None);
    check_tzinfo(&tz)?;
    let this = &args[0];
    let mut self_tz = if p.tz.is_none() { None } else { Some(p.tz.clone()) };
    let off = loop {
        let stz = match &self_tz {
            Some(t) => t.clone(),
            None => {
                let secs = local_to_seconds(p.y, p.m, p.d, p.hh, p.mi, p.ss, p.fold)?;
                local_timezone_at(secs - EPOCH)?
            }
        };
        if stz.is(&tz) {
            return Ok(this.clone());
        }
        match tzinfo::call_offset(&stz, "utcoffset", this)? {
            Some((_, off)) => break off,
            None if self_tz.is_some() => self_tz = None,
            None => return Err(type_error("utcoffset() returned None for the local zone")),
        }
    };
    // self - offset, as the receiver's type (a subclass through its constructor, as CPython does).
    let utc_dt = add_delta(this, p, &off, -1)?;
    let u = dt_of(&utc_dt).expect("datetime");
    let target = if tz.is_none() {
        let secs = wall_us(u) / 1_000_000 - EPOCH as i128;
        local_timezone_at(secs as i64)?
    } else {
        tz
    };
    // NOTE: CPython swaps the tzinfo of that object in place; crabby's datetimes are immutable, so this is
    // a copy of the same type with the target zone attached (no constructor call).
    let attached = new_dt_ex(utc_dt.ty(), u.y, u.m, u.d, u.hh, u.mi, u.ss, u.us, target.clone(), u.fold);
    ops::call::call_method(&Value::from("fromutc"), &[target, attached], &[])
}

time_field_getters!(this_dt);

pub fn init(t: &Types) {
    let methods: &[(&str, NativeFn)] = &[
        ("__repr__", dt_repr),
        ("__str__", dt_str),
        ("__hash__", dt_hash),
        ("__eq__", dt_eq),
        ("__ne__", dt_ne),
        ("__lt__", dt_lt),
        ("__le__", dt_le),
        ("__gt__", dt_gt),
        ("__ge__", dt_ge),
        ("__add__", dt_add),
        ("__radd__", dt_add),
        ("__sub__", dt_sub),
        ("date", dt_date),
        ("time", dt_time),
        ("timetz", dt_timetz),
        ("ctime", dt_ctime),
        ("timetuple", dt_timetuple),
        ("utctimetuple", dt_utctimetuple),
        ("timestamp", dt_timestamp),
        ("isoformat", dt_isoformat),
        ("utcoffset", dt_utcoffset),
        ("dst", dt_dst),
        ("tzname", dt_tzname),
        ("replace", dt_replace),
        ("astimezone", dt_astimezone),
        ("__reduce_ex__", dt_reduce_ex),
        ("__reduce__", dt_reduce),
    ];
    let classmethods: &[(&str, NativeFn)] = &[
        ("now", dt_now),
        ("utcnow", dt_utcnow),
        ("fromtimestamp", dt_fromtimestamp),
        ("utcfromtimestamp", dt_utcfromtimestamp),
        ("strptime", dt_strptime),
        ("combine", dt_combine),
        ("fromisoformat", dt_fromisoformat),
    ];
    let getters: &[(&str, NativeFn, NativeFn)] = &[
        ("hour", get_hour, nw_hour),
        ("minute", get_minute, nw_minute),
        ("second", get_second, nw_second),
        ("microsecond", get_microsecond, nw_microsecond),
        ("tzinfo", get_tzinfo, nw_tzinfo),
        ("fold", get_fold, nw_fold),
    ];
    fill_type(&t.datetime, datetime_new, methods, classmethods, getters);
    let ty = &t.datetime;
    set_class_attr(ty, "min", new_dt_ex(ty, 1, 1, 1, 0, 0, 0, 0, Value::None, 0));
    set_class_attr(ty, "max", new_dt_ex(ty, 9999, 12, 31, 23, 59, 59, 999_999, Value::None, 0));
    set_class_attr(ty, "resolution", timedelta::new_delta(Delta { days: 0, secs: 0, us: 1 }));
    set_class_attr(
        ty,
        "__doc__",
        Value::from("datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])\n\nThe year, month and day arguments are required. tzinfo may be None, or an\ninstance of a tzinfo subclass. The remaining arguments may be ints.\n"),
    );
}
