//! `_thread._excepthook` and `_thread._ExceptHookArgs`: what `threading.excepthook` is, the report printed
//! when a `threading.Thread`'s `run()` raises.
//!
//! The report goes to `sys.stderr` as one write per part (the header line, then the whole traceback), each under
//! the stream's lock, so reports from threads failing at once never interleave inside a line.

use std::sync::OnceLock;

use crate::builtins::exceptions::ExcKind;
use crate::builtins::structseq::{self, StructSeqSpec};
use crate::builtins::{exceptions, type_};
use crate::error::{type_error, PyResult};
use crate::object::ObjRef;
use crate::ops::args::Args;
use crate::Value;

static EXCEPT_HOOK_ARGS: StructSeqSpec = StructSeqSpec {
    module: "_thread",
    name: "_ExceptHookArgs",
    fields: &["exc_type", "exc_value", "exc_traceback", "thread"],
    n_sequence: 4,
    constructible: true,
    doc: Some("ExceptHookArgs\n\nType used to pass arguments to threading.excepthook."),
};

/// The `_ExceptHookArgs` type.
pub fn args_type() -> &'static ObjRef {
    static T: OnceLock<ObjRef> = OnceLock::new();
    T.get_or_init(|| structseq::new_type(&EXCEPT_HOOK_ARGS))
}

/// `_excepthook(args)`: prints `Exception in thread NAME:` and the traceback to `sys.stderr`; a `SystemExit`
/// is silently ignored.
pub fn excepthook(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = Args::new("_excepthook", args, kwargs).exact(1)?;
    let hook_args = &a[0];
    if !hook_args.ty().ptr_eq(args_type()) {
        return Err(type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    }
    let field = |name: &str| structseq::field(hook_args, name).unwrap_or(Value::None);
    let (exc_type, exc_value, thread) = (field("exc_type"), field("exc_value"), field("thread"));
    if let Some(t) = exc_type.as_obj() {
        if matches!(t.payload, crate::object::Payload::Type(_))
            && type_::is_subtype(t, exceptions::exc_type(ExcKind::SystemExit))
        {
            return Ok(Value::None);
        }
    }
    let name = if thread.is_none() {
        super::thread_id().to_string()
    } else {
        let n = crate::ops::attr::getattr_str(&thread, "name")?;
        crate::ops::format::str_of(&n)?
    };
    crate::modules::sys::write_stderr(&format!("Exception in thread {name}:\n"));
    let text = match exc_value.as_obj() {
        Some(e) if matches!(e.payload, crate::object::Payload::Exception(_)) => crate::traceback::format_exception(e),
        _ => {
            let t = match exc_type.as_obj() {
                Some(t) if matches!(t.payload, crate::object::Payload::Type(_)) => type_::type_name(t).to_string(),
                _ => crate::ops::format::str_of(&exc_type)?,
            };
            format!("{t}: {}\n", crate::ops::format::str_of(&exc_value)?)
        }
    };
    crate::modules::sys::write_stderr(&text);
    Ok(Value::None)
}
