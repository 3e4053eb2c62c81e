//! `_imp` (the C half of `importlib`): what `importlib._bootstrap` and `_bootstrap_external` call at import
//! and when they load built-in modules.
//!
//! NOTE: crabby's own import system resolves compiled and native modules without `importlib`; this module
//! lets `importlib` (and so `inspect`, `dataclasses`, `unittest`, ...) import and treats crabby's native
//! modules as CPython's built-in ones. There are no frozen modules and no extension modules: the frozen
//! queries answer "no", and loading an extension raises ImportError.

use std::sync::OnceLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, list, module};
use crate::error::{not_implemented, type_error, PyErr, PyResult};
use crate::object::ObjRef;
use crate::ops::args::Args;
use crate::Value;

fn name_arg<'a>(what: &'a str, args: &'a [Value], kwargs: &'a [(Value, Value)]) -> PyResult<&'a str> {
    let a = Args::new(what, args, kwargs).exact(1)?;
    a[0].as_str().ok_or_else(|| type_error(format!("{what}() argument must be str, not {}", a[0].type_name())))
}

/// `is_builtin(name)`: 1 for a module the runtime provides natively (-1 for `sys` and `builtins`, which
/// CPython cannot initialise twice), else 0.
fn is_builtin(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let name = name_arg("is_builtin", args, kwargs)?;
    Ok(Value::Int(match name {
        "sys" | "builtins" => -1,
        _ if super::native_module(name).is_some() => 1,
        _ => 0,
    }))
}

/// `create_builtin(spec)`: the native module `spec.name`, made (once) by crabby's import system.
fn create_builtin(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("create_builtin", args, kwargs).exact(1)?;
    let name = crate::ops::attr::getattr_str(&a[0], "name")?;
    let Some(n) = name.as_str() else {
        return Err(type_error(format!("name must be string, not {}", name.type_name())));
    };
    if super::native_module(n).is_none() {
        return Err(PyErr::new(ExcKind::ImportError, format!("no built-in module named {n}")));
    }
    crate::import::import_dotted(n)
}

fn exec_module(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn is_frozen(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    name_arg("is_frozen", args, kwargs)?;
    Ok(Value::Bool(false))
}

fn is_frozen_package(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    name_arg("is_frozen_package", args, kwargs)?;
    Ok(Value::Bool(false))
}

fn find_frozen(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("find_frozen", args, kwargs).between(1, 2)?;
    Ok(Value::None)
}

fn no_frozen(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let name = args.first().map(crate::ops::format::repr).transpose()?.unwrap_or_default();
    Err(PyErr::new(ExcKind::ImportError, format!("No such frozen object named {name}")))
}

fn extension_suffixes(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // No suffix: crabby cannot load C extension modules, so no file should be taken for one.
    Ok(list::new_list(Vec::new()))
}

fn create_dynamic(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(PyErr::new(ExcKind::ImportError, "crabby does not support C extension modules"))
}

fn none(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::None)
}

fn lock_held(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    // NOTE: there is no global import lock to hold: crabby locks imports per module (see import.rs).
    Ok(Value::Bool(false))
}

fn source_hash(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(not_implemented("crabby does not support hash-based .pyc files"))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("is_builtin", is_builtin),
    ("create_builtin", create_builtin),
    ("exec_builtin", exec_module),
    ("exec_dynamic", exec_module),
    ("create_dynamic", create_dynamic),
    ("is_frozen", is_frozen),
    ("is_frozen_package", is_frozen_package),
    ("find_frozen", find_frozen),
    ("get_frozen_object", no_frozen),
    ("init_frozen", no_frozen),
    ("extension_suffixes", extension_suffixes),
    ("acquire_lock", none),
    ("release_lock", none),
    ("lock_held", lock_held),
    ("_fix_co_filename", none),
    ("source_hash", source_hash),
    ("_override_frozen_modules_for_tests", none),
    ("_override_multi_interp_extensions_check", none),
];

/// The `_imp` module.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let m = module::new_module("_imp").make_immortal();
        let d = module::module_dict(&m);
        for (name, f) in FUNCTIONS {
            dict::set_str(d, name, new_builtin(name, *f, None));
        }
        dict::set_str(d, "check_hash_based_pycs", Value::from("default"));
        m
    })
    .clone())
}
