//! The build driver: from what the user named (a file, `-c` code, a module) to a cached native binary,
//! and from there to a running program.
//!
//! The fast path matters most: a second `crabby run` of an unchanged program reads the source, hashes it,
//! finds the binary in the cache index and `exec`s it, without starting cargo, rustc or even the parser.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::io::{self, IsTerminal, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

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
        Failure { message: message.into(), exit_code: 2 }
    }

    /// What CPython reports as the program's error (a SyntaxError report, "No module named"): exit 1.
    pub fn program(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), exit_code: 1 }
    }

    /// A bug in crabby or a broken installation.
    pub fn internal(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), exit_code: EXIT_INTERNAL }
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
    /// No program: only the interactive prompt (an empty `__main__`, `sys.argv == ['']`).
    Nothing,
}

/// The main module of a program and the `sys.argv[0]` it runs with.
#[derive(Clone, Debug)]
pub struct MainProgram {
    pub module: ModuleSource,
    pub argv0: OsString,
    /// The package its relative imports resolve against: empty, except for `-m pkg.mod` (`pkg`).
    pub package: String,
    /// The first entry of its `sys.path`: the script's directory (symlinks resolved, as CPython does),
    /// else the current directory.
    pub first_path: PathBuf,
}

fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// The directory of the runtime crate: `CRABBY_RUNTIME`, else the checkout this crabby was built from.
pub fn runtime_dir() -> Result<PathBuf, Failure> {
    let dir = std::env::var_os("CRABBY_RUNTIME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../crabby-runtime")));
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
    let root = root.map(Path::to_path_buf).unwrap_or_else(cache::default_root);
    Workspace::open(&root, &runtime)
        .map_err(|e| Failure::internal(format!("crabby: cannot create the build cache in {}: {e}", root.display())))
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
        Target::Nothing => {
            let mut main = load_main(&Target::Code(String::new()))?;
            main.argv0 = "".into();
            main.module.filename = "<stdin>".into();
            Ok(main)
        }
        Target::Code(code) => Ok(MainProgram {
            module: ModuleSource {
                name: "__main__".into(),
                filename: "<string>".into(),
                path: None,
                source: code.clone(),
                is_package: false,
                unreadable: None,
            },
            argv0: "-c".into(),
            package: String::new(),
            first_path: current_dir(),
        }),
        Target::Stdin => {
            let mut bytes = Vec::new();
            io::stdin().read_to_end(&mut bytes).map_err(|e| {
                Failure::usage(format!("crabby: can't read the program from stdin: {}", errno_text(&e)))
            })?;
            let source = decode_source(&bytes, "<stdin>")?;
            Ok(MainProgram {
                module: ModuleSource {
                    name: "__main__".into(),
                    filename: "<stdin>".into(),
                    path: None,
                    source,
                    is_package: false,
                    unreadable: None,
                },
                argv0: "-".into(),
                package: String::new(),
                first_path: current_dir(),
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
            // sys.path[0] is the directory of the script (of the directory run), symlinks resolved.
            let first_path =
                file.canonicalize().ok().and_then(|f| f.parent().map(Path::to_path_buf)).unwrap_or_else(current_dir);
            Ok(MainProgram { module, argv0: typed.clone(), package: String::new(), first_path })
        }
        Target::Module(name) => {
            let first_path = current_dir();
            let path = imports::SearchPath::new(first_path.clone(), imports::find_stdlib());
            let (file, package) =
                imports::find_main_module(name, &path).map_err(|why| Failure::program(format!("crabby: {why}")))?;
            let module = read_module_file("__main__", &file)?;
            // `python -m` sets sys.argv[0] to the module's full path.
            Ok(MainProgram { argv0: file.clone().into_os_string(), module, package, first_path })
        }
    }
}

fn read_module_file(name: &str, file: &Path) -> Result<ModuleSource, Failure> {
    let filename = file.to_string_lossy().into_owned();
    let bytes = std::fs::read(file)
        .map_err(|e| Failure::usage(format!("crabby: can't open file '{filename}': {}", errno_text(&e))))?;
    let source = decode_source(&bytes, &filename)?;
    Ok(ModuleSource {
        name: name.into(),
        filename,
        path: Some(file.to_path_buf()),
        source,
        is_package: false,
        unreadable: None,
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
    let first_trim =
        first.iter().skip_while(|b| matches!(b, b' ' | b'\t' | b'\x0c' | b'\r')).copied().collect::<Vec<u8>>();
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
    let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c)).collect();
    (!name.is_empty()).then_some(name)
}

/// CPython's `get_normal_name` (tokenizer.c), plus ASCII.
fn normal_encoding_name(name: &str) -> String {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    if lower == "utf-8" || lower.starts_with("utf-8-") || lower == "utf8" {
        "utf-8".into()
    } else if ["latin-1", "iso-8859-1", "iso-latin-1", "latin1", "iso8859-1"]
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
                let location = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
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
    let (source, filename, name) = (module.source.clone(), module.filename.clone(), module.name.clone());
    let handle = std::thread::Builder::new().stack_size(512 << 20).spawn(move || {
        IN_COMPILER.with(|c| c.set(true));
        let result = std::panic::catch_unwind(|| crabby_compiler::compile_module(&source, &filename, &name));
        match result {
            Ok(Ok(generated)) => Compiled::Rust(generated.rust),
            Ok(Err(e)) => Compiled::SyntaxError(e.render()),
            Err(_) => Compiled::Crash(PANIC_REPORT.with(|r| r.borrow_mut().take()).unwrap_or_default()),
        }
    });
    match handle {
        Ok(h) => h.join().unwrap_or_else(|_| Compiled::Crash("compiler thread failed".into())),
        Err(e) => Compiled::Crash(format!("cannot start the compiler thread: {e}")),
    }
}

/// `compile`, with a SyntaxError or crash turned into the failure crabby reports.
pub fn compile_or_fail(module: &ModuleSource) -> Result<String, Failure> {
    match compile(module) {
        Compiled::Rust(rust) => Ok(rust),
        Compiled::SyntaxError(report) => Err(Failure::program(report.trim_end_matches('\n').to_string())),
        Compiled::Crash(msg) => Err(Failure::internal(format!(
            "crabby: internal error: the compiler crashed on {}; this is a bug in crabby.\n{msg}",
            module.filename
        ))),
    }
}

/// The key of a module's crate: everything its generated code depends on. Nothing about the program that
/// imports it: a standard-library module's crate is shared by every program.
pub fn module_key(module: &ModuleSource) -> String {
    StableHasher::new()
        .field(cache::key_salt())
        .field(crabby_compiler::COMPILER_VERSION)
        .field(&module.name)
        .field(&module.filename)
        .field(&module.source)
        .field([module.is_package as u8])
        .field(module.unreadable.as_deref().unwrap_or(""))
        .hex()
}

/// A crate (and Rust identifier) name for a module: readable, and unique by its key.
pub fn module_crate_name(module: &ModuleSource, key: &str) -> String {
    let readable: String = module
        .name
        .trim_matches('_')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .take(40)
        .collect();
    format!("m_{readable}_{}", cache::short(key))
}

/// The files of a module's lib crate. The generated text goes in a module file of its own, so that its
/// inner attributes and doc comments stay where codegen put them.
pub fn module_crate_files(ws: &Workspace, crate_name: &str, module: &ModuleCrate, rust: &str) -> Vec<(String, String)> {
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
    vec![("Cargo.toml".into(), manifest), ("src/lib.rs".into(), lib), ("src/module.rs".into(), rust.to_string())]
}

/// The Rust of a module crabby cannot compile: importing it raises `kind` (`ImportError`, or the
/// `SyntaxError` CPython would raise for a file that is not valid Python) with `message`.
pub fn stub_rust(module: &ModuleSource, kind: &str, message: &str) -> String {
    format!(
        "//! crabby could not compile the Python module `{}`; importing it raises {kind}.\n\n\
         pub fn exec_module(module: &crabby_runtime::ObjRef) -> crabby_runtime::PyResult<()> {{\n    \
         crabby_runtime::entry::module_not_compiled(module, {kind:?}, {message:?})\n}}\n",
        module.name
    )
}

/// One imported (non-main) module of a program, ready to build.
#[derive(Clone, Debug)]
pub struct ModuleCrate {
    /// The dotted module name the runtime registers it under.
    pub name: String,
    /// Its `__file__`.
    pub filename: String,
    pub is_package: bool,
    /// The key of the module's source (what `mark_bad` records when rustc rejects its generated code).
    pub key: String,
    pub crate_name: String,
    /// The crate's Rust when the crate is not in the cache yet.
    pub rust: Option<Arc<String>>,
    /// Why it is a stub instead of the compiled module, if it is.
    pub stub: Option<String>,
}

impl ModuleCrate {
    /// The stub crate for `module`, raising `kind(message)` when imported.
    fn stub(ws: &Workspace, module: &ModuleSource, key: &str, kind: &str, message: String) -> ModuleCrate {
        let stub_key = StableHasher::new().field(key).field("stub").field(kind).field(&message).hex();
        let crate_name = module_crate_name(module, &stub_key);
        let exists = ws.dir.join("modules").join(&crate_name).join("Cargo.toml").is_file();
        ModuleCrate {
            name: module.name.clone(),
            filename: module.filename.clone(),
            is_package: module.is_package,
            key: key.to_string(),
            crate_name,
            rust: (!exists).then(|| Arc::new(stub_rust(module, kind, &message))),
            stub: Some(message),
        }
    }
}

/// The stub message for a module that does not compile.
fn cannot_compile(module: &ModuleSource, reason: &str) -> String {
    format!("crabby cannot compile module {}: {reason}", module.name)
}

/// Compiles an imported module into its crate, or reuses the crate in the cache. Never fails: a module
/// crabby cannot compile becomes a stub whose import raises, so that a program that never imports it (or
/// guards the import) still builds and runs, and one that does sees an exception, not a build failure.
pub fn prepare_module(ws: &Workspace, module: &ModuleSource) -> ModuleCrate {
    let key = module_key(module);
    if let Some(why) = &module.unreadable {
        return ModuleCrate::stub(ws, module, &key, "SyntaxError", why.clone());
    }
    if ws.bad_report(&key).is_some() {
        let why = cannot_compile(module, "its generated Rust failed to compile (a bug in crabby)");
        return ModuleCrate::stub(ws, module, &key, "ImportError", why);
    }
    let crate_name = module_crate_name(module, &key);
    let exists = ws.dir.join("modules").join(&crate_name).join("Cargo.toml").is_file();
    let rust = if exists {
        None
    } else {
        match compile(module) {
            Compiled::Rust(rust) => Some(Arc::new(rust)),
            Compiled::SyntaxError(report) => {
                // The report's last line is `Kind: message`; its first says where.
                let last = report.trim_end().lines().last().unwrap_or("").to_string();
                let (kind, msg) = last.split_once(": ").unwrap_or(("SyntaxError", &last));
                let place = report.lines().next().unwrap_or("").trim().to_string();
                return if msg.starts_with("crabby does not support") {
                    let why = cannot_compile(module, &format!("{msg} ({place})"));
                    ModuleCrate::stub(ws, module, &key, "ImportError", why)
                } else {
                    let kind = if ["SyntaxError", "IndentationError", "TabError"].contains(&kind) {
                        kind
                    } else {
                        "SyntaxError"
                    };
                    // Just the message, so an uncaught one ends the traceback with CPython's last line.
                    ModuleCrate::stub(ws, module, &key, kind, msg.to_string())
                };
            }
            Compiled::Crash(msg) => {
                let why = cannot_compile(module, &format!("the compiler crashed (a bug in crabby): {msg}"));
                return ModuleCrate::stub(ws, module, &key, "ImportError", why);
            }
        }
    };
    ModuleCrate {
        name: module.name.clone(),
        filename: module.filename.clone(),
        is_package: module.is_package,
        key,
        crate_name,
        rust,
        stub: None,
    }
}

/// `prepare_module` for many modules, on every core.
pub fn prepare_modules(ws: &Workspace, modules: &[ModuleSource]) -> Vec<ModuleCrate> {
    let jobs = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<ModuleCrate>>> =
        modules.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs.min(modules.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(m) = modules.get(i) else { break };
                let c = prepare_module(ws, m);
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(c);
            });
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().unwrap_or_else(|e| e.into_inner()).expect("every module was prepared"))
        .collect()
}

/// Writes the crates of `modules` that are not in the cache yet (and marks the others used).
pub fn write_module_crates(ws: &Workspace, lock: &cache::WriterLock, modules: &[ModuleCrate]) -> io::Result<()> {
    for m in modules {
        match &m.rust {
            Some(rust) => {
                let files = module_crate_files(ws, &m.crate_name, m, rust);
                let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                ws.write_crate(lock, "modules", &m.crate_name, &files)?;
            }
            None => cache::touch(&ws.dir.join("modules").join(&m.crate_name)),
        }
    }
    Ok(())
}

/// The `[dependencies]` lines of a program crate using `modules`.
pub fn module_dependencies(modules: &[ModuleCrate]) -> String {
    modules.iter().map(|m| format!("{0} = {{ path = \"../../modules/{0}\" }}\n", m.crate_name)).collect()
}

/// The statements that register `modules` with the runtime's import system (at the start of `main`).
pub fn registrations(modules: &[ModuleCrate], indent: &str) -> String {
    modules
        .iter()
        .map(|m| {
            format!(
                "{indent}crabby_runtime::import::register_compiled({:?}, crabby_runtime::import::CompiledModule {{ \
                 exec: {}::exec_module, file: {:?}, is_package: {} }});\n",
                m.name, m.crate_name, m.filename, m.is_package
            )
        })
        .collect()
}

/// The module crates rustc rejected in a failed build, each with its errors.
pub fn rejected_module_crates(log: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for line in log.lines() {
        if let Some(rest) = line.strip_prefix("error: could not compile `") {
            if let Some(name) = rest.split('`').next().filter(|n| n.starts_with("m_")) {
                out.entry(name.to_string()).or_default();
            }
        }
    }
    for site in cargo::error_locations(log) {
        for (file, _) in &site.locations {
            let Some(pos) = file.find("modules/") else { continue };
            let name = file[pos + "modules/".len()..].split('/').next().unwrap_or("");
            if let Some(text) = out.get_mut(name) {
                if text.lines().count() < 30 {
                    text.push_str(&site.text);
                    text.push('\n');
                }
                break;
            }
        }
    }
    out
}

/// Replaces the module crates rustc rejected by stubs, recording them as bad so that later builds go
/// straight to the stub. Returns whether any was replaced (else the failure is not theirs).
pub fn stub_rejected(ws: &Workspace, modules: &mut [ModuleCrate], log: &str) -> io::Result<bool> {
    let rejected = rejected_module_crates(log);
    let mut any = false;
    for m in modules.iter_mut() {
        let Some(report) = rejected.get(&m.crate_name) else { continue };
        if m.stub.is_some() {
            continue; // A stub that fails to compile is crabby's bug; nothing better to fall back to.
        }
        ws.mark_bad(&m.key, report)?;
        let source = ModuleSource {
            name: m.name.clone(),
            filename: m.filename.clone(),
            path: None,
            source: String::new(),
            is_package: m.is_package,
            unreadable: None,
        };
        let why = cannot_compile(&source, "its generated Rust failed to compile (a bug in crabby)");
        *m = ModuleCrate::stub(ws, &source, &m.key, "ImportError", why);
        any = true;
    }
    Ok(any)
}

/// The call that runs a compiled main module: the runtime's entry point, with CPython's exit status.
pub fn entry_call(filename: &str, exec_path: &str) -> String {
    format!("{{ crabby_eval::install(); crabby_runtime::entry::main(\"__main__\", {filename:?}, {exec_path}) }}")
}

/// `entry_call` for a main module that belongs to `package` (`crabby run -m package.module`).
pub fn entry_call_in_package(package: &str, filename: &str, exec_path: &str) -> String {
    if package.is_empty() {
        return entry_call(filename, exec_path);
    }
    format!(
        "{{ crabby_eval::install(); crabby_runtime::entry::main_in_package({package:?}, {filename:?}, {exec_path}) }}"
    )
}

/// The key under which the index remembers a program: its main module, where its imports are looked
/// for, and how it is built.
fn entry_key(ws: &Workspace, main: &MainProgram, profile: Profile) -> String {
    let mut h = StableHasher::new();
    h.field(cache::key_salt())
        .field(crabby_compiler::COMPILER_VERSION)
        .field(profile.cargo_name())
        .field(ws.runtime.as_os_str().as_encoded_bytes())
        .field(&main.module.name)
        .field(&main.module.filename)
        .field(&main.module.source)
        .field(&main.package)
        .field(main.first_path.as_os_str().as_encoded_bytes());
    // An explicit standard library is part of the key; a found one is checked through its files.
    h.field(std::env::var_os("CRABBY_STDLIB").unwrap_or_default().as_encoded_bytes());
    h.hex()
}

/// Reads a module file found by the import graph; a file that cannot be read or decoded becomes a module
/// whose import raises what CPython would.
pub fn read_imported(name: &str, file: &Path, is_package: bool) -> ModuleSource {
    let filename = file.to_string_lossy().into_owned();
    let (source, unreadable) = match std::fs::read(file) {
        Ok(bytes) => match decode_source(&bytes, &filename) {
            Ok(s) => (s, None),
            Err(f) => (String::new(), Some(f.message.trim_start_matches("SyntaxError: ").to_string())),
        },
        Err(e) => (String::new(), Some(format!("cannot read {filename}: {}", errno_text(&e)))),
    };
    ModuleSource { name: name.to_string(), filename, path: Some(file.to_path_buf()), source, is_package, unreadable }
}

/// The whole module graph of `main`, or the error for a program that needs a standard library when none
/// was found.
pub fn program_graph(main: &MainProgram) -> Result<imports::Graph, Failure> {
    let path = imports::SearchPath::new(main.first_path.clone(), imports::find_stdlib());
    let graph = imports::module_graph(main.module.clone(), &main.package, &path, &read_imported);
    if let Some(name) = imports::needs_missing_stdlib(&graph, &path) {
        return Err(Failure::program(imports::no_stdlib_message(&name)));
    }
    Ok(graph)
}

/// The binary for `main`'s program, from the cache when it is there, else compiled and built now.
pub fn binary_for(ws: &Workspace, main: &MainProgram, profile: Profile) -> Result<PathBuf, Failure> {
    let key = entry_key(ws, main, profile);
    if let Some(entry) = ws.read_index(&key) {
        let fresh =
            entry.dependencies.iter().all(cache::Dependency::is_fresh) && entry.absent.iter().all(|p| !p.exists());
        if let (true, Some(bin)) = (fresh, ws.binary(&entry.binary_key)) {
            cache::touch(&bin);
            return Ok(bin);
        }
    }

    let graph = program_graph(main)?;
    let main_module = &graph.modules[0];
    let main_key = module_key(main_module);
    let main_crate = module_crate_name(main_module, &main_key);
    let main_exists = ws.dir.join("modules").join(&main_crate).join("Cargo.toml").is_file();
    // The main module's own errors are the program's (a SyntaxError report), as in CPython.
    let main_rust = if main_exists { None } else { Some(Arc::new(compile_or_fail(main_module)?)) };
    let main_crate = ModuleCrate {
        name: "__main__".into(),
        filename: main_module.filename.clone(),
        is_package: false,
        key: main_key,
        crate_name: main_crate,
        rust: main_rust,
        stub: None,
    };
    let mut imported = prepare_modules(ws, &graph.modules[1..]);

    let mut binary = None;
    for _round in 0..4 {
        let program_key = program_key(&main_crate, &imported, &main.package, profile);
        if let Some(bin) = ws.binary(&program_key) {
            binary = Some((bin, program_key));
            break;
        }
        match build(ws, &main_crate, &imported, &main.package, &program_key, profile)? {
            Built::Binary(bin) => {
                binary = Some((bin, program_key));
                break;
            }
            // Some imported modules' generated Rust was rejected: they are stubs now; build again.
            Built::Retry(log) => {
                let replaced = stub_rejected(ws, &mut imported, &log)
                    .map_err(|e| Failure::internal(format!("crabby: cannot write the build cache: {e}")))?;
                if !replaced {
                    return Err(build_failure(ws, &log, &main_crate.crate_name));
                }
            }
        }
    }
    let Some((binary, program_key)) = binary else {
        return Err(Failure::internal(
            "crabby: internal error: the program still failed to build after replacing the modules rustc \
             rejected; this is a bug in crabby",
        ));
    };
    let dependencies = graph.modules[1..].iter().filter_map(|m| cache::Dependency::of(m.path.as_ref()?)).collect();
    // Failing to record the entry only costs a cargo no-op next time.
    let _ = ws.write_index(&key, &IndexEntry { binary_key: program_key, dependencies, absent: graph.absent.clone() });
    Ok(binary)
}

/// The key of a program's binary: its crates and how they are registered and run.
fn program_key(main: &ModuleCrate, imported: &[ModuleCrate], package: &str, profile: Profile) -> String {
    let mut h = StableHasher::new();
    h.field(cache::key_salt()).field(crabby_compiler::COMPILER_VERSION).field(profile.cargo_name()).field(package);
    for m in std::iter::once(main).chain(imported) {
        h.field(&m.crate_name).field(&m.name).field(&m.filename).field([m.is_package as u8]);
    }
    h.hex()
}

/// What one cargo invocation for a program gave.
enum Built {
    Binary(PathBuf),
    /// The build failed; cargo's log.
    Retry(String),
}

/// Writes the crates of a program into the workspace and has cargo build it.
fn build(
    ws: &Workspace,
    main: &ModuleCrate,
    imported: &[ModuleCrate],
    package: &str,
    program_key: &str,
    profile: Profile,
) -> Result<Built, Failure> {
    let cache_error =
        |e: io::Error| Failure::internal(format!("crabby: cannot write the build cache in {}: {e}", ws.dir.display()));
    let lock = ws
        .lock(|| {
            if io::stderr().is_terminal() {
                eprintln!("crabby: waiting for another crabby to finish building...");
            }
        })
        .map_err(cache_error)?;
    // Another crabby may have built this very program while we waited for the lock.
    if let Some(bin) = ws.binary(program_key) {
        return Ok(Built::Binary(bin));
    }
    ws.prepare(&lock).map_err(cache_error)?;
    write_module_crates(ws, &lock, std::slice::from_ref(main)).map_err(cache_error)?;
    write_module_crates(ws, &lock, imported).map_err(cache_error)?;

    let mut deps = ws.runtime_dependency();
    deps.push_str(&module_dependencies(std::slice::from_ref(main)));
    deps.push_str(&module_dependencies(imported));
    let program = format!("p_{}", cache::short(program_key));
    let manifest = format!(
        "[package]\nname = \"{program}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [[bin]]\nname = \"{program}\"\npath = \"src/main.rs\"\n\n[dependencies]\n{deps}"
    );
    let main_rs = format!(
        "//! Generated by crabby: runs {} as the program's `__main__` module. Do not edit.\n\n\
         fn main() {{\n{}    {}\n}}\n",
        main.filename.replace('\n', " "),
        registrations(imported, "    "),
        entry_call_in_package(package, &main.filename, &format!("{}::exec_module", main.crate_name))
    );
    ws.write_crate(&lock, "programs", &program, &[("Cargo.toml", &manifest), ("src/main.rs", &main_rs)])
        .map_err(cache_error)?;

    let version = crabby_compiler::COMPILER_VERSION;
    let fresh = imported.iter().filter(|m| m.rust.is_some()).count();
    let progress = if ws.runtime_built(profile, version) {
        let what =
            if fresh > 1 { format!("{} and {fresh} modules it imports", main.filename) } else { main.filename.clone() };
        if fresh > 10 {
            cargo::Progress::Show(format!("crabby: compiling {what}..."))
        } else {
            cargo::Progress::QuietUnlessSlow(format!("crabby: compiling {what}..."))
        }
    } else {
        cargo::Progress::Show(match profile {
            Profile::Run => "crabby: building the runtime (first run only; this takes a few minutes)...".into(),
            Profile::Build => "crabby: building the optimised runtime for `crabby build` (first time only)...".into(),
        })
    };
    let outcome = cargo::Build {
        workspace: &ws.dir,
        target_dir: ws.target_dir(),
        profile: profile.cargo_name(),
        packages: vec![program.clone()],
        // Every rejected module crate is reported in one go, to be replaced by stubs together.
        keep_going: true,
        progress,
    }
    .run()
    .map_err(|e| Failure::internal(format!("crabby: {e}")))?;

    let result = if outcome.success {
        ws.mark_runtime_built(profile, version);
        let bin = ws.install_binary(&lock, profile, &program, program_key).map_err(cache_error);
        ws.collect_garbage(&lock);
        bin.map(Built::Binary)
    } else {
        Ok(Built::Retry(outcome.log))
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
    if log.lines().any(|l| l.starts_with("error: could not compile `crabby-runtime`")) {
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
            let rest = file
                .strip_prefix("modules/")
                .or_else(|| file.strip_prefix(modules.to_str()?).map(|r| r.trim_start_matches('/')))?;
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
/// `env` is added to the program's environment (how `crabby -i` asks for the interactive prompt).
pub fn exec_program(binary: &Path, argv0: &OsStr, args: &[OsString], env: &[(&str, &str)]) -> Failure {
    let _ = io::stdout().flush();
    let _ = io::stderr().flush();
    let err = Command::new(binary).arg0(argv0).args(args).envs(env.iter().copied()).exec();
    Failure::internal(format!("crabby: cannot run the compiled program {}: {err}", binary.display()))
}

/// Writes the built binary to `output`, atomically and executable.
pub fn install_output(binary: &Path, output: &Path) -> Result<(), Failure> {
    use std::os::unix::fs::PermissionsExt;
    let fail =
        |e: io::Error| Failure::program(format!("crabby: cannot write '{}': {}", output.display(), errno_text(&e)));
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // An existing output that is not a regular file or directory (`/dev/null`, a FIFO) is written to, as a C
    // compiler does: renaming over it replaced the device node itself (as root, `-o /dev/null` left a regular
    // file at /dev/null that later writers filled and readers read back).
    if std::fs::metadata(output).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut dest = std::fs::OpenOptions::new().write(true).open(output).map_err(fail)?;
        let mut src = std::fs::File::open(binary).map_err(fail)?;
        return io::copy(&mut src, &mut dest).map(|_| ()).map_err(fail);
    }
    let name = output.file_name().ok_or_else(|| fail(io::Error::from_raw_os_error(21)))?;
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
    fn output_to_a_device_writes_to_it() {
        use std::os::unix::fs::FileTypeExt;
        let dir = std::env::temp_dir().join(format!("crabby-install-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let binary = dir.join("bin");
        std::fs::write(&binary, b"not really a program").unwrap();
        install_output(&binary, Path::new("/dev/null")).unwrap();
        assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
        install_output(&binary, &dir.join("out")).unwrap();
        assert_eq!(std::fs::read(dir.join("out")).unwrap(), b"not really a program");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn errno_matches_cpython() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(errno_text(&e), "[Errno 2] No such file or directory");
    }

    #[test]
    fn shown_path_is_not_normalised() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(shown_path(Path::new("./t.py")), PathBuf::from(format!("{}/./t.py", cwd.display())));
        assert_eq!(shown_path(Path::new("/a/../b.py")), PathBuf::from("/a/../b.py"));
    }

    #[test]
    fn decodes_sources_like_cpython() {
        assert_eq!(decode_source(b"\xef\xbb\xbfx = 1\n", "f").unwrap(), "x = 1\n");
        assert_eq!(
            decode_source(b"# -*- coding: latin-1 -*-\ns = '\xe9'\n", "f").unwrap(),
            "# -*- coding: latin-1 -*-\ns = '\u{e9}'\n"
        );
        assert_eq!(
            decode_source(b"#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\n\xe9", "f")
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
            is_package: false,
            unreadable: None,
        };
        assert_eq!(module_crate_name(&m, "0123456789abcdef0123"), "m_main_0123456789abcdef");
        let m = ModuleSource { name: "os.path".into(), ..m };
        assert_eq!(module_crate_name(&m, "00000000000000000"), "m_os_path_0000000000000000");
    }

    #[test]
    fn entry_call_escapes_the_filename() {
        assert_eq!(
            entry_call("/a \"b\".py", "m::exec_module"),
            "{ crabby_eval::install(); crabby_runtime::entry::main(\"__main__\", \"/a \\\"b\\\".py\", m::exec_module) }"
        );
    }
}
