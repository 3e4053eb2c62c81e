//! The parts of `sys` beyond the standard streams: version and build information (`version_info`, `flags`,
//! `float_info`, `int_info`, `hash_info`, `thread_info` as struct sequences, `implementation` as a
//! `types.SimpleNamespace`), the import system's lists, the interpreter's hooks (`displayhook`, `excepthook`,
//! `unraisablehook`, audit hooks) and the introspection functions (`getsizeof`, `getrefcount`, `_getframe`,
//! ...). `sys.rs` calls [`fill`] once when it makes the module.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::simple_namespace::new_namespace;
use crate::builtins::structseq::{self, StructSeqSpec};
use crate::builtins::{dict, list, set, tuple};
use crate::error::{type_error, value_error, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

/// CPython's version, which crabby implements.
const VERSION: (i64, i64, i64, &str, i64) = (3, 12, 1, "final", 0);

static VERSION_INFO: StructSeqSpec = StructSeqSpec {
    module: "sys",
    name: "version_info",
    fields: &["major", "minor", "micro", "releaselevel", "serial"],
    n_sequence: 5,
    constructible: false,
    doc: Some("sys.version_info\n\nVersion information as a named tuple."),
};

static FLAGS: StructSeqSpec = StructSeqSpec {
    module: "sys",
    name: "flags",
    fields: &[
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
        "int_max_str_digits",
    ],
    n_sequence: 18,
    constructible: false,
    doc: Some("sys.flags\n\nFlags provided through command line arguments or environment vars."),
};

static FLOAT_INFO: StructSeqSpec = StructSeqSpec {
    module: "sys",
    name: "float_info",
    fields: &[
        "max",
        "max_exp",
        "max_10_exp",
        "min",
        "min_exp",
        "min_10_exp",
        "dig",
        "mant_dig",
        "epsilon",
        "radix",
        "rounds",
    ],
    n_sequence: 11,
    constructible: true,
    doc: None,
};

static INT_INFO: StructSeqSpec = StructSeqSpec {
    module: "sys",
    name: "int_info",
    fields: &["bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"],
    n_sequence: 4,
    constructible: true,
    doc: None,
};

static HASH_INFO: StructSeqSpec = StructSeqSpec {
    module: "sys",
    name: "hash_info",
    fields: &["width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff"],
    n_sequence: 9,
    constructible: true,
    doc: None,
};

static THREAD_INFO: StructSeqSpec = StructSeqSpec {
    module: "sys",
    name: "thread_info",
    fields: &["name", "lock", "version"],
    n_sequence: 3,
    constructible: true,
    doc: None,
};

fn structseq_value(spec: &'static StructSeqSpec, cell: &'static OnceLock<ObjRef>, values: Vec<Value>) -> Value {
    let ty = cell.get_or_init(|| structseq::new_type(spec));
    structseq::new(ty, values)
}

/// `sys.version_info`.
pub fn version_info() -> Value {
    static T: OnceLock<ObjRef> = OnceLock::new();
    static V: OnceLock<Value> = OnceLock::new();
    V.get_or_init(|| {
        let (a, b, c, level, serial) = VERSION;
        structseq_value(
            &VERSION_INFO,
            &T,
            vec![Value::Int(a), Value::Int(b), Value::Int(c), Value::from(level), Value::Int(serial)],
        )
    })
    .clone()
}

fn flags() -> Value {
    static T: OnceLock<ObjRef> = OnceLock::new();
    let env = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    // `PYTHONHASHSEED=0` turns randomisation off, as in CPython.
    let hash_random = std::env::var("PYTHONHASHSEED").map_or(1, |s| (s != "0") as i64);
    let (inspect, quiet) = crate::entry::command_line_flags();
    let (i, q) = (inspect as i64, quiet as i64);
    let ints = [
        0,
        i | crate::entry::inspect_from_environment() as i64,
        i,
        0,
        env("PYTHONDONTWRITEBYTECODE") as i64,
        0,
        0,
        0,
        0,
        0,
        q,
        hash_random,
        0,
    ];
    let mut values: Vec<Value> = ints.iter().map(|i| Value::Int(*i)).collect();
    values.push(Value::Bool(false)); // dev_mode
    values.push(Value::Int(0)); // utf8_mode
    values.push(Value::Int(0)); // warn_default_encoding
    values.push(Value::Bool(false)); // safe_path
    values.push(Value::Int(4300)); // int_max_str_digits
    structseq_value(&FLAGS, &T, values)
}

fn float_info() -> Value {
    static T: OnceLock<ObjRef> = OnceLock::new();
    structseq_value(
        &FLOAT_INFO,
        &T,
        vec![
            Value::Float(f64::MAX),
            Value::Int(f64::MAX_EXP as i64),
            Value::Int(f64::MAX_10_EXP as i64),
            Value::Float(f64::MIN_POSITIVE),
            Value::Int(f64::MIN_EXP as i64),
            Value::Int(f64::MIN_10_EXP as i64),
            Value::Int(f64::DIGITS as i64),
            Value::Int(f64::MANTISSA_DIGITS as i64),
            Value::Float(f64::EPSILON),
            Value::Int(f64::RADIX as i64),
            Value::Int(1),
        ],
    )
}

fn int_info() -> Value {
    static T: OnceLock<ObjRef> = OnceLock::new();
    // NOTE: crabby's big ints are num-bigint's 64-bit digits, but `int_info` reports CPython's 30-bit digits:
    // programs read it to reason about CPython's limits (`default_max_str_digits`), not crabby's layout.
    structseq_value(&INT_INFO, &T, vec![Value::Int(30), Value::Int(4), Value::Int(4300), Value::Int(640)])
}

fn hash_info() -> Value {
    static T: OnceLock<ObjRef> = OnceLock::new();
    structseq_value(
        &HASH_INFO,
        &T,
        vec![
            Value::Int(64),
            Value::Int((1i64 << 61) - 1),
            Value::Int(314159),
            Value::Int(0),
            Value::Int(1000003),
            Value::from("siphash13"),
            Value::Int(64),
            Value::Int(128),
            Value::Int(0),
        ],
    )
}

fn thread_info() -> Value {
    static T: OnceLock<ObjRef> = OnceLock::new();
    // NOTE: CPython reports the C library's thread version ('NPTL 2.36'); crabby's threads are Rust's std
    // threads over pthreads and it does not ask the C library, so `version` is None.
    structseq_value(&THREAD_INFO, &T, vec![Value::from("pthread"), Value::from("semaphore"), Value::None])
}

/// `sys.stdlib_module_names`: CPython 3.12's list for Linux.
const STDLIB_MODULE_NAMES: &[&str] = &include!("stdlib_module_names.in");

/// Whether `name` is in `sys.stdlib_module_names` (the list is sorted).
pub fn is_stdlib_module_name(name: &str) -> bool {
    STDLIB_MODULE_NAMES.binary_search(&name).is_ok()
}

/// `sys.implementation`.
fn implementation() -> Value {
    // NOTE: the name is 'crabby', not 'cpython': code that tests for CPython usually relies on its internals
    // (reference counts, the C API). The version is CPython's, which crabby implements.
    new_namespace(&[
        ("name", Value::from("crabby")),
        ("cache_tag", Value::from("crabby-312")),
        ("version", version_info()),
        ("hexversion", Value::Int(hexversion())),
        ("_multiarch", Value::from(format!("{}-linux-gnu", std::env::consts::ARCH))),
    ])
}

fn hexversion() -> i64 {
    let (a, b, c, _, serial) = VERSION;
    (a << 24) | (b << 16) | (c << 8) | (0xF << 4) | serial
}

/// The installation prefix CPython would report: the directory above `lib/python3.12` of the standard
/// library crabby compiles from, when `CRABBY_STDLIB` names it.
fn prefix() -> Value {
    // NOTE: a compiled program does not know where the standard library it was built from lives; without
    // `CRABBY_STDLIB` it reports CPython's default prefix.
    let from_env = std::env::var("CRABBY_STDLIB").ok().and_then(|p| {
        let p = std::path::Path::new(&p);
        p.parent().and_then(|lib| lib.parent()).map(|pre| pre.to_string_lossy().into_owned())
    });
    Value::from(from_env.unwrap_or_else(|| "/usr/local".to_string()))
}

/// The native modules' names as `sys.builtin_module_names` lists them (sorted).
fn builtin_module_names() -> Value {
    let mut names: Vec<&str> = STDLIB_MODULE_NAMES
        .iter()
        .copied()
        .filter(|n| crate::modules::native_module(n).is_some() || *n == "builtins" || *n == "sys")
        .collect();
    names.sort_unstable();
    names.dedup();
    tuple::new_tuple(names.into_iter().map(Value::from).collect())
}

fn getsizeof(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("getsizeof", args, kwargs).bind(&["object", "default"], 1)?;
    let obj = a[0].clone().expect("required");
    let r = match ops::attr::getattr_str(&Value::Obj(obj.ty().clone()), "__sizeof__") {
        Ok(f) => ops::call::call(&f, std::slice::from_ref(&obj), &[]),
        Err(e) => Err(e),
    };
    let size = match r {
        Ok(v) => v,
        Err(e) if a[1].is_some() && e.matches(crate::builtins::exceptions::ExcKind::TypeError) => {
            return Ok(a[1].clone().expect("given"))
        }
        Err(e) => return Err(e),
    };
    if !matches!(size, Value::Int(_) | Value::Bool(_))
        && !matches!(size.payload(), Some(crate::object::Payload::Int(_)))
    {
        return Err(type_error("an integer is required"));
    }
    let n = crate::builtins::int::as_i64(&size).unwrap_or(i64::MAX);
    if n < 0 {
        return Err(value_error("__sizeof__() should return >= 0"));
    }
    // CPython adds the garbage collector's header (two words) for objects it tracks; crabby reports the
    // same for containers and instances so size arithmetic in programs comes out alike.
    let gc_header = matches!(
        obj.payload(),
        Some(
            crate::object::Payload::List(_)
                | crate::object::Payload::Dict(_)
                | crate::object::Payload::Set(_)
                | crate::object::Payload::Tuple(_)
                | crate::object::Payload::Instance(_)
                | crate::object::Payload::Function(_)
        )
    );
    Ok(Value::Int(n + if gc_header { 16 } else { 0 }))
}

fn getrefcount(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("getrefcount", args, kwargs).exact(1)?;
    // Immortal objects report CPython 3.12's immortal count; inline values (small ints, floats, None, bools)
    // are immortal in crabby.
    Ok(Value::Int(match a[0].as_obj() {
        Some(o) if !o.is_immortal() => o.refcount() as i64,
        _ => u32::MAX as i64,
    }))
}

fn const_str(name: &str, args: &[Value], kwargs: &[(Value, Value)], value: &str) -> PyResult<Value> {
    Args::new(name, args, kwargs).exact(0)?;
    Ok(Value::from(value))
}

fn getdefaultencoding(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    const_str("getdefaultencoding", args, kwargs, "utf-8")
}

fn getfilesystemencoding(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    const_str("getfilesystemencoding", args, kwargs, "utf-8")
}

fn getfilesystemencodeerrors(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    const_str("getfilesystemencodeerrors", args, kwargs, "surrogateescape")
}

/// The switch interval in seconds, as f64 bits. crabby has no GIL to switch, so the value is only stored.
static SWITCH_INTERVAL: AtomicU64 = AtomicU64::new(0x3F747AE147AE147B); // 0.005

fn getswitchinterval(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("getswitchinterval", args, kwargs).exact(0)?;
    // Relaxed: a standalone setting with no other data published through it.
    Ok(Value::Float(f64::from_bits(SWITCH_INTERVAL.load(Ordering::Relaxed))))
}

fn setswitchinterval(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("setswitchinterval", args, kwargs).exact(1)?;
    let Some(x) = crate::builtins::float::as_f64(&a[0]) else {
        return Err(type_error(format!("must be real number, not {}", a[0].type_name())));
    };
    if x <= 0.0 {
        return Err(value_error("switch interval must be strictly positive"));
    }
    // Relaxed: see `getswitchinterval`.
    SWITCH_INTERVAL.store(x.to_bits(), Ordering::Relaxed);
    Ok(Value::None)
}

fn get_int_max_str_digits(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("get_int_max_str_digits", args, kwargs).exact(0)?;
    Ok(Value::Int(4300))
}

fn set_int_max_str_digits(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("set_int_max_str_digits", args, kwargs).bind(&["maxdigits"], 1)?;
    // NOTE: crabby does not limit int/str conversions (CPython's CVE-2020-10735 guard), so there is no limit
    // to change.
    Err(crate::error::not_implemented("crabby does not limit int/str conversion digits"))
}

fn audit(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    match args.first() {
        None => Err(type_error("audit() missing 1 required positional argument: 'event'")),
        Some(e) if e.as_str().is_none() => {
            Err(type_error(format!("expected str for argument 'event', not {}", e.type_name())))
        }
        // NOTE: audit hooks are accepted but never called: crabby raises no audit events.
        Some(_) => Ok(Value::None),
    }
}

fn addaudithook(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("addaudithook", args, kwargs).bind(&["hook"], 1)?;
    Ok(Value::None)
}

fn is_finalizing(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("is_finalizing", args, kwargs).exact(0)?;
    Ok(Value::Bool(false))
}

fn call_tracing(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("call_tracing", args, kwargs).exact(2)?;
    let Some(items) = a[1].as_tuple() else {
        return Err(type_error(format!("call_tracing() argument 2 must be tuple, not {}", a[1].type_name())));
    };
    ops::call::call(&a[0], items, &[])
}

fn gettrace(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("gettrace", args, kwargs).exact(0)?;
    Ok(Value::None)
}

fn settrace(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("settrace", args, kwargs).exact(1)?;
    if a[0].is_none() {
        return Ok(Value::None);
    }
    Err(crate::error::not_implemented("crabby does not support trace functions (sys.settrace)"))
}

fn setprofile(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("setprofile", args, kwargs).exact(1)?;
    if a[0].is_none() {
        return Ok(Value::None);
    }
    Err(crate::error::not_implemented("crabby does not support profile functions (sys.setprofile)"))
}

fn getallocatedblocks(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("getallocatedblocks", args, kwargs).exact(0)?;
    Ok(Value::Int(0))
}

/// The `sys` attribute `name` as the program left it.
fn sys_attr(name: &str) -> Option<Value> {
    let m = crate::modules::sys::module().ok()?;
    dict::get_str(crate::builtins::module::module_dict(&m), name)
}

fn write_to(stream: &str, text: &str) -> PyResult<()> {
    match sys_attr(stream) {
        Some(s) if !s.is_none() => {
            let w = ops::attr::getattr_str(&s, "write")?;
            ops::call::call(&w, &[Value::from(text)], &[])?;
            Ok(())
        }
        _ => Err(crate::error::runtime_error(format!("lost sys.{stream}"))),
    }
}

/// `sys.displayhook(value)`: what the interactive prompt does with an expression's value.
fn displayhook(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("displayhook", args, kwargs).exact(1)?;
    if a[0].is_none() {
        return Ok(Value::None);
    }
    let b = crate::modules::builtins::builtins_dict();
    dict::set_str(b, "_", Value::None);
    let text = ops::format::repr(&a[0])?;
    write_to("stdout", &format!("{text}\n"))?;
    dict::set_str(b, "_", a[0].clone());
    Ok(Value::None)
}

/// `sys.excepthook(type, value, traceback)`: prints the exception and its chain to `sys.stderr`.
fn excepthook(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("excepthook", args, kwargs).exact(3)?;
    let Some(exc) = a[1].as_obj().filter(|o| matches!(o.payload, crate::object::Payload::Exception(_))) else {
        // CPython reports a bad value on stderr instead of raising.
        let msg = format!("TypeError: print_exception(): Exception expected for value, {} found\n", a[1].type_name());
        write_to("stderr", &msg)?;
        return Ok(Value::None);
    };
    write_to("stderr", &crate::traceback::format_exception(exc))?;
    Ok(Value::None)
}

/// `sys.unraisablehook(unraisable)`: reports an exception that could not be raised (in `__del__`, a
/// callback), as CPython's default hook does.
fn unraisablehook(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("unraisablehook", args, kwargs).exact(1)?;
    let get = |name: &str| ops::attr::getattr_str(&a[0], name);
    let (msg, obj, value) = (get("err_msg")?, get("object")?, get("exc_value")?);
    let mut out = String::new();
    if !obj.is_none() {
        let prefix = if msg.is_none() { "Exception ignored in".to_string() } else { ops::format::str_of(&msg)? };
        let r = ops::format::repr(&obj).unwrap_or_else(|_| "<object repr() failed>".to_string());
        out.push_str(&format!("{prefix}: {r}\n"));
    } else if !msg.is_none() {
        out.push_str(&format!("{}:\n", ops::format::str_of(&msg)?));
    }
    match value.as_obj().filter(|o| matches!(o.payload, crate::object::Payload::Exception(_))) {
        Some(exc) => out.push_str(&crate::traceback::format_exception(exc)),
        None => out.push_str(&format!("{}\n", ops::format::str_of(&get("exc_type")?)?)),
    }
    write_to("stderr", &out)?;
    Ok(Value::None)
}

/// `sys._getframe(depth=0)`.
fn getframe(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_getframe", args, kwargs).between(0, 1)?;
    let depth = match a.first() {
        Some(d) => crate::builtins::int::as_i64(&ops::number::index(d)?).unwrap_or(i64::MAX),
        None => 0,
    };
    crate::builtins::frame::getframe(depth)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("_getframe", getframe),
    ("getsizeof", getsizeof),
    ("getrefcount", getrefcount),
    ("getdefaultencoding", getdefaultencoding),
    ("getfilesystemencoding", getfilesystemencoding),
    ("getfilesystemencodeerrors", getfilesystemencodeerrors),
    ("getswitchinterval", getswitchinterval),
    ("setswitchinterval", setswitchinterval),
    ("get_int_max_str_digits", get_int_max_str_digits),
    ("set_int_max_str_digits", set_int_max_str_digits),
    ("audit", audit),
    ("addaudithook", addaudithook),
    ("is_finalizing", is_finalizing),
    ("call_tracing", call_tracing),
    ("gettrace", gettrace),
    ("settrace", settrace),
    ("getprofile", gettrace),
    ("setprofile", setprofile),
    ("getallocatedblocks", getallocatedblocks),
];

/// The hooks that also exist under their `__name__` spelling, holding the originals.
const HOOKS: &[(&str, NativeFn)] =
    &[("displayhook", displayhook), ("excepthook", excepthook), ("unraisablehook", unraisablehook)];

/// The original `sys.excepthook` (`sys.__excepthook__`).
pub fn original_excepthook() -> &'static Value {
    static H: OnceLock<Value> = OnceLock::new();
    H.get_or_init(|| new_builtin("excepthook", excepthook, None))
}

/// `sys.excepthook` when the program replaced it (uncaught exceptions are then handed to it).
pub fn replaced_excepthook() -> Option<Value> {
    let hook = sys_attr("excepthook")?;
    match (hook.as_obj(), original_excepthook().as_obj()) {
        (Some(h), Some(o)) if h.ptr_eq(o) => None,
        _ => Some(hook),
    }
}

/// Fills the `sys` module's namespace with everything this file provides.
pub fn fill(d: &ObjRef) {
    for (name, f) in FUNCTIONS {
        dict::set_str(d, name, new_builtin(name, *f, None));
    }
    for (name, f) in HOOKS {
        let hook = if *name == "excepthook" { original_excepthook().clone() } else { new_builtin(name, *f, None) };
        dict::set_str(d, name, hook.clone());
        dict::set_str(d, &format!("__{name}__"), hook);
    }
    dict::set_str(d, "version_info", version_info());
    dict::set_str(d, "hexversion", Value::Int(hexversion()));
    dict::set_str(d, "api_version", Value::Int(1013));
    dict::set_str(d, "implementation", implementation());
    dict::set_str(d, "flags", flags());
    dict::set_str(d, "float_info", float_info());
    dict::set_str(d, "int_info", int_info());
    dict::set_str(d, "hash_info", hash_info());
    dict::set_str(d, "thread_info", thread_info());
    dict::set_str(d, "float_repr_style", Value::from("short"));
    dict::set_str(d, "abiflags", Value::from(""));
    dict::set_str(d, "warnoptions", list::new_list(Vec::new()));
    dict::set_str(d, "_xoptions", dict::new_dict());
    for name in ["prefix", "base_prefix", "exec_prefix", "base_exec_prefix"] {
        dict::set_str(d, name, prefix());
    }
    dict::set_str(d, "platlibdir", Value::from("lib"));
    dict::set_str(d, "pycache_prefix", Value::None);
    dict::set_str(d, "dont_write_bytecode", Value::Bool(std::env::var_os("PYTHONDONTWRITEBYTECODE").is_some()));
    dict::set_str(d, "meta_path", list::new_list(vec![crate::import::meta_path_finder()]));
    dict::set_str(d, "path_hooks", list::new_list(Vec::new()));
    dict::set_str(d, "path_importer_cache", dict::new_dict());
    dict::set_str(d, "builtin_module_names", builtin_module_names());
    let names: Vec<Value> = STDLIB_MODULE_NAMES.iter().map(|n| Value::from(*n)).collect();
    dict::set_str(d, "stdlib_module_names", set::new_set(names, true).expect("str keys hash"));
    dict::set_str(d, "_git", tuple::new_tuple_array([Value::from("crabby"), Value::from(""), Value::from("")]));
    dict::set_str(d, "_framework", Value::from(""));
    dict::set_str(d, "copyright", Value::from(COPYRIGHT));
}

const COPYRIGHT: &str =
    "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\nCopyright (c) 2000 \
BeOpen.com.\nAll Rights Reserved.\n\nCopyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll \
Rights Reserved.\n\nCopyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved.";
