//! `FileIO`: the raw layer, a file descriptor with `read`/`readinto`/`readall`/`write`/`seek`/`tell`/
//! `truncate`, opened from a path (with `open(2)` and CPython's flags per mode, or through an `opener`) or
//! wrapping a descriptor it is given. The descriptor is closed by `close()`, or when the object is freed,
//! unless `closefd=False`. Interrupted system calls are retried (PEP 475).
//!
//! The buffered layer calls `FileIO` natively (no Python call) through `read_into`, `write_all_or_some`,
//! `seek_to` and friends when its raw stream is exactly a `FileIO`.

use parking_lot::Mutex;

use crate::builtins::type_::{self, Layout};
use crate::builtins::{bytes, dict};
use crate::error::{type_error, value_error, PyResult};
use crate::modules::r#struct::{clinic, meth_noargs};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

use super::{
    bytes_arg, fill_buffer, last_os_error, os_error, recv, size_arg, state, tp_name, unsupported, writable_len,
    DEFAULT_BUFFER_SIZE,
};

/// A `FileIO`'s descriptor and what it was opened for.
pub struct FileState {
    /// `-1` once closed (or before `__init__` ran).
    pub fd: i32,
    readable: bool,
    writable: bool,
    appending: bool,
    created: bool,
    closefd: bool,
    /// `None` until first asked.
    seekable: Option<bool>,
    blksize: usize,
}

/// The payload of `FileIO` objects.
pub struct FileIO {
    pub st: Mutex<FileState>,
}

impl Drop for FileIO {
    fn drop(&mut self) {
        let st = self.st.get_mut();
        if st.fd >= 0 && st.closefd {
            // SAFETY: the descriptor is owned by this object (closefd) and nothing else uses it any more.
            unsafe { libc::close(st.fd) };
        }
    }
}

fn closed_error() -> crate::error::PyErr {
    value_error("I/O operation on closed file")
}

/// Retries a system call interrupted by a signal; `Err(errno)` for any other failure.
fn retry<T: PartialOrd + Default>(mut f: impl FnMut() -> T) -> Result<T, i32> {
    loop {
        // The call blocks without touching objects: the thread is offline meanwhile (see `qsbr`).
        let r = crate::qsbr::offline(&mut f);
        if r >= T::default() {
            return Ok(r);
        }
        let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO);
        if errno != libc::EINTR {
            return Err(errno);
        }
    }
}

impl FileIO {
    fn open_fd(&self, what: &str) -> PyResult<i32> {
        let st = self.st.lock();
        if st.fd < 0 {
            return Err(closed_error());
        }
        let _ = what;
        Ok(st.fd)
    }

    /// Reads up to `n` bytes: `Ok(None)` when a non-blocking descriptor has nothing (EAGAIN).
    pub fn read_n(&self, n: usize) -> PyResult<Option<Vec<u8>>> {
        let fd = {
            let st = self.st.lock();
            if st.fd < 0 {
                return Err(closed_error());
            }
            if !st.readable {
                return Err(unsupported("File not open for reading"));
            }
            st.fd
        };
        let mut buf = vec![0u8; n];
        // SAFETY: `buf` has room for `n` bytes; a descriptor closed meanwhile by another thread makes the
        // call fail with EBADF, never write elsewhere.
        match retry(|| unsafe { libc::read(fd, buf.as_mut_ptr().cast(), n) }) {
            Ok(got) => {
                buf.truncate(got as usize);
                Ok(Some(buf))
            }
            Err(libc::EAGAIN) => Ok(None),
            Err(e) => Err(os_error(e, None)),
        }
    }

    /// Reads to end of file.
    pub fn read_all(&self) -> PyResult<Option<Vec<u8>>> {
        let fd = {
            let st = self.st.lock();
            if st.fd < 0 {
                return Err(closed_error());
            }
            if !st.readable {
                return Err(unsupported("File not open for reading"));
            }
            st.fd
        };
        // The remaining size, when the file has one, sizes the first read (CPython's `_io_FileIO_readall`).
        let mut out: Vec<u8> = Vec::new();
        // SAFETY: fstat fills a zeroed stat struct; lseek has no memory effects.
        let hint = unsafe {
            let mut s: libc::stat = std::mem::zeroed();
            let pos = libc::lseek(fd, 0, libc::SEEK_CUR);
            if libc::fstat(fd, &mut s) == 0 && pos >= 0 && s.st_size >= pos {
                (s.st_size - pos) as usize + 1
            } else {
                DEFAULT_BUFFER_SIZE
            }
        };
        let mut chunk = hint.max(1);
        loop {
            let start = out.len();
            out.resize(start + chunk, 0);
            // SAFETY: `out` has `chunk` bytes of room after `start`.
            let r = retry(|| unsafe { libc::read(fd, out.as_mut_ptr().add(start).cast(), chunk) });
            match r {
                Ok(0) => {
                    out.truncate(start);
                    break;
                }
                Ok(got) => out.truncate(start + got as usize),
                Err(libc::EAGAIN) => {
                    out.truncate(start);
                    if out.is_empty() {
                        return Ok(None);
                    }
                    break;
                }
                Err(e) => return Err(os_error(e, None)),
            }
            chunk = DEFAULT_BUFFER_SIZE.max(out.len() / 4);
        }
        Ok(Some(out))
    }

    /// Writes some of `data`: the count written, or `None` when a non-blocking descriptor would block.
    pub fn write_some(&self, data: &[u8]) -> PyResult<Option<usize>> {
        let fd = {
            let st = self.st.lock();
            if st.fd < 0 {
                return Err(closed_error());
            }
            if !st.writable {
                return Err(unsupported("File not open for writing"));
            }
            st.fd
        };
        // SAFETY: `data` is valid for `data.len()` bytes.
        match retry(|| unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) }) {
            Ok(n) => Ok(Some(n as usize)),
            Err(libc::EAGAIN) => Ok(None),
            Err(e) => Err(os_error(e, None)),
        }
    }

    pub fn seek_to(&self, pos: i64, whence: i32) -> PyResult<i64> {
        let fd = self.open_fd("seek")?;
        // SAFETY: lseek has no memory effects.
        match retry(|| unsafe { libc::lseek(fd, pos as libc::off_t, whence) }) {
            Ok(p) => Ok(p),
            Err(e) => Err(os_error(e, None)),
        }
    }

    pub fn is_seekable(&self) -> PyResult<bool> {
        let mut st = self.st.lock();
        if st.fd < 0 {
            return Err(closed_error());
        }
        if st.seekable.is_none() {
            // SAFETY: lseek has no memory effects.
            let r = unsafe { libc::lseek(st.fd, 0, libc::SEEK_CUR) };
            st.seekable = Some(r >= 0);
        }
        Ok(st.seekable == Some(true))
    }

    pub fn isatty(&self) -> PyResult<bool> {
        let fd = self.open_fd("isatty")?;
        // SAFETY: isatty has no memory effects.
        Ok(unsafe { libc::isatty(fd) } == 1)
    }

    pub fn is_closed(&self) -> bool {
        self.st.lock().fd < 0
    }

    pub fn readable(&self) -> PyResult<bool> {
        let st = self.st.lock();
        if st.fd < 0 {
            return Err(closed_error());
        }
        Ok(st.readable)
    }

    pub fn writable(&self) -> PyResult<bool> {
        let st = self.st.lock();
        if st.fd < 0 {
            return Err(closed_error());
        }
        Ok(st.writable)
    }

    /// Closes the descriptor (when owned); closing twice does nothing.
    pub fn close_fd(&self) -> PyResult<()> {
        let (fd, closefd) = {
            let mut st = self.st.lock();
            let fd = st.fd;
            st.fd = -1;
            (fd, st.closefd)
        };
        if fd >= 0 && closefd {
            // SAFETY: the descriptor was owned by this object and is no longer reachable through it.
            if unsafe { libc::close(fd) } < 0 {
                return Err(last_os_error(None));
            }
        }
        Ok(())
    }
}

/// The `FileIO` payload of a value, if it has one.
pub fn fileio_of(v: &Value) -> Option<&FileIO> {
    v.payload()?.native::<FileIO>()
}

fn me<'a>(args: &'a [Value], meth: &str) -> PyResult<(&'a FileIO, &'a [Value])> {
    recv::<FileIO>(args, "FileIO", meth)
}

/// `FileIO.__new__`: an unopened object (CPython's `fd = -1`); a direct call of `FileIO` opens it too.
fn fileio_new(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let st = state();
    let cls = type_::new_wrapper_check(&st.fileio, args)?.clone();
    let obj = Value::Obj(alloc(&cls));
    if cls.ptr_eq(&st.fileio) {
        let mut init = vec![obj.clone()];
        init.extend_from_slice(&args[1..]);
        fileio_init(&init, kwargs)?;
    }
    Ok(obj)
}

fn alloc(cls: &ObjRef) -> ObjRef {
    let fs = FileState {
        fd: -1,
        readable: false,
        writable: false,
        appending: false,
        created: false,
        closefd: true,
        seekable: None,
        blksize: DEFAULT_BUFFER_SIZE,
    };
    crate::builtins::object::alloc(cls, Payload::Native(NativeBox::new(FileIO { st: Mutex::new(fs) })))
}

/// A new, opened `FileIO` of class `ty` (what `open()` makes).
pub fn new_fileio(ty: &ObjRef, file: &Value, mode: &str, closefd: bool, opener: &Value) -> PyResult<Value> {
    let obj = Value::Obj(alloc(ty));
    fileio_init(&[obj.clone(), file.clone(), Value::from(mode), Value::Bool(closefd), opener.clone()], &[])?;
    Ok(obj)
}

/// `FileIO.__init__(file, mode='r', closefd=True, opener=None)`.
fn fileio_init(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "__init__")?;
    let this = &args[0];
    let a = clinic("FileIO", rest, kwargs, &["file", "mode", "closefd", "opener"], 0, 1, 4)?;
    let file = a[0].clone().expect("required");
    let mode = match &a[1] {
        None => "r".to_string(),
        Some(v) => v
            .as_str()
            .ok_or_else(|| type_error(format!("FileIO() argument 'mode' must be str, not {}", v.type_name())))?
            .to_string(),
    };
    let closefd = match &a[2] {
        None => true,
        Some(v) => ops::truthy(v)?,
    };
    let opener = a[3].clone().unwrap_or(Value::None);
    // Re-initialising an open FileIO closes the old descriptor first, as CPython does.
    if f.st.lock().fd >= 0 {
        f.close_fd()?;
    }
    if matches!(file, Value::Float(_)) {
        return Err(type_error("integer argument expected, got float"));
    }
    let mut fd: i32 = -1;
    let is_int = crate::builtins::int::is_int(&file);
    if is_int {
        let n = ops::number::index_i64(&file, "fd")?;
        if n < 0 {
            return Err(value_error("negative file descriptor"));
        }
        fd = n as i32;
    }
    let (mut readable, mut writable, mut appending, mut created, mut plus) = (false, false, false, false, false);
    let mut rwa = false;
    let bad_mode = || value_error("Must have exactly one of create/read/write/append mode and at most one plus");
    let mut flags: i32 = 0;
    for c in mode.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                if rwa {
                    return Err(bad_mode());
                }
                rwa = true;
                match c {
                    'x' => {
                        created = true;
                        writable = true;
                        flags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => readable = true,
                    'w' => {
                        writable = true;
                        flags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        writable = true;
                        appending = true;
                        flags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            'b' => {}
            '+' => {
                if plus {
                    return Err(bad_mode());
                }
                readable = true;
                writable = true;
                plus = true;
            }
            _ => return Err(value_error(format!("invalid mode: {mode}"))),
        }
    }
    if !rwa {
        return Err(bad_mode());
    }
    flags |= if readable && writable {
        libc::O_RDWR
    } else if readable {
        libc::O_RDONLY
    } else {
        libc::O_WRONLY
    };
    flags |= libc::O_CLOEXEC;
    let owned;
    if fd >= 0 {
        owned = closefd;
    } else {
        if !closefd {
            return Err(value_error("Cannot use closefd=False with file name"));
        }
        owned = true;
        if !opener.is_none() {
            let r = ops::call::call(&opener, &[file.clone(), Value::Int(flags as i64)], &[])?;
            if !crate::builtins::int::is_int(&r) {
                return Err(type_error("expected integer from opener"));
            }
            let n = ops::number::index_i64(&r, "fd")?;
            if n < 0 {
                return Err(value_error(format!("opener returned {n}")));
            }
            fd = n as i32;
        } else {
            let path = fspath_bytes(&file)?;
            let c = std::ffi::CString::new(path).map_err(|_| value_error("embedded null byte"))?;
            // SAFETY: `c` is a NUL-terminated path; the mode argument is an int as open(2) expects.
            match retry(|| unsafe { libc::open(c.as_ptr(), flags, 0o666 as libc::c_uint) }) {
                Ok(n) => fd = n,
                Err(e) => return Err(os_error(e, Some(&file))),
            }
        }
    }
    // From here the descriptor belongs to the object, so every error path below closes it through the object.
    {
        let mut st = f.st.lock();
        *st = FileState {
            fd,
            readable,
            writable,
            appending,
            created,
            closefd: owned,
            seekable: None,
            blksize: DEFAULT_BUFFER_SIZE,
        };
    }
    // SAFETY: fstat fills a zeroed stat struct.
    let mut s: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    if unsafe { libc::fstat(fd, &mut s) } < 0 {
        let e = last_os_error(None);
        if !is_int {
            let _ = f.close_fd();
        }
        return Err(e);
    }
    if s.st_mode & libc::S_IFMT == libc::S_IFDIR {
        let _ = f.close_fd();
        return Err(os_error(libc::EISDIR, Some(&file)));
    }
    if s.st_blksize > 1 {
        f.st.lock().blksize = s.st_blksize as usize;
    }
    ops::attr::setattr_str(this, "name", file.clone())?;
    if appending {
        // Opening for append positions at the end so that tell() is right from the start.
        // SAFETY: lseek has no memory effects.
        unsafe { libc::lseek(fd, 0, libc::SEEK_END) };
    }
    Ok(Value::None)
}

/// A path argument as bytes: `str` (UTF-8), bytes, or an `os.PathLike`.
pub(crate) fn fspath_bytes(file: &Value) -> PyResult<Vec<u8>> {
    if let Some(s) = file.as_str() {
        return Ok(s.as_bytes().to_vec());
    }
    if let Some(b) = bytes::buffer(file)? {
        if matches!(file.payload(), Some(Payload::Bytes(_))) {
            return Ok(b.into_owned());
        }
    }
    if let Some(fspath) = type_::lookup(file.ty(), "__fspath__") {
        let _ = fspath;
        let p = super::call_meth(file, "__fspath__", &[])?;
        if let Some(s) = p.as_str() {
            return Ok(s.as_bytes().to_vec());
        }
        if let Some(Payload::Bytes(b)) = p.payload() {
            return Ok(b.to_vec());
        }
        return Err(type_error(format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            file.type_name(),
            p.type_name()
        )));
    }
    Err(type_error(format!("expected str, bytes or os.PathLike object, not {}", file.type_name())))
}

fn fio_read(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "read")?;
    let a = clinic("read", rest, kwargs, &["size"], 1, 0, 1)?;
    let n = size_arg(a[0].as_ref())?;
    let r = if n < 0 { f.read_all()? } else { f.read_n(n as usize)? };
    Ok(r.map_or(Value::None, bytes::new_bytes_vec))
}

fn fio_readall(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "readall")?;
    meth_noargs("readall", rest, kwargs)?;
    Ok(f.read_all()?.map_or(Value::None, bytes::new_bytes_vec))
}

fn fio_readinto(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "readinto")?;
    let b = crate::modules::r#struct::meth_o("readinto", rest, kwargs)?;
    let n = writable_len(b, "readinto")?;
    match f.read_n(n)? {
        None => Ok(Value::None),
        Some(data) => {
            fill_buffer(b, &data)?;
            Ok(Value::Int(data.len() as i64))
        }
    }
}

fn fio_write(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "write")?;
    let b = crate::modules::r#struct::meth_o("write", rest, kwargs)?;
    if f.is_closed() {
        return Err(closed_error());
    }
    let data = bytes_arg(b)?;
    Ok(f.write_some(&data)?.map_or(Value::None, |n| Value::Int(n as i64)))
}

fn whence_arg(v: Option<&Value>) -> PyResult<i32> {
    match v {
        None => Ok(0),
        Some(v) => Ok(ops::number::index_i64(v, "whence")? as i32),
    }
}

fn fio_seek(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "seek")?;
    let a = clinic("seek", rest, kwargs, &["pos", "whence"], 2, 1, 2)?;
    if f.is_closed() {
        return Err(closed_error());
    }
    let pos = a[0].as_ref().expect("required");
    if matches!(pos, Value::Float(_)) {
        return Err(type_error("an integer is required"));
    }
    let pos = ops::number::index_i64(pos, "pos")?;
    let whence = whence_arg(a[1].as_ref())?;
    Ok(Value::Int(f.seek_to(pos, whence)?))
}

fn fio_tell(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "tell")?;
    meth_noargs("tell", rest, kwargs)?;
    Ok(Value::Int(f.seek_to(0, libc::SEEK_CUR)?))
}

fn fio_truncate(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "truncate")?;
    let a = clinic("truncate", rest, kwargs, &["size"], 1, 0, 1)?;
    let fd = f.open_fd("truncate")?;
    if !f.st.lock().writable {
        return Err(unsupported("File not open for writing"));
    }
    let size = match &a[0] {
        None | Some(Value::None) => f.seek_to(0, libc::SEEK_CUR)?,
        Some(v) => ops::number::index_i64(v, "size")?,
    };
    // SAFETY: ftruncate has no memory effects.
    if retry(|| unsafe { libc::ftruncate(fd, size as libc::off_t) }).is_err() {
        return Err(last_os_error(None));
    }
    Ok(Value::Int(size))
}

fn fio_close(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "close")?;
    meth_noargs("close", rest, kwargs)?;
    if f.is_closed() {
        return Ok(Value::None);
    }
    // A subclass's flush() runs first, as `_RawIOBase.close` would call it.
    let this = &args[0];
    let flushed =
        if type_::type_obj(this.ty()).heap { super::call_meth(this, "flush", &[]).map(|_| ()) } else { Ok(()) };
    let closed = f.close_fd();
    flushed?;
    closed?;
    Ok(Value::None)
}

fn fio_fileno(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "fileno")?;
    meth_noargs("fileno", rest, kwargs)?;
    Ok(Value::Int(f.open_fd("fileno")? as i64))
}

fn fio_isatty(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "isatty")?;
    meth_noargs("isatty", rest, kwargs)?;
    Ok(Value::Bool(f.isatty()?))
}

fn fio_readable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "readable")?;
    meth_noargs("readable", rest, kwargs)?;
    Ok(Value::Bool(f.readable()?))
}

fn fio_writable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "writable")?;
    meth_noargs("writable", rest, kwargs)?;
    Ok(Value::Bool(f.writable()?))
}

fn fio_seekable(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "seekable")?;
    meth_noargs("seekable", rest, kwargs)?;
    Ok(Value::Bool(f.is_seekable()?))
}

fn mode_string(st: &FileState) -> &'static str {
    if st.created {
        if st.readable {
            "xb+"
        } else {
            "xb"
        }
    } else if st.appending {
        if st.readable {
            "ab+"
        } else {
            "ab"
        }
    } else if st.readable {
        if st.writable {
            "rb+"
        } else {
            "rb"
        }
    } else {
        "wb"
    }
}

fn fio_repr(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, rest) = me(args, "__repr__")?;
    meth_noargs("__repr__", rest, kwargs)?;
    let this = &args[0];
    let tn = tp_name(this);
    let (fd, mode, closefd) = {
        let st = f.st.lock();
        (st.fd, mode_string(&st), st.closefd)
    };
    if fd < 0 {
        return Ok(Value::from(format!("<{tn} [closed]>")));
    }
    let closefd = if closefd { "True" } else { "False" };
    Ok(Value::from(match ops::attr::getattr_opt(this, "name")? {
        None => format!("<{tn} fd={fd} mode='{mode}' closefd={closefd}>"),
        Some(name) => {
            let r = crate::ops::format::repr(&name)?;
            format!("<{tn} name={r} mode='{mode}' closefd={closefd}>")
        }
    }))
}

fn fio_getstate(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let this = args.first().cloned().unwrap_or(Value::None);
    Err(type_error(format!("cannot pickle '{}' instances", tp_name(&this))))
}

fn fio_closed(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, _) = me(args, "closed")?;
    Ok(Value::Bool(f.is_closed()))
}

fn fio_closefd(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, _) = me(args, "closefd")?;
    Ok(Value::Bool(f.st.lock().closefd))
}

fn fio_mode(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, _) = me(args, "mode")?;
    Ok(Value::from(mode_string(&f.st.lock())))
}

fn fio_blksize(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (f, _) = me(args, "_blksize")?;
    Ok(Value::Int(f.st.lock().blksize as i64))
}

/// Whether a raw stream is a terminal (natively for a `FileIO`).
pub fn raw_isatty(raw: &Value) -> PyResult<bool> {
    match fileio_of(raw) {
        Some(f) => f.isatty(),
        None => ops::truthy(&super::call_meth(raw, "isatty", &[])?),
    }
}

/// The buffer size `open()` picks for a raw stream: its block size, as CPython reads `st_blksize`.
pub fn blksize(raw: &Value) -> usize {
    fileio_of(raw).map_or(DEFAULT_BUFFER_SIZE, |f| f.st.lock().blksize)
}

pub(crate) fn make_type(base: &ObjRef) -> ObjRef {
    let ty = super::make_type(
        "FileIO",
        base,
        Layout::Other,
        &[
            ("__init__", fileio_init),
            ("read", fio_read),
            ("readall", fio_readall),
            ("readinto", fio_readinto),
            ("write", fio_write),
            ("seek", fio_seek),
            ("tell", fio_tell),
            ("truncate", fio_truncate),
            ("close", fio_close),
            ("fileno", fio_fileno),
            ("isatty", fio_isatty),
            ("readable", fio_readable),
            ("writable", fio_writable),
            ("seekable", fio_seekable),
            ("__repr__", fio_repr),
            ("__getstate__", fio_getstate),
        ],
    );
    super::set_new(&ty, fileio_new);
    super::add_getters(
        &ty,
        &[("closed", fio_closed), ("closefd", fio_closefd), ("mode", fio_mode), ("_blksize", fio_blksize)],
    );
    let _ = dict::get_str;
    ty
}
