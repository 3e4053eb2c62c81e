//! `frame` and `traceback` objects, as far as the standard library reads them (`sys._getframe`,
//! `exc.__traceback__`, `traceback`, `warnings`, `logging`, `types`).
//!
//! Compiled code keeps no frame objects: each thread keeps a stack of the functions (and modules) running on
//! it, one pointer pushed per call ([`enter_function`], [`enter_module`]), and `sys._getframe` builds frame
//! objects from it on demand. A traceback is built from the `(code, line)` entries an exception collected as it
//! unwound. NOTE: a frame made from the running stack reports its code's first line as `f_lineno` (the current
//! line lives in a Rust local of the running function); its `f_locals` is an empty dict for functions (compiled
//! locals are Rust variables) and the globals for modules. Frames from tracebacks carry the line that raised.

use std::cell::UnsafeCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::builtins::descriptor::make_property;
use crate::builtins::exceptions::TbEntry;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{add_methods, dict, module, new_native_type};
use crate::error::{type_error, value_error, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops::call::CodeInfo;
use crate::Value;

thread_local! {
    /// The running frames, innermost last: the address of the caller's reference to a compiled function, or
    /// to a module with the low bit set (an `ObjRef` is word-aligned, so that bit is free). One word per
    /// frame, so a push is one store.
    static STACK: UnsafeCell<Vec<usize>> = const { UnsafeCell::new(Vec::new()) };
}

/// Pops the frame its `enter_*` pushed.
pub struct FrameGuard(());

impl Drop for FrameGuard {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the stack is this thread's own and no reference into it outlives a single access.
        STACK.with(|s| unsafe { (*s.get()).pop() });
    }
}

/// Records that the compiled function `f` runs on this thread until the guard drops. `f` must outlive the
/// guard (it is the callee reference the caller holds).
#[inline]
pub fn enter_function(f: &ObjRef) -> FrameGuard {
    // SAFETY: as in `FrameGuard::drop`.
    STACK.with(|s| unsafe { (*s.get()).push(f as *const ObjRef as usize) });
    FrameGuard(())
}

/// Records that module `m`'s body runs on this thread until the guard drops; `m` must outlive the guard.
pub fn enter_module(m: &ObjRef) -> FrameGuard {
    // SAFETY: as in `FrameGuard::drop`.
    STACK.with(|s| unsafe { (*s.get()).push(m as *const ObjRef as usize | 1) });
    FrameGuard(())
}

/// New references to the running functions and modules, innermost first.
fn running() -> Vec<(bool, ObjRef)> {
    STACK.with(|s| {
        // SAFETY: every pointer on this thread's stack points at a reference its caller still holds (the
        // guard pops it before that reference goes away), and only this thread reads its stack.
        let stack = unsafe { &*s.get() };
        stack.iter().rev().map(|&r| (r & 1 == 0, unsafe { (*((r & !1) as *const ObjRef)).clone() })).collect()
    })
}

pub struct FrameObj {
    code: &'static CodeInfo,
    line: u32,
    globals: Option<ObjRef>,
    is_module: bool,
    back: Value,
}

pub struct TracebackObj {
    frame: Value,
    line: u32,
    next: Value,
}

struct FrameTypes {
    frame: ObjRef,
    traceback: ObjRef,
}

fn frame_types() -> &'static FrameTypes {
    static T: OnceLock<FrameTypes> = OnceLock::new();
    T.get_or_init(|| {
        let frame = new_native_type("frame", "builtins", false);
        let traceback = new_native_type("traceback", "builtins", false);
        for ty in [&frame, &traceback] {
            let _ = dict::remove(&crate::builtins::type_::type_obj(ty).dict, &Value::from("__module__"));
        }
        let props = |ty: &ObjRef, getters: &[(&'static str, NativeFn)]| {
            let d = &crate::builtins::type_::type_obj(ty).dict;
            for (name, get) in getters {
                dict::set_str(
                    d,
                    name,
                    make_property(new_builtin(name, *get, None), Value::None, Value::None, Value::None),
                );
            }
            crate::builtins::type_::type_obj(ty).modified();
        };
        props(
            &frame,
            &[
                ("f_code", f_code),
                ("f_lineno", f_lineno),
                ("f_globals", f_globals),
                ("f_locals", f_locals),
                ("f_builtins", f_builtins),
                ("f_back", f_back),
                ("f_lasti", f_lasti),
                ("f_trace", f_trace),
                ("f_trace_lines", f_trace_lines),
            ],
        );
        add_methods(&frame, &[("clear", frame_clear), ("__repr__", frame_repr)]);
        props(
            &traceback,
            &[("tb_frame", tb_frame), ("tb_lineno", tb_lineno), ("tb_next", tb_next), ("tb_lasti", tb_lasti)],
        );
        FrameTypes { frame, traceback }
    })
}

/// The module-body code object of each module, made once per module name.
fn module_code(m: &ObjRef) -> &'static CodeInfo {
    static CODES: OnceLock<Mutex<HashMap<String, &'static CodeInfo>>> = OnceLock::new();
    let name = match &m.payload {
        Payload::Module(mo) => mo.name.to_string(),
        _ => String::new(),
    };
    let mut codes = CODES.get_or_init(|| Mutex::new(HashMap::new())).lock();
    codes.entry(name).or_insert_with(|| {
        let file = dict::get_str(module::module_dict(m), "__file__")
            .and_then(|f| f.as_str().map(str::to_string))
            .unwrap_or_else(|| "<unknown>".to_string());
        Box::leak(Box::new(CodeInfo {
            name: "<module>",
            qualname: "<module>",
            filename: Box::leak(file.into_boxed_str()),
            firstlineno: 1,
            params: &[],
            locals: &[],
            posonly: 0,
            argcount: 0,
            kwonly: 0,
            varargs: false,
            varkw: false,
            body: None,
            borrowed: 0,
            extra: None,
            co: crate::builtins::code::CoTable::Unknown,
        }))
    })
}

fn new_frame(code: &'static CodeInfo, line: u32, globals: Option<ObjRef>, is_module: bool, back: Value) -> Value {
    let f = FrameObj { code, line, globals, is_module, back };
    Value::Obj(ObjRef::new(&frame_types().frame, Payload::Native(NativeBox::new(f))))
}

/// `sys._getframe(depth)`: the frame `depth` calls up from the caller of `_getframe`.
pub fn getframe(depth: i64) -> PyResult<Value> {
    let stack = running();
    if depth < 0 || depth as usize >= stack.len() {
        return Err(value_error("call stack is not deep enough"));
    }
    // Build from the outermost frame inwards so each frame's `f_back` exists when it is made.
    let mut back = Value::None;
    for (i, (is_function, o)) in stack.iter().enumerate().rev() {
        let f = if *is_function {
            match &o.payload {
                Payload::Function(func) => {
                    new_frame(func.code, func.code.firstlineno, Some(func.globals.clone()), false, back)
                }
                _ => continue,
            }
        } else {
            let code = module_code(o);
            new_frame(code, code.firstlineno, Some(module::module_dict(o).clone()), true, back)
        };
        if i == depth as usize {
            return Ok(f);
        }
        back = f;
    }
    Err(value_error("call stack is not deep enough"))
}

/// The module globals whose file is `filename`, found among the imported modules.
fn globals_for_file(filename: &str) -> Option<ObjRef> {
    for (_, m) in dict::items(crate::import::sys_modules()) {
        if let Some(Payload::Module(_)) = m.payload() {
            let d = module::module_dict(m.as_obj().expect("module"));
            if dict::get_str(d, "__file__").is_some_and(|f| f.as_str() == Some(filename)) {
                return Some(d.clone());
            }
        }
    }
    None
}

/// `exc.__traceback__`: a chain of traceback objects, outermost first, from an exception's recorded entries
/// (innermost first), or None when it has none.
pub fn traceback_of(entries: &[TbEntry]) -> Value {
    let mut next = Value::None;
    let mut back = Value::None;
    let mut frames = Vec::with_capacity(entries.len());
    // Frames link outwards (`f_back`), tracebacks inwards (`tb_next`).
    for e in entries.iter().rev() {
        let globals = globals_for_file(e.code.filename);
        let is_module = e.code.body.is_none() && e.code.name == "<module>";
        let f = new_frame(e.code, e.line, globals, is_module, back.clone());
        back = f.clone();
        frames.push((f, e.line));
    }
    for (f, line) in frames.into_iter().rev() {
        let tb = TracebackObj { frame: f, line, next };
        next = Value::Obj(ObjRef::new(&frame_types().traceback, Payload::Native(NativeBox::new(tb))));
    }
    next
}

/// The traceback type (`types.TracebackType`).
pub fn traceback_type() -> &'static ObjRef {
    &frame_types().traceback
}

/// The entries of a traceback chain, innermost first (for `with_traceback` and `__traceback__` stores).
pub fn entries_of(tb: &Value) -> PyResult<Vec<TbEntry>> {
    let mut out = Vec::new();
    let mut cur = tb.clone();
    while !cur.is_none() {
        let Some(t) = cur.payload().and_then(|p| p.native::<TracebackObj>()) else {
            return Err(type_error("__traceback__ must be a traceback or None"));
        };
        let code = t.frame.payload().and_then(|p| p.native::<FrameObj>()).map(|f| f.code);
        if let Some(code) = code {
            out.push(TbEntry { code, line: t.line });
        }
        cur = t.next.clone();
    }
    out.reverse();
    Ok(out)
}

fn this_frame(args: &[Value]) -> PyResult<&FrameObj> {
    args.first()
        .and_then(|v| v.payload())
        .and_then(|p| p.native::<FrameObj>())
        .ok_or_else(|| type_error("descriptor requires a 'frame' object"))
}

fn this_tb(args: &[Value]) -> PyResult<&TracebackObj> {
    args.first()
        .and_then(|v| v.payload())
        .and_then(|p| p.native::<TracebackObj>())
        .ok_or_else(|| type_error("descriptor requires a 'traceback' object"))
}

fn f_code(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(crate::builtins::code::code_object(this_frame(args)?.code))
}

fn f_lineno(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(this_frame(args)?.line as i64))
}

fn f_globals(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(match &this_frame(args)?.globals {
        Some(g) => Value::Obj(g.clone()),
        None => dict::new_dict(),
    })
}

fn f_locals(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let f = this_frame(args)?;
    Ok(match (&f.globals, f.is_module) {
        (Some(g), true) => Value::Obj(g.clone()),
        _ => dict::new_dict(),
    })
}

fn f_builtins(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this_frame(args)?;
    Ok(Value::Obj(crate::modules::builtins::builtins_dict().clone()))
}

fn f_back(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(this_frame(args)?.back.clone())
}

fn f_lasti(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this_frame(args)?;
    Ok(Value::Int(-1))
}

fn f_trace(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this_frame(args)?;
    Ok(Value::None)
}

fn f_trace_lines(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this_frame(args)?;
    Ok(Value::Bool(true))
}

fn frame_clear(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this_frame(args)?;
    Ok(Value::None)
}

fn frame_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let f = this_frame(args)?;
    let addr = args[0].id();
    Ok(Value::from(format!("<frame at {addr:#x}, file '{}', line {}, code {}>", f.code.filename, f.line, f.code.name)))
}

fn tb_frame(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(this_tb(args)?.frame.clone())
}

fn tb_lineno(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int(this_tb(args)?.line as i64))
}

fn tb_next(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(this_tb(args)?.next.clone())
}

/// NOTE: compiled code has no instruction offsets; -1 makes `traceback` fall back to `tb_lineno`.
fn tb_lasti(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this_tb(args)?;
    Ok(Value::Int(-1))
}
