//! Running one test program the way bless.py ran CPython: cwd = the program's directory, argv[0] = its
//! basename, stdin = /dev/null, PYTHON* variables removed, PYTHONHASHSEED=0, PYTHONIOENCODING=utf-8,
//! PYTHONDONTWRITEBYTECODE=1, SIGINT and SIGQUIT at their default dispositions, and a timeout after which the program is killed and the test fails.

use std::fs::File;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::expect::Observed;

/// The environment variable that picks which program of a batch binary runs.
pub const BATCH_ENTRY_VAR: &str = "CRABBY_BATCH_ENTRY";

/// Runs entry `entry` of the batch binary `binary` as `program` (a test's .py path). Output goes through
/// files in `scratch` (pipes would need a reader thread per stream to avoid deadlock).
pub fn run_program(
    binary: &Path,
    entry: usize,
    program: &Path,
    scratch: &Path,
    timeout: Duration,
) -> Result<Observed, String> {
    let dir = program.parent().ok_or("test program has no directory")?;
    let name = program.file_name().ok_or("test program has no file name")?;
    let out_path = scratch.with_extension("stdout");
    let err_path = scratch.with_extension("stderr");
    let io_err = |e: std::io::Error| format!("harness I/O error: {e}");
    let stdout = File::create(&out_path).map_err(io_err)?;
    let stderr = File::create(&err_path).map_err(io_err)?;

    let mut cmd = Command::new(binary);
    cmd.arg0(name).current_dir(dir).stdin(Stdio::null()).stdout(stdout).stderr(stderr);
    for (key, _) in std::env::vars_os() {
        if key.as_encoded_bytes().starts_with(b"PYTHON") {
            cmd.env_remove(key);
        }
    }
    cmd.env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env(BATCH_ENTRY_VAR, entry.to_string());

    // A shell without job control starts background commands with SIGINT and SIGQUIT ignored, and children
    // inherit that; the programs were recorded with the default dispositions (which decide, e.g., whether
    // Python installs its KeyboardInterrupt handler), so the harness restores them.
    // SAFETY: the closure runs in the forked child before exec and only calls `signal`, which is
    // async-signal-safe.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGQUIT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = cmd.spawn().map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait().map_err(io_err)? {
            Some(status) => break status,
            None if start.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = std::fs::remove_file(&out_path);
                let _ = std::fs::remove_file(&err_path);
                return Err(format!("timed out after {} s (killed)", timeout.as_secs()));
            }
            // Short at first, so quick programs (most tests) are not held up by the polling.
            None => std::thread::sleep(Duration::from_millis(if start.elapsed() < Duration::from_millis(50) {
                1
            } else {
                10
            })),
        }
    };
    let observed = Observed {
        stdout: std::fs::read(&out_path).map_err(io_err)?,
        stderr: std::fs::read(&err_path).map_err(io_err)?,
        exit: returncode(status),
    };
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    Ok(observed)
}

/// Python's `Popen.returncode`: the exit status, or minus the signal that killed the process.
fn returncode(status: ExitStatus) -> i32 {
    match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(sig)) => -sig,
        (None, None) => -1,
    }
}
