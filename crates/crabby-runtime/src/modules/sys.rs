//! `sys` (the parts the runtime itself needs now; the modules milestone completes it): the process's standard
//! streams, `argv`, and the exit path.

use std::io::Write;
use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::Value;

fn stdout_buf() -> &'static Mutex<std::io::BufWriter<std::io::Stdout>> {
    static OUT: OnceLock<Mutex<std::io::BufWriter<std::io::Stdout>>> = OnceLock::new();
    OUT.get_or_init(|| Mutex::new(std::io::BufWriter::with_capacity(8192, std::io::stdout())))
}

/// Writes text to standard output. Whole writes are atomic with respect to other threads.
pub fn write_stdout(s: &str) {
    let mut out = stdout_buf().lock();
    // A closed pipe is reported when flushing at exit, as CPython does.
    let _ = out.write_all(s.as_bytes());
}

pub fn flush_stdout() -> std::io::Result<()> {
    stdout_buf().lock().flush()
}

/// Writes text to standard error, after flushing standard output so the two interleave as written.
pub fn write_stderr(s: &str) {
    let _ = flush_stdout();
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(s.as_bytes());
    let _ = err.flush();
}

/// `sys.argv`, as the process received it.
pub fn argv() -> Value {
    let args: Vec<Value> = std::env::args().map(Value::from).collect();
    crate::builtins::list::new_list(args)
}
