//! The differential test harness: every program under `tests/` is compiled by crabby, built (in batches)
//! and run, and its stdout, exit status and last stderr line are compared with what CPython 3.12 did
//! (recorded by `tests/bless.py`).
//!
//! `tests/known_failures.txt` lists tests known to fail for now: they are reported as expected failures
//! and do not fail the suite, but one that passes does (so the list only ever shrinks honestly), and so
//! does an entry naming no test.
//!
//! Driven by `crates/crabby/tests/differential.rs` (so `cargo test` runs it). Settings from the
//! environment: `CRABBY_TEST_FILTER` (substring of test names; a plain command-line argument works too),
//! `CRABBY_TEST_TIMEOUT` (seconds per program, default 20), `CRABBY_TEST_JOBS` (programs run at once,
//! default: the number of cores), `CRABBY_TEST_BATCH` (programs per batch crate, default 25),
//! `CRABBY_TEST_WAVE` (batch crates built together, then run, then deleted; default 6),
//! `CRABBY_TEST_KEEP_BINARIES=1` (keep the batch binaries for a faster rerun; they take gigabytes),
//! `CRABBY_TEST_VERBOSE=1` (list passing tests too), `CRABBY_TEST_UPDATE_KNOWN=1` (rewrite
//! known_failures.txt to list exactly the tests failing now, each with the first line of why; for whoever
//! owns that list, to review as a diff before committing).

mod batch;
mod exec;
mod expect;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::driver::{self, Compiled};
use crate::imports::{self, ModuleSource};
pub use expect::{last_nonempty_line, Expected, Observed};

/// How the suite runs.
#[derive(Clone, Debug)]
pub struct Config {
    pub tests_dir: PathBuf,
    pub cache_root: PathBuf,
    pub filter: Option<String>,
    pub timeout: Duration,
    pub jobs: usize,
    pub batch_size: usize,
    /// Batches built (and then run) together; their binaries are deleted before the next wave.
    pub wave: usize,
    /// Keep the batch binaries in the cache after the run (`CRABBY_TEST_KEEP_BINARIES=1`), so that running
    /// the suite again without changes skips linking; off by default to bound the disk used.
    pub keep_binaries: bool,
    pub verbose: bool,
    /// Rewrite known_failures.txt to list exactly the tests failing now (`CRABBY_TEST_UPDATE_KNOWN=1`).
    pub update_known: bool,
}

impl Config {
    /// The configuration for `tests_dir` with a cache in `cache_root`, adjusted by the environment and the
    /// command line (the first argument not starting with `-` is a filter, as `cargo test NAME` passes it).
    pub fn from_env(tests_dir: PathBuf, cache_root: PathBuf) -> Config {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let number = |name: &str| var(name).and_then(|v| v.parse::<u64>().ok()).filter(|&n| n > 0);
        let filter = var("CRABBY_TEST_FILTER").or_else(|| filter_argument(std::env::args().skip(1)));
        Config {
            tests_dir,
            cache_root,
            filter,
            timeout: Duration::from_secs(number("CRABBY_TEST_TIMEOUT").unwrap_or(20)),
            jobs: number("CRABBY_TEST_JOBS")
                .map(|n| n as usize)
                .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)),
            batch_size: number("CRABBY_TEST_BATCH").map(|n| n as usize).unwrap_or(25),
            wave: number("CRABBY_TEST_WAVE").map(|n| n as usize).unwrap_or(6),
            keep_binaries: var("CRABBY_TEST_KEEP_BINARIES").is_some_and(|v| v != "0"),
            verbose: var("CRABBY_TEST_VERBOSE").is_some_and(|v| v != "0"),
            update_known: var("CRABBY_TEST_UPDATE_KNOWN").is_some_and(|v| v != "0"),
        }
    }
}

/// The test-name filter among libtest-style arguments (`cargo test NAME -- --test-threads 1`): the first
/// argument that is neither an option nor the value of one.
fn filter_argument(args: impl Iterator<Item = String>) -> Option<String> {
    const WITH_VALUE: [&str; 6] = ["--test-threads", "--skip", "--logfile", "--format", "--color", "-Z"];
    let mut args = args;
    while let Some(arg) = args.next() {
        if WITH_VALUE.contains(&arg.as_str()) {
            args.next();
        } else if !arg.starts_with('-') {
            return Some(arg);
        }
    }
    None
}

/// One test program.
struct Test {
    /// `area/name`: the path under tests/ without `.py`.
    name: String,
    /// Absolute path, with the directory as the program's cwd sees it (symlinks resolved, like getcwd()).
    path: PathBuf,
}

/// How a test ended.
enum Outcome {
    /// The program ran (or crabby reported a compile-time error, as CPython would); compare with expectations.
    Ran(Observed),
    /// It could not be built or run at all: why.
    Broken(String),
}

/// Finds the test programs under `dir` the way bless.py does: `*.py`, not starting with `_`, not bless.py.
/// A directory holding a `main.py` is one multi-module program: `main.py` is the test and every other file
/// and directory in it is that program's modules and packages (not tests).
fn discover(dir: &Path) -> Vec<Test> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<Test>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let rel = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_string_lossy().into_owned();
        let main = dir.join(MULTI_MODULE_MAIN);
        if dir != root && main.is_file() {
            out.push(Test { name: rel(&main).trim_end_matches(".py").to_string(), path: main });
            return;
        }
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(root, &path, out);
            } else if name.ends_with(".py") && !name.starts_with('_') && !(dir == root && name == "bless.py") {
                out.push(Test { name: rel(&path).trim_end_matches(".py").to_string(), path });
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The file that makes a directory one multi-module test program (see `discover`; bless.py agrees).
const MULTI_MODULE_MAIN: &str = "main.py";

/// The entries of known_failures.txt, normalised to test names (`tests/` and `.py` optional).
fn known_failures(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let l = l.strip_prefix("tests/").unwrap_or(l);
            l.strip_suffix(".py").unwrap_or(l).to_string()
        })
        .collect()
}

/// Runs `f` on every item, `jobs` at a time, keeping the order of results.
fn parallel_map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<R>>> = items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1).min(items.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = f(item);
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
            });
        }
    });
    results
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()).expect("every item was processed"))
        .collect()
}

/// What compiling a test produced.
enum Prepared {
    /// Generated Rust, to be built, and the modules the program imports (compiled by `prepare_imports`).
    Member(batch::Member, Vec<ModuleSource>),
    /// Decided without building (a SyntaxError report, a compiler crash, a rejected module).
    Done(Outcome),
}

fn prepare(test: &Test, index: usize, ws: &crate::cache::Workspace, stdlib: &Option<PathBuf>) -> Prepared {
    let filename = test.path.to_string_lossy().into_owned();
    let bytes = match std::fs::read(&test.path) {
        Ok(b) => b,
        Err(e) => return Prepared::Done(Outcome::Broken(format!("cannot read {filename}: {e}"))),
    };
    let source = match driver::decode_source(&bytes, &filename) {
        Ok(s) => s,
        Err(f) => {
            return Prepared::Done(Outcome::Ran(Observed {
                stdout: Vec::new(),
                exit: f.exit_code,
                stderr: format!("{}\n", f.message).into_bytes(),
            }))
        }
    };
    let module = ModuleSource {
        name: "__main__".into(),
        filename: filename.clone(),
        path: Some(test.path.clone()),
        source,
        is_package: false,
        unreadable: None,
    };
    let module_key = driver::module_key(&module);
    if let Some(report) = ws.bad_report(&module_key) {
        return Prepared::Done(Outcome::Broken(format!(
            "the generated Rust failed to compile (recorded in the cache by an earlier run):\n{report}"
        )));
    }
    let first_path = test.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let path = imports::SearchPath::new(first_path, stdlib.clone());
    let graph = imports::module_graph(module.clone(), "", &path, &driver::read_imported);
    if let Some(name) = imports::needs_missing_stdlib(&graph, &path) {
        return Prepared::Done(Outcome::Broken(imports::no_stdlib_message(&name)));
    }
    match driver::compile(&module) {
        Compiled::Rust(rust) => Prepared::Member(
            batch::Member {
                test: index,
                area: test.name.split('/').next().unwrap_or("").to_string(),
                module_key,
                filename,
                rust: Arc::new(rust),
                imported: Vec::new(),
            },
            graph.modules.into_iter().skip(1).collect(),
        ),
        // CPython prints the report and exits 1 before running anything; so must crabby.
        Compiled::SyntaxError(report) => {
            Prepared::Done(Outcome::Ran(Observed { stdout: Vec::new(), exit: 1, stderr: report.into_bytes() }))
        }
        Compiled::Crash(msg) => Prepared::Done(Outcome::Broken(format!("the compiler panicked: {msg}"))),
    }
}

/// Compiles the imported modules of every member, each distinct module once (many tests share the
/// standard library's), and gives each member its module crates.
fn prepare_imports(
    ws: &crate::cache::Workspace,
    members: &mut [batch::Member],
    imported: Vec<Vec<ModuleSource>>,
    jobs: usize,
) {
    let mut unique: Vec<ModuleSource> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut per_member: Vec<Vec<usize>> = Vec::new();
    for modules in imported {
        let mut ids = Vec::new();
        for m in modules {
            let key = driver::module_key(&m);
            let id = *index.entry(key).or_insert_with(|| {
                unique.push(m);
                unique.len() - 1
            });
            ids.push(id);
        }
        per_member.push(ids);
    }
    let crates = parallel_map(&unique, jobs, |m| driver::prepare_module(ws, m));
    for (member, ids) in members.iter_mut().zip(per_member) {
        member.imported = ids.into_iter().map(|i| crates[i].clone()).collect();
    }
}

/// Runs the suite and prints its report. Returns whether it passed.
pub fn run(config: &Config) -> bool {
    let started = Instant::now();
    let all = discover(&config.tests_dir);
    let known_path = config.tests_dir.join("known_failures.txt");
    let known = known_failures(&known_path);
    let names: BTreeSet<&str> = all.iter().map(|t| t.name.as_str()).collect();
    let stale: Vec<&String> = known.iter().filter(|k| !names.contains(k.as_str())).collect();

    let tests: Vec<Test> = all
        .into_iter()
        .filter(|t| config.filter.as_deref().is_none_or(|f| t.name.contains(f)))
        .map(|t| Test { path: t.path.canonicalize().unwrap_or(t.path), name: t.name })
        .collect();
    if tests.is_empty() {
        return match &config.filter {
            Some(f) => {
                println!("differential: no test name contains {f:?}");
                true
            }
            None => {
                println!("differential: no test programs found under {}", config.tests_dir.display());
                false
            }
        };
    }

    let ws = match driver::open_workspace(Some(&config.cache_root)) {
        Ok(ws) => ws,
        Err(f) => {
            println!("differential: {}", f.message);
            return false;
        }
    };

    // Compile everything (in-process), then build what compiled, then run what was built.
    let expected: Vec<Result<Expected, String>> = tests.iter().map(|t| Expected::load(&t.path)).collect();
    let stdlib = imports::find_stdlib();
    let prepared =
        parallel_map(&tests.iter().enumerate().collect::<Vec<_>>(), config.jobs, |(i, t)| prepare(t, *i, &ws, &stdlib));
    let mut outcomes: BTreeMap<usize, Outcome> = BTreeMap::new();
    let mut members = Vec::new();
    let mut imported = Vec::new();
    for (i, p) in prepared.into_iter().enumerate() {
        match p {
            Prepared::Member(m, modules) => {
                members.push(m);
                imported.push(modules);
            }
            Prepared::Done(o) => {
                outcomes.insert(i, o);
            }
        }
    }
    prepare_imports(&ws, &mut members, imported, config.jobs);
    let compiled_at = started.elapsed();

    // Build and run in waves of a few batches, deleting each wave's binaries once its programs ran: a batch
    // binary links the standard-library modules its programs import, unoptimised, and is 10-250 MB, so
    // keeping all of them at once (as one build of every batch would) needs more than 10 GB of disk.
    let scratch = config.cache_root.join(format!("suite-scratch-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&scratch);
    let (mut build_time, mut run_time) = (Duration::ZERO, Duration::ZERO);
    let mut batches = batch::form_batches(members, config.batch_size).into_iter().peekable();
    while batches.peek().is_some() {
        let wave: Vec<batch::Batch> = batches.by_ref().take(config.wave).collect();
        let wave_started = Instant::now();
        let (built, build_failed) = match batch::build_all(&ws, wave) {
            Ok(r) => r,
            Err(e) => {
                println!("differential: cannot build the test programs: {e}");
                let _ = std::fs::remove_dir_all(&scratch);
                return false;
            }
        };
        for (i, why) in build_failed {
            outcomes.insert(i, Outcome::Broken(why));
        }
        let run_started = Instant::now();
        build_time += run_started - wave_started;
        let to_run: Vec<(usize, batch::Built)> = built.into_iter().collect();
        let ran = parallel_map(&to_run, config.jobs, |(i, b)| {
            let result =
                exec::run_program(&b.binary, b.entry, &tests[*i].path, &scratch.join(format!("t{i}")), config.timeout);
            (*i, result.map_or_else(Outcome::Broken, Outcome::Ran))
        });
        outcomes.extend(ran);
        if !config.keep_binaries {
            let binaries: BTreeSet<&PathBuf> = to_run.iter().map(|(_, b)| &b.binary).collect();
            for binary in binaries {
                let _ = std::fs::remove_file(binary);
            }
        }
        run_time += run_started.elapsed();
    }
    let _ = std::fs::remove_dir_all(&scratch);

    // Report.
    let (mut passed, mut failed, mut expected_failures) = (0usize, 0usize, Vec::new());
    let mut unexpected_passes = Vec::new();
    let mut failing_now = Vec::new();
    for (i, test) in tests.iter().enumerate() {
        let is_known = known.contains(&test.name);
        let problem = match (&expected[i], outcomes.get(&i)) {
            (Err(why), _) => Some(format!("  {why}\n")),
            (_, None) => Some("  the harness lost track of this test (a harness bug)\n".into()),
            (_, Some(Outcome::Broken(why))) => Some(indent(why)),
            (Ok(exp), Some(Outcome::Ran(obs))) => exp.compare(obs),
        };
        if let Some(why) = &problem {
            failing_now.push((test.name.clone(), why.lines().next().unwrap_or("").trim().to_string()));
        }
        match (problem, is_known) {
            (None, false) => {
                passed += 1;
                if config.verbose {
                    println!("ok   {}", test.name);
                }
            }
            (None, true) => {
                failed += 1;
                unexpected_passes.push(test.name.clone());
            }
            (Some(why), true) => {
                let first = why.lines().next().unwrap_or("").trim().to_string();
                expected_failures.push(format!("{} ({first})", test.name));
            }
            (Some(why), false) => {
                failed += 1;
                println!("FAIL {}\n{why}", test.name);
            }
        }
    }
    if config.update_known && config.filter.is_none() {
        return match write_known_failures(&known_path, &failing_now) {
            Ok(()) => {
                println!(
                    "differential: rewrote {} to list the {} tests failing now; {passed} pass",
                    known_path.display(),
                    failing_now.len()
                );
                true
            }
            Err(e) => {
                println!("differential: cannot write {}: {e}", known_path.display());
                false
            }
        };
    }
    for name in &expected_failures {
        println!("expected failure: {name}");
    }
    for name in &unexpected_passes {
        println!(
            "UNEXPECTED PASS {name}: it is listed in {} but now passes; remove it from there",
            known_path.display()
        );
    }
    if config.filter.is_none() {
        for name in &stale {
            println!("STALE ENTRY {name}: listed in {} but there is no such test; remove it", known_path.display());
        }
    }
    println!(
        "differential: {} programs; compile {:.1}s, build {:.1}s, run {:.1}s; {} expected failures (listed in {})",
        tests.len(),
        compiled_at.as_secs_f64(),
        build_time.as_secs_f64(),
        run_time.as_secs_f64(),
        expected_failures.len(),
        known_path.display()
    );
    println!("{passed} passed, {failed} failed");
    failed == 0 && (config.filter.is_some() || stale.is_empty())
}

/// Rewrites the known-failures list: its leading comment block is kept, then one line per failing test
/// with the first line of why it fails.
fn write_known_failures(path: &Path, failing: &[(String, String)]) -> std::io::Result<()> {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    let mut text: String =
        old.lines().take_while(|l| l.starts_with('#') || l.trim().is_empty()).map(|l| format!("{l}\n")).collect();
    if text.trim().is_empty() {
        text = "# Differential tests known to fail for now (see crates/crabby/src/suite/mod.rs).\n".into();
    }
    for (name, why) in failing {
        let why: String = why.chars().take(100).collect();
        text.push_str(&format!("{name}.py  # {why}\n"));
    }
    std::fs::write(path, text)
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_failures_normalise() {
        let dir = std::env::temp_dir().join(format!("crabby-known-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("known_failures.txt");
        std::fs::write(&path, "# header\n\ntests/a/b.py  # why\nc/d\n  e/f.py\n").unwrap();
        let known = known_failures(&path);
        assert_eq!(known.into_iter().collect::<Vec<_>>(), vec!["a/b", "c/d", "e/f"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn discovery_follows_bless() {
        let dir = std::env::temp_dir().join(format!("crabby-discover-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("area/sub")).unwrap();
        for f in ["bless.py", "area/t1.py", "area/_helper.py", "area/sub/t2.py", "area/t1.out", "area/bless.py"] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        // A directory with a main.py is one program; its other files and packages are its modules.
        std::fs::create_dir_all(dir.join("modules/feature/pkg")).unwrap();
        for f in [
            "modules/feature/main.py",
            "modules/feature/helper.py",
            "modules/feature/pkg/__init__.py",
            "modules/feature/pkg/main.py",
        ] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let names: Vec<String> = discover(&dir).into_iter().map(|t| t.name).collect();
        assert_eq!(names, vec!["area/bless", "area/sub/t2", "area/t1", "modules/feature/main"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn filter_from_arguments() {
        let f = |a: &[&str]| filter_argument(a.iter().map(|s| s.to_string()));
        assert_eq!(f(&["--test-threads", "1", "core/"]), Some("core/".into()));
        assert_eq!(f(&["--nocapture", "--test-threads=2"]), None);
        assert_eq!(f(&["types"]), Some("types".into()));
    }

    #[test]
    fn known_failures_rewrite_keeps_the_header() {
        let dir = std::env::temp_dir().join(format!("crabby-known-w-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("known_failures.txt");
        std::fs::write(&path, "# header\n# more\n\nold/entry.py\n").unwrap();
        write_known_failures(&path, &[("a/b".into(), "exit status: expected 0, got 1".into())]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# header\n# more\n\na/b.py  # exit status: expected 0, got 1\n"
        );
        assert_eq!(known_failures(&path).into_iter().collect::<Vec<_>>(), vec!["a/b"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<usize> = (0..100).collect();
        assert_eq!(parallel_map(&items, 3, |x| x * 2), items.iter().map(|x| x * 2).collect::<Vec<_>>());
        assert!(parallel_map(&Vec::<usize>::new(), 3, |x| *x).is_empty());
    }
}
