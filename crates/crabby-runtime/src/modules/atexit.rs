//! `atexit`: functions run when the program ends normally (after `__main__` finishes, after `sys.exit()`, or
//! after an uncaught exception's traceback is printed), last registered first, as CPython runs them.

use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, module};
use crate::error::{type_error, PyResult};
use crate::object::ObjRef;
use crate::ops;
use crate::ops::args::Args;
use crate::Value;

struct Callback {
    func: Value,
    args: Vec<Value>,
    kwargs: Vec<(Value, Value)>,
}

static CALLBACKS: Mutex<Vec<Callback>> = Mutex::new(Vec::new());

fn register(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(func) = args.first() else {
        return Err(type_error("register() takes at least 1 argument (0 given)"));
    };
    if !crate::modules::builtins::is_callable(func) {
        return Err(type_error("the first argument must be callable"));
    }
    CALLBACKS.lock().push(Callback { func: func.clone(), args: args[1..].to_vec(), kwargs: kwargs.to_vec() });
    Ok(func.clone())
}

fn unregister(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("unregister", args, kwargs).exact(1)?;
    // The comparisons may run Python code (`__eq__`), so they run on a copy with the lock released.
    let funcs: Vec<Value> = CALLBACKS.lock().iter().map(|c| c.func.clone()).collect();
    let mut drop_these = Vec::new();
    for f in funcs {
        if ops::compare::eq_bool(&f, &a[0])? {
            drop_these.push(f);
        }
    }
    CALLBACKS.lock().retain(|c| !drop_these.iter().any(|d| d.is(&c.func)));
    Ok(Value::None)
}

fn run_exitfuncs_py(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("_run_exitfuncs", args, kwargs).exact(0)?;
    run_exitfuncs();
    Ok(Value::None)
}

fn clear(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("_clear", args, kwargs).exact(0)?;
    CALLBACKS.lock().clear();
    Ok(Value::None)
}

fn ncallbacks(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Args::new("_ncallbacks", args, kwargs).exact(0)?;
    Ok(Value::Int(CALLBACKS.lock().len() as i64))
}

/// Runs and forgets every registered function, last registered first. An exception from one is reported
/// ("Exception ignored in atexit callback: ...") and the rest still run.
pub fn run_exitfuncs() {
    loop {
        // Popped one at a time with the lock released while the callback runs: it may register more.
        let Some(cb) = CALLBACKS.lock().pop() else { break };
        if let Err(e) = ops::call::call(&cb.func, &cb.args, &cb.kwargs) {
            let what = ops::format::repr(&cb.func).unwrap_or_else(|_| "<object repr() failed>".to_string());
            let text =
                format!("Exception ignored in atexit callback: {what}\n{}", crate::traceback::format_exception(&e.exc));
            crate::modules::sys::write_stderr(&text);
        }
    }
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("register", register),
    ("unregister", unregister),
    ("_run_exitfuncs", run_exitfuncs_py),
    ("_clear", clear),
    ("_ncallbacks", ncallbacks),
];

pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let m = module::new_module("atexit").make_immortal();
        let d = module::module_dict(&m);
        for (name, f) in FUNCTIONS {
            dict::set_str(d, name, new_builtin(name, *f, None));
        }
        m
    })
    .clone())
}
