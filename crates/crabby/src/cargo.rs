//! Invoking cargo on the cache workspace, showing its progress when a build is long, and reading its
//! failures: a rustc error in generated code is crabby's bug, never the user's, so it is reported as such.

use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// What the user sees while cargo works.
#[derive(Clone, Debug)]
pub enum Progress {
    /// Nothing, unless the build is slow and stderr is a terminal: then this one line after a few seconds.
    QuietUnlessSlow(String),
    /// This header, then cargo's own status lines as they come (the first, long build of the runtime).
    Show(String),
}

/// The result of one cargo invocation.
pub struct Outcome {
    pub success: bool,
    /// Everything cargo wrote to stderr (its status lines and rustc's diagnostics, without colour).
    pub log: String,
}

/// One `cargo build` of some packages of the cache workspace.
pub struct Build<'a> {
    pub workspace: &'a Path,
    pub target_dir: PathBuf,
    pub profile: &'a str,
    pub packages: Vec<String>,
    /// Build every package that can be built even when others fail (the test harness's batches).
    pub keep_going: bool,
    pub progress: Progress,
}

/// How long a build may take before `QuietUnlessSlow` says something.
const SLOW_NOTICE_AFTER: Duration = Duration::from_secs(3);

/// The cargo to run: `$CARGO` when set (inside `cargo test`, that is the toolchain's own binary), else
/// whatever `cargo` is on PATH (usually rustup's proxy, which honours the workspace's rust-toolchain.toml).
/// When there is no `cargo` on PATH, rustup's default install location is tried.
fn cargo_program() -> std::ffi::OsString {
    if let Some(cargo) = std::env::var_os("CARGO").filter(|c| !c.is_empty()) {
        return cargo;
    }
    let on_path = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("cargo").is_file()));
    if !on_path {
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
        if let Some(cargo) = home.map(|h| h.join("bin").join("cargo")).filter(|c| c.is_file()) {
            return cargo.into_os_string();
        }
    }
    "cargo".into()
}

impl Build<'_> {
    pub fn run(&self) -> io::Result<Outcome> {
        let mut cmd = Command::new(cargo_program());
        cmd.arg("build")
            .arg("--manifest-path")
            .arg(self.workspace.join("Cargo.toml"))
            .arg("--profile")
            .arg(self.profile)
            .arg("--target-dir")
            .arg(&self.target_dir)
            .arg("--color")
            .arg("never");
        if let Some(triple) = crate::cache::BUILD_TARGET {
            cmd.arg("--target").arg(triple);
        }
        if self.keep_going {
            cmd.arg("--keep-going");
        }
        for p in &self.packages {
            cmd.arg("-p").arg(p);
        }
        // The cache decides where artifacts go; the user's or an enclosing cargo's settings must not.
        for var in ["CARGO_TARGET_DIR", "CARGO_BUILD_TARGET_DIR", "CARGO_BUILD_BUILD_DIR", "CARGO_MAKEFLAGS"] {
            cmd.env_remove(var);
        }
        cmd.current_dir(self.workspace).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());

        let show = matches!(self.progress, Progress::Show(_));
        if let Progress::Show(header) = &self.progress {
            eprintln!("{header}");
        }
        let mut child = cmd.spawn().map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot start cargo ({e}); crabby needs a Rust toolchain (cargo and rustc) on PATH"),
            )
        })?;

        let (done_tx, done_rx) = mpsc::channel::<()>();
        let notice = match &self.progress {
            Progress::QuietUnlessSlow(line) if io::stderr().is_terminal() => {
                let line = line.clone();
                Some(std::thread::spawn(move || {
                    if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(SLOW_NOTICE_AFTER) {
                        eprintln!("{line}");
                    }
                }))
            }
            _ => None,
        };

        let stderr = child.stderr.take().expect("stderr is piped");
        let mut log = String::new();
        for line in BufReader::new(stderr).lines() {
            let line = line.unwrap_or_default();
            if show && is_status_line(&line) {
                let mut err = io::stderr().lock();
                let _ = writeln!(err, "{line}");
            }
            log.push_str(&line);
            log.push('\n');
        }
        let status = child.wait()?;
        let _ = done_tx.send(());
        if let Some(t) = notice {
            let _ = t.join();
        }
        Ok(Outcome { success: status.success(), log })
    }
}

/// Cargo's own progress lines ("   Compiling num-bigint v0.4.8"), as opposed to diagnostics.
fn is_status_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    line.len() > trimmed.len()
        && ["Compiling", "Finished", "Downloading", "Downloaded", "Updating", "Locking", "Blocking"]
            .iter()
            .any(|w| trimmed.starts_with(w))
}

/// Did this failure come from rustc rejecting code (as opposed to cargo failing to start, resolve, lock)?
pub fn is_compile_error(log: &str) -> bool {
    log.lines().any(|l| l.starts_with("error: could not compile"))
}

/// The first rustc error of a failed build: from its `error` line through at most `max_lines` lines,
/// stopping at the next diagnostic. Falls back to the tail of the log when no error line is found.
pub fn first_error(log: &str, max_lines: usize) -> String {
    let lines: Vec<&str> = log.lines().collect();
    let Some(start) = lines.iter().position(|l| is_error_start(l)) else {
        let tail = lines.len().saturating_sub(max_lines);
        return lines[tail..].join("\n");
    };
    let mut out = vec![lines[start]];
    for l in &lines[start + 1..] {
        if out.len() >= max_lines || starts_diagnostic(l) || is_status_line(l) {
            break;
        }
        out.push(l);
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n")
}

fn is_error_start(line: &str) -> bool {
    (line.starts_with("error:") || line.starts_with("error[")) && !line.starts_with("error: could not compile")
}

fn starts_diagnostic(line: &str) -> bool {
    line.starts_with("error") || line.starts_with("warning")
}

/// Every error diagnostic in a failed build, each with the source locations (`--> file:line:col`) it names,
/// in order. The test harness uses this to tell which program of a batch broke the build.
pub fn error_locations(log: &str) -> Vec<ErrorSite> {
    let mut out: Vec<ErrorSite> = Vec::new();
    let mut in_error = false;
    for line in log.lines() {
        if starts_diagnostic(line) || is_status_line(line) {
            in_error = is_error_start(line);
            if in_error {
                out.push(ErrorSite { text: line.to_string(), locations: Vec::new() });
            }
            continue;
        }
        // rustc's closing hint belongs to no single error.
        if !in_error || line.starts_with("For more information about") {
            continue;
        }
        let site = out.last_mut().expect("an error is open");
        site.text.push('\n');
        site.text.push_str(line);
        if let Some(loc) = line.trim_start().strip_prefix("--> ").or_else(|| line.trim_start().strip_prefix("::: ")) {
            // "path:line:col"
            let mut parts = loc.rsplitn(3, ':');
            let _col = parts.next();
            let line_no = parts.next().and_then(|l| l.parse::<usize>().ok());
            if let (Some(line_no), Some(file)) = (line_no, parts.next()) {
                site.locations.push((file.to_string(), line_no));
            }
        }
    }
    out
}

/// One error from rustc: its text, and the files and lines it points at.
#[derive(Debug, Clone)]
pub struct ErrorSite {
    pub text: String,
    pub locations: Vec<(String, usize)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "   Compiling crabby-runtime v0.1.0 (/r)
   Compiling b_1 v0.0.0 (/ws/programs/b_1)
warning: unused variable: `x`
 --> programs/b_1/src/t0.rs:1:5
  |
1 | let x = 1;
  |     ^

error[E0308]: mismatched types
 --> programs/b_1/src/t3.rs:12:5
  |
12 |     1u8 + \"a\"
  |     ^^^ expected `u8`
   |
  ::: /r/src/lib.rs:4:1

error: aborting due to 1 previous error

error: could not compile `b_1` (bin \"b_1\") due to 1 previous error
";

    #[test]
    fn finds_the_first_error() {
        let e = first_error(LOG, 30);
        assert!(e.starts_with("error[E0308]: mismatched types"), "{e}");
        assert!(e.contains("t3.rs:12:5"));
        assert!(!e.contains("aborting"));
        assert!(is_compile_error(LOG));
        assert!(!is_compile_error("error: failed to load manifest\n"));
    }

    #[test]
    fn locates_errors() {
        let sites = error_locations(LOG);
        // "aborting due to" counts as an error line but names no location.
        assert_eq!(sites.len(), 2);
        assert_eq!(
            sites[0].locations,
            vec![("programs/b_1/src/t3.rs".to_string(), 12), ("/r/src/lib.rs".to_string(), 4)]
        );
        assert!(sites[1].locations.is_empty());
    }

    #[test]
    fn first_error_falls_back_to_the_tail() {
        assert_eq!(first_error("a\nb\nc\n", 2), "b\nc");
    }
}
