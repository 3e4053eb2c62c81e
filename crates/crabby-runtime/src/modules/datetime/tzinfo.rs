//! `datetime.tzinfo` (the abstract base user time zones derive from) and `datetime.timezone` (fixed
//! offsets), plus the calls every aware type makes into a tzinfo: `utcoffset`/`dst` with CPython's
//! validation of the result, and `tzname`. Those calls run Python code, with nothing held.

use super::{alloc, dt_of, fill_type, parse_args, set_class_attr, timedelta, types, Delta, Types, TzBase, TzP};
use crate::builtins::function::NativeFn;
use crate::builtins::list::not_implemented;
use crate::builtins::tuple;
use crate::builtins::type_::{self, type_name};
use crate::error::{not_implemented as not_implemented_error, type_error, value_error, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::Value;

/// Whether an offset is strictly between -24h and 24h.
pub fn offset_in_range(d: &Delta) -> bool {
    !((d.days == -1 && d.secs == 0 && d.us < 1) || d.days < -1 || d.days >= 1)
}

/// `tzinfo.<name>(arg)` (`utcoffset` or `dst`) checked as CPython's `call_tzinfo_method`: None, or a
/// timedelta strictly within a day. Returns the object the tzinfo returned and its value.
pub fn call_offset(tz: &Value, name: &str, arg: &Value) -> PyResult<Option<(Value, Delta)>> {
    if tz.is_none() {
        return Ok(None);
    }
    // A timezone's answers need no call (the type cannot be subclassed).
    if let Some(z) = super::tz_of(tz) {
        if name == "utcoffset" {
            return Ok(Some((timedelta::new_delta(z.off), z.off)));
        }
        return Ok(None);
    }
    let r = ops::call::call_method(&Value::from(name), &[tz.clone(), arg.clone()], &[])?;
    if r.is_none() {
        return Ok(None);
    }
    match super::delta_of(&r) {
        Some(d) => {
            let d = *d;
            if !offset_in_range(&d) {
                return Err(value_error(
                    "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24).",
                ));
            }
            Ok(Some((r, d)))
        }
        None => Err(type_error(format!("tzinfo.{name}() must return None or timedelta, not '{}'", r.type_name()))),
    }
}

/// `tzinfo.tzname(arg)`: None or a str.
pub fn call_tzname(tz: &Value, arg: &Value) -> PyResult<Value> {
    if tz.is_none() {
        return Ok(Value::None);
    }
    let r = ops::call::call_method(&Value::from("tzname"), &[tz.clone(), arg.clone()], &[])?;
    if r.is_none() || r.as_str().is_some() {
        return Ok(r);
    }
    Err(type_error(format!("tzinfo.tzname() must return None or a string, not '{}'", r.type_name())))
}

// ---------------------------------------------------------------------------------------------------------
// tzinfo

fn tzinfo_new(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = type_::new_wrapper_check(&types().tzinfo, args)?.clone();
    Ok(alloc(&cls, TzBase))
}

fn tzinfo_tzname(_args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Err(not_implemented_error("a tzinfo subclass must implement tzname()"))
}
fn tzinfo_utcoffset(_args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Err(not_implemented_error("a tzinfo subclass must implement utcoffset()"))
}
fn tzinfo_dst(_args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Err(not_implemented_error("a tzinfo subclass must implement dst()"))
}

fn tzinfo_fromutc(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let dt = crate::modules::r#struct::meth_o("fromutc", args.get(1..).unwrap_or(&[]), kw)?;
    let Some(p) = dt_of(dt) else {
        return Err(type_error("fromutc: argument must be a datetime"));
    };
    if !p.tz.is(&args[0]) {
        return Err(value_error("fromutc: dt.tzinfo is not self"));
    }
    let Some((_, off)) = call_offset(&p.tz, "utcoffset", dt)? else {
        return Err(value_error("fromutc: non-None utcoffset() result required"));
    };
    let Some((_, dst)) = call_offset(&p.tz, "dst", dt)? else {
        return Err(value_error("fromutc: non-None dst() result required"));
    };
    let delta = timedelta::from_us(off.total_us() - dst.total_us())?;
    let result = super::datetime::add_delta(dt, p, &delta, 1)?;
    let rp = dt_of(&result).expect("datetime");
    let Some((_, dst)) = call_offset(&p.tz, "dst", &result)? else {
        return Err(value_error("fromutc: tz.dst() gave inconsistent results; cannot convert"));
    };
    if !dst.is_zero() {
        return super::datetime::add_delta(&result, rp, &dst, 1);
    }
    Ok(result)
}

fn tzinfo_reduce(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let this = &args[0];
    let initargs = match ops::attr::getattr_opt(this, "__getinitargs__")? {
        Some(f) => ops::call::call(&f, &[], &[])?,
        None => tuple::new_tuple(Vec::new()),
    };
    let state = match ops::attr::getattr_opt(this, "__getstate__")? {
        Some(f) => ops::call::call(&f, &[], &[])?,
        None => Value::None,
    };
    Ok(tuple::new_tuple(vec![Value::Obj(this.ty().clone()), initargs, state]))
}

// ---------------------------------------------------------------------------------------------------------
// timezone

pub fn alloc_timezone(cls: &ObjRef, off: Delta, name: Option<Value>) -> Value {
    alloc(cls, TzP { off, name })
}

/// CPython's `new_timezone`: the UTC singleton for a zero offset without a name.
pub fn new_timezone(off: Delta, name: Option<Value>) -> PyResult<Value> {
    let t = types();
    if name.is_none() && off.is_zero() {
        return Ok(t.utc.clone());
    }
    if !offset_in_range(&off) {
        return Err(value_error(format!(
            "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {}.",
            timedelta::repr_delta("datetime.timedelta", &off)
        )));
    }
    Ok(alloc_timezone(&t.timezone, off, name))
}

fn timezone_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    type_::new_wrapper_check(&types().timezone, args)?;
    let a = parse_args(Some("timezone"), &args[1..], kwargs, &["offset", "name"], 1, 2)?;
    let off = a[0].as_ref().unwrap();
    let Some(d) = super::delta_of(off) else {
        return Err(type_error(format!("timezone() argument 1 must be datetime.timedelta, not {}", off.type_name())));
    };
    let name = match &a[1] {
        Some(n) if n.as_str().is_some() => Some(n.clone()),
        Some(n) => return Err(type_error(format!("timezone() argument 2 must be str, not {}", n.type_name()))),
        None => None,
    };
    new_timezone(*d, name)
}

fn this_tz<'a>(args: &'a [Value], meth: &str) -> PyResult<&'a TzP> {
    Ok(super::recv::<TzP>(args, "datetime.timezone", meth)?.0)
}

/// `timezone.tzname()` text.
pub fn tz_name(args0: &Value, z: &TzP) -> String {
    if let Some(n) = &z.name {
        return n.as_str().unwrap_or("").to_string();
    }
    if args0.is(&types().utc) || z.off.is_zero() {
        return "UTC".into();
    }
    let (sign, d) =
        if z.off.days < 0 { ('-', timedelta::from_us(-z.off.total_us()).unwrap_or(z.off)) } else { ('+', z.off) };
    let (h, m, s) = (d.secs / 3600, d.secs / 60 % 60, d.secs % 60);
    if d.us != 0 {
        format!("UTC{sign}{h:02}:{m:02}:{s:02}.{:06}", d.us)
    } else if s != 0 {
        format!("UTC{sign}{h:02}:{m:02}:{s:02}")
    } else {
        format!("UTC{sign}{h:02}:{m:02}")
    }
}

/// The `dt` argument of timezone's methods: None or a datetime.
fn check_dt_arg(args: &[Value], kw: &[(Value, Value)], meth: &str) -> PyResult<()> {
    let dt = crate::modules::r#struct::meth_o(meth, args.get(1..).unwrap_or(&[]), kw)?;
    if dt.is_none() || dt_of(dt).is_some() {
        return Ok(());
    }
    Err(type_error(format!("{meth}(dt) argument must be a datetime instance or None, not {}", dt.type_name())))
}

fn timezone_utcoffset(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let z = this_tz(args, "utcoffset")?;
    check_dt_arg(args, kw, "utcoffset")?;
    Ok(timedelta::new_delta(z.off))
}

fn timezone_dst(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    this_tz(args, "dst")?;
    check_dt_arg(args, kw, "dst")?;
    Ok(Value::None)
}

fn timezone_tzname(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let z = this_tz(args, "tzname")?;
    check_dt_arg(args, kw, "tzname")?;
    Ok(match &z.name {
        Some(n) => n.clone(),
        None => Value::from(tz_name(&args[0], z)),
    })
}

fn timezone_str(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let z = this_tz(args, "__str__")?;
    Ok(match &z.name {
        Some(n) => n.clone(),
        None => Value::from(tz_name(&args[0], z)),
    })
}

fn timezone_repr(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let z = this_tz(args, "__repr__")?;
    let tn = type_name(args[0].ty());
    if args[0].is(&types().utc) {
        return Ok(Value::from(format!("{tn}.utc")));
    }
    let off = timedelta::repr_delta("datetime.timedelta", &z.off);
    Ok(Value::from(match &z.name {
        None => format!("{tn}({off})"),
        Some(n) => format!("{tn}({off}, {})", ops::format::repr(n)?),
    }))
}

fn timezone_fromutc(args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let z = this_tz(args, "fromutc")?;
    let dt = crate::modules::r#struct::meth_o("fromutc", &args[1..], kw)?;
    let Some(p) = dt_of(dt) else {
        return Err(type_error("fromutc: argument must be a datetime"));
    };
    if !p.tz.is(&args[0]) {
        return Err(value_error("fromutc: dt.tzinfo is not self"));
    }
    super::datetime::add_delta(dt, p, &z.off, 1)
}

fn timezone_getinitargs(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let z = this_tz(args, "__getinitargs__")?;
    let mut items = vec![timedelta::new_delta(z.off)];
    if let Some(n) = &z.name {
        items.push(n.clone());
    }
    Ok(tuple::new_tuple(items))
}

fn timezone_eq(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let z = this_tz(args, "__eq__")?;
    match args.get(1).and_then(super::tz_of) {
        Some(o) => Ok(Value::Bool(z.off == o.off)),
        None => Ok(not_implemented()),
    }
}

fn timezone_ne(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let z = this_tz(args, "__ne__")?;
    match args.get(1).and_then(super::tz_of) {
        Some(o) => Ok(Value::Bool(z.off != o.off)),
        None => Ok(not_implemented()),
    }
}

fn timezone_hash(args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let z = this_tz(args, "__hash__")?;
    Ok(Value::Int(timedelta::hash_delta(&z.off)?))
}

pub fn init(t: &Types) {
    let methods: &[(&str, NativeFn)] = &[
        ("tzname", tzinfo_tzname),
        ("utcoffset", tzinfo_utcoffset),
        ("dst", tzinfo_dst),
        ("fromutc", tzinfo_fromutc),
        ("__reduce__", tzinfo_reduce),
    ];
    fill_type(&t.tzinfo, tzinfo_new, methods, &[], &[]);
    set_class_attr(&t.tzinfo, "__doc__", Value::from("Abstract base class for time zone info objects."));
    let methods: &[(&str, NativeFn)] = &[
        ("tzname", timezone_tzname),
        ("utcoffset", timezone_utcoffset),
        ("dst", timezone_dst),
        ("fromutc", timezone_fromutc),
        ("__getinitargs__", timezone_getinitargs),
        ("__str__", timezone_str),
        ("__repr__", timezone_repr),
        ("__eq__", timezone_eq),
        ("__ne__", timezone_ne),
        ("__hash__", timezone_hash),
    ];
    fill_type(&t.timezone, timezone_new, methods, &[], &[]);
    let ty = &t.timezone;
    set_class_attr(ty, "utc", t.utc.clone());
    let m = 23 * 3600 + 59 * 60;
    set_class_attr(ty, "min", alloc_timezone(ty, timedelta::from_parts(0, -m, 0).expect("in range"), None));
    set_class_attr(ty, "max", alloc_timezone(ty, timedelta::from_parts(0, m, 0).expect("in range"), None));
    set_class_attr(ty, "__doc__", Value::from("Fixed offset from UTC implementation of tzinfo."));
}
