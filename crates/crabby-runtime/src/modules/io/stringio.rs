//! `StringIO`: an in-memory text stream. The text is kept as code points so positions (`tell`, `seek`) are
//! character counts, as in CPython. `newline` works as CPython's: `None` translates `\r\n` and `\r` to `\n`
//! on write, `''` keeps everything but splits lines at any of the three, `'\r'`/`'\r\n'` translate `\n` on
//! write and end lines there.

use parking_lot::Mutex;

use crate::builtins::tuple;
use crate::builtins::type_::{self, Layout};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::{clinic, meth_noargs, meth_o};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

use super::{opt_str, recv, size_arg, state};

struct Inner {
    buf: Vec<char>,
    pos: usize,
    closed: bool,
    newline: Option<String>,
    seennl: u8,
}

/// The payload of `StringIO` objects.
pub struct StringIO {
    st: Mutex<Inner>,
}

fn closed_error() -> PyErr {
    value_error("I/O operation on closed file")
}

fn me<'a>(args: &'a [Value], meth: &str) -> PyResult<(&'a StringIO, &'a [Value])> {
    recv::<StringIO>(args, "StringIO", meth)
}

impl StringIO {
    fn open(&self) -> PyResult<parking_lot::MutexGuard<'_, Inner>> {
        let g = self.st.lock();
        if g.closed {
            return Err(closed_error());
        }
        Ok(g)
    }
}

fn write_text(g: &mut Inner, text: &str) {
    if g.newline.as_deref().is_none_or(|n| n.is_empty()) {
        // Universal-newline mode records the kinds of line ending written (the `newlines` attribute).
        let b = text.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'\n' {
                g.seennl |= if i > 0 && b[i - 1] == b'\r' { 4 } else { 1 };
            } else if c == b'\r' && b.get(i + 1) != Some(&b'\n') {
                g.seennl |= 2;
            }
        }
    }
    let translated: String = match g.newline.as_deref() {
        None => text.replace("\r\n", "\n").replace('\r', "\n"),
        Some(n @ ("\r" | "\r\n")) => text.replace('\n', n),
        _ => text.to_string(),
    };
    let chars: Vec<char> = translated.chars().collect();
    if g.pos > g.buf.len() {
        let pad = g.pos - g.buf.len();
        g.buf.extend(std::iter::repeat_n('\0', pad));
    }
    let end = g.pos + chars.len();
    if end > g.buf.len() {
        g.buf.resize(end, '\0');
    }
    g.buf[g.pos..end].copy_from_slice(&chars);
    g.pos = end;
}

fn sio_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let st = state();
    let cls = type_::new_wrapper_check(&st.stringio, args)?.clone();
    let inner = Inner { buf: Vec::new(), pos: 0, closed: false, newline: Some("\n".into()), seennl: 0 };
    let obj = Value::Obj(crate::builtins::object::alloc(
        &cls,
        Payload::Native(NativeBox::new(StringIO { st: Mutex::new(inner) })),
    ));
    if cls.ptr_eq(&st.stringio) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        sio_init(&init, kwargs)?;
    }
    Ok(obj)
}

/// `StringIO(initial_value='', newline='\n')`.
fn sio_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "__init__")?;
    let a = clinic("StringIO", rest, kwargs, &["initial_value", "newline"], 0, 0, 2)?;
    let newline = match &a[1] {
        None => Some("\n".to_string()),
        Some(v) => opt_str(&Some(v.clone()), "StringIO", "newline")?,
    };
    if let Some(n) = &newline {
        if !matches!(n.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(value_error(format!(
                "illegal newline value: {}",
                ops::format::repr(&Value::from(n.as_str()))?
            )));
        }
    }
    let init = match &a[0] {
        None | Some(Value::None) => String::new(),
        Some(v) => match v.as_str() {
            Some(t) => t.to_string(),
            None => return Err(type_error(format!("initial_value must be str or None, not {}", v.type_name()))),
        },
    };
    let mut g = s.st.lock();
    *g = Inner { buf: Vec::new(), pos: 0, closed: false, newline, seennl: 0 };
    write_text(&mut g, &init);
    g.pos = 0;
    Ok(Value::None)
}

fn sio_write(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "write")?;
    let v = meth_o("write", rest, kwargs)?;
    let Some(text) = v.as_str() else {
        return Err(type_error(format!("string argument expected, got '{}'", v.type_name())));
    };
    let mut g = s.open()?;
    let n = text.chars().count();
    if n > 0 {
        write_text(&mut g, text);
    }
    Ok(Value::Int(n as i64))
}

fn sio_read(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "read")?;
    let a = clinic("read", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    let mut g = s.open()?;
    let start = g.pos.min(g.buf.len());
    let end = if n < 0 { g.buf.len() } else { (start + n as usize).min(g.buf.len()) };
    let out: String = g.buf[start..end].iter().collect();
    g.pos = end.max(g.pos);
    Ok(Value::from(out))
}

/// The end of the line starting at `start`.
fn line_end(g: &Inner, start: usize, limit: i64) -> usize {
    let len = g.buf.len();
    let max = if limit < 0 { len } else { (start + limit as usize).min(len) };
    let mut i = start;
    match g.newline.as_deref() {
        Some("") => {
            while i < max {
                let c = g.buf[i];
                i += 1;
                if c == '\n' {
                    break;
                }
                if c == '\r' {
                    if i < max && g.buf[i] == '\n' {
                        i += 1;
                    }
                    break;
                }
            }
            i
        }
        Some("\r") => {
            while i < max {
                i += 1;
                if g.buf[i - 1] == '\r' {
                    break;
                }
            }
            i
        }
        Some("\r\n") => {
            while i < max {
                i += 1;
                if g.buf[i - 1] == '\n' && i >= 2 && g.buf[i - 2] == '\r' && i - 2 >= start {
                    break;
                }
            }
            i
        }
        _ => {
            while i < max {
                i += 1;
                if g.buf[i - 1] == '\n' {
                    break;
                }
            }
            i
        }
    }
}

fn readline(s: &StringIO, limit: i64) -> PyResult<String> {
    let mut g = s.open()?;
    if g.pos >= g.buf.len() {
        return Ok(String::new());
    }
    let start = g.pos;
    let end = line_end(&g, start, limit);
    g.pos = end;
    Ok(g.buf[start..end].iter().collect())
}

fn sio_readline(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "readline")?;
    let a = clinic("readline", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    Ok(Value::from(readline(s, n)?))
}

fn sio_next(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "__next__")?;
    meth_noargs("__next__", rest, kwargs)?;
    // A subclass may define its own readline, which iteration then uses, as CPython's does.
    let line = if type_::type_obj(args[0].ty()).heap {
        super::call_meth(&args[0], "readline", &[])?
    } else {
        Value::from(readline(s, -1)?)
    };
    if ops::len(&line)? == 0 {
        return Err(PyErr::with_args(crate::builtins::exceptions::ExcKind::StopIteration, vec![]));
    }
    Ok(line)
}

fn sio_getvalue(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "getvalue")?;
    meth_noargs("getvalue", rest, kwargs)?;
    let g = s.open()?;
    Ok(Value::from(g.buf.iter().collect::<String>()))
}

fn sio_tell(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "tell")?;
    meth_noargs("tell", rest, kwargs)?;
    Ok(Value::Int(s.open()?.pos as i64))
}

fn sio_seek(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "seek")?;
    let a = clinic("seek", rest, kwargs, &["pos", "whence"], 2, 1, 2)?;
    let pos = ops::number::index_i64(a[0].as_ref().expect("required"), "pos")?;
    let whence = match &a[1] {
        None => 0,
        Some(w) => ops::number::index_i64(w, "whence")?,
    };
    let mut g = s.open()?;
    match whence {
        0 if pos < 0 => Err(value_error(format!("Negative seek position {pos}"))),
        0 => {
            g.pos = pos as usize;
            Ok(Value::Int(pos))
        }
        1 | 2 if pos != 0 => Err(PyErr::new(
            crate::builtins::exceptions::ExcKind::OSError,
            format!("Can't do nonzero {} seeks", if whence == 1 { "cur-relative" } else { "end-relative" }),
        )),
        1 => Ok(Value::Int(g.pos as i64)),
        2 => {
            g.pos = g.buf.len();
            Ok(Value::Int(g.pos as i64))
        }
        w => Err(value_error(format!("Invalid whence ({w}, should be 0, 1 or 2)"))),
    }
}

fn sio_truncate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "truncate")?;
    let a = clinic("truncate", rest, kwargs, &["pos"], 1, 0, 1)?;
    let mut g = s.open()?;
    let size = match &a[0] {
        None | Some(Value::None) => g.pos as i64,
        Some(v) => ops::number::index_i64(v, "pos")?,
    };
    if size < 0 {
        return Err(value_error(format!("Negative size value {size}")));
    }
    if (size as usize) < g.buf.len() {
        g.buf.truncate(size as usize);
    }
    Ok(Value::Int(size))
}

fn sio_close(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, rest) = me(args, "close")?;
    meth_noargs("close", rest, kwargs)?;
    let mut g = s.st.lock();
    g.closed = true;
    g.buf = Vec::new();
    Ok(Value::None)
}

fn true_if_open(args: &[Value], kwargs: &[(Value, Value)], name: &str) -> PyResult<Value> {
    let (s, rest) = me(args, name)?;
    meth_noargs(name, rest, kwargs)?;
    drop(s.open()?);
    Ok(Value::Bool(true))
}

fn sio_readable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    true_if_open(args, kwargs, "readable")
}

fn sio_writable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    true_if_open(args, kwargs, "writable")
}

fn sio_seekable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    true_if_open(args, kwargs, "seekable")
}

fn sio_closed(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = me(args, "closed")?;
    Ok(Value::Bool(s.st.lock().closed))
}

fn sio_line_buffering(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = me(args, "line_buffering")?;
    drop(s.open()?);
    Ok(Value::Bool(false))
}

fn sio_newlines(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (s, _) = me(args, "newlines")?;
    let g = s.open()?;
    if g.newline.as_deref().is_some_and(|n| !n.is_empty()) {
        return Ok(Value::None);
    }
    let names: Vec<Value> = [(2u8, "\r"), (1u8, "\n"), (4u8, "\r\n")]
        .iter()
        .filter(|(bit, _)| g.seennl & bit != 0)
        .map(|(_, s)| Value::from(*s))
        .collect();
    Ok(match names.len() {
        0 => Value::None,
        1 => names[0].clone(),
        _ => tuple::new_tuple(names),
    })
}

pub(crate) fn make_type(base: &ObjRef) -> ObjRef {
    let ty = super::make_type(
        "StringIO",
        base,
        Layout::Other,
        &[
            ("__init__", sio_init),
            ("write", sio_write),
            ("read", sio_read),
            ("readline", sio_readline),
            ("__next__", sio_next),
            ("getvalue", sio_getvalue),
            ("tell", sio_tell),
            ("seek", sio_seek),
            ("truncate", sio_truncate),
            ("close", sio_close),
            ("readable", sio_readable),
            ("writable", sio_writable),
            ("seekable", sio_seekable),
        ],
    );
    super::set_new(&ty, sio_new);
    super::add_getters(
        &ty,
        &[("closed", sio_closed), ("line_buffering", sio_line_buffering), ("newlines", sio_newlines)],
    );
    ty
}
