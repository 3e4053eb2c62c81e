//! `_stat`: the file mode constants and tests (`S_ISDIR`, `S_IMODE`, `filemode`, ...) that CPython's
//! `stat.py` replaces its pure-Python definitions with (`from _stat import *`).

use std::sync::OnceLock;

use crate::builtins::function::{new_builtin, NativeFn};
use crate::builtins::{dict, int, module};
use crate::error::{overflow_error, type_error, PyResult};
use crate::object::ObjRef;
use crate::ops::args::Args;
use crate::Value;

const S_IFMT: u64 = 0o170000;

/// The mode argument: an int (no `__index__` conversion), as a C `mode_t`.
fn mode_arg(name: &str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<u64> {
    let a = Args::new(name, args, kwargs).exact(1)?;
    let v = &a[0];
    if !int::is_int(v) {
        return Err(type_error("an integer is required"));
    }
    match int::to_bigint(v).and_then(|b| num_traits::ToPrimitive::to_i64(&b)) {
        Some(n) if n < 0 => Err(overflow_error("can't convert negative value to unsigned int")),
        Some(n) if n <= u32::MAX as i64 => Ok(n as u64),
        _ if int::to_bigint(v).is_some_and(|b| b.sign() == num_bigint::Sign::Minus) => {
            Err(overflow_error("can't convert negative value to unsigned int"))
        }
        _ => Err(overflow_error("mode out of range")),
    }
}

macro_rules! s_is {
    ($fn_name:ident, $py:literal, $kind:expr) => {
        fn $fn_name(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
            Ok(Value::Bool(mode_arg($py, args, kwargs)? & S_IFMT == $kind))
        }
    };
}

s_is!(s_isdir, "S_ISDIR", 0o040000);
s_is!(s_ischr, "S_ISCHR", 0o020000);
s_is!(s_isblk, "S_ISBLK", 0o060000);
s_is!(s_isreg, "S_ISREG", 0o100000);
s_is!(s_isfifo, "S_ISFIFO", 0o010000);
s_is!(s_islnk, "S_ISLNK", 0o120000);
s_is!(s_issock, "S_ISSOCK", 0o140000);

/// Door, event port and whiteout files do not exist on Linux.
fn always_false(name: &'static str, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    mode_arg(name, args, kwargs)?;
    Ok(Value::Bool(false))
}

fn s_isdoor(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    always_false("S_ISDOOR", args, kwargs)
}

fn s_isport(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    always_false("S_ISPORT", args, kwargs)
}

fn s_iswht(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    always_false("S_ISWHT", args, kwargs)
}

fn s_imode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int((mode_arg("S_IMODE", args, kwargs)? & 0o7777) as i64))
}

fn s_ifmt(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::Int((mode_arg("S_IFMT", args, kwargs)? & S_IFMT) as i64))
}

/// `filemode(mode)`: `ls -l`'s ten characters (`-rwxr-xr-x`).
fn filemode(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = mode_arg("filemode", args, kwargs)?;
    let kind = match m & S_IFMT {
        0o120000 => 'l',
        0o140000 => 's',
        0o100000 => '-',
        0o060000 => 'b',
        0o040000 => 'd',
        0o020000 => 'c',
        0o010000 => 'p',
        _ => '?',
    };
    let mut s = String::with_capacity(10);
    s.push(kind);
    let bit = |mask: u64, c: char| if m & mask != 0 { c } else { '-' };
    let special = |x: u64, special: u64, on_x: char, off_x: char| match (m & x != 0, m & special != 0) {
        (true, true) => on_x,
        (false, true) => off_x,
        (true, false) => 'x',
        (false, false) => '-',
    };
    s.push(bit(0o400, 'r'));
    s.push(bit(0o200, 'w'));
    s.push(special(0o100, 0o4000, 's', 'S'));
    s.push(bit(0o040, 'r'));
    s.push(bit(0o020, 'w'));
    s.push(special(0o010, 0o2000, 's', 'S'));
    s.push(bit(0o004, 'r'));
    s.push(bit(0o002, 'w'));
    s.push(special(0o001, 0o1000, 't', 'T'));
    Ok(Value::from(s))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("S_ISDIR", s_isdir),
    ("S_ISCHR", s_ischr),
    ("S_ISBLK", s_isblk),
    ("S_ISREG", s_isreg),
    ("S_ISFIFO", s_isfifo),
    ("S_ISLNK", s_islnk),
    ("S_ISSOCK", s_issock),
    ("S_ISDOOR", s_isdoor),
    ("S_ISPORT", s_isport),
    ("S_ISWHT", s_iswht),
    ("S_IMODE", s_imode),
    ("S_IFMT", s_ifmt),
    ("filemode", filemode),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("S_IFDIR", 0o040000),
    ("S_IFCHR", 0o020000),
    ("S_IFBLK", 0o060000),
    ("S_IFREG", 0o100000),
    ("S_IFIFO", 0o010000),
    ("S_IFLNK", 0o120000),
    ("S_IFSOCK", 0o140000),
    ("S_IFDOOR", 0),
    ("S_IFPORT", 0),
    ("S_IFWHT", 0),
    ("S_ISUID", 0o4000),
    ("S_ISGID", 0o2000),
    ("S_ISVTX", 0o1000),
    ("S_ENFMT", 0o2000),
    ("S_IREAD", 0o400),
    ("S_IWRITE", 0o200),
    ("S_IEXEC", 0o100),
    ("S_IRWXU", 0o700),
    ("S_IRUSR", 0o400),
    ("S_IWUSR", 0o200),
    ("S_IXUSR", 0o100),
    ("S_IRWXG", 0o070),
    ("S_IRGRP", 0o040),
    ("S_IWGRP", 0o020),
    ("S_IXGRP", 0o010),
    ("S_IRWXO", 0o007),
    ("S_IROTH", 0o004),
    ("S_IWOTH", 0o002),
    ("S_IXOTH", 0o001),
    ("ST_MODE", 0),
    ("ST_INO", 1),
    ("ST_DEV", 2),
    ("ST_NLINK", 3),
    ("ST_UID", 4),
    ("ST_GID", 5),
    ("ST_SIZE", 6),
    ("ST_ATIME", 7),
    ("ST_MTIME", 8),
    ("ST_CTIME", 9),
    ("UF_NODUMP", 0x00000001),
    ("UF_IMMUTABLE", 0x00000002),
    ("UF_APPEND", 0x00000004),
    ("UF_OPAQUE", 0x00000008),
    ("UF_NOUNLINK", 0x00000010),
    ("UF_COMPRESSED", 0x00000020),
    ("UF_HIDDEN", 0x00008000),
    ("SF_ARCHIVED", 0x00010000),
    ("SF_IMMUTABLE", 0x00020000),
    ("SF_APPEND", 0x00040000),
    ("SF_NOUNLINK", 0x00100000),
    ("SF_SNAPSHOT", 0x00200000),
];

static STAT: OnceLock<ObjRef> = OnceLock::new();

/// The `_stat` module (one per process).
pub fn module() -> PyResult<ObjRef> {
    Ok(STAT
        .get_or_init(|| {
            let m = module::new_module("_stat").make_immortal();
            let d = module::module_dict(&m);
            dict::set_str(
                d,
                "__doc__",
                Value::from("S_IFMT_: file type bits\nS_IFDIR: directory\nS_IFCHR: character device"),
            );
            for (name, f) in FUNCTIONS {
                dict::set_str(d, name, new_builtin(name, *f, None));
            }
            for (name, v) in CONSTANTS {
                dict::set_str(d, name, Value::Int(*v));
            }
            m
        })
        .clone())
}
