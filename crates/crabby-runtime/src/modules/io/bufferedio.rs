//! The buffered layer: `BufferedReader`, `BufferedWriter` and `BufferedRandom` (one Rust type, `Buffered`, with
//! what the class may do), and `BufferedRWPair` over a reader and a writer.
//!
//! A `Buffered` keeps a read-ahead buffer and a pending-write buffer behind its lock. When its raw stream is
//! exactly a `FileIO`, the raw calls are native system calls made with the lock held, so one `write()` (a whole
//! `print()` line) reaches the file in one piece even when threads race. When the raw stream is written in
//! Python, the lock is released around each raw call (`MutexGuard::unlocked`) and re-taken afterwards, so no
//! Python code ever runs under it.
//! NOTE: CPython instead holds its buffered lock across raw calls and raises `RuntimeError: reentrant call`
//! when the raw stream calls back into the same object; crabby's Python-raw path never blocks re-entry.

use std::sync::{Arc, Weak};

use parking_lot::{Mutex, MutexGuard};

use crate::builtins::type_::{self, Layout};
use crate::builtins::{bytearray, bytes, list};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::modules::r#struct::{clinic, meth_noargs, meth_o};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

use super::fileio::fileio_of;
use super::{bytes_arg, call_meth, fill_buffer, recv, size_arg, state, tp_name, writable_len, DEFAULT_BUFFER_SIZE};

/// The mutable state of a buffered object.
pub struct BufState {
    /// `None` before `__init__` and after `detach()`.
    raw: Option<Value>,
    /// Read-ahead: `rbuf[rpos..]` is still to be returned.
    rbuf: Vec<u8>,
    rpos: usize,
    /// Written but not yet passed to the raw stream.
    wbuf: Vec<u8>,
    size: usize,
}

/// The payload of `BufferedReader`, `BufferedWriter` and `BufferedRandom` objects.
pub struct Buffered {
    pub readable: bool,
    pub writable: bool,
    /// Shared with the registry of writers flushed at exit (`flush_all_writers`).
    pub st: Arc<Mutex<BufState>>,
}

/// Every buffered object that can write, so that data still buffered when the program ends reaches its
/// file, as CPython's finalisation (which frees every object) does.
fn writers() -> &'static Mutex<Vec<Weak<Mutex<BufState>>>> {
    static W: std::sync::OnceLock<Mutex<Vec<Weak<Mutex<BufState>>>>> = std::sync::OnceLock::new();
    W.get_or_init(|| Mutex::new(Vec::new()))
}

fn register_writer(st: &Arc<Mutex<BufState>>) {
    let mut w = writers().lock();
    // Forget freed writers now and then, so the list stays as long as the set of live ones.
    if w.len() >= 64 && w.len().is_power_of_two() {
        w.retain(|x| x.strong_count() > 0);
    }
    w.push(Arc::downgrade(st));
}

/// Writes out what every live writer over a native `FileIO` still buffers (at exit).
/// NOTE: writers over a raw stream written in Python are not flushed at exit: that would run Python code
/// after the main module finished; CPython runs it while finalising.
pub fn flush_all_writers() {
    let all: Vec<Arc<Mutex<BufState>>> = writers().lock().iter().filter_map(|w| w.upgrade()).collect();
    for st in all {
        write_out_natively(&mut st.lock());
    }
}

/// Writes the pending-write buffer to a native `FileIO` raw stream, dropping it on error.
fn write_out_natively(st: &mut BufState) {
    if let Some(raw) = &st.raw {
        if let Some(f) = fileio_of(raw) {
            let mut data: &[u8] = &st.wbuf;
            while !data.is_empty() {
                match f.write_some(data) {
                    Ok(Some(n)) if n > 0 => data = &data[n..],
                    _ => break,
                }
            }
            st.wbuf.clear();
        }
    }
}

type Guard<'a> = MutexGuard<'a, BufState>;

impl Drop for Buffered {
    /// Pending writes to a native `FileIO` are written when the object is freed, as CPython's finaliser
    /// does by closing it (which flushes). A raw stream written in Python cannot be called from here.
    fn drop(&mut self) {
        write_out_natively(&mut self.st.lock());
    }
}

fn detached() -> PyErr {
    value_error("raw stream has been detached")
}

fn raw_of(g: &Guard) -> PyResult<Value> {
    g.raw.clone().ok_or_else(detached)
}

/// One raw read of up to `n` bytes: `None` when a non-blocking stream has nothing.
fn raw_read(g: &mut Guard, raw: &Value, n: usize) -> PyResult<Option<Vec<u8>>> {
    if let Some(f) = fileio_of(raw) {
        return f.read_n(n);
    }
    MutexGuard::unlocked(g, || {
        let b = bytearray::new_bytearray(vec![0; n]);
        let got = call_meth(raw, "readinto", std::slice::from_ref(&b))?;
        if got.is_none() {
            return Ok(None);
        }
        let got = ops::number::index_i64(&got, "readinto")?;
        if got < 0 || got as usize > n {
            return Err(PyErr::new(
                crate::builtins::exceptions::ExcKind::OSError,
                format!("raw readinto() returned invalid length {got} (should have been between 0 and {n})"),
            ));
        }
        let data = bytes::buffer(&b)?.map(|d| d[..got as usize].to_vec()).unwrap_or_default();
        Ok(Some(data))
    })
}

/// One raw write: the count written, `None` when a non-blocking stream would block.
fn raw_write(g: &mut Guard, raw: &Value, data: &[u8]) -> PyResult<Option<usize>> {
    if let Some(f) = fileio_of(raw) {
        return f.write_some(data);
    }
    MutexGuard::unlocked(g, || {
        let r = call_meth(raw, "write", &[bytes::new_bytes(data)])?;
        if r.is_none() {
            return Ok(None);
        }
        let n = ops::number::index_i64(&r, "write")?;
        if n < 0 || n as usize > data.len() {
            return Err(PyErr::new(
                crate::builtins::exceptions::ExcKind::OSError,
                format!("raw write() returned invalid length {n} (should have been between 0 and {})", data.len()),
            ));
        }
        Ok(Some(n as usize))
    })
}

fn raw_seek(g: &mut Guard, raw: &Value, pos: i64, whence: i32) -> PyResult<i64> {
    if let Some(f) = fileio_of(raw) {
        return f.seek_to(pos, whence);
    }
    MutexGuard::unlocked(g, || {
        let r = call_meth(raw, "seek", &[Value::Int(pos), Value::Int(whence as i64)])?;
        ops::number::index_i64(&r, "seek")
    })
}

fn raw_closed(g: &mut Guard, raw: &Value) -> PyResult<bool> {
    if let Some(f) = fileio_of(raw) {
        return Ok(f.is_closed());
    }
    MutexGuard::unlocked(g, || super::is_closed(raw))
}

impl Buffered {
    fn guard_open(&self, what: &str) -> PyResult<(Guard<'_>, Value)> {
        let mut g = self.st.lock();
        let raw = raw_of(&g)?;
        if raw_closed(&mut g, &raw)? {
            return Err(value_error(format!("{what} of closed file")));
        }
        Ok((g, raw))
    }

    /// Writes out the whole pending-write buffer.
    fn flush_writes(g: &mut Guard, raw: &Value) -> PyResult<()> {
        while !g.wbuf.is_empty() {
            let data = std::mem::take(&mut g.wbuf);
            match raw_write(g, raw, &data) {
                Ok(Some(n)) => {
                    // Whatever another thread buffered meanwhile goes after what is still unwritten.
                    let mut rest = data[n..].to_vec();
                    rest.extend_from_slice(&g.wbuf);
                    g.wbuf = rest;
                }
                Ok(None) => {
                    let mut rest = data;
                    rest.extend_from_slice(&g.wbuf);
                    g.wbuf = rest;
                    return Err(PyErr::with_args(
                        crate::builtins::exceptions::ExcKind::BlockingIOError,
                        vec![
                            Value::Int(libc::EAGAIN as i64),
                            Value::from("write could not complete without blocking"),
                            Value::Int(0),
                        ],
                    ));
                }
                Err(e) => {
                    let mut rest = data;
                    rest.extend_from_slice(&g.wbuf);
                    g.wbuf = rest;
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Drops the read-ahead, moving the raw position back to where the reader logically is.
    fn rewind_reads(g: &mut Guard, raw: &Value) -> PyResult<()> {
        let ahead = g.rbuf.len() - g.rpos;
        g.rbuf.clear();
        g.rpos = 0;
        if ahead > 0 {
            raw_seek(g, raw, -(ahead as i64), 1)?;
        }
        Ok(())
    }

    /// Takes up to `n` buffered bytes.
    fn take(g: &mut Guard, n: usize) -> Vec<u8> {
        let avail = g.rbuf.len() - g.rpos;
        let k = n.min(avail);
        let out = g.rbuf[g.rpos..g.rpos + k].to_vec();
        g.rpos += k;
        if g.rpos == g.rbuf.len() {
            g.rbuf.clear();
            g.rpos = 0;
        }
        out
    }

    /// Refills the read-ahead with one raw read; `Ok(false)` at end of file or when it would block.
    fn fill(g: &mut Guard, raw: &Value) -> PyResult<Option<bool>> {
        let size = g.size;
        match raw_read(g, raw, size)? {
            None => Ok(None),
            Some(data) if data.is_empty() => Ok(Some(false)),
            Some(data) => {
                g.rbuf.extend_from_slice(&data);
                Ok(Some(true))
            }
        }
    }

    pub fn read(&self, n: i64) -> PyResult<Option<Vec<u8>>> {
        let (mut g, raw) = self.guard_open("read")?;
        Buffered::flush_writes(&mut g, &raw)?;
        if n < 0 {
            let mut out = Buffered::take(&mut g, usize::MAX);
            if let Some(f) = fileio_of(&raw) {
                match f.read_all()? {
                    Some(rest) => out.extend_from_slice(&rest),
                    None if out.is_empty() => return Ok(None),
                    None => {}
                }
                return Ok(Some(out));
            }
            let rest = MutexGuard::unlocked(&mut g, || -> PyResult<Value> {
                if ops::attr::getattr_opt(&raw, "readall")?.is_some() {
                    call_meth(&raw, "readall", &[])
                } else {
                    Ok(Value::None)
                }
            })?;
            if rest.is_none() && out.is_empty() {
                return Ok(None);
            }
            if let Some(rest) = bytes::buffer(&rest)? {
                out.extend_from_slice(&rest);
            }
            return Ok(Some(out));
        }
        let n = n as usize;
        let mut out = Buffered::take(&mut g, n);
        while out.len() < n {
            let want = n - out.len();
            if want >= g.size {
                match raw_read(&mut g, &raw, want)? {
                    None if out.is_empty() => return Ok(None),
                    None => break,
                    Some(d) if d.is_empty() => break,
                    Some(d) => out.extend_from_slice(&d),
                }
            } else {
                match Buffered::fill(&mut g, &raw)? {
                    None if out.is_empty() => return Ok(None),
                    None | Some(false) => break,
                    Some(true) => {
                        let more = Buffered::take(&mut g, want);
                        out.extend_from_slice(&more);
                    }
                }
            }
        }
        Ok(Some(out))
    }

    pub fn read1(&self, n: i64) -> PyResult<Vec<u8>> {
        let (mut g, raw) = self.guard_open("read")?;
        Buffered::flush_writes(&mut g, &raw)?;
        let n = if n < 0 { g.size } else { n as usize };
        if n == 0 {
            return Ok(Vec::new());
        }
        if g.rbuf.len() > g.rpos {
            return Ok(Buffered::take(&mut g, n));
        }
        if n > g.size {
            return Ok(raw_read(&mut g, &raw, n)?.unwrap_or_default());
        }
        Buffered::fill(&mut g, &raw)?;
        Ok(Buffered::take(&mut g, n))
    }

    pub fn peek(&self) -> PyResult<Vec<u8>> {
        let (mut g, raw) = self.guard_open("peek")?;
        Buffered::flush_writes(&mut g, &raw)?;
        if g.rbuf.len() == g.rpos {
            Buffered::fill(&mut g, &raw)?;
        }
        Ok(g.rbuf[g.rpos..].to_vec())
    }

    pub fn readline(&self, limit: i64) -> PyResult<Vec<u8>> {
        let (mut g, raw) = self.guard_open("readline")?;
        Buffered::flush_writes(&mut g, &raw)?;
        let mut out = Vec::new();
        loop {
            let room = if limit < 0 { usize::MAX } else { limit as usize - out.len() };
            if room == 0 {
                break;
            }
            let avail = &g.rbuf[g.rpos..];
            if let Some(i) = avail.iter().position(|&b| b == b'\n') {
                let line = Buffered::take(&mut g, (i + 1).min(room));
                out.extend_from_slice(&line);
                break;
            }
            let chunk = Buffered::take(&mut g, room);
            out.extend_from_slice(&chunk);
            if limit >= 0 && out.len() >= limit as usize {
                break;
            }
            if Buffered::fill(&mut g, &raw)? != Some(true) {
                break;
            }
        }
        Ok(out)
    }

    /// Buffers `data`, writing out when the buffer grows past its size.
    pub fn write(&self, data: &[u8]) -> PyResult<usize> {
        let (mut g, raw) = self.guard_open("write to")?;
        if g.rbuf.len() > g.rpos || !g.rbuf.is_empty() {
            Buffered::rewind_reads(&mut g, &raw)?;
        }
        g.wbuf.extend_from_slice(data);
        if g.wbuf.len() > g.size {
            Buffered::flush_writes(&mut g, &raw)?;
        }
        Ok(data.len())
    }

    pub fn flush(&self) -> PyResult<()> {
        let (mut g, raw) = self.guard_open("flush")?;
        Buffered::flush_writes(&mut g, &raw)?;
        if self.readable && g.rbuf.len() > g.rpos {
            Buffered::rewind_reads(&mut g, &raw)?;
        }
        Ok(())
    }

    pub fn tell(&self) -> PyResult<i64> {
        let mut g = self.st.lock();
        let raw = raw_of(&g)?;
        let pos = raw_seek(&mut g, &raw, 0, 1)?;
        let pos = pos - (g.rbuf.len() - g.rpos) as i64 + g.wbuf.len() as i64;
        Ok(pos.max(0))
    }

    pub fn seek(&self, pos: i64, whence: i32) -> PyResult<i64> {
        if !(0..=2).contains(&whence) {
            return Err(value_error(format!("whence value {whence} unsupported")));
        }
        let (mut g, raw) = self.guard_open("seek")?;
        Buffered::flush_writes(&mut g, &raw)?;
        let pos = if whence == 1 { pos - (g.rbuf.len() - g.rpos) as i64 } else { pos };
        g.rbuf.clear();
        g.rpos = 0;
        raw_seek(&mut g, &raw, pos, whence)
    }

    /// Whether the raw stream is closed, when that can be told without running Python code (a `FileIO` raw
    /// stream); `None` otherwise.
    pub fn closed_natively(&self) -> Option<PyResult<bool>> {
        let g = self.st.lock();
        match &g.raw {
            None => Some(Err(detached())),
            Some(raw) => fileio_of(raw).map(|f| Ok(f.is_closed())),
        }
    }

    /// Flushes and rewinds, and returns the raw stream for a call made without the lock.
    fn settle(&self, what: &str) -> PyResult<Value> {
        let (mut g, raw) = self.guard_open(what)?;
        Buffered::flush_writes(&mut g, &raw)?;
        Buffered::rewind_reads(&mut g, &raw)?;
        Ok(raw)
    }
}

/// The `Buffered` payload of a value, if it has one.
pub fn buffered_of(v: &Value) -> Option<&Buffered> {
    v.payload()?.native::<Buffered>()
}

fn me<'a>(args: &'a [Value], meth: &str) -> PyResult<(&'a Buffered, &'a [Value])> {
    let cls = match args.first().map(|a| a.ty()) {
        Some(t) if type_::is_subtype(t, &state().buffered_writer) => "BufferedWriter",
        Some(t) if type_::is_subtype(t, &state().buffered_random) => "BufferedRandom",
        _ => "BufferedReader",
    };
    recv::<Buffered>(args, cls, meth)
}

fn raw_value(b: &Buffered) -> PyResult<Value> {
    raw_of(&b.st.lock())
}

fn alloc(cls: &ObjRef, readable: bool, writable: bool) -> ObjRef {
    let st = BufState { raw: None, rbuf: Vec::new(), rpos: 0, wbuf: Vec::new(), size: DEFAULT_BUFFER_SIZE };
    let st = Arc::new(Mutex::new(st));
    if writable {
        register_writer(&st);
    }
    crate::builtins::object::alloc(cls, Payload::Native(NativeBox::new(Buffered { readable, writable, st })))
}

/// A new buffered object of class `ty` over `raw` (what `open()` makes).
pub fn new_buffered(ty: &ObjRef, raw: &Value, size: usize) -> PyResult<Value> {
    let obj = Value::Obj(alloc_for(ty));
    buffered_init(&[obj.clone(), raw.clone(), Value::Int(size as i64)], &[])?;
    Ok(obj)
}

fn alloc_for(cls: &ObjRef) -> ObjRef {
    let st = state();
    if type_::is_subtype(cls, &st.buffered_random) {
        alloc(cls, true, true)
    } else if type_::is_subtype(cls, &st.buffered_writer) {
        alloc(cls, false, true)
    } else {
        alloc(cls, true, false)
    }
}

fn make_new(owner: fn() -> &'static ObjRef, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let cls = type_::new_wrapper_check(owner(), args)?.clone();
    let obj = Value::Obj(alloc_for(&cls));
    if cls.ptr_eq(owner()) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        buffered_init(&init, kwargs)?;
    }
    Ok(obj)
}

fn reader_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    make_new(|| &state().buffered_reader, args, kwargs)
}

fn writer_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    make_new(|| &state().buffered_writer, args, kwargs)
}

fn random_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    make_new(|| &state().buffered_random, args, kwargs)
}

/// `__init__(raw, buffer_size=DEFAULT_BUFFER_SIZE)`, checking that `raw` can do what the class needs.
fn buffered_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "__init__")?;
    let tn = type_::type_name(args[0].ty());
    let a = clinic(&tn, rest, kwargs, &["raw", "buffer_size"], 0, 1, 2)?;
    let raw = a[0].clone().expect("required");
    let size = match &a[1] {
        None => DEFAULT_BUFFER_SIZE as i64,
        Some(v) => ops::number::index_i64(v, "buffer_size")?,
    };
    if b.readable && b.writable {
        super::iobase::check_closed(&raw).ok();
        let r = call_meth(&raw, "seekable", &[])?;
        if !ops::truthy(&r)? {
            return Err(super::unsupported("File or stream is not seekable."));
        }
    }
    if b.readable && !ops::truthy(&call_meth(&raw, "readable", &[])?)? {
        return Err(super::unsupported("File or stream is not readable."));
    }
    if b.writable && !ops::truthy(&call_meth(&raw, "writable", &[])?)? {
        return Err(super::unsupported("File or stream is not writable."));
    }
    if size <= 0 {
        return Err(value_error("buffer size must be strictly positive"));
    }
    let mut g = b.st.lock();
    g.raw = Some(raw);
    g.size = size as usize;
    g.rbuf.clear();
    g.rpos = 0;
    g.wbuf.clear();
    Ok(Value::None)
}

fn need_readable(b: &Buffered) -> PyResult<()> {
    if !b.readable {
        return Err(super::unsupported("read"));
    }
    Ok(())
}

fn bf_read(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "read")?;
    let a = clinic("read", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    if n < -1 {
        return Err(value_error("read length must be non-negative or -1"));
    }
    need_readable(b)?;
    Ok(b.read(n)?.map_or(Value::None, bytes::new_bytes_vec))
}

fn bf_read1(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "read1")?;
    let a = clinic("read1", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    need_readable(b)?;
    Ok(bytes::new_bytes_vec(b.read1(n)?))
}

fn bf_peek(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "peek")?;
    clinic("peek", rest, kwargs, &["size"], 1, 0, 1)?;
    need_readable(b)?;
    Ok(bytes::new_bytes_vec(b.peek()?))
}

fn bf_readline(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "readline")?;
    let a = clinic("readline", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    need_readable(b)?;
    Ok(bytes::new_bytes_vec(b.readline(n)?))
}

fn bf_next(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "__next__")?;
    meth_noargs("__next__", rest, kwargs)?;
    need_readable(b)?;
    let line = b.readline(-1)?;
    if line.is_empty() {
        return Err(PyErr::with_args(crate::builtins::exceptions::ExcKind::StopIteration, vec![]));
    }
    Ok(bytes::new_bytes_vec(line))
}

fn readinto_common(args: &[Value], kwargs: &[(Value, Value)], meth: &str, one: bool) -> PyResult<Value> {
    let (b, rest) = me(args, meth)?;
    let buf = meth_o(meth, rest, kwargs)?;
    let n = writable_len(buf, meth)?;
    need_readable(b)?;
    let data = if one { b.read1(n as i64)? } else { b.read(n as i64)?.unwrap_or_default() };
    fill_buffer(buf, &data)?;
    Ok(Value::Int(data.len() as i64))
}

fn bf_readinto(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    readinto_common(args, kwargs, "readinto", false)
}

fn bf_readinto1(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    readinto_common(args, kwargs, "readinto1", true)
}

fn bf_write(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "write")?;
    let data = meth_o("write", rest, kwargs)?;
    if !b.writable {
        return Err(super::unsupported("write"));
    }
    let data = bytes_arg(data)?;
    Ok(Value::Int(b.write(&data)? as i64))
}

fn bf_flush(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "flush")?;
    meth_noargs("flush", rest, kwargs)?;
    b.flush()?;
    Ok(Value::None)
}

fn bf_tell(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "tell")?;
    meth_noargs("tell", rest, kwargs)?;
    Ok(Value::Int(b.tell()?))
}

fn bf_seek(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "seek")?;
    let a = clinic("seek", rest, kwargs, &["target", "whence"], 2, 1, 2)?;
    let target = a[0].as_ref().expect("required");
    if matches!(target, Value::Float(_)) {
        return Err(type_error("'float' object cannot be interpreted as an integer"));
    }
    let pos = ops::number::index_i64(target, "target")?;
    let whence = match &a[1] {
        None => 0,
        Some(w) => ops::number::index_i64(w, "whence")? as i32,
    };
    Ok(Value::Int(b.seek(pos, whence)?))
}

fn bf_truncate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "truncate")?;
    let a = clinic("truncate", rest, kwargs, &["pos"], 1, 0, 1)?;
    if !b.writable {
        return Err(super::unsupported("truncate"));
    }
    let raw = b.settle("truncate")?;
    let pos = match &a[0] {
        None | Some(Value::None) => Value::Int(b.tell()?),
        Some(p) => p.clone(),
    };
    call_meth(&raw, "truncate", &[pos])
}

/// `close()`: flushes, then closes the raw stream even when the flush failed; the flush's error wins.
fn bf_close(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "close")?;
    meth_noargs("close", rest, kwargs)?;
    let raw = raw_value(b)?;
    if super::is_closed(&raw)? {
        return Ok(Value::None);
    }
    let flushed = if b.writable { call_meth(&args[0], "flush", &[]).map(|_| ()) } else { Ok(()) };
    let closed = call_meth(&raw, "close", &[]);
    {
        let mut g = b.st.lock();
        g.rbuf.clear();
        g.rpos = 0;
    }
    match (flushed, closed) {
        (Err(e), Err(e2)) => {
            crate::builtins::exceptions::set_context_if_unset(&e2.exc, e.exc.clone());
            Err(e2)
        }
        (Err(e), _) => Err(e),
        (_, Err(e)) => Err(e),
        _ => Ok(Value::None),
    }
}

fn bf_detach(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, rest) = me(args, "detach")?;
    meth_noargs("detach", rest, kwargs)?;
    if b.writable {
        b.flush()?;
    }
    let raw = b.st.lock().raw.take();
    raw.ok_or_else(detached)
}

/// A method passed on to the raw stream (`fileno`, `isatty`, `readable`, ...).
fn forward(args: &[Value], kwargs: &[(Value, Value)], name: &str) -> PyResult<Value> {
    let (b, rest) = me(args, name)?;
    meth_noargs(name, rest, kwargs)?;
    let raw = raw_value(b)?;
    call_meth(&raw, name, &[])
}

fn bf_fileno(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward(args, kwargs, "fileno")
}

fn bf_isatty(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward(args, kwargs, "isatty")
}

fn bf_seekable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    forward(args, kwargs, "seekable")
}

fn bf_readable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, _) = me(args, "readable")?;
    if !b.readable {
        raw_value(b)?;
        return Ok(Value::Bool(false));
    }
    forward(args, kwargs, "readable")
}

fn bf_writable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, _) = me(args, "writable")?;
    if !b.writable {
        raw_value(b)?;
        return Ok(Value::Bool(false));
    }
    forward(args, kwargs, "writable")
}

fn bf_raw(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, _) = me(args, "raw")?;
    Ok(b.st.lock().raw.clone().unwrap_or(Value::None))
}

fn raw_attr(args: &[Value], name: &str) -> PyResult<Value> {
    let (b, _) = me(args, name)?;
    let raw = raw_value(b)?;
    ops::attr::getattr_str(&raw, name)
}

fn bf_closed(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    raw_attr(args, "closed")
}

fn bf_name(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    raw_attr(args, "name")
}

fn bf_mode(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    raw_attr(args, "mode")
}

fn bf_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, rest) = me(args, "__repr__")?;
    meth_noargs("__repr__", rest, kwargs)?;
    let tn = tp_name(&args[0]);
    let name = match ops::attr::getattr_opt(&args[0], "name") {
        Ok(n) => n,
        Err(e) if e.matches(crate::builtins::exceptions::ExcKind::ValueError) => None,
        Err(e) => return Err(e),
    };
    Ok(Value::from(match name {
        None => format!("<{tn}>"),
        Some(n) => format!("<{tn} name={}>", ops::format::repr(&n)?),
    }))
}

fn bf_getstate(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().cloned().unwrap_or(Value::None);
    Err(type_error(format!("cannot pickle '{}' instances", tp_name(&this))))
}

const METHODS: &[(&str, crate::builtins::function::NativeFn)] = &[
    ("__init__", buffered_init),
    ("read", bf_read),
    ("read1", bf_read1),
    ("peek", bf_peek),
    ("readline", bf_readline),
    ("__next__", bf_next),
    ("readinto", bf_readinto),
    ("readinto1", bf_readinto1),
    ("write", bf_write),
    ("flush", bf_flush),
    ("tell", bf_tell),
    ("seek", bf_seek),
    ("truncate", bf_truncate),
    ("close", bf_close),
    ("detach", bf_detach),
    ("fileno", bf_fileno),
    ("isatty", bf_isatty),
    ("seekable", bf_seekable),
    ("readable", bf_readable),
    ("writable", bf_writable),
    ("__repr__", bf_repr),
    ("__getstate__", bf_getstate),
];

/// Which methods each class has: a reader has no `write`/`truncate`, a writer no reading methods.
fn methods_for(readable: bool, writable: bool) -> Vec<(&'static str, crate::builtins::function::NativeFn)> {
    METHODS
        .iter()
        .filter(|(name, _)| {
            let reading =
                matches!(*name, "read" | "read1" | "peek" | "readline" | "__next__" | "readinto" | "readinto1");
            let writing = matches!(*name, "write" | "truncate");
            (readable || !reading) && (writable || !writing)
        })
        .copied()
        .collect()
}

// ---------------------------------------------------------------------------------------------------------
// BufferedRWPair

/// The payload of `BufferedRWPair`: a reader and a writer over two raw streams.
pub struct RwPair {
    reader: Mutex<Option<Value>>,
    writer: Mutex<Option<Value>>,
}

fn pair<'a>(args: &'a [Value], meth: &str) -> PyResult<(Value, Value, &'a [Value])> {
    let (p, rest) = recv::<RwPair>(args, "BufferedRWPair", meth)?;
    let r = p.reader.lock().clone();
    let w = p.writer.lock().clone();
    match (r, w) {
        (Some(r), Some(w)) => Ok((r, w, rest)),
        _ => Err(value_error("I/O operation on uninitialized object")),
    }
}

fn rwpair_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let st = state();
    let cls = type_::new_wrapper_check(&st.buffered_rwpair, args)?.clone();
    let obj = Value::Obj(crate::builtins::object::alloc(
        &cls,
        Payload::Native(NativeBox::new(RwPair { reader: Mutex::new(None), writer: Mutex::new(None) })),
    ));
    if cls.ptr_eq(&st.buffered_rwpair) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        rwpair_init(&init, kwargs)?;
    }
    Ok(obj)
}

fn rwpair_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (p, rest) = recv::<RwPair>(args, "BufferedRWPair", "__init__")?;
    if !kwargs.is_empty() {
        return Err(type_error("BufferedRWPair() takes no keyword arguments"));
    }
    let a = crate::modules::r#struct::positional("BufferedRWPair", "BufferedRWPair", rest, &[], 2, 3)?;
    let size = a.get(2).cloned().unwrap_or(Value::Int(DEFAULT_BUFFER_SIZE as i64));
    let st = state();
    let r = new_buffered_checked(&st.buffered_reader, &a[0], &size)?;
    let w = new_buffered_checked(&st.buffered_writer, &a[1], &size)?;
    *p.reader.lock() = Some(r);
    *p.writer.lock() = Some(w);
    Ok(Value::None)
}

fn new_buffered_checked(ty: &ObjRef, raw: &Value, size: &Value) -> PyResult<Value> {
    let obj = Value::Obj(alloc_for(ty));
    buffered_init(&[obj.clone(), raw.clone(), size.clone()], &[])?;
    Ok(obj)
}

fn pair_call(args: &[Value], kwargs: &[(Value, Value)], name: &str, on_writer: bool) -> PyResult<Value> {
    let (r, w, rest) = pair(args, name)?;
    let target = if on_writer { w } else { r };
    let mut all = vec![target];
    all.extend_from_slice(rest);
    ops::call::call_method(&Value::from(name), &all, kwargs)
}

macro_rules! pair_fns {
    ($($f:ident => $name:literal, $w:expr;)*) => {
        $(fn $f(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            pair_call(args, kwargs, $name, $w)
        })*
    };
}

pair_fns! {
    rw_read => "read", false;
    rw_read1 => "read1", false;
    rw_peek => "peek", false;
    rw_readinto => "readinto", false;
    rw_readinto1 => "readinto1", false;
    rw_readable => "readable", false;
    rw_write => "write", true;
    rw_flush => "flush", true;
    rw_writable => "writable", true;
}

fn rw_isatty(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (r, w, rest) = pair(args, "isatty")?;
    meth_noargs("isatty", rest, kwargs)?;
    if ops::truthy(&call_meth(&w, "isatty", &[])?)? {
        return Ok(Value::Bool(true));
    }
    call_meth(&r, "isatty", &[])
}

fn rw_close(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (r, w, rest) = pair(args, "close")?;
    meth_noargs("close", rest, kwargs)?;
    let first = call_meth(&w, "close", &[]);
    let second = call_meth(&r, "close", &[]);
    first?;
    second
}

fn rw_closed(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (_, w, _) = pair(args, "closed")?;
    ops::attr::getattr_str(&w, "closed")
}

fn make(name: &str, base: &ObjRef, readable: bool, writable: bool, new: crate::builtins::function::NativeFn) -> ObjRef {
    let ty = super::make_type(name, base, Layout::Other, &methods_for(readable, writable));
    super::set_new(&ty, new);
    super::add_getters(&ty, &[("raw", bf_raw), ("closed", bf_closed), ("name", bf_name), ("mode", bf_mode)]);
    ty
}

pub(crate) fn make_types(base: &ObjRef) -> [ObjRef; 4] {
    let reader = make("BufferedReader", base, true, false, reader_new);
    let writer = make("BufferedWriter", base, false, true, writer_new);
    let random = make("BufferedRandom", base, true, true, random_new);
    let rwpair = super::make_type(
        "BufferedRWPair",
        base,
        Layout::Other,
        &[
            ("__init__", rwpair_init),
            ("read", rw_read),
            ("read1", rw_read1),
            ("peek", rw_peek),
            ("readinto", rw_readinto),
            ("readinto1", rw_readinto1),
            ("readable", rw_readable),
            ("write", rw_write),
            ("flush", rw_flush),
            ("writable", rw_writable),
            ("isatty", rw_isatty),
            ("close", rw_close),
        ],
    );
    super::set_new(&rwpair, rwpair_new);
    super::add_getters(&rwpair, &[("closed", rw_closed)]);
    let _ = list::new_list;
    [reader, writer, random, rwpair]
}
