//! The `crabby` command's own behaviour, checked through the real binary: usage errors, CPython's messages
//! for files that cannot be run, help and version. (Programs themselves are checked by the differential
//! suite.) Nothing here reaches cargo, so these tests are fast.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn crabby(args: &[&str]) -> Output {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    Command::new(env!("CARGO_BIN_EXE_crabby"))
        .args(args)
        .current_dir(&scratch)
        .env("CRABBY_CACHE", scratch.join("crabby-cli-test-cache"))
        .stdin(Stdio::null())
        .output()
        .expect("crabby runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn missing_file_is_reported_like_python() {
    let o = crabby(&["run", "/nonexistent/dir/prog.py"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "crabby: can't open file '/nonexistent/dir/prog.py': [Errno 2] No such file or directory\n");

    // A relative path is shown joined to the current directory, as CPython shows it.
    let o = crabby(&["./missing.py"]);
    let cwd = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).canonicalize().unwrap();
    assert_eq!(
        stderr(&o),
        format!("crabby: can't open file '{}/./missing.py': [Errno 2] No such file or directory\n", cwd.display())
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn directory_without_main_is_an_error() {
    let o = crabby(&["run", "/"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "crabby: can't find '__main__' module in '/'\n");
}

#[test]
fn usage_errors_exit_2() {
    for args in [&["--bogus"][..], &["-c"], &["build"], &["emit"]] {
        let o = crabby(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("usage: crabby"), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn help_and_version_go_to_stdout() {
    for args in
        [&["--help"][..], &["-h"], &["run", "--help"], &["build", "--help"], &["emit", "--help"], &["help", "run"]]
    {
        let o = crabby(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stdout).starts_with("usage: crabby")
                || String::from_utf8_lossy(&o.stdout).starts_with("crabby:"),
            "{args:?}"
        );
    }
    let o = crabby(&["--version"]);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("crabby "));
}

#[test]
fn undecodable_source_is_cpythons_syntax_error() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-undecodable");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.py");
    std::fs::write(&file, b"x = 1\ny = '\xff'\n").unwrap();
    let o = crabby(&["run", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "SyntaxError: Non-UTF-8 code starting with '\\xff' in file {} on line 2, but no encoding declared; \
             see https://peps.python.org/pep-0263/ for details\n",
            file.display()
        )
    );
}

/// `crabby` run in `dir` with extra environment variables.
fn crabby_in(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crabby"));
    cmd.args(args).current_dir(dir).env("CRABBY_CACHE", scratch.join("crabby-cli-test-cache")).stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("crabby runs")
}

#[test]
fn dash_m_finds_modules_like_python() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-dash-m");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::create_dir_all(dir.join("nomain")).unwrap();
    std::fs::write(dir.join("pkg/__init__.py"), "").unwrap();
    std::fs::write(dir.join("pkg/mod.py"), "from . import helper\nprint('marker-for-emit')\n").unwrap();
    std::fs::write(dir.join("nomain/__init__.py"), "").unwrap();

    // `emit -m` resolves the module without building anything.
    let o = crabby_in(&dir, &[], &["emit", "-m", "pkg.mod"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("marker-for-emit"));

    let o = crabby_in(&dir, &[], &["-m", "nothere"]);
    assert_eq!((o.status.code(), stderr(&o)), (Some(1), "crabby: No module named nothere\n".into()));
    let o = crabby_in(&dir, &[], &["-m", "nomain"]);
    assert_eq!(
        stderr(&o),
        "crabby: No module named nomain.__main__; 'nomain' is a package and cannot be directly executed\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_standard_library_is_named() {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let o = crabby_in(&scratch, &[("CRABBY_STDLIB", "/nonexistent/python3.12")], &["-c", "import json"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("imports 'json'") && e.contains("CRABBY_STDLIB") && e.contains("Python 3.12"), "{e}");
}
