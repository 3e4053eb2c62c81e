//! The abstract bases of the I/O stack: `_IOBase`, `_RawIOBase`, `_BufferedIOBase` and `_TextIOBase`, with the
//! generic methods CPython writes in terms of the others. Everything here dispatches through Python method
//! calls on `self` (`self.read(1)`, `self.readinto(b)`, `self.flush()`), so a class written in Python that
//! defines only `readinto` or `read` gets `readline`, iteration, `readlines` and the context-manager protocol.
//! An object's closed state is the `__IOBase_closed` attribute, as in CPython.

use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::NativeFn;
use crate::builtins::{bytearray, bytes, list};
use crate::error::{type_error, PyErr, PyResult};
use crate::modules::r#struct::clinic;
use crate::ops;
use crate::Value;

use super::{call_meth, closed_file, fill_buffer, is_closed, size_arg, unsupported, DEFAULT_BUFFER_SIZE};

const CLOSED_ATTR: &str = "__IOBase_closed";

fn this<'a>(args: &'a [Value], meth: &str) -> PyResult<(&'a Value, &'a [Value])> {
    args.split_first()
        .ok_or_else(|| type_error(format!("descriptor '{meth}' of '_io._IOBase' object needs an argument")))
}

/// Raises `ValueError: I/O operation on closed file.` when `obj.closed` is true.
pub(crate) fn check_closed(obj: &Value) -> PyResult<()> {
    if is_closed(obj)? {
        return Err(closed_file());
    }
    Ok(())
}

fn iobase_closed(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "closed")?;
    Ok(Value::Bool(ops::attr::getattr_opt(s, CLOSED_ATTR)?.is_some_and(|v| ops::truthy(&v).unwrap_or(true))))
}

fn iobase_seek(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(args, "seek")?;
    Err(unsupported("seek"))
}

fn iobase_truncate(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(args, "truncate")?;
    Err(unsupported("truncate"))
}

fn iobase_fileno(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(args, "fileno")?;
    Err(unsupported("fileno"))
}

fn iobase_tell(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = this(args, "tell")?;
    crate::modules::r#struct::meth_noargs("tell", rest, kwargs)?;
    call_meth(s, "seek", &[Value::Int(0), Value::Int(1)])
}

fn iobase_flush(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "flush")?;
    check_closed(s)?;
    Ok(Value::None)
}

/// `close()`: flushes, then marks the object closed even when the flush failed.
fn iobase_close(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "close")?;
    if is_closed(s)? {
        return Ok(Value::None);
    }
    let r = call_meth(s, "flush", &[]);
    ops::attr::setattr_str(s, CLOSED_ATTR, Value::Bool(true))?;
    r.map(|_| Value::None)
}

fn false_fn(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(args, "readable")?;
    Ok(Value::Bool(false))
}

fn iobase_isatty(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "isatty")?;
    check_closed(s)?;
    Ok(Value::Bool(false))
}

fn check_closed_m(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "_checkClosed")?;
    check_closed(s)?;
    Ok(Value::None)
}

fn check_ability(s: &Value, meth: &str, what: &str) -> PyResult<Value> {
    let r = call_meth(s, meth, &[])?;
    if !ops::truthy(&r)? {
        return Err(unsupported(&format!("File or stream is not {what}.")));
    }
    Ok(r)
}

fn check_readable(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "_checkReadable")?;
    check_ability(s, "readable", "readable")
}

fn check_writable(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "_checkWritable")?;
    check_ability(s, "writable", "writable")
}

fn check_seekable(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "_checkSeekable")?;
    check_ability(s, "seekable", "seekable")
}

fn iobase_enter(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "__enter__")?;
    check_closed(s)?;
    Ok(s.clone())
}

fn iobase_exit(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "__exit__")?;
    call_meth(s, "close", &[])
}

fn iobase_iter(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "__iter__")?;
    check_closed(s)?;
    Ok(s.clone())
}

fn iobase_next(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "__next__")?;
    let line = call_meth(s, "readline", &[])?;
    if ops::len(&line)? == 0 {
        return Err(PyErr::with_args(ExcKind::StopIteration, vec![]));
    }
    Ok(line)
}

/// `readline(size=-1)`: bytes up to and including the next `\n`, read through `peek` when the object has one
/// (one `read` per run of peeked bytes) and one byte at a time otherwise.
fn iobase_readline(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = this(args, "readline")?;
    let a = clinic("readline", rest, kwargs, &["size"], 1, 0, 1)?;
    let limit = size_arg(a[0].as_ref())?;
    let peek = ops::attr::getattr_opt(s, "peek")?;
    let mut out: Vec<u8> = Vec::new();
    while limit < 0 || (out.len() as i64) < limit {
        let mut n = 1usize;
        if let Some(peek) = &peek {
            let ahead = ops::call::call(peek, &[Value::Int(1)], &[])?;
            let Some(ahead) = bytes::buffer(&ahead)? else {
                return Err(PyErr::new(
                    ExcKind::OSError,
                    format!("peek() should have returned a bytes object, not '{}'", ahead.type_name()),
                ));
            };
            if !ahead.is_empty() {
                n = match ahead.iter().position(|&b| b == b'\n') {
                    Some(i) => i + 1,
                    None => ahead.len(),
                };
                if limit >= 0 {
                    n = n.min((limit as usize) - out.len());
                }
            }
        }
        let b = call_meth(s, "read", &[Value::Int(n as i64)])?;
        let Some(data) = bytes::buffer(&b)? else {
            return Err(PyErr::new(
                ExcKind::OSError,
                format!("read() should have returned a bytes object, not '{}'", b.type_name()),
            ));
        };
        if data.is_empty() {
            break;
        }
        out.extend_from_slice(&data);
        if out.ends_with(b"\n") {
            break;
        }
    }
    Ok(bytes::new_bytes_vec(out))
}

/// `readlines(hint=-1)`: lines until their total length reaches `hint`.
fn iobase_readlines(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = this(args, "readlines")?;
    let a = clinic("readlines", rest, kwargs, &["hint"], 1, 0, 1)?;
    let hint = size_arg(a[0].as_ref())?;
    let mut lines = Vec::new();
    let it = ops::iter::iter(s)?;
    let mut total = 0usize;
    while let Some(line) = ops::iter::next(&it)? {
        total += ops::len(&line)?;
        lines.push(line);
        if hint > 0 && total >= hint as usize {
            break;
        }
    }
    Ok(list::new_list(lines))
}

fn iobase_writelines(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = this(args, "writelines")?;
    let lines = crate::modules::r#struct::meth_o("writelines", rest, kwargs)?;
    check_closed(s)?;
    let it = ops::iter::iter(lines)?;
    while let Some(line) = ops::iter::next(&it)? {
        call_meth(s, "write", &[line])?;
    }
    Ok(Value::None)
}

pub(crate) const IOBASE_METHODS: &[(&str, NativeFn)] = &[
    ("seek", iobase_seek),
    ("tell", iobase_tell),
    ("truncate", iobase_truncate),
    ("flush", iobase_flush),
    ("close", iobase_close),
    ("seekable", false_fn),
    ("readable", false_fn),
    ("writable", false_fn),
    ("_checkClosed", check_closed_m),
    ("_checkSeekable", check_seekable),
    ("_checkReadable", check_readable),
    ("_checkWritable", check_writable),
    ("fileno", iobase_fileno),
    ("isatty", iobase_isatty),
    ("__enter__", iobase_enter),
    ("__exit__", iobase_exit),
    ("readline", iobase_readline),
    ("readlines", iobase_readlines),
    ("writelines", iobase_writelines),
    ("__iter__", iobase_iter),
    ("__next__", iobase_next),
];

pub(crate) fn add_iobase_getters(ty: &crate::object::ObjRef) {
    super::add_getters(ty, &[("closed", iobase_closed)]);
}

// ---------------------------------------------------------------------------------------------------------
// _RawIOBase

/// `read(size=-1)`: `readall()` for a negative size, else one `readinto` of a fresh buffer.
fn raw_read(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = this(args, "read")?;
    let a = clinic("read", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    if n < 0 {
        return call_meth(s, "readall", &[]);
    }
    let b = bytearray::new_bytearray(vec![0; n as usize]);
    let got = call_meth(s, "readinto", std::slice::from_ref(&b))?;
    if got.is_none() {
        return Ok(Value::None);
    }
    let got = ops::number::index_i64(&got, "readinto")?;
    if got < 0 || got > n {
        return Err(crate::error::value_error(format!("readinto returned {got} outside buffer size {n}")));
    }
    let data = bytes::buffer(&b)?.map(|d| d[..got as usize].to_vec()).unwrap_or_default();
    Ok(bytes::new_bytes_vec(data))
}

/// `readall()`: `read(DEFAULT_BUFFER_SIZE)` until end of file.
fn raw_readall(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = this(args, "readall")?;
    let mut out: Vec<u8> = Vec::new();
    loop {
        let chunk = call_meth(s, "read", &[Value::Int(DEFAULT_BUFFER_SIZE as i64)])?;
        if chunk.is_none() {
            if out.is_empty() {
                return Ok(Value::None);
            }
            break;
        }
        let Some(data) = bytes::buffer(&chunk)? else {
            return Err(type_error("read() should return bytes"));
        };
        if data.is_empty() {
            break;
        }
        out.extend_from_slice(&data);
    }
    Ok(bytes::new_bytes_vec(out))
}

fn not_implemented(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(args, "readinto")?;
    Err(PyErr::with_args(ExcKind::NotImplementedError, vec![]))
}

pub(crate) const RAW_METHODS: &[(&str, NativeFn)] =
    &[("read", raw_read), ("readall", raw_readall), ("readinto", not_implemented), ("write", not_implemented)];

// ---------------------------------------------------------------------------------------------------------
// _BufferedIOBase

fn unsupported_fn(name: &'static str) -> impl Fn(&[Value]) -> PyResult<Value> {
    move |args| {
        this(args, name)?;
        Err(unsupported(name))
    }
}

fn buf_read(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unsupported_fn("read")(args)
}

fn buf_read1(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unsupported_fn("read1")(args)
}

fn buf_write(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unsupported_fn("write")(args)
}

fn detach(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unsupported_fn("detach")(args)
}

/// `readinto(b)` over `read(len(b))` (or `read1` for `readinto1`).
fn readinto_via(args: &[Value], kwargs: &[(Value, Value)], meth: &str, read: &str) -> PyResult<Value> {
    let (s, rest) = this(args, meth)?;
    let b = crate::modules::r#struct::meth_o(meth, rest, kwargs)?;
    let n = super::writable_len(b, meth)?;
    let data = call_meth(s, read, &[Value::Int(n as i64)])?;
    let Some(data) = bytes::buffer(&data)? else {
        return Err(type_error("read() should return bytes"));
    };
    if data.len() > n {
        return Err(crate::error::value_error(format!(
            "read() returned too much data: {n} bytes requested, {} returned",
            data.len()
        )));
    }
    fill_buffer(b, &data)?;
    Ok(Value::Int(data.len() as i64))
}

fn buf_readinto(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    readinto_via(args, kwargs, "readinto", "read")
}

fn buf_readinto1(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    readinto_via(args, kwargs, "readinto1", "read1")
}

pub(crate) const BUFFERED_METHODS: &[(&str, NativeFn)] = &[
    ("read", buf_read),
    ("read1", buf_read1),
    ("readinto", buf_readinto),
    ("readinto1", buf_readinto1),
    ("write", buf_write),
    ("detach", detach),
];

// ---------------------------------------------------------------------------------------------------------
// _TextIOBase

fn text_read(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unsupported_fn("read")(args)
}

fn text_readline(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unsupported_fn("readline")(args)
}

fn text_write(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unsupported_fn("write")(args)
}

fn none_getter(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    this(args, "encoding")?;
    Ok(Value::None)
}

pub(crate) const TEXT_METHODS: &[(&str, NativeFn)] =
    &[("read", text_read), ("readline", text_readline), ("write", text_write), ("detach", detach)];

pub(crate) fn add_text_getters(ty: &crate::object::ObjRef) {
    super::add_getters(ty, &[("encoding", none_getter), ("newlines", none_getter), ("errors", none_getter)]);
}
