//! The interactive prompt, checked through the real `crabby` binary.
//!
//! `piped_sessions_match_cpython`: every `tests/repl/<name>.in` is typed into `crabby -i -q` (or
//! `crabby -i -q _<name>.py` when that script exists) through a pipe, and stdout, stderr (prompts and
//! tracebacks included) and the exit status must equal what CPython 3.12 recorded in `<name>.out`,
//! `<name>.stderr` and `<name>.exit` (`tests/repl/_record.py`).
//!
//! `terminal_session_edits_lines`: `crabby` with no arguments on a pseudo-terminal: the banner, line editing,
//! history, Ctrl-C and Ctrl-D.
//!
//! Programs are built into the differential suite's cache (`target/crabby-test-cache`, or
//! `CRABBY_TEST_CACHE`), so the runtime it already built is reused.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn cache() -> PathBuf {
    std::env::var_os("CRABBY_TEST_CACHE").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).parent().expect("target dir").join("crabby-test-cache")
    })
}

fn sessions_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/repl").canonicalize().expect("tests/repl")
}

fn run_session(dir: &Path, session: &Path) -> (Vec<u8>, Vec<u8>, i32) {
    let stem = session.file_stem().unwrap().to_str().unwrap();
    let script = format!("_{stem}.py");
    let command = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crabby"));
        cmd.args(["-i", "-q"]);
        if dir.join(&script).is_file() {
            cmd.arg(&script);
        }
        cmd.current_dir(dir).env("CRABBY_CACHE", cache()).env_remove("PYTHONSTARTUP");
        cmd
    };
    // A first run builds the program (cargo's progress goes to stderr), so the compared run starts at once.
    let warm = command().stdin(Stdio::null()).output().expect("crabby runs");
    assert!(warm.status.success(), "{}", String::from_utf8_lossy(&warm.stderr));
    let mut child =
        command().stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("crabby runs");
    let input = std::fs::read(session).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("crabby finishes");
    writer.join().unwrap();
    (out.stdout, out.stderr, out.status.code().unwrap_or(-1))
}

#[test]
fn piped_sessions_match_cpython() {
    let dir = sessions_dir();
    let mut sessions: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "in"))
        .collect();
    sessions.sort();
    assert!(!sessions.is_empty(), "no sessions in {}", dir.display());
    let mut failures = Vec::new();
    for session in &sessions {
        let (out, err, code) = run_session(&dir, session);
        let want_out = std::fs::read(session.with_extension("out")).unwrap();
        let want_err = std::fs::read(session.with_extension("stderr")).unwrap();
        let want_code: i32 = std::fs::read_to_string(session.with_extension("exit")).unwrap().trim().parse().unwrap();
        let name = session.file_name().unwrap().to_string_lossy();
        if out != want_out {
            failures.push(format!(
                "{name}: stdout differs\n--- CPython\n{}\n--- crabby\n{}",
                String::from_utf8_lossy(&want_out),
                String::from_utf8_lossy(&out)
            ));
        }
        if err != want_err {
            failures.push(format!(
                "{name}: stderr differs\n--- CPython\n{}\n--- crabby\n{}",
                String::from_utf8_lossy(&want_err),
                String::from_utf8_lossy(&err)
            ));
        }
        if code != want_code {
            failures.push(format!("{name}: exit status {code}, CPython {want_code}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} sessions differ:\n{}", failures.len(), sessions.len(), failures.join("\n"));
}

/// Runs `crabby ARGS` with `input` on a pipe and `$PYTHONSTARTUP` set to `startup`: (stdout, stderr).
fn run_with_startup(args: &[&str], startup: &Path, input: &str) -> (String, String) {
    let command = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crabby"));
        cmd.args(args)
            .current_dir(env!("CARGO_TARGET_TMPDIR"))
            .env("CRABBY_CACHE", cache())
            .env("PYTHONSTARTUP", startup);
        cmd
    };
    let _ = command().stdin(Stdio::null()).output().expect("crabby runs");
    let mut child = command().stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// `$PYTHONSTARTUP` runs before a prompt no program preceded, in its namespace (what CPython 3.12 printed for
/// the same sessions is written out here).
#[test]
fn startup_file_runs_before_a_lone_prompt() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let startup = dir.join("repl_startup.py");
    std::fs::write(&startup, "x = 42\nprint('startup ran')\n").unwrap();
    let (out, err) = run_with_startup(&["-i", "-q"], &startup, "x\n");
    assert_eq!((out.as_str(), err.as_str()), ("startup ran\n42\n", ">>> >>> \n"));
    // Not before the prompt that follows a program.
    let (out, _) = run_with_startup(&["-i", "-q", "-c", "x = 3"], &startup, "x\n");
    assert_eq!(out, "3\n");
    let missing = dir.join("no_such_startup.py");
    let (out, err) = run_with_startup(&["-i", "-q"], &missing, "1\n");
    assert_eq!(out, "1\n");
    assert_eq!(
        err,
        format!(
            "Could not open PYTHONSTARTUP\nFileNotFoundError: [Errno 2] No such file or directory: '{}'\n>>> >>> \n",
            missing.display()
        )
    );
}

/// `-i -c CODE`: the program's exception is reported (no source line for `<string>`, as CPython) and the
/// prompt opens in its namespace (CPython 3.12's output for the same session).
#[test]
fn prompt_after_a_failing_command() {
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no_such_startup.py");
    let (out, err) = run_with_startup(&["-i", "-q", "-c", "x=4;1/0"], &missing, "x\n");
    assert_eq!(out, "4\n");
    assert_eq!(
        err,
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n\
         ZeroDivisionError: division by zero\n>>> >>> \n"
    );
}

/// Ctrl-C (SIGINT) while the prompt waits for a line on a pipe: `KeyboardInterrupt`, and the session goes on
/// (CPython 3.12 writes exactly this stderr for the same steps).
#[test]
fn interrupt_while_reading_a_pipe() {
    use std::os::unix::process::CommandExt;
    let command = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crabby"));
        cmd.args(["-i", "-q"]).current_dir(env!("CARGO_TARGET_TMPDIR")).env("CRABBY_CACHE", cache());
        cmd.env_remove("PYTHONSTARTUP");
        cmd
    };
    let _ = command().stdin(Stdio::null()).output().expect("crabby runs");
    let mut cmd = command();
    // SAFETY: only an async-signal-safe call between fork and exec: SIGINT's default disposition, whatever
    // the test runner inherited (a background job ignores it).
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let err = Screen::collect(child.stderr.take().unwrap());
    err.wait_for(">>> ", 1, Duration::from_secs(120));
    // SAFETY: signals the child this test started.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    err.wait_for("KeyboardInterrupt\n>>> ", 1, Duration::from_secs(60));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"1+1\n").unwrap();
    drop(stdin);
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    let status = child.wait().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(status.code(), Some(0));
    assert_eq!(out, "2\n");
    assert_eq!(err.text(), ">>> \nKeyboardInterrupt\n>>> >>> \n");
}

/// A pseudo-terminal: the master side's descriptor and the slave's path; `None` where the system has none
/// (a container without `/dev/ptmx`).
fn open_pty() -> Option<(std::fs::File, PathBuf)> {
    use std::os::fd::FromRawFd;
    // SAFETY: plain libc calls on a descriptor this function owns; ptsname_r writes into `name`, which is
    // large enough and NUL-terminated on success.
    unsafe {
        let fd = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
        if fd < 0 {
            return None;
        }
        assert_eq!(libc::grantpt(fd), 0);
        assert_eq!(libc::unlockpt(fd), 0);
        let mut name = [0 as libc::c_char; 128];
        assert_eq!(libc::ptsname_r(fd, name.as_mut_ptr(), name.len()), 0);
        let path = std::ffi::CStr::from_ptr(name.as_ptr()).to_string_lossy().into_owned();
        Some((std::fs::File::from_raw_fd(fd), PathBuf::from(path)))
    }
}

/// Everything the terminal showed so far, collected by a reader thread.
struct Screen {
    text: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    /// Collects everything `from` yields, on a thread of its own.
    fn collect(mut from: impl Read + Send + 'static) -> Screen {
        let screen = Screen { text: Arc::new(Mutex::new(Vec::new())) };
        let sink = screen.text.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // A terminal's read fails (EIO) once the program has exited and the terminal has no other user.
            while let Ok(n) = from.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        screen
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.text.lock().unwrap()).into_owned()
    }

    /// Waits until `needle` has appeared `count` times.
    fn wait_for(&self, needle: &str, count: usize, timeout: Duration) {
        let start = Instant::now();
        while self.text().matches(needle).count() < count {
            assert!(start.elapsed() < timeout, "timed out waiting for {count} x {needle:?}; screen:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `crabby` with no arguments on a new pseudo-terminal (history in `history`): the terminal's master side,
/// the process and what it shows.
fn spawn_on_terminal(history: &Path) -> (std::fs::File, std::process::Child, Screen) {
    spawn_program_on_terminal(history, &[], None)
}

/// `crabby ARGS` on a new pseudo-terminal, with `PYTHONINSPECT` set to `inspect` (else unset).
fn spawn_program_on_terminal(
    history: &Path,
    args: &[&str],
    inspect: Option<&str>,
) -> (std::fs::File, std::process::Child, Screen) {
    use std::os::unix::process::CommandExt;
    let (master, slave) = open_pty().expect("a pseudo-terminal");
    let tty = || std::fs::OpenOptions::new().read(true).write(true).open(&slave).expect("open pty slave");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crabby"));
    cmd.args(args);
    match inspect {
        Some(v) => cmd.env("PYTHONINSPECT", v),
        None => cmd.env_remove("PYTHONINSPECT"),
    };
    cmd.current_dir(env!("CARGO_TARGET_TMPDIR"))
        .env("CRABBY_CACHE", cache())
        .env("CRABBY_HISTORY", history)
        .env_remove("PYTHONSTARTUP")
        .env("TERM", "xterm")
        .stdin(tty())
        .stdout(tty())
        .stderr(tty());
    // SAFETY: only async-signal-safe calls between fork and exec: a new session whose controlling
    // terminal is the pseudo-terminal on stdin, with SIGINT at its default disposition (a shell without job
    // control starts background commands with it ignored, and the session's Ctrl-C must reach crabby).
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let child = cmd.spawn().expect("crabby runs");
    drop(cmd);
    let screen = Screen::collect(master.try_clone().unwrap());
    (master, child, screen)
}

/// Waits for the process to exit (after Ctrl-D) and returns its status and the screen with plain newlines.
fn finish(mut child: std::process::Child, screen: &Screen) -> (Option<i32>, String) {
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "crabby did not exit on Ctrl-D; screen:\n{}", screen.text());
        std::thread::sleep(Duration::from_millis(20));
    };
    std::thread::sleep(Duration::from_millis(100));
    (status.code(), screen.text().replace("\r\n", "\n"))
}

/// The editor draws its prompt once the terminal is in raw mode; keys are sent only after it (keys typed
/// earlier would be echoed and cooked by the terminal).
const PROMPT: &str = ">>> \x1b[K";

#[test]
fn terminal_session_edits_lines() {
    if open_pty().is_none() {
        eprintln!("terminal_session_edits_lines: skipped, this system has no pseudo-terminals");
        return;
    }
    let history = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("repl-test-history");
    let _ = std::fs::remove_file(&history);
    let (master, child, screen) = spawn_on_terminal(&history);
    let step = Duration::from_secs(60);
    // The first prompt may wait for the empty program to be built.
    let prompt = PROMPT;
    screen.wait_for(prompt, 1, Duration::from_secs(1800));
    // Sends keys, then waits until `shown` has appeared `count` times followed by a fresh prompt.
    let send = |keys: &str, shown: &str, count: usize| {
        (&master).write_all(keys.as_bytes()).unwrap();
        screen.wait_for(&format!("{shown}\r\n{prompt}"), count, step);
    };
    send("1 + 1\r", "2", 1);
    // Editing: "10 + 5", three steps left, erase the space before '+', type '0' there: "100+ 5".
    send("10 + 5\x1b[D\x1b[D\x1b[D\x7f0\r", "105", 1);
    // History: Up brings back the last line.
    send("\x1b[A\r", "105", 2);
    // Ctrl-C drops the line being typed.
    send("garbage(\x03", "KeyboardInterrupt", 1);
    send("'after' + \"-ctrl-c\"\r", "'after-ctrl-c'", 1);
    // Ctrl-C while a statement runs interrupts it with a traceback, and the session goes on.
    (&master).write_all(b"while True: pass\r").unwrap();
    screen.wait_for("... \x1b[K", 1, step);
    (&master).write_all(b"\r").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    send("\x03", "KeyboardInterrupt", 2);
    // Output left without a newline stays in front of the prompt (redraws do not go back to column 0).
    (&master).write_all(b"print('no newline', end='')\r").unwrap();
    screen.wait_for(&format!("no newline{prompt}"), 1, step);
    send("1\r", "1", 1);
    // Tab completes a global name, and an attribute (with "(" for a callable).
    send("my_long_name = 7; my_long_name\r", "7", 1);
    send("my_lo\t\r", "7", 2);
    send("import sys; sys.ps2\r", "'... '", 1);
    send("sys.getrecursionl\t)\r", "1000", 1);
    send("'alive'\r", "'alive'", 1);
    // Ctrl-D on an empty line leaves.
    (&master).write_all(b"\x04").unwrap();
    let (code, text) = finish(child, &screen);
    assert_eq!(code, Some(0), "screen:\n{text}");
    assert!(text.contains("Python 3.12.1 (") && text.contains(" on linux\n"), "banner:\n{text}");
    assert!(text.contains("\n2\n"), "1 + 1:\n{text}");
    assert!(
        text.contains("no newline>>> \x1b[K\x1b[4D>>> 1\x1b[K\n1\n"),
        "prompt after output without a newline:\n{text}"
    );
    assert_eq!(text.matches("\n105\n").count(), 2, "edited line and its recall:\n{text}");
    assert!(text.contains("\nKeyboardInterrupt\n"), "Ctrl-C:\n{text}");
    assert!(text.contains("\n'after-ctrl-c'\n"), "after Ctrl-C:\n{text}");
    assert!(
        text.contains(
            "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyboardInterrupt\n"
        ),
        "interrupted loop:\n{text}"
    );

    // The history file has every line entered; a new session recalls the last one with Up.
    let saved = std::fs::read_to_string(&history).unwrap();
    assert!(saved.contains("100+ 5\n") && saved.ends_with("'alive'\n"), "history file:\n{saved}");
    let (master, child, screen) = spawn_on_terminal(&history);
    screen.wait_for(PROMPT, 1, Duration::from_secs(60));
    (&master).write_all(b"\x1b[A\r").unwrap();
    screen.wait_for(&format!("'alive'\r\n{PROMPT}"), 1, Duration::from_secs(60));
    (&master).write_all(b"\x04").unwrap();
    let (code, text) = finish(child, &screen);
    assert_eq!(code, Some(0), "second session:\n{text}");
}

/// `PYTHONINSPECT`, set before the program starts or by the program itself through `os.environ`, opens the
/// prompt in the program's namespace after it when stdin is a terminal, as python3.12 does.
#[test]
fn python_inspect_opens_the_prompt_after_a_program() {
    if open_pty().is_none() {
        eprintln!("python_inspect_opens_the_prompt_after_a_program: skipped, no pseudo-terminals");
        return;
    }
    let history = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("repl-inspect-history");
    let programs = [
        (Some("1"), "x = 5; print('ran')"),
        (None, "import os; x = 5; print('ran'); os.environ['PYTHONINSPECT'] = 'yes'"),
    ];
    for (inspect, code) in programs {
        let (master, child, screen) = spawn_program_on_terminal(&history, &["-c", code], inspect);
        // The first prompt may wait for the program to be built.
        screen.wait_for(&format!("ran\r\n{PROMPT}"), 1, Duration::from_secs(1800));
        (&master).write_all(b"x * 3\r").unwrap();
        screen.wait_for(&format!("15\r\n{PROMPT}"), 1, Duration::from_secs(60));
        (&master).write_all(b"\x04").unwrap();
        let (status, text) = finish(child, &screen);
        assert_eq!(status, Some(0), "{code}:\n{text}");
        assert!(!text.contains("Python 3.12"), "no banner after a program:\n{text}");
    }
}

/// With `PYTHONINSPECT` and stdin not a terminal there is no prompt, but inspection is on: `sys.flags.inspect`
/// is 1 (`interactive` 0) and a SystemExit is reported with status 1 (CPython 3.12's output for the same run).
#[test]
fn python_inspect_without_a_terminal() {
    let code = "import sys; print(sys.flags.inspect, sys.flags.interactive); raise SystemExit(3)";
    let command = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crabby"));
        cmd.args(["-c", code])
            .current_dir(env!("CARGO_TARGET_TMPDIR"))
            .env("CRABBY_CACHE", cache())
            .env("PYTHONINSPECT", "1")
            .stdin(Stdio::null());
        cmd
    };
    let _ = command().output().expect("crabby runs");
    let out = command().output().expect("crabby runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1 0\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nSystemExit: 3\n"
    );
    assert_eq!(out.status.code(), Some(1));
    // Set only by the program, it does not change how SystemExit ends it.
    let out = Command::new(env!("CARGO_BIN_EXE_crabby"))
        .args(["-c", "import os; os.environ['PYTHONINSPECT'] = '1'; raise SystemExit(3)"])
        .current_dir(env!("CARGO_TARGET_TMPDIR"))
        .env("CRABBY_CACHE", cache())
        .env_remove("PYTHONINSPECT")
        .stdin(Stdio::null())
        .output()
        .expect("crabby runs");
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
}
