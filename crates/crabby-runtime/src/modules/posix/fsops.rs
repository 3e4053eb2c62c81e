//! `posix`'s path and directory functions: `stat` and `os.stat_result`, `access`, permissions and owners,
//! the working directory, creating, renaming, linking and removing names, `utime`, `listdir`, and `scandir`
//! with `os.DirEntry`.
//!
//! Functions that take `dir_fd` or `follow_symlinks` use the `*at` system calls (`fstatat`, `openat`,
//! `unlinkat`, ...), so `os.supports_dir_fd` can list them and `shutil.rmtree` takes its descriptor-based path.

use std::ffi::CString;
use std::sync::OnceLock;

use parking_lot::Mutex;

use super::{
    bind, c_int, c_long, decode_name, dir_fd, fd_of, flag, last_errno, last_error, os_error, path_arg, path_only,
    FsPath, PathOrFd,
};
use crate::builtins::exceptions::ExcKind;
use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::object::static_method;
use crate::builtins::structseq::{self, StructSeqSpec};
use crate::builtins::{add_methods, dict, int, list, new_native_type, type_};
use crate::error::{type_error, value_error, PyErr, PyResult};
use crate::object::{NativeBox, ObjRef, Payload};
use crate::ops;
use crate::Value;

// ---------------------------------------------------------------------------------------------------------
// stat

static STAT_RESULT: StructSeqSpec = StructSeqSpec {
    module: "os",
    name: "stat_result",
    fields: &[
        "st_mode",
        "st_ino",
        "st_dev",
        "st_nlink",
        "st_uid",
        "st_gid",
        "st_size",
        "",
        "",
        "",
        "st_atime",
        "st_mtime",
        "st_ctime",
        "st_atime_ns",
        "st_mtime_ns",
        "st_ctime_ns",
        "st_blksize",
        "st_blocks",
        "st_rdev",
    ],
    n_sequence: 10,
    constructible: true,
    doc: Some(
        "stat_result: Result from stat, fstat, or lstat.\n\nThis object may be accessed either as a tuple of\n  \
         (mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime)\nor via the attributes st_mode, st_ino, \
         st_dev, st_nlink, st_uid, and so on.\n\nPosix/windows: If your platform supports st_blksize, \
         st_blocks, st_rdev,\nor st_flags, they are available as attributes only.\n\nSee os.stat for more \
         information.",
    ),
};

pub(crate) fn stat_result_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| structseq::new_type(&STAT_RESULT))
}

/// An `os.stat_result` from the system's `struct stat`.
pub(crate) fn stat_value(st: &libc::stat64) -> Value {
    let time = |sec: i64, nsec: i64| {
        (
            Value::Int(sec),
            Value::Float(sec as f64 + nsec as f64 * 1e-9),
            int::from_bigint(num_bigint::BigInt::from(sec) * 1_000_000_000 + nsec),
        )
    };
    let (ai, af, ans) = time(st.st_atime, st.st_atime_nsec);
    let (mi, mf, mns) = time(st.st_mtime, st.st_mtime_nsec);
    let (ci, cf, cns) = time(st.st_ctime, st.st_ctime_nsec);
    let values = vec![
        Value::Int(st.st_mode as i64),
        int::from_bigint(num_bigint::BigInt::from(st.st_ino)),
        int::from_bigint(num_bigint::BigInt::from(st.st_dev)),
        Value::Int(st.st_nlink as i64),
        Value::Int(st.st_uid as i64),
        Value::Int(st.st_gid as i64),
        Value::Int(st.st_size),
        ai,
        mi,
        ci,
        af,
        mf,
        cf,
        ans,
        mns,
        cns,
        Value::Int(st.st_blksize),
        Value::Int(st.st_blocks),
        int::from_bigint(num_bigint::BigInt::from(st.st_rdev)),
    ];
    structseq::new(stat_result_type(), values)
}

/// `fstatat(dfd, path, flags)` or `fstat(fd)`, with `errno` on failure.
pub(crate) fn raw_stat(target: &PathOrFd, dfd: i32, follow: bool) -> Result<libc::stat64, i32> {
    // SAFETY: an all-zero `stat64` is a valid value of the plain C struct the calls fill in.
    let mut st: libc::stat64 = unsafe { std::mem::zeroed() };
    let r = match target {
        // SAFETY: `st` is a live, writable `stat64`.
        PathOrFd::Fd(fd) => unsafe { libc::fstat64(*fd, &mut st) },
        PathOrFd::Path(p) => {
            let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
            // SAFETY: `p.c` is NUL-terminated and `st` is a live, writable `stat64`.
            unsafe { libc::fstatat64(dfd, p.c.as_ptr(), &mut st, flags) }
        }
    };
    if r == -1 {
        return Err(last_errno());
    }
    Ok(st)
}

fn filename_of(target: &PathOrFd) -> Option<&Value> {
    match target {
        PathOrFd::Path(p) => Some(&p.orig),
        PathOrFd::Fd(_) => None,
    }
}

fn do_stat(func: &str, args: &[Value], kwargs: &[(Value, Value)], lstat: bool) -> PyResult<Value> {
    let kwonly: &[&str] = if lstat { &["dir_fd"] } else { &["dir_fd", "follow_symlinks"] };
    let a = bind(func, args, kwargs, &["path"], kwonly, 1)?;
    let target = path_arg(func, "path", a[0].as_ref().expect("required"), !lstat, false)?;
    let dfd = dir_fd(&a[1])?;
    let follow = !lstat && flag(a.get(2).unwrap_or(&None), true)?;
    match raw_stat(&target, dfd, follow) {
        Ok(st) => Ok(stat_value(&st)),
        Err(e) => Err(os_error(e, filename_of(&target), None)),
    }
}

fn stat(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    do_stat("stat", args, kwargs, false)
}

fn lstat(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    do_stat("lstat", args, kwargs, true)
}

fn fstat(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("fstat", args, kwargs, &["fd"], &[], 1)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    match raw_stat(&PathOrFd::Fd(fd), libc::AT_FDCWD, true) {
        Ok(st) => Ok(stat_value(&st)),
        Err(e) => Err(os_error(e, None, None)),
    }
}

fn access(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("access", args, kwargs, &["path", "mode"], &["dir_fd", "effective_ids", "follow_symlinks"], 2)?;
    let p = path_only("access", "path", a[0].as_ref().expect("required"))?;
    let mode = c_int(a[1].as_ref().expect("required"))?;
    let dfd = dir_fd(&a[2])?;
    let mut flags = 0;
    if flag(&a[3], false)? {
        flags |= libc::AT_EACCESS;
    }
    if !flag(&a[4], true)? {
        flags |= libc::AT_SYMLINK_NOFOLLOW;
    }
    // SAFETY: `p.c` is NUL-terminated.
    Ok(Value::Bool(unsafe { libc::faccessat(dfd, p.c.as_ptr(), mode, flags) } == 0))
}

// ---------------------------------------------------------------------------------------------------------
// The working directory, permissions and owners.

fn cwd_bytes() -> PyResult<Vec<u8>> {
    match std::env::current_dir() {
        Ok(p) => Ok(std::os::unix::ffi::OsStrExt::as_bytes(p.as_os_str()).to_vec()),
        Err(e) => Err(os_error(e.raw_os_error().unwrap_or(libc::ENOENT), None, None)),
    }
}

fn getcwd(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("getcwd", args, kwargs, &[], &[], 0)?;
    decode_name(&cwd_bytes()?, false)
}

fn getcwdb(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    bind("getcwdb", args, kwargs, &[], &[], 0)?;
    decode_name(&cwd_bytes()?, true)
}

fn chdir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("chdir", args, kwargs, &["path"], &[], 1)?;
    let target = path_arg("chdir", "path", a[0].as_ref().expect("required"), true, false)?;
    let r = match &target {
        // SAFETY: no memory is passed.
        PathOrFd::Fd(fd) => unsafe { libc::fchdir(*fd) },
        // SAFETY: `p.c` is NUL-terminated.
        PathOrFd::Path(p) => unsafe { libc::chdir(p.c.as_ptr()) },
    };
    if r == -1 {
        return Err(last_error(filename_of(&target)));
    }
    Ok(Value::None)
}

fn fchdir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("fchdir", args, kwargs, &["fd"], &[], 1)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    if unsafe { libc::fchdir(fd) } == -1 {
        return Err(last_error(None));
    }
    Ok(Value::None)
}

fn chmod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("chmod", args, kwargs, &["path", "mode"], &["dir_fd", "follow_symlinks"], 2)?;
    let target = path_arg("chmod", "path", a[0].as_ref().expect("required"), true, false)?;
    let mode = c_int(a[1].as_ref().expect("required"))? as libc::mode_t;
    let dfd = dir_fd(&a[2])?;
    let follow = flag(&a[3], true)?;
    let r = match &target {
        // SAFETY: no memory is passed.
        PathOrFd::Fd(fd) => unsafe { libc::fchmod(*fd, mode) },
        PathOrFd::Path(p) => {
            if !follow {
                // Linux cannot change a symbolic link's own mode.
                return Err(crate::error::not_implemented("chmod: follow_symlinks unavailable on this platform"));
            }
            // SAFETY: `p.c` is NUL-terminated.
            unsafe { libc::fchmodat(dfd, p.c.as_ptr(), mode, 0) }
        }
    };
    if r == -1 {
        return Err(last_error(filename_of(&target)));
    }
    Ok(Value::None)
}

fn fchmod(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("fchmod", args, kwargs, &["fd", "mode"], &[], 2)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    let mode = c_int(a[1].as_ref().expect("required"))? as libc::mode_t;
    // SAFETY: no memory is passed.
    if unsafe { libc::fchmod(fd, mode) } == -1 {
        return Err(last_error(None));
    }
    Ok(Value::None)
}

fn id_arg(v: &Value) -> PyResult<u32> {
    let n = c_long(v)?;
    // -1 means "leave unchanged" (`(uid_t)-1`).
    Ok(if n == -1 { u32::MAX } else { n as u32 })
}

fn chown(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("chown", args, kwargs, &["path", "uid", "gid"], &["dir_fd", "follow_symlinks"], 3)?;
    let target = path_arg("chown", "path", a[0].as_ref().expect("required"), true, false)?;
    let uid = id_arg(a[1].as_ref().expect("required"))?;
    let gid = id_arg(a[2].as_ref().expect("required"))?;
    let dfd = dir_fd(&a[3])?;
    let flags = if flag(&a[4], true)? { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let r = match &target {
        // SAFETY: no memory is passed.
        PathOrFd::Fd(fd) => unsafe { libc::fchown(*fd, uid, gid) },
        // SAFETY: `p.c` is NUL-terminated.
        PathOrFd::Path(p) => unsafe { libc::fchownat(dfd, p.c.as_ptr(), uid, gid, flags) },
    };
    if r == -1 {
        return Err(last_error(filename_of(&target)));
    }
    Ok(Value::None)
}

fn lchown(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("lchown", args, kwargs, &["path", "uid", "gid"], &[], 3)?;
    let p = path_only("lchown", "path", a[0].as_ref().expect("required"))?;
    let uid = id_arg(a[1].as_ref().expect("required"))?;
    let gid = id_arg(a[2].as_ref().expect("required"))?;
    // SAFETY: `p.c` is NUL-terminated.
    if unsafe { libc::lchown(p.c.as_ptr(), uid, gid) } == -1 {
        return Err(last_error(Some(&p.orig)));
    }
    Ok(Value::None)
}

fn fchown(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("fchown", args, kwargs, &["fd", "uid", "gid"], &[], 3)?;
    let fd = fd_of(a[0].as_ref().expect("required"))?;
    let uid = id_arg(a[1].as_ref().expect("required"))?;
    let gid = id_arg(a[2].as_ref().expect("required"))?;
    // SAFETY: no memory is passed.
    if unsafe { libc::fchown(fd, uid, gid) } == -1 {
        return Err(last_error(None));
    }
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------------------
// Creating, renaming, linking and removing names.

fn mkdir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("mkdir", args, kwargs, &["path", "mode"], &["dir_fd"], 1)?;
    let p = path_only("mkdir", "path", a[0].as_ref().expect("required"))?;
    let mode = match &a[1] {
        Some(m) => c_int(m)?,
        None => 0o777,
    };
    let dfd = dir_fd(&a[2])?;
    // SAFETY: `p.c` is NUL-terminated.
    if unsafe { libc::mkdirat(dfd, p.c.as_ptr(), mode as libc::mode_t) } == -1 {
        return Err(last_error(Some(&p.orig)));
    }
    Ok(Value::None)
}

fn unlink_impl(func: &str, args: &[Value], kwargs: &[(Value, Value)], flags: i32) -> PyResult<Value> {
    let a = bind(func, args, kwargs, &["path"], &["dir_fd"], 1)?;
    let p = path_only(func, "path", a[0].as_ref().expect("required"))?;
    let dfd = dir_fd(&a[1])?;
    // SAFETY: `p.c` is NUL-terminated.
    if unsafe { libc::unlinkat(dfd, p.c.as_ptr(), flags) } == -1 {
        return Err(last_error(Some(&p.orig)));
    }
    Ok(Value::None)
}

fn rmdir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unlink_impl("rmdir", args, kwargs, libc::AT_REMOVEDIR)
}

fn unlink(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unlink_impl("unlink", args, kwargs, 0)
}

fn remove(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    unlink_impl("remove", args, kwargs, 0)
}

/// Two path arguments must both be `str` or both `bytes`, as CPython's `path_converter` pairs insist.
fn same_kind(func: &str, a: &FsPath, b: &FsPath) -> PyResult<()> {
    if a.as_bytes != b.as_bytes {
        return Err(type_error(format!("{func}: src and dst must be the same type")));
    }
    Ok(())
}

fn rename_impl(func: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind(func, args, kwargs, &["src", "dst"], &["src_dir_fd", "dst_dir_fd"], 2)?;
    let src = path_only(func, "src", a[0].as_ref().expect("required"))?;
    let dst = path_only(func, "dst", a[1].as_ref().expect("required"))?;
    same_kind(func, &src, &dst)?;
    let (sfd, dfd) = (dir_fd(&a[2])?, dir_fd(&a[3])?);
    // SAFETY: both strings are NUL-terminated.
    if unsafe { libc::renameat(sfd, src.c.as_ptr(), dfd, dst.c.as_ptr()) } == -1 {
        return Err(os_error(last_errno(), Some(&src.orig), Some(&dst.orig)));
    }
    Ok(Value::None)
}

fn rename(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    rename_impl("rename", args, kwargs)
}

fn replace(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    rename_impl("replace", args, kwargs)
}

fn link(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("link", args, kwargs, &["src", "dst"], &["src_dir_fd", "dst_dir_fd", "follow_symlinks"], 2)?;
    let src = path_only("link", "src", a[0].as_ref().expect("required"))?;
    let dst = path_only("link", "dst", a[1].as_ref().expect("required"))?;
    same_kind("link", &src, &dst)?;
    let (sfd, dfd) = (dir_fd(&a[2])?, dir_fd(&a[3])?);
    let flags = if flag(&a[4], true)? { libc::AT_SYMLINK_FOLLOW } else { 0 };
    // SAFETY: both strings are NUL-terminated.
    if unsafe { libc::linkat(sfd, src.c.as_ptr(), dfd, dst.c.as_ptr(), flags) } == -1 {
        return Err(os_error(last_errno(), Some(&src.orig), Some(&dst.orig)));
    }
    Ok(Value::None)
}

fn symlink(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("symlink", args, kwargs, &["src", "dst", "target_is_directory"], &["dir_fd"], 2)?;
    let src = path_only("symlink", "src", a[0].as_ref().expect("required"))?;
    let dst = path_only("symlink", "dst", a[1].as_ref().expect("required"))?;
    same_kind("symlink", &src, &dst)?;
    let dfd = dir_fd(&a[3])?;
    // SAFETY: both strings are NUL-terminated.
    if unsafe { libc::symlinkat(src.c.as_ptr(), dfd, dst.c.as_ptr()) } == -1 {
        return Err(os_error(last_errno(), Some(&src.orig), Some(&dst.orig)));
    }
    Ok(Value::None)
}

fn readlink(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("readlink", args, kwargs, &["path"], &["dir_fd"], 1)?;
    let p = path_only("readlink", "path", a[0].as_ref().expect("required"))?;
    let dfd = dir_fd(&a[1])?;
    let mut buf = vec![0u8; libc::PATH_MAX as usize + 1];
    // SAFETY: `buf` has room for `buf.len()` bytes; `p.c` is NUL-terminated.
    let n = unsafe { libc::readlinkat(dfd, p.c.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    if n == -1 {
        return Err(last_error(Some(&p.orig)));
    }
    buf.truncate(n as usize);
    p.output(&buf)
}

/// A time argument of `utime` (int or float seconds) as a `timespec`, rounded toward minus infinity as
/// CPython's `_PyTime_ROUND_FLOOR` does.
fn timespec_of(v: &Value) -> PyResult<libc::timespec> {
    if let Value::Float(f) = v {
        let sec = f.floor();
        let mut nsec = ((f - sec) * 1e9).floor();
        let mut sec = sec as i64;
        if nsec >= 1e9 {
            sec += 1;
            nsec -= 1e9;
        }
        return Ok(libc::timespec { tv_sec: sec, tv_nsec: nsec as i64 });
    }
    if int::is_int(v) {
        return Ok(libc::timespec { tv_sec: c_long(v)?, tv_nsec: 0 });
    }
    Err(type_error(format!("'{}' object cannot be interpreted as an integer", v.type_name())))
}

fn utime(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("utime", args, kwargs, &["path", "times"], &["ns", "dir_fd", "follow_symlinks"], 1)?;
    let target = path_arg("utime", "path", a[0].as_ref().expect("required"), true, false)?;
    let times = a[1].clone().filter(|t| !t.is_none());
    let ns = a[2].clone();
    let dfd = dir_fd(&a[3])?;
    let follow = flag(&a[4], true)?;
    let spec: Option<[libc::timespec; 2]> = match (times, ns) {
        (Some(_), Some(_)) => {
            return Err(value_error("utime: you may specify either 'times' or 'ns' but not both"));
        }
        (Some(t), None) => {
            let items = t
                .as_tuple()
                .filter(|t| t.len() == 2)
                .ok_or_else(|| type_error("utime: 'times' must be either a tuple of two ints or None"))?;
            Some([timespec_of(&items[0])?, timespec_of(&items[1])?])
        }
        (None, Some(n)) => {
            let items = n
                .as_tuple()
                .filter(|t| t.len() == 2)
                .ok_or_else(|| type_error("utime: 'ns' must be a tuple of two ints"))?;
            let mut out = [libc::timespec { tv_sec: 0, tv_nsec: 0 }; 2];
            for (o, v) in out.iter_mut().zip(items) {
                let b = int::to_bigint(&ops::number::index(v)?).unwrap_or_default();
                let (q, r) = num_integer::Integer::div_mod_floor(&b, &num_bigint::BigInt::from(1_000_000_000));
                o.tv_sec = num_traits::ToPrimitive::to_i64(&q)
                    .ok_or_else(|| crate::error::overflow_error("timestamp too large to convert to C time_t"))?;
                o.tv_nsec = num_traits::ToPrimitive::to_i64(&r).unwrap_or(0);
            }
            Some(out)
        }
        (None, None) => None,
    };
    let ptr = spec.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
    let r = match &target {
        // SAFETY: `ptr` is null or points at two live `timespec`s.
        PathOrFd::Fd(fd) => unsafe { libc::futimens(*fd, ptr) },
        PathOrFd::Path(p) => {
            let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
            // SAFETY: as above; `p.c` is NUL-terminated.
            unsafe { libc::utimensat(dfd, p.c.as_ptr(), ptr, flags) }
        }
    };
    if r == -1 {
        return Err(last_error(filename_of(&target)));
    }
    Ok(Value::None)
}

// ---------------------------------------------------------------------------------------------------------
// Reading directories.

/// One directory entry as `readdir` reports it.
struct RawEntry {
    name: Vec<u8>,
    d_type: u8,
    ino: u64,
}

/// Reads a whole directory (without `.` and `..`): the directory at `path`, or the one open on `fd` (read
/// through a duplicate from its start, leaving `fd` open), as CPython's `listdir` does.
fn read_dir(target: &PathOrFd) -> Result<Vec<RawEntry>, i32> {
    // SAFETY: `opendir`/`fdopendir` return a valid stream or null; `readdir` is only called on a non-null
    // stream, each entry is copied out before the next call, and the stream is closed exactly once.
    unsafe {
        let dir = match target {
            PathOrFd::Path(p) => libc::opendir(p.c.as_ptr()),
            PathOrFd::Fd(fd) => {
                let dup = libc::fcntl(*fd, libc::F_DUPFD_CLOEXEC, 0);
                if dup == -1 {
                    return Err(last_errno());
                }
                let d = libc::fdopendir(dup);
                if d.is_null() {
                    let e = last_errno();
                    libc::close(dup);
                    return Err(e);
                }
                libc::rewinddir(d);
                d
            }
        };
        if dir.is_null() {
            return Err(last_errno());
        }
        let mut out = Vec::new();
        loop {
            *libc::__errno_location() = 0;
            let ent = libc::readdir64(dir);
            if ent.is_null() {
                let e = last_errno();
                libc::closedir(dir);
                if e != 0 {
                    return Err(e);
                }
                return Ok(out);
            }
            let name = std::ffi::CStr::from_ptr((*ent).d_name.as_ptr()).to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            out.push(RawEntry { name: name.to_vec(), d_type: (*ent).d_type, ino: (*ent).d_ino });
        }
    }
}

/// The directory argument of `listdir`/`scandir`: a path (default `.`) or a descriptor.
fn dir_arg(func: &str, v: &Option<Value>) -> PyResult<PathOrFd> {
    match v {
        None | Some(Value::None) => Ok(PathOrFd::Path(FsPath {
            c: CString::new(".").expect("no NUL"),
            as_bytes: false,
            orig: Value::from("."),
        })),
        Some(v) => path_arg(func, "path", v, true, true),
    }
}

fn listdir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("listdir", args, kwargs, &["path"], &[], 0)?;
    let target = dir_arg("listdir", &a[0])?;
    let as_bytes = matches!(&target, PathOrFd::Path(p) if p.as_bytes);
    let entries = read_dir(&target).map_err(|e| os_error(e, filename_of(&target), None))?;
    let names = entries.iter().map(|e| decode_name(&e.name, as_bytes)).collect::<PyResult<Vec<_>>>()?;
    Ok(list::new_list(names))
}

/// An `os.DirEntry`: the name and type `readdir` gave, and the `stat` results once asked for.
struct DirEntryState {
    name: Value,
    path: Value,
    /// The name relative to `dir_fd`, or the full path when there is none, for `stat` calls.
    stat_path: CString,
    dir_fd: Option<i32>,
    d_type: u8,
    ino: u64,
    stat: Mutex<Option<Value>>,
    lstat: Mutex<Option<Value>>,
}

fn entry_of<'a>(args: &'a [Value], method: &str) -> PyResult<&'a DirEntryState> {
    let st = args.first().and_then(|v| match v.payload() {
        Some(Payload::Native(b)) => b.get::<DirEntryState>(),
        _ => None,
    });
    st.ok_or_else(|| {
        type_error(format!(
            "descriptor '{method}' for 'posix.DirEntry' objects doesn't apply to a '{}' object",
            args.first().map_or_else(|| "NoneType".to_string(), |v| v.type_name())
        ))
    })
}

impl DirEntryState {
    fn fetch(&self, follow: bool) -> PyResult<Value> {
        let cache = if follow { &self.stat } else { &self.lstat };
        if let Some(v) = cache.lock().clone() {
            return Ok(v);
        }
        let p = PathOrFd::Path(FsPath { c: self.stat_path.clone(), as_bytes: false, orig: self.path.clone() });
        let v = match raw_stat(&p, self.dir_fd.unwrap_or(libc::AT_FDCWD), follow) {
            Ok(st) => stat_value(&st),
            Err(e) => return Err(os_error(e, Some(&self.path), None)),
        };
        *cache.lock() = Some(v.clone());
        Ok(v)
    }

    /// Whether the entry has the file type `kind` (`S_IFDIR`, ...), from `readdir`'s type when it is known
    /// and decisive, else from `stat`; a vanished file is simply not of that type.
    fn test_mode(&self, kind: u32, follow: bool) -> PyResult<bool> {
        let is_link = self.d_type == libc::DT_LNK;
        if self.d_type != libc::DT_UNKNOWN && !(follow && is_link) {
            let want = match kind {
                libc::S_IFDIR => libc::DT_DIR,
                libc::S_IFREG => libc::DT_REG,
                _ => libc::DT_LNK,
            };
            return Ok(self.d_type == want);
        }
        match self.fetch(follow) {
            Ok(st) => {
                let mode = structseq::field(&st, "st_mode").and_then(|m| int::as_i64(&m)).unwrap_or(0) as u32;
                Ok(mode & libc::S_IFMT == kind)
            }
            Err(e) if e.matches(ExcKind::FileNotFoundError) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

fn follow_kw(func: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<bool> {
    let a = bind(func, &args[1..], kwargs, &[], &["follow_symlinks"], 0)?;
    flag(&a[0], true)
}

fn entry_is_dir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = entry_of(args, "is_dir")?;
    let follow = follow_kw("is_dir", args, kwargs)?;
    Ok(Value::Bool(e.test_mode(libc::S_IFDIR, follow)?))
}

fn entry_is_file(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = entry_of(args, "is_file")?;
    let follow = follow_kw("is_file", args, kwargs)?;
    Ok(Value::Bool(e.test_mode(libc::S_IFREG, follow)?))
}

fn entry_is_symlink(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = entry_of(args, "is_symlink")?;
    bind("is_symlink", &args[1..], kwargs, &[], &[], 0)?;
    Ok(Value::Bool(e.test_mode(libc::S_IFLNK, false)?))
}

fn entry_is_junction(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    entry_of(args, "is_junction")?;
    bind("is_junction", &args[1..], kwargs, &[], &[], 0)?;
    Ok(Value::Bool(false))
}

fn entry_stat(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = entry_of(args, "stat")?;
    let follow = follow_kw("stat", args, kwargs)?;
    // A symbolic link's own `lstat` is the `stat` when not following, and non-links stat the same both ways.
    if follow && e.d_type != libc::DT_LNK && e.d_type != libc::DT_UNKNOWN {
        if let Some(v) = e.lstat.lock().clone() {
            return Ok(v);
        }
    }
    e.fetch(follow)
}

fn entry_inode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = entry_of(args, "inode")?;
    bind("inode", &args[1..], kwargs, &[], &[], 0)?;
    Ok(int::from_bigint(num_bigint::BigInt::from(e.ino)))
}

fn entry_fspath(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = entry_of(args, "__fspath__")?;
    bind("__fspath__", &args[1..], kwargs, &[], &[], 0)?;
    Ok(e.path.clone())
}

fn entry_repr(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let e = entry_of(args, "__repr__")?;
    Ok(Value::from(format!("<DirEntry {}>", ops::format::repr(&e.name)?)))
}

fn entry_name(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(entry_of(args, "name")?.name.clone())
}

fn entry_path(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(entry_of(args, "path")?.path.clone())
}

fn cannot_create(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let name = args.first().and_then(|t| t.as_obj()).map(type_::type_name).unwrap_or_default();
    Err(type_error(format!("cannot create 'posix.{name}' instances")))
}

fn dir_entry_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| {
        let ty = new_native_type("DirEntry", "posix", false);
        add_methods(
            &ty,
            &[
                ("is_dir", entry_is_dir),
                ("is_file", entry_is_file),
                ("is_symlink", entry_is_symlink),
                ("is_junction", entry_is_junction),
                ("stat", entry_stat),
                ("inode", entry_inode),
                ("__fspath__", entry_fspath),
                ("__repr__", entry_repr),
            ],
        );
        let d = &type_obj_dict(&ty);
        for (name, f) in [("name", entry_name as NativeFn), ("path", entry_path)] {
            let getter = new_builtin(name, f, None);
            dict::set_str(
                d,
                name,
                crate::builtins::descriptor::make_property(getter, Value::None, Value::None, Value::None),
            );
        }
        dict::set_str(d, "__new__", static_method(new_builtin("__new__", cannot_create, Some(ty.clone()))));
        crate::builtins::generic_alias::add_class_getitem(&ty);
        ty
    })
}

fn type_obj_dict(ty: &ObjRef) -> ObjRef {
    type_::type_obj(ty).dict.clone()
}

/// The state of a `scandir()` iterator: the entries still to yield (read when `scandir` was called).
/// NOTE: CPython reads the directory lazily as the iterator advances; crabby reads it whole at the call,
/// so entries created or removed meanwhile are seen as they were then.
struct ScandirState {
    pending: Mutex<Option<std::vec::IntoIter<Value>>>,
}

fn scandir_of<'a>(args: &'a [Value], method: &str) -> PyResult<&'a ScandirState> {
    let st = args.first().and_then(|v| match v.payload() {
        Some(Payload::Native(b)) => b.get::<ScandirState>(),
        _ => None,
    });
    st.ok_or_else(|| type_error(format!("descriptor '{method}' requires a 'posix.ScandirIterator' object")))
}

fn scandir_iter(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    scandir_of(args, "__iter__")?;
    Ok(args[0].clone())
}

fn scandir_next(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = scandir_of(args, "__next__")?;
    let next = s.pending.lock().as_mut().and_then(|it| it.next());
    match next {
        Some(v) => Ok(v),
        None => {
            *s.pending.lock() = None;
            Err(PyErr::with_args(ExcKind::StopIteration, Vec::new()))
        }
    }
}

fn scandir_close(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    *scandir_of(args, "close")?.pending.lock() = None;
    Ok(Value::None)
}

fn scandir_enter(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    scandir_of(args, "__enter__")?;
    Ok(args[0].clone())
}

fn scandir_exit(args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    *scandir_of(args, "__exit__")?.pending.lock() = None;
    Ok(Value::None)
}

fn scandir_iterator_type() -> &'static ObjRef {
    static TY: OnceLock<ObjRef> = OnceLock::new();
    TY.get_or_init(|| {
        let ty = new_native_type("ScandirIterator", "posix", false);
        add_methods(
            &ty,
            &[
                ("__iter__", scandir_iter),
                ("__next__", scandir_next),
                ("close", scandir_close),
                ("__enter__", scandir_enter),
                ("__exit__", scandir_exit),
            ],
        );
        dict::set_str(
            &type_obj_dict(&ty),
            "__new__",
            static_method(new_builtin("__new__", cannot_create, Some(ty.clone()))),
        );
        ty
    })
}

fn scandir(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = bind("scandir", args, kwargs, &["path"], &[], 0)?;
    let target = dir_arg("scandir", &a[0])?;
    let raw = read_dir(&target).map_err(|e| os_error(e, filename_of(&target), None))?;
    let mut entries = Vec::with_capacity(raw.len());
    for r in raw {
        let (name, path, stat_path, dfd) = match &target {
            PathOrFd::Path(p) => {
                let dir = p.c.as_bytes();
                let mut full = dir.to_vec();
                if !full.ends_with(b"/") {
                    full.push(b'/');
                }
                full.extend_from_slice(&r.name);
                let c = CString::new(full.clone()).expect("names hold no NUL");
                (decode_name(&r.name, p.as_bytes)?, decode_name(&full, p.as_bytes)?, c, None)
            }
            PathOrFd::Fd(fd) => {
                let name = decode_name(&r.name, false)?;
                (name.clone(), name, CString::new(r.name.clone()).expect("names hold no NUL"), Some(*fd))
            }
        };
        let st = DirEntryState {
            name,
            path,
            stat_path,
            dir_fd: dfd,
            d_type: r.d_type,
            ino: r.ino,
            stat: Mutex::new(None),
            lstat: Mutex::new(None),
        };
        entries.push(Value::Obj(ObjRef::new(dir_entry_type(), Payload::Native(NativeBox::new(st)))));
    }
    let state = ScandirState { pending: Mutex::new(Some(entries.into_iter())) };
    Ok(Value::Obj(ObjRef::new(scandir_iterator_type(), Payload::Native(NativeBox::new(state)))))
}

pub(super) const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("stat", stat),
    ("lstat", lstat),
    ("fstat", fstat),
    ("access", access),
    ("getcwd", getcwd),
    ("getcwdb", getcwdb),
    ("chdir", chdir),
    ("fchdir", fchdir),
    ("chmod", chmod),
    ("fchmod", fchmod),
    ("chown", chown),
    ("lchown", lchown),
    ("fchown", fchown),
    ("mkdir", mkdir),
    ("rmdir", rmdir),
    ("unlink", unlink),
    ("remove", remove),
    ("rename", rename),
    ("replace", replace),
    ("link", link),
    ("symlink", symlink),
    ("readlink", readlink),
    ("utime", utime),
    ("listdir", listdir),
    ("scandir", scandir),
];

pub(super) fn add_types(d: &ObjRef) {
    dict::set_str(d, "stat_result", Value::Obj(stat_result_type().clone()));
    dict::set_str(d, "DirEntry", Value::Obj(dir_entry_type().clone()));
}
