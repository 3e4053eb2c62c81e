//! Program entry: runs a compiled `__main__` module the way `python3.12 FILE.py` runs a script, on a thread
//! whose stack is big enough for the recursion limit, and turns the outcome into CPython's exit status.

use crate::builtins::exceptions::{self, ExcKind};
use crate::builtins::{dict, module, type_};
use crate::error::PyResult;
use crate::object::ObjRef;
use crate::ops::attr::exc_single_arg;
use crate::Value;

/// The stack size of threads that run Python code: deep enough for `sys.getrecursionlimit()` frames of
/// unoptimised generated code.
pub const PYTHON_STACK_SIZE: usize = 512 << 20;

/// Creates the `__main__` module object for a script.
pub fn new_main_module(name: &str, file: &str) -> ObjRef {
    let m = module::new_module(name);
    let d = module::module_dict(&m);
    dict::set_str(d, "__file__", Value::from(file));
    dict::set_str(d, "__builtins__", Value::Obj(crate::modules::builtins::builtins_dict().clone()));
    m
}

/// What an uncaught exception means for the process: SystemExit's code, or a traceback and status 1.
pub fn exit_status_for(err: &crate::error::PyErr) -> i32 {
    let exc = &err.exc;
    if type_::is_subtype(exc.ty(), exceptions::exc_type(ExcKind::SystemExit)) {
        let code = exc_single_arg(&exceptions::args_of(exc));
        return match &code {
            Value::None => 0,
            Value::Int(i) => *i as i32,
            Value::Bool(b) => *b as i32,
            _ => {
                let text = crate::ops::format::str_of(&code).unwrap_or_default();
                crate::modules::sys::write_stderr(&format!("{text}\n"));
                1
            }
        };
    }
    let text = crate::traceback::format_exception(exc);
    crate::modules::sys::write_stderr(&text);
    1
}

/// Runs the main module and exits the process with CPython's exit status.
pub fn main(module_name: &'static str, file: &'static str, exec: fn(&ObjRef) -> PyResult<()>) -> ! {
    let handle = std::thread::Builder::new()
        .name("MainThread".into())
        .stack_size(PYTHON_STACK_SIZE)
        .spawn(move || {
            let m = new_main_module(module_name, file);
            let status = match exec(&m) {
                Ok(()) => 0,
                Err(e) => exit_status_for(&e),
            };
            if crate::modules::sys::flush_stdout().is_err() && status == 0 {
                return 120;
            }
            status
        });
    let code = match handle.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => {
            crate::modules::sys::write_stderr("crabby: internal error: the runtime panicked; this is a bug in crabby\n");
            70
        }
    };
    std::process::exit(code)
}
