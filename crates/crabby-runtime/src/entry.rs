//! Program entry: runs a compiled `__main__` module the way `python3.12 FILE.py` (or `python3.12 -m MODULE`)
//! runs it, on a thread whose stack is big enough for the recursion limit, and turns the outcome into
//! CPython's exit status. Also the body of the stub modules the driver generates for modules crabby could
//! not compile.

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
                crate::modules::io::stdio::flush_io();
                crate::modules::sys::write_stderr(&format!("{text}\n"));
                1
            }
        };
    }
    print_exception(err);
    if type_::is_subtype(exc.ty(), exceptions::exc_type(ExcKind::KeyboardInterrupt)) {
        // CPython ends a program interrupted by Ctrl-C by dying of SIGINT, so the shell sees it.
        crate::modules::signal::die_of_sigint();
    }
    1
}

/// Reports an exception nobody caught (CPython's `PyErr_Print`): through `sys.excepthook` when the program
/// replaced it, else CPython's traceback on stderr, after flushing what the program wrote. The interactive
/// prompt reports each failed statement this way and goes on.
pub fn print_exception(err: &crate::error::PyErr) {
    let exc = &err.exc;
    // Like CPython, the last uncaught exception stays reachable for post-mortem debugging.
    if let Ok(sys) = crate::import::import_dotted("sys") {
        let _ = crate::ops::attr::setattr_str(&sys, "last_exc", Value::Obj(exc.clone()));
        let _ = crate::ops::attr::setattr_str(&sys, "last_type", Value::Obj(exc.ty().clone()));
        let _ = crate::ops::attr::setattr_str(&sys, "last_value", Value::Obj(exc.clone()));
    }
    if let Some(hook) = crate::modules::sys_attrs::replaced_excepthook() {
        let args = [Value::Obj(exc.ty().clone()), Value::Obj(exc.clone()), Value::None];
        match crate::ops::call::call(&hook, &args, &[]) {
            Ok(_) => return,
            Err(e) => {
                let text = format!(
                    "Error in sys.excepthook:\n{}\nOriginal exception was:\n{}",
                    crate::traceback::format_exception(&e.exc),
                    crate::traceback::format_exception(exc)
                );
                crate::modules::sys::write_stderr(&text);
                return;
            }
        }
    }
    let text = crate::traceback::format_exception(exc);
    // Output the program wrote comes before its traceback, as CPython flushes both streams first.
    crate::modules::io::stdio::flush_io();
    crate::modules::sys::write_stderr(&text);
}

/// Runs the main module and exits the process with CPython's exit status.
pub fn main(module_name: &'static str, file: &'static str, exec: fn(&ObjRef) -> PyResult<()>) -> ! {
    run(module_name, file, None, exec)
}

/// Runs a module as `python3.12 -m NAME` does (runpy): its package `package` (the part of NAME before the
/// last dot, or NAME itself when NAME is a package run through its `__main__.py`) is imported first, then
/// the module's code runs as `__main__` with `__package__` set, so its relative imports work.
pub fn main_in_package(package: &'static str, file: &'static str, exec: fn(&ObjRef) -> PyResult<()>) -> ! {
    run("__main__", file, Some(package), exec)
}

/// Makes glibc's allocator grow and shrink its heaps in large steps. Python code runs on threads other than
/// the process's first, whose allocations come from glibc's mmap-ed per-thread arenas; by default each
/// arena's heap grows page by page (an `mprotect` call each time) and gives memory back as soon as 128 KiB
/// are free at its top, so a program that builds and drops many objects kept growing and trimming its heap:
/// `benchmarks/dict_strings.py` spent 6% in `mprotect` and more in page faults. Unused padding costs address
/// space, not resident memory (pages are only backed once touched).
/// NOTE: CPython's own allocator also keeps freed arenas' memory for reuse rather than returning it at once.
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    tune_glibc_malloc();
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_glibc_malloc() {
    // M_TOP_PAD and M_TRIM_THRESHOLD from glibc's <malloc.h>.
    const M_TRIM_THRESHOLD: libc::c_int = -1;
    const M_TOP_PAD: libc::c_int = -2;
    // SAFETY: mallopt only changes allocator parameters; it is called before any other thread exists.
    unsafe {
        libc::mallopt(M_TOP_PAD, 32 << 20);
        libc::mallopt(M_TRIM_THRESHOLD, 128 << 20);
    }
}

fn run(
    module_name: &'static str,
    file: &'static str,
    package: Option<&'static str>,
    exec: fn(&ObjRef) -> PyResult<()>,
) -> ! {
    let inspect = take_inspect_request();
    tune_malloc();
    // `PYTHONINSPECT` set at start-up acts as `-i` without `-q`/`interactive`: the prompt follows the program
    // only when stdin is a terminal, and a SystemExit is reported rather than obeyed.
    let env_inspect = inspect.is_none() && python_inspect();
    if env_inspect {
        COMMAND_LINE.fetch_or(4, std::sync::atomic::Ordering::Relaxed);
    }
    let registered = crate::qsbr::new_thread();
    let handle = std::thread::Builder::new().name("MainThread".into()).stack_size(PYTHON_STACK_SIZE).spawn(move || {
        crate::qsbr::enter(registered);
        crate::modules::signal::init();
        let m = new_main_module(module_name, file);
        // Like CPython, `__main__` is in sys.modules while it runs (`import __main__` finds it).
        dict::set_str(crate::import::sys_modules(), module_name, Value::Obj(m.clone()));
        let _frame = crate::builtins::frame::enter_module(&m);
        let r = match package.filter(|p| !p.is_empty()) {
            Some(p) => {
                dict::set_str(module::module_dict(&m), "__package__", Value::from(p));
                crate::import::import_dotted(p).and_then(|_| exec(&m))
            }
            None => exec(&m),
        };
        let status = match (inspect, r) {
            (None, r) => {
                let exited = matches!(&r, Err(e) if e.matches(ExcKind::SystemExit));
                let status = match r {
                    Ok(()) => 0,
                    Err(e) if env_inspect => {
                        print_exception(&e);
                        1
                    }
                    Err(e) => exit_status_for(&e),
                };
                // As CPython, `PYTHONINSPECT` is read again after the program, so the program itself can ask
                // for the prompt (`os.environ['PYTHONINSPECT'] = '1'`); a SystemExit has ended it by then
                // unless inspection was on from the start.
                if (env_inspect || (!exited && python_inspect())) && stdin_is_terminal() {
                    let d = module::module_dict(&m);
                    for name in ["__file__", "__cached__"] {
                        let _ = dict::remove(d, &Value::from(name));
                    }
                    crate::eval::interact(&m, crate::eval::Prompt { alone: false, banner: false })
                } else {
                    status
                }
            }
            (Some(how), r) => {
                // `python3.12 -i`: whatever the program raised (SystemExit included) is reported, then the
                // prompt runs in its namespace, without `__file__` as CPython removes it after the script.
                if let Err(e) = r {
                    print_exception(&e);
                }
                let d = module::module_dict(&m);
                for name in ["__file__", "__cached__"] {
                    let _ = dict::remove(d, &Value::from(name));
                }
                crate::eval::interact(&m, how)
            }
        };
        crate::modules::thread::shutdown();
        // As in CPython, exit functions run after the uncaught exception's report and after non-daemon
        // threads have been joined.
        crate::modules::atexit::run_exitfuncs();
        if crate::modules::io::stdio::flush_std_files() && status == 0 {
            return 120;
        }
        status
    });
    crate::modules::signal::block_async_signals();
    let code = match handle.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => {
            crate::modules::sys::write_stderr(
                "crabby: internal error: the runtime panicked; this is a bug in crabby\n",
            );
            70
        }
    };
    std::process::exit(code)
}

/// The variable through which the `crabby` command asks the program to open the interactive prompt after its
/// main module. Its value is a set of letters: `p` no program ran (the prompt alone, `$PYTHONSTARTUP` first),
/// `b` print the banner, `i` the `-i` option was given, `q` the `-q` option (the last two show in `sys.flags`).
pub const INSPECT_VAR: &str = "CRABBY_INSPECT";

/// The `-i` and `-q` options the program was started with, for `sys.flags` (bit 0: `-i`, bit 1: `-q`, bit 2:
/// `PYTHONINSPECT` at start-up). Set once before any Python code runs; Relaxed suffices, as the main thread
/// is spawned after the store.
static COMMAND_LINE: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// `(inspect, quiet)`: whether `-i` and `-q` were given, as `sys.flags.inspect`/`interactive` and `quiet` say.
pub fn command_line_flags() -> (bool, bool) {
    let bits = COMMAND_LINE.load(std::sync::atomic::Ordering::Relaxed);
    (bits & 1 != 0, bits & 2 != 0)
}

/// Whether `PYTHONINSPECT` was set (non-empty) at start-up: `sys.flags.inspect` without `interactive`.
pub fn inspect_from_environment() -> bool {
    COMMAND_LINE.load(std::sync::atomic::Ordering::Relaxed) & 4 != 0
}

/// `PYTHONINSPECT` is set and not empty (read from the process environment, which `os.environ` updates).
fn python_inspect() -> bool {
    std::env::var_os("PYTHONINSPECT").is_some_and(|v| !v.is_empty())
}

fn stdin_is_terminal() -> bool {
    // SAFETY: `isatty` only inspects the descriptor.
    unsafe { libc::isatty(0) == 1 }
}

/// Whether (and how) the prompt was asked for; the variable is removed so that programs this one starts
/// do not inherit it. (`PYTHONINSPECT` is honoured too: every program links the evaluator, so the prompt can
/// follow any program; see `run`.)
fn take_inspect_request() -> Option<crate::eval::Prompt> {
    let v = std::env::var_os(INSPECT_VAR)?;
    // Removing is sound here: no other thread of this process exists yet.
    std::env::remove_var(INSPECT_VAR);
    let v = v.to_string_lossy();
    let bits = v.contains('i') as u8 | (v.contains('q') as u8) << 1;
    COMMAND_LINE.store(bits, std::sync::atomic::Ordering::Relaxed);
    Some(crate::eval::Prompt { alone: v.contains('p'), banner: v.contains('b') })
}

/// The body of a module crabby could not compile (the driver generates a stub crate calling this): importing
/// it raises `kind` (a built-in exception class name: `ImportError`, or `SyntaxError` for a module whose
/// source is not valid Python, as CPython raises when importing it) with `message`. Programs that guard the
/// import (`try: import x except ImportError:`) then take their fallback instead of failing to build.
pub fn module_not_compiled(_module: &ObjRef, kind: &str, message: &str) -> PyResult<()> {
    let builtins = crate::modules::builtins::builtins_dict();
    let class = dict::get_str(builtins, kind).or_else(|| dict::get_str(builtins, "ImportError"));
    let Some(class) = class else {
        return Err(crate::error::PyErr::new(ExcKind::ImportError, message));
    };
    let exc = crate::ops::call::call(&class, &[Value::from(message)], &[])?;
    Err(crate::rt::raise_exc(exc, None))
}
