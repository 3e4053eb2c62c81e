//! `_datetime`: CPython 3.12's C datetime module (`Modules/_datetimemodule.c`), which `datetime.py` imports
//! in place of the pure-Python `_pydatetime`. Each type lives in its own file (`timedelta.rs`, `date.rs`,
//! `time.rs`, `datetime.rs`, `tzinfo.rs` for `tzinfo` and `timezone`); `calendar.rs` holds the ordinal and
//! calendar arithmetic and `format.rs` isoformat, strftime and fromisoformat.
//!
//! Every instance is immutable: its fields are a plain Rust struct behind `Payload::Native`, so instances are
//! shared between threads freely and no lock exists at all. A `datetime` is a subtype of `date` whose payload
//! is a [`DateTimeP`]; the date methods read the date part of either payload. Python subclasses of the types
//! get the same payload (their `__new__` allocates the subclass with it, plus the instance `__dict__`).
//! tzinfo methods are Python code, called with nothing held.

/// Defines a type's six rich comparisons as native methods (`$eq` ... `$ge`), each calling the type's
/// `cmp(args, dunder_name, test)` with the `Ordering` test of its operator.
macro_rules! rich_comparisons {
    ($cmp:ident: $eq:ident, $ne:ident, $lt:ident, $le:ident, $gt:ident, $ge:ident) => {
        rich_comparisons!(@one $cmp, $eq, "__eq__", is_eq);
        rich_comparisons!(@one $cmp, $ne, "__ne__", is_ne);
        rich_comparisons!(@one $cmp, $lt, "__lt__", is_lt);
        rich_comparisons!(@one $cmp, $le, "__le__", is_le);
        rich_comparisons!(@one $cmp, $gt, "__gt__", is_gt);
        rich_comparisons!(@one $cmp, $ge, "__ge__", is_ge);
    };
    (@one $cmp:ident, $f:ident, $name:literal, $test:ident) => {
        fn $f(a: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
            $cmp(a, $name, std::cmp::Ordering::$test)
        }
    };
}

/// The six time-of-day getters (`hour` .. `fold`) of `time` and `datetime`, whose payloads name the fields
/// alike; `$this` finds the receiver's payload, naming the attribute in its error.
macro_rules! time_field_getters {
    ($this:ident) => {
        time_field_getters!(@int $this, get_hour, "hour", hh);
        time_field_getters!(@int $this, get_minute, "minute", mi);
        time_field_getters!(@int $this, get_second, "second", ss);
        time_field_getters!(@int $this, get_microsecond, "microsecond", us);
        time_field_getters!(@int $this, get_fold, "fold", fold);
        fn get_tzinfo(a: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
            Ok($this(a, "tzinfo")?.tz.clone())
        }
    };
    (@int $this:ident, $f:ident, $name:literal, $field:ident) => {
        fn $f(a: &[Value], _k: &[(Value, Value)]) -> PyResult<Value> {
            Ok(Value::Int($this(a, $name)?.$field))
        }
    };
}

pub mod calendar;
pub mod date;
pub mod datetime;
pub mod format;
pub mod time;
pub mod timedelta;
pub mod tzinfo;

use std::sync::OnceLock;

use crate::builtins::descriptor::make_property;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::object::{class_method, static_method};
use crate::builtins::type_::{self, type_obj, Layout, TypeObj};
use crate::builtins::{dict, int, module, types as core_types};
use crate::error::{attribute_error, overflow_error, type_error, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

/// A `timedelta`: always normalised (`0 <= secs < 86400`, `0 <= us < 1000000`, `|days| <= 999999999`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct Delta {
    pub days: i64,
    pub secs: i64,
    pub us: i64,
}

impl Delta {
    pub fn total_us(&self) -> i128 {
        (self.days as i128 * 86_400 + self.secs as i128) * 1_000_000 + self.us as i128
    }
    pub fn is_zero(&self) -> bool {
        self.days == 0 && self.secs == 0 && self.us == 0
    }
}

/// A `date`.
pub struct DateP {
    pub y: i64,
    pub m: i64,
    pub d: i64,
}

/// A `datetime`; `tz` is None for a naive one.
pub struct DateTimeP {
    pub y: i64,
    pub m: i64,
    pub d: i64,
    pub hh: i64,
    pub mi: i64,
    pub ss: i64,
    pub us: i64,
    pub fold: i64,
    pub tz: Value,
}

/// A `time`; `tz` is None for a naive one.
pub struct TimeP {
    pub hh: i64,
    pub mi: i64,
    pub ss: i64,
    pub us: i64,
    pub fold: i64,
    pub tz: Value,
}

/// A `timezone`: a fixed offset and an optional name (a str).
pub struct TzP {
    pub off: Delta,
    pub name: Option<Value>,
}

/// The payload of `tzinfo` instances (and of Python subclasses of it): no state of its own.
pub struct TzBase;

pub struct Types {
    pub module: ObjRef,
    pub timedelta: ObjRef,
    pub date: ObjRef,
    pub time: ObjRef,
    pub datetime: ObjRef,
    pub tzinfo: ObjRef,
    pub timezone: ObjRef,
    pub utc: Value,
}

pub fn types() -> &'static Types {
    static T: OnceLock<Types> = OnceLock::new();
    T.get_or_init(|| {
        let timedelta = make_type("timedelta", None, true);
        let date = make_type("date", None, true);
        let datetime = make_type("datetime", Some(&date), true);
        let time = make_type("time", None, true);
        let tzinfo = make_type("tzinfo", None, true);
        let timezone = make_type("timezone", Some(&tzinfo), false);
        let utc = tzinfo::alloc_timezone(&timezone, Delta { days: 0, secs: 0, us: 0 }, None);
        let m = module::new_module("_datetime").make_immortal();
        Types { module: m, timedelta, date, time, datetime, tzinfo, timezone, utc }
    })
}

/// Makes one of the module's types (CPython's `tp_name` is `datetime.<name>`).
fn make_type(name: &str, base: Option<&ObjRef>, basetype: bool) -> ObjRef {
    let t = core_types();
    let base = base.cloned().unwrap_or_else(|| t.object.clone());
    let mut tobj = TypeObj::new(name, Layout::Other, dict::new_dict_obj(), vec![base.clone()]);
    tobj.basetype = basetype;
    tobj.native_slots = true;
    tobj.tp_name = Some(format!("datetime.{name}"));
    let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
    *type_obj(&ty).mro.write() = type_::linear_mro(&ty);
    dict::set_str(&type_obj(&ty).dict, "__module__", Value::from("datetime"));
    if !base.ptr_eq(&t.object) {
        type_obj(&base).subclasses.write().push(ty.clone());
    }
    ty
}

/// Adds native methods, class methods, a `__new__` and read-only properties to a type.
pub(crate) fn fill_type(
    ty: &ObjRef,
    new: NativeFn,
    methods: &[(&'static str, NativeFn)],
    classmethods: &[(&'static str, NativeFn)],
    getters: &[(&'static str, NativeFn, NativeFn)],
) {
    crate::builtins::add_methods(ty, methods);
    let d = &type_obj(ty).dict;
    dict::set_str(d, "__new__", static_method(new_builtin("__new__", new, Some(ty.clone()))));
    for (name, f) in classmethods {
        dict::set_str(d, name, class_method(new_builtin(name, *f, None)));
    }
    for (name, get, set) in getters {
        let getter = new_builtin(name, *get, Some(ty.clone()));
        let setter = new_builtin(name, *set, None);
        dict::set_str(d, name, make_property(getter, setter, Value::None, Value::None));
    }
    type_obj(ty).modified();
}

pub(crate) fn set_class_attr(ty: &ObjRef, name: &str, v: Value) {
    dict::set_str(&type_obj(ty).dict, name, v);
    type_obj(ty).modified();
}

/// `AttributeError: readonly attribute` (CPython's read-only members).
pub(crate) fn readonly(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(attribute_error("readonly attribute"))
}

/// The setter of a read-only getset attribute: `attribute 'year' of 'datetime.date' objects is not writable`.
macro_rules! not_writable {
    ($fname:ident, $attr:literal) => {
        pub(crate) fn $fname(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
            let tn = args.first().map(|v| v.type_name()).unwrap_or_default();
            Err(crate::error::attribute_error(format!(
                concat!("attribute '", $attr, "' of '{}' objects is not writable"),
                tn
            )))
        }
    };
}
not_writable!(nw_year, "year");
not_writable!(nw_month, "month");
not_writable!(nw_day, "day");
not_writable!(nw_hour, "hour");
not_writable!(nw_minute, "minute");
not_writable!(nw_second, "second");
not_writable!(nw_microsecond, "microsecond");
not_writable!(nw_tzinfo, "tzinfo");
not_writable!(nw_fold, "fold");

// ---------------------------------------------------------------------------------------------------------
// Payload access

pub fn delta_of(v: &Value) -> Option<&Delta> {
    v.payload()?.native::<Delta>()
}
pub fn datep_of(v: &Value) -> Option<&DateP> {
    v.payload()?.native::<DateP>()
}
pub fn dt_of(v: &Value) -> Option<&DateTimeP> {
    v.payload()?.native::<DateTimeP>()
}
pub fn time_of(v: &Value) -> Option<&TimeP> {
    v.payload()?.native::<TimeP>()
}
pub fn tz_of(v: &Value) -> Option<&TzP> {
    v.payload()?.native::<TzP>()
}

/// The (year, month, day) of a date or datetime.
pub fn ymd_of(v: &Value) -> Option<(i64, i64, i64)> {
    let p = v.payload()?;
    if let Some(d) = p.native::<DateP>() {
        return Some((d.y, d.m, d.d));
    }
    p.native::<DateTimeP>().map(|d| (d.y, d.m, d.d))
}

pub fn is_date(v: &Value) -> bool {
    ymd_of(v).is_some()
}

pub fn is_tzinfo(v: &Value) -> bool {
    type_::is_subtype(v.ty(), &types().tzinfo)
}

/// CPython's `check_tzinfo_subclass`.
pub fn check_tzinfo(v: &Value) -> PyResult<()> {
    if v.is_none() || is_tzinfo(v) {
        Ok(())
    } else {
        Err(type_error(format!("tzinfo argument must be None or of a tzinfo subclass, not type '{}'", v.type_name())))
    }
}

/// The receiver of a method, with CPython's descriptor message when it has the wrong type.
pub fn recv<'a, T: 'static>(args: &'a [Value], tyname: &str, meth: &str) -> PyResult<(&'a T, &'a [Value])> {
    let Some((this, rest)) = args.split_first() else {
        return Err(type_error(format!("descriptor '{meth}' of '{tyname}' object needs an argument")));
    };
    match this.payload().and_then(|p| p.native::<T>()) {
        Some(p) => Ok((p, rest)),
        None => Err(type_error(format!(
            "descriptor '{meth}' for '{tyname}' objects doesn't apply to a '{}' object",
            this.type_name()
        ))),
    }
}

/// The receiver of a date method (a date or datetime).
pub fn recv_date<'a>(args: &'a [Value], meth: &str) -> PyResult<((i64, i64, i64), &'a [Value])> {
    let Some((this, rest)) = args.split_first() else {
        return Err(type_error(format!("descriptor '{meth}' of 'datetime.date' object needs an argument")));
    };
    match ymd_of(this) {
        Some(f) => Ok((f, rest)),
        None => Err(type_error(format!(
            "descriptor '{meth}' for 'datetime.date' objects doesn't apply to a '{}' object",
            this.type_name()
        ))),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Argument parsing

/// CPython's `PyArg_ParseTupleAndKeywords` for a format without a name (`fname` None: "function") or with
/// one (`__new__`): `names` in order, the first `required` required, the first `maxpos` positional-capable.
pub fn parse_args(
    fname: Option<&str>,
    args: &[Value],
    kwargs: &[(Value, Value)],
    names: &[&str],
    required: usize,
    maxpos: usize,
) -> PyResult<Vec<Option<Value>>> {
    let (f, paren) = match fname {
        Some(n) => (n, "()"),
        None => ("function", ""),
    };
    let len = names.len();
    let (nargs, nkw) = (args.len(), kwargs.len());
    let s = |n: usize| if n == 1 { "" } else { "s" };
    if nargs + nkw > len {
        return Err(type_error(format!(
            "{f}{paren} takes at most {len} {}argument{} ({} given)",
            if nargs == 0 { "keyword " } else { "" },
            s(len),
            nargs + nkw
        )));
    }
    if nargs > maxpos {
        return Err(type_error(format!(
            "{f}{paren} takes {} {maxpos} positional argument{} ({nargs} given)",
            if required < maxpos { "at most" } else { "exactly" },
            s(maxpos)
        )));
    }
    let mut out: Vec<Option<Value>> = args.iter().cloned().map(Some).collect();
    out.resize(len, None);
    let find = |name: &str| kwargs.iter().find(|(k, _)| k.as_str() == Some(name)).map(|(_, v)| v.clone());
    let mut used = 0;
    for (i, name) in names.iter().enumerate() {
        if i < nargs {
            if nkw > 0 && find(name).is_some() {
                return Err(type_error(format!(
                    "argument for {f}{paren} given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
            continue;
        }
        if let Some(v) = find(name) {
            out[i] = Some(v);
            used += 1;
        } else if i < required {
            return Err(type_error(format!("{f}{paren} missing required argument '{name}' (pos {})", i + 1)));
        }
    }
    if used < nkw {
        for (k, _) in kwargs {
            let k = k.as_str().unwrap_or("");
            if !names.contains(&k) {
                return Err(type_error(format!("'{k}' is an invalid keyword argument for {f}{paren}")));
            }
        }
    }
    Ok(out)
}

/// A C `int` argument (`i` format): `__index__`, then CPython's overflow messages.
pub fn int_arg(v: &Value) -> PyResult<i64> {
    if let Value::Int(i) = v {
        if *i >= i32::MIN as i64 && *i <= i32::MAX as i64 {
            return Ok(*i);
        }
    }
    let i = ops::number::index(v)?;
    let Some(i) = int::as_i64(&i) else {
        return Err(overflow_error("Python int too large to convert to C long"));
    };
    if i > i32::MAX as i64 {
        return Err(overflow_error("signed integer is greater than maximum"));
    }
    if i < i32::MIN as i64 {
        return Err(overflow_error("signed integer is less than minimum"));
    }
    Ok(i)
}

pub fn opt_int(v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) => int_arg(v),
        None => Ok(default),
    }
}

/// Allocates an instance of `cls` (the type itself or a Python subclass) holding `state`.
pub fn alloc<T: std::any::Any + Send + Sync>(cls: &ObjRef, state: T) -> Value {
    Value::Obj(crate::builtins::object::alloc(cls, Payload::Native(NativeBox::new(state))))
}

/// Calls a class with positional arguments (and `fold=1` when `fold`), as CPython's `call_subclass_fold`.
pub fn call_class(cls: &ObjRef, args: &[Value], fold: bool) -> PyResult<Value> {
    let kw = if fold { vec![(Value::from("fold"), Value::Int(1))] } else { Vec::new() };
    ops::call::call(&Value::Obj(cls.clone()), args, &kw)
}

/// Imports a module by name (`time`, `_strptime`).
pub fn import(name: &str) -> PyResult<Value> {
    crate::import::import_dotted(name)
}

/// `time.struct_time((y, m, d, hh, mm, ss, wday, yday, dst))`.
pub fn struct_time(y: i64, m: i64, d: i64, hh: i64, mi: i64, ss: i64, dst: i64) -> PyResult<Value> {
    let t = import("time")?;
    let st = ops::attr::getattr_str(&t, "struct_time")?;
    let wday = calendar::weekday(y, m, d);
    let yday = calendar::days_before_month(y, m) + d;
    let items = [y, m, d, hh, mi, ss, wday, yday, dst].map(Value::Int).to_vec();
    ops::call::call(&st, &[crate::builtins::tuple::new_tuple(items)], &[])
}

/// The `_datetime` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    static DONE: OnceLock<()> = OnceLock::new();
    let t = types();
    DONE.get_or_init(|| {
        timedelta::init(t);
        date::init(t);
        datetime::init(t);
        time::init(t);
        tzinfo::init(t);
        let d = module::module_dict(&t.module);
        dict::set_str(d, "__doc__", Value::from("Fast implementation of the datetime type."));
        for (name, ty) in [
            ("timedelta", &t.timedelta),
            ("date", &t.date),
            ("datetime", &t.datetime),
            ("time", &t.time),
            ("tzinfo", &t.tzinfo),
            ("timezone", &t.timezone),
        ] {
            dict::set_str(d, name, Value::Obj(ty.clone()));
        }
        dict::set_str(d, "MINYEAR", Value::Int(calendar::MINYEAR));
        dict::set_str(d, "MAXYEAR", Value::Int(calendar::MAXYEAR));
        dict::set_str(d, "UTC", t.utc.clone());
        // NOTE: CPython's `datetime_CAPI` is a capsule for C extensions; crabby has none, so any object does.
        dict::set_str(d, "datetime_CAPI", Value::from("datetime.datetime_CAPI"));
    });
    Ok(t.module.clone())
}
