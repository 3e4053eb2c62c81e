//! `sys.stdin`, `sys.stdout` and `sys.stderr`: `TextIOWrapper`s over `FileIO`s on descriptors 0, 1 and 2,
//! made as CPython's `create_stdio` makes them (UTF-8, `newline='\n'`; stdout line-buffered on a terminal and
//! block-buffered otherwise; stderr line-buffered with `backslashreplace`). A descriptor that is not open
//! gives `None`, as in CPython.
//!
//! `print()` and the runtime's own messages (tracebacks, "Exception ignored ...") write through here: to the
//! original stream objects natively (one locked write per call, so lines from racing threads never tear), or
//! through the `write` method of whatever the program put in `sys.stdout` / `sys.stderr`.

use std::sync::OnceLock;

use crate::builtins::{dict, module};
use crate::error::PyResult;
use crate::ops;
use crate::Value;

use super::textio::textio_of;
use super::{bufferedio, call_meth, fileio, state, textio};

/// The three original stream objects (`None` for a descriptor that is not open).
pub struct Std {
    pub stdin: Value,
    pub stdout: Value,
    pub stderr: Value,
}

fn make(fd: i32, write: bool, name: &str) -> PyResult<Value> {
    // SAFETY: fcntl(F_GETFD) only queries the descriptor.
    if unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return Ok(Value::None);
    }
    let st = state();
    let raw =
        fileio::new_fileio(&st.fileio, &Value::Int(fd as i64), if write { "wb" } else { "rb" }, false, &Value::None)?;
    ops::attr::setattr_str(&raw, "name", Value::from(name))?;
    let isatty = fileio::raw_isatty(&raw).unwrap_or(false);
    let buffer = bufferedio::new_buffered(
        if write { &st.buffered_writer } else { &st.buffered_reader },
        &raw,
        super::DEFAULT_BUFFER_SIZE,
    )?;
    let errors = if fd == 2 { "backslashreplace" } else { "strict" };
    let line_buffering = write && (isatty || fd == 2);
    let text = textio::new_textio(
        &st.textiowrapper,
        &buffer,
        Some("utf-8"),
        Some(errors),
        Some("\n"),
        true,
        line_buffering,
        false,
    )?;
    ops::attr::setattr_str(&text, "mode", Value::from(if write { "w" } else { "r" }))?;
    Ok(text)
}

/// The original standard streams, made once.
pub fn std() -> &'static Std {
    static STD: OnceLock<Std> = OnceLock::new();
    STD.get_or_init(|| {
        let immortal = |v: Value| match v {
            Value::Obj(o) => Value::Obj(o.make_immortal()),
            v => v,
        };
        Std {
            stdin: immortal(make(0, false, "<stdin>").unwrap_or(Value::None)),
            stdout: immortal(make(1, true, "<stdout>").unwrap_or(Value::None)),
            stderr: immortal(make(2, true, "<stderr>").unwrap_or(Value::None)),
        }
    })
}

/// Which original stream `v` is: 0 stdin, 1 stdout, 2 stderr.
pub fn kind(v: &Value) -> Option<u8> {
    let s = std();
    let is = |o: &Value| !o.is_none() && v.is(o);
    if is(&s.stdout) {
        Some(1)
    } else if is(&s.stderr) {
        Some(2)
    } else if is(&s.stdin) {
        Some(0)
    } else {
        None
    }
}

/// `sys.<name>` as the program left it.
pub fn sys_stream(name: &str) -> Option<Value> {
    let m = crate::modules::sys::module().ok()?;
    dict::get_str(module::module_dict(&m), name)
}

/// Writes `text` to an original stream natively (`kind` 1 or 2), flushing afterwards when asked.
pub fn write_std(kind: u8, text: &str, flush: bool) -> PyResult<()> {
    let s = std();
    let v = match kind {
        0 => &s.stdin,
        2 => &s.stderr,
        _ => &s.stdout,
    };
    let Some(t) = textio_of(v) else { return Ok(()) };
    t.write_str(text)?;
    if flush {
        t.flush()?;
    }
    Ok(())
}

/// Writes to `sys.stdout` (the runtime's own output; errors are dropped, as nothing could report them).
pub fn write_stdout(text: &str) {
    let _ = write_to("stdout", text);
}

/// Writes to `sys.stderr` as CPython's own messages do (tracebacks, "Exception ignored in ...").
pub fn write_stderr(text: &str) {
    let _ = write_to("stderr", text);
}

fn write_to(name: &str, text: &str) -> PyResult<()> {
    match sys_stream(name) {
        Some(v) if v.is_none() => Ok(()),
        Some(v) if kind(&v).is_none() => {
            call_meth(&v, "write", &[Value::from(text)])?;
            Ok(())
        }
        _ => write_std(if name == "stderr" { 2 } else { 1 }, text, false),
    }
}

/// Flushes `sys.stdout` as the program left it.
pub fn flush_stdout() -> PyResult<()> {
    flush_stream("stdout")
}

fn flush_stream(name: &str) -> PyResult<()> {
    let v = match sys_stream(name) {
        Some(v) => v,
        None => (if name == "stderr" { &std().stderr } else { &std().stdout }).clone(),
    };
    if v.is_none() {
        return Ok(());
    }
    if let Some(t) = textio_of(&v) {
        if super::is_closed(&v)? {
            return Ok(());
        }
        return t.flush();
    }
    if super::is_closed(&v).unwrap_or(false) {
        return Ok(());
    }
    call_meth(&v, "flush", &[])?;
    Ok(())
}

/// CPython's `flush_io`, done before it reports an uncaught exception: flush `sys.stderr`, then `sys.stdout`,
/// ignoring errors.
pub fn flush_io() {
    let _ = flush_stream("stderr");
    let _ = flush_stream("stdout");
}

/// What CPython's `flush_std_files` does at exit: flush `sys.stdout`, then `sys.stderr`. Returns whether
/// stdout's flush failed (the exit status then becomes 120).
pub fn flush_std_files() -> bool {
    let failed = flush_stdout().is_err();
    let _ = flush_stream("stderr");
    bufferedio::flush_all_writers();
    failed
}

/// `input(prompt)`: through `sys.stdin` and `sys.stdout` as the program left them.
pub fn input(prompt: Option<&Value>) -> PyResult<Value> {
    use crate::builtins::exceptions::ExcKind;
    use crate::error::PyErr;
    let get = |name: &str| -> PyResult<Value> {
        match sys_stream(name) {
            Some(v) if !v.is_none() => Ok(v),
            _ => Err(PyErr::new(ExcKind::RuntimeError, format!("input(): lost sys.{name}"))),
        }
    };
    let fin = get("stdin")?;
    let fout = get("stdout")?;
    if let Ok(ferr) = get("stderr") {
        let _ = call_meth(&ferr, "flush", &[]);
    }
    if let Some(p) = prompt {
        let text = ops::format::str_of(p)?;
        if kind(&fout) == Some(1) {
            write_std(1, &text, false)?;
        } else {
            call_meth(&fout, "write", &[Value::from(text)])?;
        }
    }
    call_meth(&fout, "flush", &[])?;
    let line = call_meth(&fin, "readline", &[])?;
    let Some(s) = line.as_str() else {
        return Err(crate::error::type_error("object.readline() returned non-string"));
    };
    if s.is_empty() {
        return Err(PyErr::new(ExcKind::EOFError, "EOF when reading a line"));
    }
    Ok(Value::from(s.strip_suffix('\n').unwrap_or(s)))
}
