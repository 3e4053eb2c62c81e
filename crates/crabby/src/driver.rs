//! The build driver: from what the user named (a file, `-c` code, a module) to a cached native binary,
//! and from there to a running program.
//!
//! The fast path matters most: a second `crabby run` of an unchanged program reads the source, hashes it,
//! finds the binary in the cache index and `exec`s it, without starting cargo, rustc or even the parser.

use std::ffi::{OsStr, OsString};
use std::io::{self, IsTerminal, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cache::{self, IndexEntry, Profile, StableHasher, Workspace};
use crate::cargo;
use crate::imports::{self, ModuleSource};

/// Exit status for crabby's own bugs (BSD's EX_SOFTWARE): never the user's fault.
pub const EXIT_INTERNAL: i32 = 70;

/// Why crabby stopped before (or instead of) running the program: the text for stderr and the exit status.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub exit_code: i32,
}

impl Failure {
    /// A problem with how crabby was invoked (like CPython's command-line errors): exit 2.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            exit_code: 2,
        }
    }

    /// What CPython reports as the program's error (a SyntaxError report, "No module named"): exit 1.
    pub fn program(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            exit_code: 1,
        }
    }

    /// A bug in crabby or a broken installation.
    pub fn internal(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            exit_code: EXIT_INTERNAL,
        }
    }
}

/// What the user asked to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A script path, as typed.
    File(OsString),
    /// `-c CODE`.
    Code(String),
    /// `-m MODULE`.
    Module(String),
    /// `-`: the program text on stdin.
    Stdin,
}

/// The main module of a program and the `sys.argv[0]` it runs with.
pub struct MainProgram {
    pub module: ModuleSource,
    pub argv0: OsString,
}

/// The directory of the runtime crate: `CRABBY_RUNTIME`, else the checkout this crabby was built from.
pub fn runtime_dir() -> Result<PathBuf, Failure> {
    let dir = std::env::var_os("CRABBY_RUNTIME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../crabby-runtime"))
        });
    match dir.canonicalize() {
        Ok(d) if d.join("Cargo.toml").is_file() => Ok(d),
        _ => Err(Failure::internal(format!(
            "crabby: cannot find the crabby runtime crate at {} (set CRABBY_RUNTIME to its directory)",
            dir.display()
        ))),
    }
}

/// Opens the cache workspace for the current runtime under `root` (default: the user's cache).
pub fn open_workspace(root: Option<&Path>) -> Result<Workspace, Failure> {
    let runtime = runtime_dir()?;
    let root = root
        .map(Path::to_path_buf)
        .unwrap_or_else(cache::default_root);
    Workspace::open(&root, &runtime).map_err(|e| {
        Failure::internal(format!(
            "crabby: cannot create the build cache in {}: {e}",
            root.display()
        ))
    })
}

/// CPython's "[Errno 2] No such file or directory" for an I/O error.
pub fn errno_text(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => {
            let text = io::Error::from_raw_os_error(code).to_string();
            let text = text.split(" (os error").next().unwrap_or(&text).to_string();
            format!("[Errno {code}] {text}")
        }
        None => e.to_string(),
    }
}

/// The path CPython shows for a script: the current directory joined to the path as typed, not normalised
/// (`python3.12 ./t.py` shows `/cwd/./t.py`).
pub fn shown_path(typed: &Path) -> PathBuf {
    if typed.is_absolute() {
        return typed.to_path_buf();
    }
    match std::env::current_dir() {
        Ok(cwd) => {
            let mut s = cwd.into_os_string();
            s.push("/");
            s.push(typed.as_os_str());
            PathBuf::from(s)
        }
        Err(_) => typed.to_path_buf(),
    }
}

/// Reads the main module of `target`, with CPython's errors for files that cannot be run.
pub fn load_main(target: &Target) -> Result<MainProgram, Failure> {
    match target {
        Target::Code(code) => Ok(MainProgram {
            module: ModuleSource {
                name: "__main__".into(),
                filename: "<string>".into(),
                path: None,
                source: code.clone(),
            },
            argv0: "-c".into(),
        }),
        Target::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).map_err(|e| {
                Failure::usage(format!(
                    "crabby: can't read the program from stdin: {}",
                    errno_text(&e)
                ))
            })?;
            let source = decode_source(&bytes, "<stdin>")?;
            Ok(MainProgram {
                module: ModuleSource {
                    name: "__main__".into(),
                    filename: "<stdin>".into(),
                    path: None,
                    source,
                },
                argv0: "-".into(),
            })
        }
        Target::File(typed) => {
            let shown = shown_path(Path::new(typed));
            let file = if shown.is_dir() {
                // CPython runs a directory's __main__.py.
                let main = shown.join("__main__.py");
                if !main.is_file() {
                    return Err(Failure::program(format!(
                        "crabby: can't find '__main__' module in '{}'",
                        shown.display()
                    )));
                }
                main
            } else {
                shown
            };
            let module = read_module_file("__main__", &file)?;
            Ok(MainProgram {
                module,
                argv0: typed.clone(),
            })
        }
        Target::Module(name) => {
            let file = find_module(name)
                .ok_or_else(|| Failure::program(format!("crabby: No module named {name}")))?;
            let module = read_module_file("__main__", &file)?;
            // `python -m` sets sys.argv[0] to the module's full path.
            Ok(MainProgram {
                argv0: file.clone().into_os_string(),
                module,
            })
        }
    }
}

/// Finds `-m` module `name` (dotted) relative to the current directory, the first entry of `sys.path`:
/// `a/b.py`, or the package `a/b/__main__.py`. The standard library comes with import resolution.
fn find_module(name: &str) -> Option<PathBuf> {
    if name.is_empty() || name.split('.').any(|p| p.is_empty()) {
        return None;
    }
    let cwd = std::env::current_dir().ok()?;
    let rel: PathBuf = name.split('.').collect();
    let file = cwd.join(&rel).with_extension("py");
    if file.is_file() {
        return Some(file);
    }
    let main = cwd.join(&rel).join("__main__.py");
    main.is_file().then_some(main)
}

fn read_module_file(name: &str, file: &Path) -> Result<ModuleSource, Failure> {
    let filename = file.to_string_lossy().into_owned();
    let bytes = std::fs::read(file).map_err(|e| {
        Failure::usage(format!(
            "crabby: can't open file '{filename}': {}",
            errno_text(&e)
        ))
    })?;
    let source = decode_source(&bytes, &filename)?;
    Ok(ModuleSource {
        name: name.into(),
        filename,
        path: Some(file.to_path_buf()),
        source,
    })
}

/// Decodes Python source bytes as CPython does: UTF-8 unless a PEP 263 coding cookie on line 1 or 2 says
/// otherwise, a UTF-8 byte order mark skipped.
pub fn decode_source(bytes: &[u8], filename: &str) -> Result<String, Failure> {
    let (bytes, had_bom) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    let encoding = coding_cookie(bytes).map(|c| normal_encoding_name(&c));
    match encoding.as_deref() {
        None | Some("utf-8") => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => {
                let at = e.valid_up_to();
                let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                Err(Failure::program(format!(
                    "SyntaxError: Non-UTF-8 code starting with '\\x{:02x}' in file {filename} on line {line}, \
                     but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    bytes[at]
                )))
            }
        },
        Some(_) if had_bom => Err(Failure::program(format!("SyntaxError: encoding problem: {}", encoding.unwrap()))),
        Some("iso-8859-1") => Ok(bytes.iter().map(|&b| b as char).collect()),
        Some("ascii") if bytes.is_ascii() => Ok(String::from_utf8_lossy(bytes).into_owned()),
        Some(other) => Err(Failure::program(format!(
            "crabby: {filename}: source encoding '{other}' is not supported (crabby reads UTF-8, Latin-1 and ASCII)"
        ))),
    }
}

/// The encoding named by a coding cookie (`# -*- coding: latin-1 -*-`) on line 1, or on line 2 when line 1
/// is blank or a comment.
fn coding_cookie(bytes: &[u8]) -> Option<String> {
    let mut lines = bytes.split(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(c) = cookie_in_line(first) {
        return Some(c);
    }
    let first_trim = first
        .iter()
        .skip_while(|b| matches!(b, b' ' | b'\t' | b'\x0c' | b'\r'))
        .copied()
        .collect::<Vec<u8>>();
    if first_trim.is_empty() || first_trim[0] == b'#' {
        return lines.next().and_then(cookie_in_line);
    }
    None
}

fn cookie_in_line(line: &[u8]) -> Option<String> {
    let line = std::str::from_utf8(line).ok()?;
    let t = line.trim_start_matches([' ', '\t', '\x0c']);
    if !t.starts_with('#') {
        return None;
    }
    let i = t.find("coding")?;
    let rest = &t[i + "coding".len()..];
    let rest = rest.strip_prefix([':', '='])?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// CPython's `get_normal_name` (tokenizer.c), plus ASCII.
fn normal_encoding_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    if lower == "utf-8" || lower.starts_with("utf-8-") || lower == "utf8" {
        "utf-8".into()
    } else if [
        "latin-1",
        "iso-8859-1",
        "iso-latin-1",
        "latin1",
        "iso8859-1",
    ]
    .iter()
    .any(|n| lower == *n || lower.starts_with(&format!("{n}-")))
    {
        "iso-8859-1".into()
    } else if lower == "ascii" || lower == "us-ascii" {
        "ascii".into()
    } else {
        name.to_string()
    }
}

thread_local! {
    static IN_COMPILER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static PANIC_REPORT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Installs (once) a panic hook that keeps compiler panics off stderr, so they can be reported as crabby
/// bugs in crabby's words; any other panic goes to the previous hook.
fn install_compiler_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_COMPILER.with(|c| c.get()) {
                let location = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let payload = info.payload();
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(no message)".into());
                PANIC_REPORT.with(|r| *r.borrow_mut() = Some(format!("{msg}{location}")));
            } else {
                previous(info);
            }
        }));
    });
}

/// The result of compiling one module: Rust text, a SyntaxError report, or a compiler crash.
pub enum Compiled {
    Rust(String),
    /// CPython's report (`File "x.py", line 1` ... `SyntaxError: ...`), ending in a newline.
    SyntaxError(String),
    /// The compiler panicked: the message and where.
    Crash(String),
}

/// Compiles one module, on a thread with a large stack (deeply nested source must not overflow the
/// compiler's recursion) and with panics caught: crabby itself never crashes on any input.
pub fn compile(module: &ModuleSource) -> Compiled {
    install_compiler_panic_hook();
    let (source, filename, name) = (
        module.source.clone(),
        module.filename.clone(),
        module.name.clone(),
    );
    let handle = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || {
            IN_COMPILER.with(|c| c.set(true));
            let result = std::panic::catch_unwind(|| {
                crabby_compiler::compile_module(&source, &filename, &name)
            });
            match result {
                Ok(Ok(generated)) => Compiled::Rust(generated.rust),
                Ok(Err(e)) => Compiled::SyntaxError(e.render()),
                Err(_) => Compiled::Crash(
                    PANIC_REPORT
                        .with(|r| r.borrow_mut().take())
                        .unwrap_or_default(),
                ),
            }
        });
    match handle {
        Ok(h) => h
            .join()
            .unwrap_or_else(|_| Compiled::Crash("compiler thread failed".into())),
        Err(e) => Compiled::Crash(format!("cannot start the compiler thread: {e}")),
    }
}

/// `compile`, with a SyntaxError or crash turned into the failure crabby reports.
pub fn compile_or_fail(module: &ModuleSource) -> Result<String, Failure> {
    match compile(module) {
        Compiled::Rust(rust) => Ok(rust),
        Compiled::SyntaxError(report) => {
            Err(Failure::program(report.trim_end_matches('\n').to_string()))
        }
        Compiled::Crash(msg) => Err(Failure::internal(format!(
            "crabby: internal error: the compiler crashed on {}; this is a bug in crabby.\n{msg}",
            module.filename
        ))),
    }
}

/// The key of a module's crate: everything its generated code depends on.
pub fn module_key(module: &ModuleSource) -> String {
    StableHasher::new()
        .field(cache::key_salt())
        .field(crabby_compiler::COMPILER_VERSION)
        .field(&module.name)
        .field(&module.filename)
        .field(&module.source)
        .hex()
}

/// A crate (and Rust identifier) name for a module: readable, and unique by its key.
pub fn module_crate_name(module: &ModuleSource, key: &str) -> String {
    let readable: String = module
        .name
        .trim_matches('_')
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    format!("m_{readable}_{}", cache::short(key))
}

/// The files of a module's lib crate. The generated text goes in a module file of its own, so that its
/// inner attributes and doc comments stay where codegen put them.
pub fn module_crate_files(
    ws: &Workspace,
    crate_name: &str,
    module: &ModuleSource,
    rust: &str,
) -> Vec<(String, String)> {
    let manifest = format!(
        "[package]\nname = \"{crate_name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [lib]\npath = \"src/lib.rs\"\n\n[dependencies]\n{}",
        ws.runtime_dependency()
    );
    let lib = format!(
        "//! Generated by crabby from {}: the Python module `{}`. Do not edit.\n\
         #![allow(warnings, clippy::all)]\n\n#[path = \"module.rs\"]\nmod module;\npub use module::exec_module;\n",
        module.filename.replace('\n', " "),
        module.name
    );
    vec![
        ("Cargo.toml".into(), manifest),
        ("src/lib.rs".into(), lib),
        ("src/module.rs".into(), rust.to_string()),
    ]
}

/// The call that runs a compiled main module: the runtime's entry point, with CPython's exit status.
pub fn entry_call(filename: &str, exec_path: &str) -> String {
    format!("crabby_runtime::entry::main(\"__main__\", {filename:?}, {exec_path})")
}

/// The key under which the index remembers a program: its main module and how it is built.
fn entry_key(ws: &Workspace, main: &ModuleSource, profile: Profile) -> String {
    StableHasher::new()
        .field(cache::key_salt())
        .field(crabby_compiler::COMPILER_VERSION)
        .field(profile.cargo_name())
        .field(ws.runtime.as_os_str().as_encoded_bytes())
        .field(&main.name)
        .field(&main.filename)
        .field(&main.source)
        .hex()
}

/// Content hash of a dependency file, for the index's staleness check.
fn file_hash(path: &Path) -> Option<String> {
    std::fs::read(path)
        .ok()
        .map(|b| StableHasher::new().field(b).hex())
}

/// The binary for `main`'s program, from the cache when it is there, else compiled and built now.
pub fn binary_for(
    ws: &Workspace,
    main: ModuleSource,
    profile: Profile,
) -> Result<PathBuf, Failure> {
    let key = entry_key(ws, &main, profile);
    if let Some(entry) = ws.read_index(&key) {
        let fresh = entry
            .dependencies
            .iter()
            .all(|(path, hash)| file_hash(path).as_deref() == Some(hash));
        if let (true, Some(bin)) = (fresh, ws.binary(&entry.binary_key)) {
            cache::touch(&bin);
            return Ok(bin);
        }
    }

    let modules = imports::module_graph(main);
    let mut compiled = Vec::new();
    for module in &modules {
        let key = module_key(module);
        let crate_name = module_crate_name(module, &key);
        // A module crate that already exists was generated from exactly this source by this compiler.
        let rust = if ws
            .dir
            .join("modules")
            .join(&crate_name)
            .join("Cargo.toml")
            .is_file()
        {
            None
        } else {
            Some(compile_or_fail(module)?)
        };
        compiled.push((module, crate_name, rust));
    }

    let mut program_key = StableHasher::new();
    program_key
        .field(cache::key_salt())
        .field(crabby_compiler::COMPILER_VERSION)
        .field(profile.cargo_name());
    for (module, crate_name, _) in &compiled {
        program_key.field(crate_name).field(&module.filename);
    }
    let program_key = program_key.hex();

    let binary = match ws.binary(&program_key) {
        Some(bin) => bin,
        None => build(ws, &compiled, &program_key, profile)?,
    };
    let dependencies = modules[1..]
        .iter()
        .filter_map(|m| {
            m.path
                .as_ref()
                .and_then(|p| Some((p.clone(), file_hash(p)?)))
        })
        .collect();
    // Failing to record the entry only costs a cargo no-op next time.
    let _ = ws.write_index(
        &key,
        &IndexEntry {
            binary_key: program_key,
            dependencies,
        },
    );
    Ok(binary)
}

/// Writes the crates of a program into the workspace and has cargo build it.
fn build(
    ws: &Workspace,
    compiled: &[(&ModuleSource, String, Option<String>)],
    program_key: &str,
    profile: Profile,
) -> Result<PathBuf, Failure> {
    let cache_error = |e: io::Error| {
        Failure::internal(format!(
            "crabby: cannot write the build cache in {}: {e}",
            ws.dir.display()
        ))
    };
    let lock = ws
        .lock(|| {
            if io::stderr().is_terminal() {
                eprintln!("crabby: waiting for another crabby to finish building...");
            }
        })
        .map_err(cache_error)?;
    // Another crabby may have built this very program while we waited for the lock.
    if let Some(bin) = ws.binary(program_key) {
        return Ok(bin);
    }
    ws.prepare(&lock).map_err(cache_error)?;

    let mut deps = ws.runtime_dependency();
    for (module, crate_name, rust) in compiled {
        if let Some(rust) = rust {
            let files = module_crate_files(ws, crate_name, module, rust);
            let files: Vec<(&str, &str)> = files
                .iter()
                .map(|(a, b)| (a.as_str(), b.as_str()))
                .collect();
            ws.write_crate(&lock, "modules", crate_name, &files)
                .map_err(cache_error)?;
        } else {
            cache::touch(&ws.dir.join("modules").join(crate_name));
        }
        deps.push_str(&format!(
            "{crate_name} = {{ path = \"../../modules/{crate_name}\" }}\n"
        ));
    }
    let (main, main_crate, _) = &compiled[0];
    let program = format!("p_{}", cache::short(program_key));
    let manifest = format!(
        "[package]\nname = \"{program}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [[bin]]\nname = \"{program}\"\npath = \"src/main.rs\"\n\n[dependencies]\n{deps}"
    );
    let main_rs = format!(
        "//! Generated by crabby: runs {} as the program's `__main__` module. Do not edit.\n\n\
         fn main() {{\n    {}\n}}\n",
        main.filename.replace('\n', " "),
        entry_call(&main.filename, &format!("{main_crate}::exec_module"))
    );
    ws.write_crate(
        &lock,
        "programs",
        &program,
        &[("Cargo.toml", &manifest), ("src/main.rs", &main_rs)],
    )
    .map_err(cache_error)?;

    let version = crabby_compiler::COMPILER_VERSION;
    let progress = if ws.runtime_built(profile, version) {
        cargo::Progress::QuietUnlessSlow(format!("crabby: compiling {}...", main.filename))
    } else {
        cargo::Progress::Show(match profile {
            Profile::Run => {
                "crabby: building the runtime (first run only; this takes a few minutes)...".into()
            }
            Profile::Build => {
                "crabby: building the optimised runtime for `crabby build` (first time only)..."
                    .into()
            }
        })
    };
    let outcome = cargo::Build {
        workspace: &ws.dir,
        target_dir: ws.target_dir(),
        profile: profile.cargo_name(),
        packages: vec![program.clone()],
        keep_going: false,
        progress,
    }
    .run()
    .map_err(|e| Failure::internal(format!("crabby: {e}")))?;

    let result = if outcome.success {
        ws.mark_runtime_built(profile, version);
        let bin = ws
            .install_binary(&lock, profile, &program, program_key)
            .map_err(cache_error);
        ws.collect_garbage(&lock);
        bin
    } else {
        Err(build_failure(ws, &outcome.log, &compiled[0].1))
    };
    ws.remove_program_crate(&lock, &program);
    result
}

/// The report for a failed cargo build of generated code.
fn build_failure(ws: &Workspace, log: &str, main_crate: &str) -> Failure {
    if !cargo::is_compile_error(log) {
        return Failure::internal(format!(
            "crabby: internal error: cargo failed to build the program:\n{}",
            cargo::first_error(log, 30)
        ));
    }
    // A broken runtime (a crabby checkout mid-change) is not a code generation bug: say which it is.
    if log
        .lines()
        .any(|l| l.starts_with("error: could not compile `crabby-runtime`"))
    {
        return Failure::internal(format!(
            "crabby: internal error: the crabby runtime at {} failed to compile; this is a bug in crabby.\n{}",
            ws.runtime.display(),
            cargo::first_error(log, 25)
        ));
    }
    // Point at the module crate the first error is in; the program crate is not kept.
    let modules = ws.dir.join("modules");
    let kept = cargo::error_locations(log)
        .iter()
        .flat_map(|e| e.locations.iter())
        .find_map(|(file, _)| {
            let rest = file.strip_prefix("modules/").or_else(|| {
                file.strip_prefix(modules.to_str()?)
                    .map(|r| r.trim_start_matches('/'))
            })?;
            Some(modules.join(rest.split('/').next()?))
        })
        .unwrap_or_else(|| modules.join(main_crate));
    Failure::internal(format!(
        "crabby: internal error: the generated Rust failed to compile; this is a bug in crabby. \
         The generated code is kept in {}\n{}",
        kept.display(),
        cargo::first_error(log, 25)
    ))
}

/// Replaces crabby with the program: same pid, stdin/stdout/stderr, exit status and signals as if the
/// user had started the binary directly. Returns only if that fails.
pub fn exec_program(binary: &Path, argv0: &OsStr, args: &[OsString]) -> Failure {
    let _ = io::stdout().flush();
    let _ = io::stderr().flush();
    let err = Command::new(binary).arg0(argv0).args(args).exec();
    Failure::internal(format!(
        "crabby: cannot run the compiled program {}: {err}",
        binary.display()
    ))
}

/// Writes the built binary to `output`, atomically and executable.
pub fn install_output(binary: &Path, output: &Path) -> Result<(), Failure> {
    use std::os::unix::fs::PermissionsExt;
    let fail = |e: io::Error| {
        Failure::program(format!(
            "crabby: cannot write '{}': {}",
            output.display(),
            errno_text(&e)
        ))
    };
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .ok_or_else(|| fail(io::Error::from_raw_os_error(21)))?;
    let mut tmp_name = OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".crabby-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    std::fs::copy(binary, &tmp).map_err(fail)?;
    let result = std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755))
        .and_then(|()| std::fs::rename(&tmp, output));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errno_matches_cpython() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(errno_text(&e), "[Errno 2] No such file or directory");
    }

    #[test]
    fn shown_path_is_not_normalised() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            shown_path(Path::new("./t.py")),
            PathBuf::from(format!("{}/./t.py", cwd.display()))
        );
        assert_eq!(
            shown_path(Path::new("/a/../b.py")),
            PathBuf::from("/a/../b.py")
        );
    }

    #[test]
    fn decodes_sources_like_cpython() {
        assert_eq!(
            decode_source(b"\xef\xbb\xbfx = 1\n", "f").unwrap(),
            "x = 1\n"
        );
        assert_eq!(
            decode_source(b"# -*- coding: latin-1 -*-\ns = '\xe9'\n", "f").unwrap(),
            "# -*- coding: latin-1 -*-\ns = '\u{e9}'\n"
        );
        assert_eq!(
            decode_source(
                b"#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\n\xe9",
                "f"
            )
            .unwrap()
            .chars()
            .last(),
            Some('\u{e9}')
        );
        let e = decode_source(b"x = 1\ny = \"\xff\"\n", "/tmp/bad.py").unwrap_err();
        assert_eq!(e.exit_code, 1);
        assert_eq!(
            e.message,
            "SyntaxError: Non-UTF-8 code starting with '\\xff' in file /tmp/bad.py on line 2, but no encoding \
             declared; see https://peps.python.org/pep-0263/ for details"
        );
        // A cookie on line 2 counts only after a comment or blank line.
        assert!(decode_source(b"x = 1\n# coding: latin-1\n\xe9", "f").is_err());
    }

    #[test]
    fn module_crate_names_are_identifiers() {
        let m = ModuleSource {
            name: "__main__".into(),
            filename: "x".into(),
            path: None,
            source: String::new(),
        };
        assert_eq!(
            module_crate_name(&m, "0123456789abcdef0123"),
            "m_main_0123456789abcdef"
        );
        let m = ModuleSource {
            name: "os.path".into(),
            ..m
        };
        assert_eq!(
            module_crate_name(&m, "00000000000000000"),
            "m_os_path_0000000000000000"
        );
    }

    #[test]
    fn entry_call_escapes_the_filename() {
        assert_eq!(
            entry_call("/a \"b\".py", "m::exec_module"),
            "crabby_runtime::entry::main(\"__main__\", \"/a \\\"b\\\".py\", m::exec_module)"
        );
    }
}
