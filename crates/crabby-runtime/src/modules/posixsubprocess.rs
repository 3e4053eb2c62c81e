//! `_posixsubprocess`: `fork_exec`, how `subprocess.Popen` starts a child process on POSIX systems.
//!
//! Everything the child needs (argument and environment strings, the descriptors to keep) is prepared before
//! `fork`, because the child of a multi-threaded process may only make async-signal-safe calls: it must not
//! allocate (another thread may have held the allocator's lock at the fork) nor touch any runtime object. The
//! child arranges its standard descriptors, closes the others, changes directory and executes the first
//! program of `executable_list` that it can. If that fails, it reports `OSError:<errno in hex>:` (with
//! `noexec` when the failure came before any exec attempt) on the error pipe, which `subprocess` turns into
//! the matching OSError, and exits with status 255, as CPython's child does.

use std::ffi::CString;
use std::sync::OnceLock;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, list, module};
use crate::error::{not_implemented, type_error, PyResult};
use crate::modules::posix::{c_int, last_error, path_only};
use crate::object::{ObjRef, Payload};
use crate::ops;
use crate::Value;

static MODULE: OnceLock<ObjRef> = OnceLock::new();

const FUNCTIONS: &[(&str, NativeFn)] = &[("fork_exec", fork_exec)];

pub fn module() -> PyResult<ObjRef> {
    Ok(MODULE
        .get_or_init(|| {
            let m = module::new_module("_posixsubprocess").make_immortal();
            let d = module::module_dict(&m);
            dict::set_str(d, "__doc__", Value::from("A POSIX helper for the subprocess module."));
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            m
        })
        .clone())
}

/// The items of a tuple or list argument.
fn sequence(v: &Value, what: &str) -> PyResult<Vec<Value>> {
    if let Some(t) = v.as_tuple() {
        return Ok(t.to_vec());
    }
    if let Some(Payload::List(_)) = v.payload() {
        return Ok(list::items(v));
    }
    ops::iter::collect(v).map_err(|_| type_error(format!("{what} must be a sequence")))
}

/// File-system strings (str, bytes or path-like) as C strings, for `execve`.
fn c_strings(v: &Value, what: &str) -> PyResult<Vec<CString>> {
    sequence(v, what)?.iter().map(|x| Ok(path_only("fork_exec", what, x)?.c)).collect()
}

/// A C `int` argument where None means -1 (no such descriptor, no group to set).
fn int_or_none(v: &Value) -> PyResult<i32> {
    if v.is_none() {
        Ok(-1)
    } else {
        c_int(v)
    }
}

/// What the child does, all of it decided before the fork.
struct ChildPlan {
    argv: Vec<CString>,
    executables: Vec<CString>,
    envp: Option<Vec<CString>>,
    cwd: Option<CString>,
    keep: Vec<i32>,
    close_fds: bool,
    /// The highest descriptor number to close, when `close_fds` is set.
    max_fd: i32,
    p2cread: i32,
    p2cwrite: i32,
    c2pread: i32,
    c2pwrite: i32,
    errread: i32,
    errwrite: i32,
    errpipe_read: i32,
    errpipe_write: i32,
    restore_signals: bool,
    call_setsid: bool,
    pgid: i32,
    umask: i32,
}

/// `fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite, c2pread, c2pwrite,
/// errread, errwrite, errpipe_read, errpipe_write, restore_signals, call_setsid, pgid_to_set, gid,
/// extra_groups, uid, child_umask, preexec_fn, allow_vfork)`: the child's pid.
fn fork_exec(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if !kwargs.is_empty() {
        return Err(type_error("fork_exec() takes no keyword arguments"));
    }
    if args.len() != 23 {
        return Err(type_error(format!("fork_exec() takes exactly 23 arguments ({} given)", args.len())));
    }
    let a = args;
    // NOTE: a `preexec_fn` would run Python code in the child of a multi-threaded process, and changing the
    // child's user or groups is not written yet: both are refused before forking rather than ignored.
    if !a[21].is_none() {
        return Err(not_implemented("crabby does not support subprocess's preexec_fn yet"));
    }
    if !a[17].is_none() || !a[18].is_none() || !a[19].is_none() {
        return Err(not_implemented("crabby does not support subprocess's user, group and extra_groups yet"));
    }
    let argv = if a[0].is_none() { Vec::new() } else { c_strings(&a[0], "args")? };
    let executables = c_strings(&a[1], "executable_list")?;
    let close_fds = ops::truthy(&a[2])?;
    let mut keep: Vec<i32> = sequence(&a[3], "pass_fds")?.iter().map(c_int).collect::<PyResult<_>>()?;
    let errpipe_write = int_or_none(&a[13])?;
    keep.push(errpipe_write);
    keep.sort_unstable();
    keep.dedup();
    let cwd = if a[4].is_none() { None } else { Some(path_only("fork_exec", "cwd", &a[4])?.c) };
    let envp = if a[5].is_none() { None } else { Some(c_strings(&a[5], "env")?) };
    // SAFETY: sysconf reads a system limit; no memory is passed.
    let open_max = unsafe { libc::sysconf(libc::_SC_OPEN_MAX) };
    let plan = ChildPlan {
        argv,
        executables,
        envp,
        cwd,
        keep,
        close_fds,
        max_fd: if open_max > 0 { open_max.min(i32::MAX as i64) as i32 } else { 256 },
        p2cread: int_or_none(&a[6])?,
        p2cwrite: int_or_none(&a[7])?,
        c2pread: int_or_none(&a[8])?,
        c2pwrite: int_or_none(&a[9])?,
        errread: int_or_none(&a[10])?,
        errwrite: int_or_none(&a[11])?,
        errpipe_read: int_or_none(&a[12])?,
        errpipe_write,
        restore_signals: ops::truthy(&a[14])?,
        call_setsid: ops::truthy(&a[15])?,
        pgid: int_or_none(&a[16])?,
        umask: int_or_none(&a[20])?,
    };
    // The NULL-terminated pointer arrays, built before the fork as well.
    let argv_ptrs: Vec<*const libc::c_char> =
        plan.argv.iter().map(|s| s.as_ptr()).chain(std::iter::once(std::ptr::null())).collect();
    let env_ptrs: Option<Vec<*const libc::c_char>> =
        plan.envp.as_ref().map(|e| e.iter().map(|s| s.as_ptr()).chain(std::iter::once(std::ptr::null())).collect());
    // SAFETY: the child only calls `child_exec`, which makes async-signal-safe system calls on memory
    // prepared above and never returns; the parent continues normally.
    let pid = unsafe { libc::fork() };
    if pid == -1 {
        return Err(last_error(None));
    }
    if pid == 0 {
        child_exec(&plan, &argv_ptrs, env_ptrs.as_deref());
    }
    Ok(Value::Int(pid as i64))
}

/// The child's side: never returns. Only async-signal-safe calls, no allocation.
fn child_exec(plan: &ChildPlan, argv: &[*const libc::c_char], envp: Option<&[*const libc::c_char]>) -> ! {
    // SAFETY: every call below is a plain system call on descriptors and on strings and arrays that were
    // built before the fork and stay alive (this function never returns).
    unsafe {
        let mut reached_exec = false;
        let err = 'setup: {
            for fd in [plan.p2cwrite, plan.c2pread, plan.errread, plan.errpipe_read] {
                if fd != -1 {
                    libc::close(fd);
                }
            }
            // The descriptors to keep (pass_fds) become inheritable; the error pipe stays close-on-exec,
            // so a successful exec closes it and the parent reads end-of-file.
            for &fd in &plan.keep {
                if fd != plan.errpipe_write && set_inheritable(fd).is_err() {
                    break 'setup errno();
                }
            }
            // Keep the child's ends of the pipes clear of 0-2 before the dup2s overwrite those.
            let mut c2pwrite = plan.c2pwrite;
            if c2pwrite == 0 {
                c2pwrite = libc::dup(c2pwrite);
                if c2pwrite < 0 || set_inheritable(c2pwrite).is_err() {
                    break 'setup errno();
                }
            }
            let mut errwrite = plan.errwrite;
            while errwrite == 0 || errwrite == 1 {
                errwrite = libc::dup(errwrite);
                if errwrite < 0 || set_inheritable(errwrite).is_err() {
                    break 'setup errno();
                }
            }
            for (fd, target) in [(plan.p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
                if fd == target {
                    if set_inheritable(fd).is_err() {
                        break 'setup errno();
                    }
                } else if fd != -1 && libc::dup2(fd, target) == -1 {
                    break 'setup errno();
                }
            }
            if let Some(cwd) = &plan.cwd {
                if libc::chdir(cwd.as_ptr()) == -1 {
                    break 'setup errno();
                }
            }
            if plan.umask >= 0 {
                libc::umask(plan.umask as libc::mode_t);
            }
            if plan.restore_signals {
                // CPython's `_Py_RestoreSignals`: the signals Python ignores go back to their defaults.
                libc::signal(libc::SIGPIPE, libc::SIG_DFL);
                libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
            }
            if plan.call_setsid && libc::setsid() == -1 {
                break 'setup errno();
            }
            if plan.pgid >= 0 && libc::setpgid(0, plan.pgid) == -1 {
                break 'setup errno();
            }
            if plan.close_fds {
                close_fds(plan);
            }
            reached_exec = true;
            // The first failure that is not "no such file" is the one reported, as CPython does.
            let mut saved = 0;
            for exe in &plan.executables {
                match envp {
                    Some(e) => libc::execve(exe.as_ptr(), argv.as_ptr(), e.as_ptr()),
                    None => libc::execv(exe.as_ptr(), argv.as_ptr()),
                };
                let e = errno();
                if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
                    saved = e;
                }
            }
            if saved != 0 {
                saved
            } else {
                errno()
            }
        };
        report(plan.errpipe_write, err, reached_exec);
        libc::_exit(255)
    }
}

/// Closes every descriptor from 3 up except those in `keep` (sorted, the error pipe included): with `close_range` between the kept ones, or one by one up to the
/// descriptor limit on kernels without it.
unsafe fn close_fds(plan: &ChildPlan) {
    let mut low: u32 = 3;
    let mut ranges_ok = true;
    for &k in &plan.keep {
        if k < 0 || (k as u32) < low {
            continue;
        }
        if (k as u32) > low {
            // SAFETY: close_range passes no memory.
            ranges_ok &= unsafe { libc::syscall(libc::SYS_close_range, low, k as u32 - 1, 0) } == 0;
        }
        low = k as u32 + 1;
    }
    // SAFETY: as above.
    ranges_ok &= unsafe { libc::syscall(libc::SYS_close_range, low, u32::MAX, 0) } == 0;
    if !ranges_ok {
        for fd in 3..plan.max_fd {
            if plan.keep.binary_search(&fd).is_err() {
                // SAFETY: closing a descriptor number passes no memory.
                unsafe { libc::close(fd) };
            }
        }
    }
}

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Clears `FD_CLOEXEC` on `fd`.
unsafe fn set_inheritable(fd: i32) -> Result<(), ()> {
    // SAFETY: fcntl on a descriptor number passes no memory.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    if flags == -1 {
        return Err(());
    }
    // SAFETY: as above.
    if flags & libc::FD_CLOEXEC != 0 && unsafe { libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC) } == -1 {
        return Err(());
    }
    Ok(())
}

/// Writes `OSError:<errno in hex>:[noexec]` to the error pipe, from a stack buffer.
unsafe fn report(fd: i32, err: i32, reached_exec: bool) {
    let mut buf = [0u8; 40];
    let mut n = 0;
    for &b in b"OSError:" {
        buf[n] = b;
        n += 1;
    }
    let mut digits = [0u8; 8];
    let mut k = 0;
    let mut e = err.max(0) as u32;
    loop {
        digits[k] = b"0123456789abcdef"[(e % 16) as usize];
        k += 1;
        e /= 16;
        if e == 0 {
            break;
        }
    }
    while k > 0 {
        k -= 1;
        buf[n] = digits[k];
        n += 1;
    }
    buf[n] = b':';
    n += 1;
    if !reached_exec {
        for &b in b"noexec" {
            buf[n] = b;
            n += 1;
        }
    }
    // SAFETY: `buf` holds `n` initialised bytes; a failed write cannot be reported anywhere.
    unsafe { libc::write(fd, buf.as_ptr().cast(), n) };
}
