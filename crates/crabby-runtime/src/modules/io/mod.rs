//! `_io`: CPython's I/O stack, natively. `open()` builds the same layers CPython's does: a raw `FileIO` over a
//! file descriptor, a buffered layer (`BufferedReader`, `BufferedWriter`, `BufferedRandom`) and, in text mode,
//! a `TextIOWrapper` that decodes, encodes and translates newlines. `StringIO` and `BytesIO` are in-memory
//! streams. The abstract bases (`_IOBase`, `_RawIOBase`, `_BufferedIOBase`, `_TextIOBase`) carry the generic
//! methods written in terms of the others (`readline` over `read`/`peek`, iteration over `readline`, `read`
//! over `readinto`), so classes written in Python on top of `io.IOBase` work as in CPython; CPython's `io.py`
//! imports these and registers its ABCs.
//!
//! One file per class family: `iobase.rs` (the abstract bases), `fileio.rs`, `bufferedio.rs`, `textio.rs`
//! (with `IncrementalNewlineDecoder`), `stringio.rs`, `bytesio.rs`; `stdio.rs` makes `sys.stdin`, `sys.stdout`
//! and `sys.stderr` and holds the fast path `print()` uses.
//!
//! Thread safety: each concrete object keeps its state behind its own lock, held only for buffer work and
//! system calls on native layers, never while Python code runs (a Python raw stream's `readinto`, a buffer's
//! `write` written in Python): such calls happen with the lock released.

pub mod bufferedio;
pub mod bytesio;
pub mod fileio;
pub mod iobase;
pub mod stdio;
pub mod stringio;
pub mod textio;

use std::sync::OnceLock;

pub(crate) use crate::builtins::add_getters;
use crate::builtins::exceptions::{self, ExcKind};
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::type_::{self, type_obj, Layout, TypeObj};
use crate::builtins::{add_methods, dict, module, tuple, types};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::clinic;
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

/// CPython's `DEFAULT_BUFFER_SIZE`.
pub const DEFAULT_BUFFER_SIZE: usize = 8192;

/// The module's types and the exception class it defines.
pub struct State {
    pub module: ObjRef,
    pub iobase: ObjRef,
    pub rawiobase: ObjRef,
    pub bufferediobase: ObjRef,
    pub textiobase: ObjRef,
    pub fileio: ObjRef,
    pub bytesio: ObjRef,
    pub stringio: ObjRef,
    pub buffered_reader: ObjRef,
    pub buffered_writer: ObjRef,
    pub buffered_random: ObjRef,
    pub buffered_rwpair: ObjRef,
    pub textiowrapper: ObjRef,
    pub newline_decoder: ObjRef,
    pub unsupported: ObjRef,
}

/// A type of this module deriving from `base`. The abstract bases share `object`'s layout (their Python
/// subclasses are plain instances); concrete classes carry a native payload (`Layout::Other`). Every
/// instance has a `__dict__` and supports weak references, as CPython's I/O objects do.
pub(crate) fn make_type(name: &str, base: &ObjRef, layout: Layout, methods: &[(&'static str, NativeFn)]) -> ObjRef {
    let t = types();
    let mut tobj = TypeObj::new(name, layout, dict::new_dict_obj(), vec![base.clone()]);
    tobj.basetype = true;
    tobj.instance_dict = true;
    tobj.weakref = true;
    let ty = ObjRef::new(&t.type_, Payload::Type(Box::new(tobj))).make_immortal();
    *type_obj(&ty).mro.write() = type_::linear_mro(&ty);
    dict::set_str(&type_obj(&ty).dict, "__module__", Value::from("_io"));
    // `io.py` copies `_io._IOBase.__doc__`; crabby's classes carry no docstrings.
    dict::set_str(&type_obj(&ty).dict, "__doc__", Value::None);
    add_methods(&ty, methods);
    type_obj(base).subclasses.write().push(ty.clone());
    ty
}

/// Adds a `__new__` static method to a type.
pub(crate) fn set_new(ty: &ObjRef, f: NativeFn) {
    let new = new_builtin("__new__", f, Some(ty.clone()));
    dict::set_str(&type_obj(ty).dict, "__new__", crate::builtins::object::static_method(new));
    type_obj(ty).modified();
}

/// The module's state, made once.
pub fn state() -> &'static State {
    static STATE: OnceLock<State> = OnceLock::new();
    STATE.get_or_init(|| {
        let t = types();
        let iobase = make_type("_IOBase", &t.object, Layout::Object, iobase::IOBASE_METHODS);
        iobase::add_iobase_getters(&iobase);
        let rawiobase = make_type("_RawIOBase", &iobase, Layout::Object, iobase::RAW_METHODS);
        let bufferediobase = make_type("_BufferedIOBase", &iobase, Layout::Object, iobase::BUFFERED_METHODS);
        let textiobase = make_type("_TextIOBase", &iobase, Layout::Object, iobase::TEXT_METHODS);
        iobase::add_text_getters(&textiobase);
        let fileio = fileio::make_type(&rawiobase);
        let bytesio = bytesio::make_type(&bufferediobase);
        let stringio = stringio::make_type(&textiobase);
        let [buffered_reader, buffered_writer, buffered_random, buffered_rwpair] =
            bufferedio::make_types(&bufferediobase);
        let textiowrapper = textio::make_type(&textiobase);
        let newline_decoder = textio::make_decoder_type();
        let unsupported = make_unsupported();

        let m = module::new_module("_io").make_immortal();
        let d = module::module_dict(&m);
        for (name, ty) in [
            ("_IOBase", &iobase),
            ("_RawIOBase", &rawiobase),
            ("_BufferedIOBase", &bufferediobase),
            ("_TextIOBase", &textiobase),
            ("FileIO", &fileio),
            ("BytesIO", &bytesio),
            ("StringIO", &stringio),
            ("BufferedReader", &buffered_reader),
            ("BufferedWriter", &buffered_writer),
            ("BufferedRandom", &buffered_random),
            ("BufferedRWPair", &buffered_rwpair),
            ("TextIOWrapper", &textiowrapper),
            ("IncrementalNewlineDecoder", &newline_decoder),
            ("UnsupportedOperation", &unsupported),
        ] {
            dict::set_str(d, name, Value::Obj(ty.clone()));
        }
        dict::set_str(d, "BlockingIOError", Value::Obj(exceptions::exc_type(ExcKind::BlockingIOError).clone()));
        dict::set_str(d, "DEFAULT_BUFFER_SIZE", Value::Int(DEFAULT_BUFFER_SIZE as i64));
        dict::set_str(d, "open", new_builtin("open", io_open, None));
        dict::set_str(d, "open_code", new_builtin("open_code", open_code, None));
        dict::set_str(d, "text_encoding", new_builtin("text_encoding", text_encoding, None));
        State {
            module: m,
            iobase,
            rawiobase,
            bufferediobase,
            textiobase,
            fileio,
            bytesio,
            stringio,
            buffered_reader,
            buffered_writer,
            buffered_random,
            buffered_rwpair,
            textiowrapper,
            newline_decoder,
            unsupported,
        }
    })
}

/// `io.UnsupportedOperation`: a subclass of both `OSError` and `ValueError`, made by calling `type` as
/// CPython's `_io` module does.
fn make_unsupported() -> ObjRef {
    let ns = dict::new_dict_obj();
    dict::set_str(&ns, "__module__", Value::from("io"));
    let bases = tuple::new_tuple(vec![
        Value::Obj(exceptions::exc_type(ExcKind::OSError).clone()),
        Value::Obj(exceptions::exc_type(ExcKind::ValueError).clone()),
    ]);
    let cls = type_::type_call(&types().type_, &[Value::from("UnsupportedOperation"), bases, Value::Obj(ns)], &[])
        .expect("UnsupportedOperation is a valid class");
    cls.as_obj().expect("a class").clone().make_immortal()
}

/// The `_io` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(state().module.clone())
}

// ---------------------------------------------------------------------------------------------------------
// Errors shared by every class.

/// `io.UnsupportedOperation(msg)`.
pub(crate) fn unsupported(msg: &str) -> PyErr {
    let exc = exceptions::new_exception_of(&state().unsupported, vec![Value::from(msg)]);
    PyErr::from_exception(exc)
}

/// `ValueError: I/O operation on closed file.` (the buffered and text layers' message).
pub(crate) fn closed_file() -> PyErr {
    value_error("I/O operation on closed file.")
}

/// The text of `strerror(errno)`, as CPython puts in `OSError.strerror`.
pub(crate) fn strerror(errno: i32) -> String {
    let text = std::io::Error::from_raw_os_error(errno).to_string();
    // Rust appends " (os error N)" to the C library's text.
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The `OSError` subclass CPython picks for an errno (`PyErr_SetFromErrno`'s mapping).
fn os_error_kind(errno: i32) -> ExcKind {
    match errno {
        libc::ENOENT => ExcKind::FileNotFoundError,
        libc::EEXIST => ExcKind::FileExistsError,
        libc::EISDIR => ExcKind::IsADirectoryError,
        libc::ENOTDIR => ExcKind::NotADirectoryError,
        libc::EACCES | libc::EPERM => ExcKind::PermissionError,
        libc::EINTR => ExcKind::InterruptedError,
        libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => ExcKind::BlockingIOError,
        libc::EPIPE | libc::ESHUTDOWN => ExcKind::BrokenPipeError,
        libc::ECHILD => ExcKind::ChildProcessError,
        libc::ESRCH => ExcKind::ProcessLookupError,
        libc::ETIMEDOUT => ExcKind::TimeoutError,
        _ => ExcKind::OSError,
    }
}

/// An `OSError` (of the subclass the errno maps to) with `errno`, `strerror` and, when given, `filename`,
/// built by calling the class so its attributes and `str()` are CPython's.
pub(crate) fn os_error(errno: i32, filename: Option<&Value>) -> PyErr {
    let mut args = vec![Value::Int(errno as i64), Value::from(strerror(errno))];
    if let Some(f) = filename {
        args.push(f.clone());
    }
    let cls = Value::Obj(exceptions::exc_type(os_error_kind(errno)).clone());
    match ops::call::call(&cls, &args, &[]) {
        Ok(exc) => match exc {
            Value::Obj(o) => PyErr::from_exception(o),
            _ => PyErr::with_args(os_error_kind(errno), args),
        },
        Err(e) => e,
    }
}

/// The `OSError` for the calling thread's last system error.
pub(crate) fn last_os_error(filename: Option<&Value>) -> PyErr {
    os_error(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO), filename)
}

/// CPython's `tp_name` of an object's type: `_io.FileIO` for the module's own classes, the bare class name
/// for classes written in Python.
pub(crate) fn tp_name(v: &Value) -> String {
    let ty = v.ty();
    let name = type_::type_name(ty);
    if type_obj(ty).heap {
        name
    } else {
        let module = dict::get_str(&type_obj(ty).dict, "__module__");
        match module.as_ref().and_then(|m| m.as_str()) {
            Some(m) if m != "builtins" => format!("{m}.{name}"),
            _ => name,
        }
    }
}

/// The receiver of a method of a native class `T`, with CPython's descriptor message otherwise.
pub(crate) fn recv<'a, T: 'static>(args: &'a [Value], class: &str, meth: &str) -> PyResult<(&'a T, &'a [Value])> {
    let Some((this, rest)) = args.split_first() else {
        return Err(type_error(format!("descriptor '{meth}' of '_io.{class}' object needs an argument")));
    };
    match this.payload().and_then(|p| p.native::<T>()) {
        Some(x) => Ok((x, rest)),
        None => Err(type_error(format!(
            "descriptor '{meth}' for '_io.{class}' objects doesn't apply to a '{}' object",
            this.type_name()
        ))),
    }
}

/// A `size` argument as `read(size=-1)` takes it: an integer, or `None` for "all".
pub(crate) fn size_arg(v: Option<&Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(-1),
        Some(v) => {
            if ops::number::index(v).is_err() {
                return Err(type_error(format!("argument should be integer or None, not '{}'", v.type_name())));
            }
            ops::number::index_i64(v, "size")
        }
    }
}

/// Calls `obj.name(*args)`.
pub(crate) fn call_meth(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(obj.clone());
    all.extend_from_slice(args);
    ops::call::call_method(&Value::from(name), &all, &[])
}

/// Whether `obj.closed` is true.
pub(crate) fn is_closed(obj: &Value) -> PyResult<bool> {
    ops::truthy(&ops::attr::getattr_str(obj, "closed")?)
}

/// The bytes of a bytes-like argument, or CPython's `TypeError`.
pub(crate) fn bytes_arg(v: &Value) -> PyResult<Vec<u8>> {
    match crate::builtins::bytes::buffer(v)? {
        Some(b) => Ok(b.into_owned()),
        None => Err(type_error(format!("a bytes-like object is required, not '{}'", v.type_name()))),
    }
}

/// Copies `data` into the start of the writable buffer `b` (a `bytearray` or `memoryview`), as `readinto`
/// does.
pub(crate) fn fill_buffer(b: &Value, data: &[u8]) -> PyResult<()> {
    if data.is_empty() {
        return Ok(());
    }
    let key = crate::builtins::slice::new_slice(Value::Int(0), Value::Int(data.len() as i64), Value::None);
    ops::subscript::setitem(b, &key, crate::builtins::bytes::new_bytes(data))
}

/// The length of a writable buffer given to `readinto`, with CPython's message for read-only ones.
pub(crate) fn writable_len(b: &Value, meth: &str) -> PyResult<usize> {
    match b.payload() {
        Some(Payload::ByteArray(_) | Payload::MemoryView(_)) => ops::len(b),
        _ => Err(type_error(format!("{meth}() argument must be read-write bytes-like object, not {}", b.type_name()))),
    }
}

// ---------------------------------------------------------------------------------------------------------
// open()

/// The parsed `mode` argument of `open()`.
struct Mode {
    creating: bool,
    reading: bool,
    writing: bool,
    appending: bool,
    updating: bool,
    text: bool,
    binary: bool,
}

fn parse_mode(mode: &str) -> PyResult<Mode> {
    let mut m = Mode {
        creating: false,
        reading: false,
        writing: false,
        appending: false,
        updating: false,
        text: false,
        binary: false,
    };
    let invalid = || value_error(format!("invalid mode: '{mode}'"));
    for c in mode.chars() {
        let flag = match c {
            'x' => &mut m.creating,
            'r' => &mut m.reading,
            'w' => &mut m.writing,
            'a' => &mut m.appending,
            '+' => &mut m.updating,
            't' => &mut m.text,
            'b' => &mut m.binary,
            _ => return Err(invalid()),
        };
        if *flag {
            return Err(invalid());
        }
        *flag = true;
    }
    if m.text && m.binary {
        return Err(value_error("can't have text and binary mode at once"));
    }
    // No mode letter at all is left to FileIO, whose message CPython shows in that case.
    if m.creating as u8 + m.reading as u8 + m.writing as u8 + m.appending as u8 > 1 {
        return Err(value_error("must have exactly one of create/read/write/append mode"));
    }
    Ok(m)
}

/// An optional `str` argument (`encoding`, `errors`, `newline`).
pub(crate) fn opt_str(v: &Option<Value>, fname: &str, argname: &str) -> PyResult<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match v.as_str() {
            Some(s) => Ok(Some(s.to_string())),
            None => {
                Err(type_error(format!("{fname}() argument '{argname}' must be str or None, not {}", v.type_name())))
            }
        },
    }
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)`.
fn io_open(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic(
        "open",
        args,
        kwargs,
        &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"],
        0,
        1,
        8,
    )?;
    let file = a[0].clone().expect("required");
    let mode = match &a[1] {
        None => "r".to_string(),
        Some(v) => v
            .as_str()
            .ok_or_else(|| type_error(format!("open() argument 'mode' must be str, not {}", v.type_name())))?
            .to_string(),
    };
    let buffering = match &a[2] {
        None => -1,
        Some(v) => {
            if matches!(v, Value::Float(_)) {
                return Err(type_error("'float' object cannot be interpreted as an integer"));
            }
            ops::number::index_i64(v, "buffering")?
        }
    };
    let encoding = opt_str(&a[3], "open", "encoding")?;
    let errors = opt_str(&a[4], "open", "errors")?;
    let newline = opt_str(&a[5], "open", "newline")?;
    let closefd = match &a[6] {
        None => true,
        Some(v) => ops::truthy(v)?,
    };
    let opener = a[7].clone().unwrap_or(Value::None);
    if !matches!(file, Value::Int(_) | Value::Bool(_))
        && file.as_str().is_none()
        && !crate::builtins::bytes::is_buffer(&file)
    {
        let has_fspath = type_::lookup(file.ty(), "__fspath__").is_some();
        if !has_fspath && !crate::builtins::int::is_int(&file) {
            return Err(type_error(format!("expected str, bytes or os.PathLike object, not {}", file.type_name())));
        }
    }
    let m = parse_mode(&mode)?;
    if m.binary && encoding.is_some() {
        return Err(value_error("binary mode doesn't take an encoding argument"));
    }
    if m.binary && errors.is_some() {
        return Err(value_error("binary mode doesn't take an errors argument"));
    }
    if m.binary && newline.is_some() {
        return Err(value_error("binary mode doesn't take a newline argument"));
    }
    if m.binary && buffering == 1 {
        // NOTE: CPython warns here (RuntimeWarning: line buffering isn't supported in binary mode); crabby
        // has no warnings machinery in the runtime, so the warning is not shown.
    }
    let mut rawmode = String::new();
    if m.creating {
        rawmode.push('x');
    }
    if m.reading {
        rawmode.push('r');
    }
    if m.writing {
        rawmode.push('w');
    }
    if m.appending {
        rawmode.push('a');
    }
    if m.updating {
        rawmode.push('+');
    }
    let st = state();
    let raw = fileio::new_fileio(&st.fileio, &file, &rawmode, closefd, &opener)?;
    let result = (|| -> PyResult<Value> {
        let mut buffering = buffering;
        let line_buffering = buffering == 1 || (buffering < 0 && fileio::raw_isatty(&raw)?);
        if buffering == 1 || buffering < 0 {
            buffering = fileio::blksize(&raw) as i64;
        }
        if buffering == 0 {
            if m.binary {
                return Ok(raw.clone());
            }
            return Err(value_error("can't have unbuffered text I/O"));
        }
        let bty = if m.updating {
            &st.buffered_random
        } else if m.creating || m.writing || m.appending {
            &st.buffered_writer
        } else {
            &st.buffered_reader
        };
        let buffer = bufferedio::new_buffered(bty, &raw, buffering as usize)?;
        if m.binary {
            return Ok(buffer);
        }
        let text = textio::new_textio(
            &st.textiowrapper,
            &buffer,
            encoding.as_deref(),
            errors.as_deref(),
            newline.as_ref().map(|s| Some(s.as_str())).unwrap_or(None),
            newline.is_some(),
            line_buffering,
            false,
        )?;
        ops::attr::setattr_str(&text, "mode", Value::from(mode.as_str()))?;
        Ok(text)
    })();
    if result.is_err() {
        let _ = call_meth(&raw, "close", &[]);
    }
    result
}

/// `open_code(path)`: opens `path` for reading as bytes.
fn open_code(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic("open_code", args, kwargs, &["path"], 0, 1, 1)?;
    let path = a[0].clone().expect("required");
    if path.as_str().is_none() {
        return Err(type_error(format!("open_code() argument 'path' must be str, not {}", path.type_name())));
    }
    io_open(&[path, Value::from("rb")], &[])
}

/// `text_encoding(encoding, stacklevel=2)`: the encoding `open()` uses when none is given.
fn text_encoding(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = clinic("text_encoding", args, kwargs, &["encoding", "stacklevel"], 0, 1, 2)?;
    let enc = a[0].clone().expect("required");
    // CPython answers "locale" outside UTF-8 mode; `TextIOWrapper` reads that as the locale's encoding.
    if enc.is_none() {
        return Ok(Value::from("locale"));
    }
    Ok(enc)
}

/// `builtins.open` is `_io.open`.
pub fn open_function() -> Value {
    dict::get_str(module::module_dict(&state().module), "open").expect("_io.open")
}
