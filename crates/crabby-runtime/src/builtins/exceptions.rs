//! `BaseException` and CPython's built-in exception hierarchy.

use std::sync::atomic::{AtomicBool, Ordering};

use parking_lot::{Mutex, RwLock};

use crate::builtins::type_::{self, type_obj};
use crate::builtins::{oserror, tuple, types};
use crate::object::{ObjRef, Payload};
use crate::ops::call::CodeInfo;
use crate::Value;

macro_rules! exc_kinds {
    ($( $kind:ident : $parent:ident ),* $(,)?) => {
        /// The built-in exception types, in an order where every parent precedes its children.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum ExcKind { BaseException, $( $kind ),* }

        /// `(kind, name, parent)` for every built-in exception type but `BaseException`.
        pub const EXC_TABLE: &[(ExcKind, &str, ExcKind)] = &[ $( (ExcKind::$kind, stringify!($kind), ExcKind::$parent) ),* ];
    };
}

exc_kinds! {
    BaseExceptionGroup: BaseException,
    GeneratorExit: BaseException,
    KeyboardInterrupt: BaseException,
    SystemExit: BaseException,
    Exception: BaseException,
    ArithmeticError: Exception,
    FloatingPointError: ArithmeticError,
    OverflowError: ArithmeticError,
    ZeroDivisionError: ArithmeticError,
    AssertionError: Exception,
    AttributeError: Exception,
    BufferError: Exception,
    EOFError: Exception,
    ExceptionGroup: Exception,
    ImportError: Exception,
    ModuleNotFoundError: ImportError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    MemoryError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    OSError: Exception,
    BlockingIOError: OSError,
    ChildProcessError: OSError,
    ConnectionError: OSError,
    BrokenPipeError: ConnectionError,
    ConnectionAbortedError: ConnectionError,
    ConnectionRefusedError: ConnectionError,
    ConnectionResetError: ConnectionError,
    FileExistsError: OSError,
    FileNotFoundError: OSError,
    InterruptedError: OSError,
    IsADirectoryError: OSError,
    NotADirectoryError: OSError,
    PermissionError: OSError,
    ProcessLookupError: OSError,
    TimeoutError: OSError,
    ReferenceError: Exception,
    RuntimeError: Exception,
    NotImplementedError: RuntimeError,
    RecursionError: RuntimeError,
    StopAsyncIteration: Exception,
    StopIteration: Exception,
    SyntaxError: Exception,
    IndentationError: SyntaxError,
    TabError: IndentationError,
    SystemError: Exception,
    TypeError: Exception,
    ValueError: Exception,
    UnicodeError: ValueError,
    UnicodeDecodeError: UnicodeError,
    UnicodeEncodeError: UnicodeError,
    UnicodeTranslateError: UnicodeError,
    Warning: Exception,
    BytesWarning: Warning,
    DeprecationWarning: Warning,
    EncodingWarning: Warning,
    FutureWarning: Warning,
    ImportWarning: Warning,
    PendingDeprecationWarning: Warning,
    ResourceWarning: Warning,
    RuntimeWarning: Warning,
    SyntaxWarning: Warning,
    UnicodeWarning: Warning,
    UserWarning: Warning,
}

/// One line of a traceback: a frame's code and the line it was running.
#[derive(Clone, Copy, Debug)]
pub struct TbEntry {
    pub code: &'static CodeInfo,
    pub line: u32,
}

/// The payload of exception instances.
pub struct ExceptionObj {
    pub args: RwLock<Value>,
    /// Innermost frame first (the order errors are stamped in); printed in reverse.
    pub traceback: Mutex<Vec<TbEntry>>,
    pub cause: RwLock<Value>,
    pub context: RwLock<Value>,
    pub suppress_context: AtomicBool,
    /// For a NameError raised by a failed global-name load: the globals searched, where the traceback looks
    /// for its "Did you mean" suggestion (CPython reads the raising frame's `f_globals`, which compiled code
    /// does not keep).
    pub globals: std::sync::OnceLock<ObjRef>,
    /// An exception group's message and sub-exceptions (`builtins/exception_group.rs`), set by its `__new__`.
    pub group: std::sync::OnceLock<Box<crate::builtins::exception_group::GroupParts>>,
}

impl ExceptionObj {
    pub fn new(args: Value) -> ExceptionObj {
        ExceptionObj {
            args: RwLock::new(args),
            traceback: Mutex::new(Vec::new()),
            cause: RwLock::new(Value::None),
            context: RwLock::new(Value::None),
            suppress_context: AtomicBool::new(false),
            globals: std::sync::OnceLock::new(),
            group: std::sync::OnceLock::new(),
        }
    }
}

/// The type object of a built-in exception kind.
pub fn exc_type(kind: ExcKind) -> &'static ObjRef {
    &types().exceptions[kind as usize]
}

/// The exception payload of an exception instance. Panics only on a runtime bug.
pub fn exc_obj(exc: &ObjRef) -> &ExceptionObj {
    match &exc.payload {
        Payload::Exception(e) => e,
        _ => unreachable!("not an exception instance"),
    }
}

/// A new instance of a built-in exception type.
pub fn new_exception(kind: ExcKind, args: Vec<Value>) -> ObjRef {
    new_exception_of(exc_type(kind), args)
}

/// A new instance of any exception type (built-in or user subclass) without running `__init__`.
/// `OSError` (and its subclasses) parse their arguments into attributes here, and `OSError` itself becomes
/// the subclass its error number names.
pub fn new_exception_of(ty: &ObjRef, args: Vec<Value>) -> ObjRef {
    if oserror::is_os_error_type(ty) {
        let ty = oserror::constructor_class(ty, &args);
        let dict = type_obj(&ty).slot_storage.then(crate::builtins::dict::new_dict_obj);
        let exc =
            ObjRef::with_dict(&ty, Payload::Exception(Box::new(ExceptionObj::new(tuple::new_tuple_from(&args)))), dict);
        oserror::init_attrs(&exc, &args);
        return exc;
    }
    // The `__dict__` is made on first use (see `lazy_dict`): most exceptions never have attributes set.
    let dict = type_obj(ty).slot_storage.then(crate::builtins::dict::new_dict_obj);
    ObjRef::with_dict(ty, Payload::Exception(Box::new(ExceptionObj::new(tuple::new_tuple(args)))), dict)
}

/// The `__dict__` of an exception that has not made one yet, made now if its class gives instances one
/// (`Object::dict` calls this). Raising and catching a built-in exception whose attributes nobody sets then
/// allocates no dict; a dict made later is empty, which is what the eager one would still hold. (Classes
/// whose instances keep `__slots__` storage in the dict get it at creation, so it is never made here.)
#[cold]
pub fn lazy_dict(o: &crate::object::Object) -> Option<&ObjRef> {
    let t = type_obj(o.ty());
    if !t.instance_dict || t.slot_storage {
        return None;
    }
    Some(o.set_dict_if_absent(crate::builtins::dict::new_dict_obj()))
}

pub fn is_exception_type(ty: &ObjRef) -> bool {
    type_::is_subtype(ty, exc_type(ExcKind::BaseException))
}

pub fn is_exception_instance(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Exception(_)))
}

pub fn push_traceback(exc: &ObjRef, entry: TbEntry) {
    if let Payload::Exception(e) = &exc.payload {
        e.traceback.lock().push(entry);
    }
}

pub fn set_context_if_unset(exc: &ObjRef, context: ObjRef) {
    if let Payload::Exception(e) = &exc.payload {
        let mut c = e.context.write();
        if c.is_none() {
            // Break a cycle as CPython does: the new context must not already lead back to `exc`.
            let mut cur = Some(context.clone());
            let mut depth = 0;
            while let Some(o) = cur {
                if o.ptr_eq(exc) || depth > 1000 {
                    return;
                }
                depth += 1;
                cur = match &o.payload {
                    Payload::Exception(x) => x.context.read().as_obj().cloned(),
                    _ => None,
                };
            }
            *c = Value::Obj(context);
        }
    }
}

pub fn args_of(exc: &ObjRef) -> Value {
    exc_obj(exc).args.read().clone()
}

/// `raise X from Y`: sets `__cause__` (and `__suppress_context__`).
pub fn set_cause(exc: &ObjRef, cause: Value) {
    let e = exc_obj(exc);
    *e.cause.write() = cause;
    // Relaxed: the flag is read by the thread printing the traceback after the raise completed.
    e.suppress_context.store(true, Ordering::Relaxed);
}
fn exc_init(args: &[Value], kwargs: &[(Value, Value)]) -> crate::error::PyResult<Value> {
    let Some(this) = args.first() else {
        if !kwargs.is_empty() {
            return Err(crate::error::type_error("BaseException() takes no keyword arguments"));
        }
        return Ok(Value::None);
    };
    if let Some(Payload::Exception(e)) = this.payload() {
        *e.args.write() = tuple::new_tuple(args[1..].to_vec());
    }
    if let Value::Obj(o) = this {
        init_keywords(o, &args[1..], kwargs)?;
    } else if !kwargs.is_empty() {
        return Err(crate::error::type_error(format!("{}() takes no keyword arguments", this.type_name())));
    }
    Ok(Value::None)
}

/// The keyword arguments CPython's exception initialisers accept: `name`, `path` and `name_from` for
/// ImportError (which also sets `msg` from a single argument), `name` for NameError, `name` and `obj` for
/// AttributeError; every other exception takes none. The values become attributes.
pub fn init_keywords(exc: &ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> crate::error::PyResult<()> {
    let ty = exc.ty();
    let (base, allowed): (&str, &[&str]) = if type_::is_subtype(ty, exc_type(ExcKind::ImportError)) {
        ("ImportError", &["name", "path", "name_from"])
    } else if type_::is_subtype(ty, exc_type(ExcKind::NameError)) {
        ("NameError", &["name"])
    } else if type_::is_subtype(ty, exc_type(ExcKind::AttributeError)) {
        ("AttributeError", &["name", "obj"])
    } else {
        if !kwargs.is_empty() {
            return Err(crate::error::type_error(format!("{}() takes no keyword arguments", type_::type_name(ty))));
        }
        return Ok(());
    };
    for (k, _) in kwargs {
        let k = k.as_str().unwrap_or("");
        if !allowed.contains(&k) {
            return Err(crate::error::type_error(format!("'{k}' is an invalid keyword argument for {base}()")));
        }
    }
    let Some(d) = exc.dict() else { return Ok(()) };
    if base == "ImportError" {
        for name in ["name", "path", "name_from"] {
            if crate::builtins::dict::get_str(d, name).is_none() {
                crate::builtins::dict::set_str(d, name, Value::None);
            }
        }
        let msg = if args.len() == 1 { args[0].clone() } else { Value::None };
        crate::builtins::dict::set_str(d, "msg", msg);
    }
    for (k, v) in kwargs {
        crate::builtins::dict::set_str(d, k.as_str().unwrap_or(""), v.clone());
    }
    Ok(())
}

/// The `str()` of a Unicode error (`'utf-8' codec can't decode byte ...`) of type `ty` with arguments
/// `args`; `None` for other exceptions, or when the arguments do not have the codec's shape.
pub fn unicode_error_text(ty: &ObjRef, args: &[Value]) -> Option<String> {
    for kind in [ExcKind::UnicodeEncodeError, ExcKind::UnicodeDecodeError, ExcKind::UnicodeTranslateError] {
        if type_::is_subtype(ty, exc_type(kind)) {
            return crate::builtins::str_codec::unicode_error_str(kind, args);
        }
    }
    None
}

fn exc_str(args: &[Value], _kwargs: &[(Value, Value)]) -> crate::error::PyResult<Value> {
    let this = args.first().cloned().unwrap_or_default();
    let Some(Payload::Exception(e)) = this.payload() else {
        return Err(crate::error::type_error("descriptor '__str__' requires a 'BaseException' object"));
    };
    let a = e.args.read().clone();
    if type_::is_subtype(this.ty(), exc_type(ExcKind::SyntaxError)) {
        if let Some(text) = syntax_error_str(&this)? {
            return Ok(Value::from(text));
        }
    }
    if let Some(text) = unicode_error_text(this.ty(), a.as_tuple().unwrap_or(&[])) {
        return Ok(Value::from(text));
    }
    Ok(Value::from(match a.as_tuple() {
        Some([]) | None => String::new(),
        Some([one]) => crate::ops::format::str_of(one)?,
        Some(_) => crate::ops::format::repr(&a)?,
    }))
}

/// `str()` of a SyntaxError with a location: `msg (file.py, line N)`, the file's base name, as CPython's
/// `SyntaxError_str`.
pub fn syntax_error_str(this: &Value) -> crate::error::PyResult<Option<String>> {
    let get = |n: &str| crate::ops::attr::getattr_opt(this, n).ok().flatten().filter(|v| !v.is_none());
    let Some(msg) = get("msg") else { return Ok(None) };
    let msg = crate::ops::format::str_of(&msg)?;
    let file = get("filename").and_then(|f| f.as_str().map(|s| s.rsplit('/').next().unwrap_or(s).to_string()));
    let line = match get("lineno") {
        Some(Value::Int(i)) => Some(i),
        _ => None,
    };
    Ok(Some(match (file, line) {
        (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
        (None, None) => msg,
    }))
}

fn exc_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> crate::error::PyResult<Value> {
    let this = args.first().cloned().unwrap_or_default();
    let name = type_::type_name(this.ty());
    let Some(Payload::Exception(e)) = this.payload() else {
        return Err(crate::error::type_error("descriptor '__repr__' requires a 'BaseException' object"));
    };
    let a = e.args.read().clone();
    let items = a.as_tuple().unwrap_or(&[]);
    let inner: Vec<String> = items.iter().map(crate::ops::format::repr).collect::<Result<_, _>>()?;
    Ok(Value::from(format!("{name}({})", inner.join(", "))))
}

fn exc_with_traceback(args: &[Value], _kwargs: &[(Value, Value)]) -> crate::error::PyResult<Value> {
    let (Some(this), Some(tb)) = (args.first(), args.get(1)) else {
        return Err(crate::error::type_error("with_traceback() takes exactly one argument"));
    };
    if let Some(o) = this.as_obj() {
        let entries = crate::builtins::frame::entries_of(tb)?;
        *exc_obj(o).traceback.lock() = entries;
    }
    Ok(this.clone())
}

fn exc_add_note(args: &[Value], _kwargs: &[(Value, Value)]) -> crate::error::PyResult<Value> {
    let (Some(this), Some(note)) = (args.first(), args.get(1)) else {
        return Err(crate::error::type_error("add_note() takes exactly one argument"));
    };
    if note.as_str().is_none() {
        return Err(crate::error::type_error(format!("note must be a str, not '{}'", note.type_name())));
    }
    let notes = match crate::ops::attr::getattr_opt(this, "__notes__")? {
        Some(n) => n,
        None => {
            let l = crate::builtins::list::new_list(Vec::new());
            crate::ops::attr::setattr_str(this, "__notes__", l.clone())?;
            l
        }
    };
    crate::builtins::list::append(&notes, note.clone());
    Ok(Value::None)
}

pub fn register() {
    crate::builtins::add_methods(
        &types().exceptions[0],
        &[
            ("__init__", exc_init),
            ("__str__", exc_str),
            ("__repr__", exc_repr),
            ("with_traceback", exc_with_traceback),
            ("add_note", exc_add_note),
        ],
    );
    oserror::register();
    crate::builtins::exception_group::register();
}
