//! `BytesIO`: an in-memory binary stream over a growable byte buffer.
//! NOTE: `getbuffer()` returns a read-only view of a snapshot of the contents; CPython's view is writable
//! and shares the buffer (and blocks resizing while it lives). Writing through the view raises TypeError
//! here rather than silently changing nothing.

use parking_lot::Mutex;

use crate::builtins::type_::{self, Layout};
use crate::builtins::{bytes, list};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::{clinic, meth_noargs, meth_o};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

use super::{bytes_arg, closed_file, fill_buffer, recv, size_arg, state, writable_len};

struct Inner {
    buf: Vec<u8>,
    pos: usize,
    closed: bool,
}

/// The payload of `BytesIO` objects.
pub struct BytesIO {
    st: Mutex<Inner>,
}

fn me<'a>(args: &'a [Value], meth: &str) -> PyResult<(&'a BytesIO, &'a [Value])> {
    recv::<BytesIO>(args, "BytesIO", meth)
}

impl BytesIO {
    fn open(&self) -> PyResult<parking_lot::MutexGuard<'_, Inner>> {
        let g = self.st.lock();
        if g.closed {
            return Err(closed_file());
        }
        Ok(g)
    }

    fn read(&self, n: i64) -> PyResult<Vec<u8>> {
        let mut g = self.open()?;
        let start = g.pos.min(g.buf.len());
        let end = if n < 0 { g.buf.len() } else { (start + n as usize).min(g.buf.len()) };
        let out = g.buf[start..end].to_vec();
        g.pos = end.max(g.pos);
        Ok(out)
    }

    fn readline(&self, limit: i64) -> PyResult<Vec<u8>> {
        let mut g = self.open()?;
        let start = g.pos.min(g.buf.len());
        let max = if limit < 0 { g.buf.len() } else { (start + limit as usize).min(g.buf.len()) };
        let end = match g.buf[start..max].iter().position(|&b| b == b'\n') {
            Some(i) => start + i + 1,
            None => max,
        };
        let out = g.buf[start..end].to_vec();
        g.pos = end.max(g.pos);
        Ok(out)
    }
}

fn bio_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let st = state();
    let cls = type_::new_wrapper_check(&st.bytesio, args)?.clone();
    let obj = Value::Obj(crate::builtins::object::alloc(
        &cls,
        Payload::Native(NativeBox::new(BytesIO { st: Mutex::new(Inner { buf: Vec::new(), pos: 0, closed: false }) })),
    ));
    if cls.ptr_eq(&st.bytesio) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        bio_init(&init, kwargs)?;
    }
    Ok(obj)
}

/// `BytesIO(initial_bytes=b'')`.
fn bio_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "__init__")?;
    let a = clinic("BytesIO", rest, kwargs, &["initial_bytes"], 0, 0, 1)?;
    let data = match &a[0] {
        None | Some(Value::None) => Vec::new(),
        Some(v) => bytes_arg(v)?,
    };
    let mut g = b.st.lock();
    g.buf = data;
    g.pos = 0;
    g.closed = false;
    Ok(Value::None)
}

fn bio_read(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "read")?;
    let a = clinic("read", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    Ok(bytes::new_bytes_vec(b.read(n)?))
}

fn bio_read1(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "read1")?;
    let a = clinic("read1", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    Ok(bytes::new_bytes_vec(b.read(n)?))
}

fn bio_readline(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "readline")?;
    let a = clinic("readline", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    Ok(bytes::new_bytes_vec(b.readline(n)?))
}

fn bio_readlines(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "readlines")?;
    let a = clinic("readlines", rest, kwargs, &["size"], 1, 0, 1)?;
    let hint = size_arg(a[0].as_ref())?;
    let mut out = Vec::new();
    let mut total = 0usize;
    loop {
        let line = b.readline(-1)?;
        if line.is_empty() {
            break;
        }
        total += line.len();
        out.push(bytes::new_bytes_vec(line));
        if hint > 0 && total >= hint as usize {
            break;
        }
    }
    Ok(list::new_list(out))
}

fn bio_next(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "__next__")?;
    meth_noargs("__next__", rest, kwargs)?;
    let line = b.readline(-1)?;
    if line.is_empty() {
        return Err(PyErr::with_args(crate::builtins::exceptions::ExcKind::StopIteration, vec![]));
    }
    Ok(bytes::new_bytes_vec(line))
}

fn bio_readinto(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "readinto")?;
    let buf = meth_o("readinto", rest, kwargs)?;
    let n = writable_len(buf, "readinto")?;
    let data = b.read(n as i64)?;
    fill_buffer(buf, &data)?;
    Ok(Value::Int(data.len() as i64))
}

fn bio_write(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "write")?;
    let v = meth_o("write", rest, kwargs)?;
    let data = {
        drop(b.open()?);
        bytes_arg(v)?
    };
    let mut g = b.open()?;
    let pos = g.pos;
    if pos > g.buf.len() {
        g.buf.resize(pos, 0);
    }
    let end = pos + data.len();
    if end > g.buf.len() {
        g.buf.resize(end, 0);
    }
    g.buf[pos..end].copy_from_slice(&data);
    g.pos = end;
    Ok(Value::Int(data.len() as i64))
}

fn bio_writelines(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "writelines")?;
    let lines = meth_o("writelines", rest, kwargs)?;
    drop(b.open()?);
    let it = ops::iter::iter(lines)?;
    while let Some(line) = ops::iter::next(&it)? {
        bio_write(&[args[0].clone(), line], &[])?;
    }
    Ok(Value::None)
}

fn bio_getvalue(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "getvalue")?;
    meth_noargs("getvalue", rest, kwargs)?;
    Ok(bytes::new_bytes(&b.open()?.buf))
}

fn bio_getbuffer(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "getbuffer")?;
    meth_noargs("getbuffer", rest, kwargs)?;
    let data = bytes::new_bytes(&b.open()?.buf);
    crate::builtins::memoryview::new_view(&data)
}

fn bio_tell(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "tell")?;
    meth_noargs("tell", rest, kwargs)?;
    Ok(Value::Int(b.open()?.pos as i64))
}

fn bio_seek(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "seek")?;
    let a = clinic("seek", rest, kwargs, &["pos", "whence"], 2, 1, 2)?;
    let pos = ops::number::index_i64(a[0].as_ref().expect("required"), "pos")?;
    let whence = match &a[1] {
        None => 0,
        Some(w) => ops::number::index_i64(w, "whence")?,
    };
    let mut g = b.open()?;
    let new = match whence {
        0 if pos < 0 => return Err(value_error(format!("negative seek value {pos}"))),
        0 => pos,
        1 => (g.pos as i64 + pos).max(0),
        2 => (g.buf.len() as i64 + pos).max(0),
        w => return Err(value_error(format!("invalid whence ({w}, should be 0, 1 or 2)"))),
    };
    g.pos = new as usize;
    Ok(Value::Int(new))
}

fn bio_truncate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "truncate")?;
    let a = clinic("truncate", rest, kwargs, &["size"], 1, 0, 1)?;
    let mut g = b.open()?;
    let size = match &a[0] {
        None | Some(Value::None) => g.pos as i64,
        Some(v) => ops::number::index_i64(v, "size")?,
    };
    if size < 0 {
        return Err(value_error(format!("negative size value {size}")));
    }
    if (size as usize) < g.buf.len() {
        g.buf.truncate(size as usize);
    }
    Ok(Value::Int(size))
}

fn bio_close(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "close")?;
    meth_noargs("close", rest, kwargs)?;
    let mut g = b.st.lock();
    g.closed = true;
    g.buf = Vec::new();
    Ok(Value::None)
}

fn if_open(args: &[Value], kwargs: &[(Value, Value)], name: &str, v: Value) -> PyResult<Value> {
    let (b, rest) = me(args, name)?;
    meth_noargs(name, rest, kwargs)?;
    drop(b.open()?);
    Ok(v)
}

fn bio_readable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if_open(args, kwargs, "readable", Value::Bool(true))
}

fn bio_writable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if_open(args, kwargs, "writable", Value::Bool(true))
}

fn bio_seekable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if_open(args, kwargs, "seekable", Value::Bool(true))
}

fn bio_isatty(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if_open(args, kwargs, "isatty", Value::Bool(false))
}

fn bio_flush(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if_open(args, kwargs, "flush", Value::None)
}

fn bio_closed(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, _) = me(args, "closed")?;
    Ok(Value::Bool(b.st.lock().closed))
}

fn bio_getstate(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let _ = args;
    Err(type_error("crabby cannot pickle BytesIO objects yet"))
}

pub(crate) fn make_type(base: &ObjRef) -> ObjRef {
    let ty = super::make_type(
        "BytesIO",
        base,
        Layout::Other,
        &[
            ("__init__", bio_init),
            ("read", bio_read),
            ("read1", bio_read1),
            ("readline", bio_readline),
            ("readlines", bio_readlines),
            ("__next__", bio_next),
            ("readinto", bio_readinto),
            ("write", bio_write),
            ("writelines", bio_writelines),
            ("getvalue", bio_getvalue),
            ("getbuffer", bio_getbuffer),
            ("tell", bio_tell),
            ("seek", bio_seek),
            ("truncate", bio_truncate),
            ("close", bio_close),
            ("readable", bio_readable),
            ("writable", bio_writable),
            ("seekable", bio_seekable),
            ("isatty", bio_isatty),
            ("flush", bio_flush),
            ("__getstate__", bio_getstate),
        ],
    );
    super::set_new(&ty, bio_new);
    super::add_getters(&ty, &[("closed", bio_closed)]);
    ty
}
