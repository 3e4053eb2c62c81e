//! The build cache: one cargo workspace on disk where every compiled Python module is a crate, with one
//! shared target dir, so the runtime is compiled once per machine and reused by every program.
//!
//! Layout of a cache root (`$CRABBY_CACHE`, else `$XDG_CACHE_HOME/crabby`, else `~/.cache/crabby`):
//!
//! ```text
//! ws-<hash of runtime path>/     one workspace per runtime checkout (two checkouts must not share a
//!   Cargo.toml  Cargo.lock        crate named crabby-runtime inside one lock file)
//!   rust-toolchain.toml          copied from the crabby checkout, so cargo uses the toolchain it pins
//!   modules/m_<name>_<key>/      one lib crate per compiled Python module, kept for reuse
//!   programs/<name>/             bin crates being built right now (removed once their binary is installed)
//!   target/                      the shared target dir
//!   bin/<program key>            finished binaries
//!   index/<entry key>            the map from a program's entry (main source, profile...) to its binary
//!   bad/<module key>             generated modules that rustc rejected (so the test harness skips them)
//!   tmp/                         files being written; renamed into place when complete
//!   lock                         held (flock) by whoever writes crates or runs cargo
//! ```
//!
//! Readers never lock: everything they read (`index/*`, `bin/*`) appears by an atomic rename, complete.
//! Writers serialise on `lock`, which also keeps concurrent crabby processes from fighting over Cargo.lock.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

/// Bumped whenever what the driver writes into the cache (crate templates, layout, profiles) changes
/// meaning, so that old entries are never mistaken for new ones.
pub const DRIVER_SALT: &str = "crabby-driver-4";

/// How many finished binaries a cache keeps before the least recently used are removed.
const MAX_BINARIES: usize = 200;
/// How many bytes of finished binaries a cache keeps: a program importing much of the standard library
/// links hundreds of megabytes of it, so a count alone does not bound the disk used.
const MAX_BINARY_BYTES: u64 = 4 << 30;
/// How many module crates a cache keeps before the least recently used are removed.
const MAX_MODULES: usize = 1000;
/// How many index entries and bad-module records are kept (they are tiny; this only bounds the count).
const MAX_SMALL_ENTRIES: usize = 5000;

/// A stable 128-bit FNV-1a hash. Keys must stay the same across crabby builds and Rust versions
/// (std's `DefaultHasher` promises neither); collisions only need to be unlikely, not adversarially hard.
#[derive(Clone)]
pub struct StableHasher(u128);

impl StableHasher {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;

    pub fn new() -> StableHasher {
        StableHasher(Self::OFFSET)
    }

    /// Adds one field; fields are length-prefixed so that ("ab", "c") and ("a", "bc") hash differently.
    pub fn field(&mut self, bytes: impl AsRef<[u8]>) -> &mut Self {
        let bytes = bytes.as_ref();
        self.raw(&(bytes.len() as u64).to_le_bytes());
        self.raw(bytes);
        self
    }

    fn raw(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for &b in bytes {
            h ^= b as u128;
            h = h.wrapping_mul(Self::PRIME);
        }
        self.0 = h;
    }

    /// The full hash as 32 hex digits.
    pub fn hex(&self) -> String {
        format!("{:032x}", self.0)
    }
}

/// The first 16 hex digits of a key: enough to tell crates apart in names that humans read.
pub fn short(key: &str) -> &str {
    &key[..16.min(key.len())]
}

/// Where the cache lives unless `CRABBY_CACHE` says otherwise.
pub fn default_root() -> PathBuf {
    if let Some(dir) = std::env::var_os("CRABBY_CACHE").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("crabby");
    }
    match std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        Some(home) => PathBuf::from(home).join(".cache").join("crabby"),
        None => std::env::temp_dir().join("crabby-cache"),
    }
}

/// The cargo profiles generated code is built with. Measured choices are explained in `profiles_toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// `crabby run` and the test harness: short compile of user code, optimised runtime.
    Run,
    /// `crabby build`: the fastest binary.
    Build,
}

impl Profile {
    pub fn cargo_name(self) -> &'static str {
        match self {
            Profile::Run => "crabby-run",
            Profile::Build => "crabby-build",
        }
    }
}

/// The `[profile.*]` tables of the cache workspace.
///
/// `package."*"` applies to every non-member package: the runtime and its dependencies, which are
/// always optimised. Generated crates are workspace members and get the profile's own settings.
/// Debug info is off because linking it dominates small builds and nobody debugs generated code with gdb.
///
/// Measured on 2 cores (rustc 1.95, runtime of 2026-11-29), generated code only:
/// - `crabby-run`, opt-level 0 vs 1: a 1529-line program builds in 2.6 s vs 8.4 s, the 160 programs of the
///   differential suite in 8.0 s vs 20.2 s (opt 2: 27 s, opt 3: 48 s); a CPU-bound benchmark runs in
///   0.84 s vs 0.67 s (most of its time is in the runtime, which is optimised either way). The edit-run
///   loop wins: opt-level 0.
/// - The runtime's codegen-units: 16 instead of dev's 256 builds it in 10 s instead of 17 s, same speed.
/// - `crabby build`: opt-level 3 with one codegen unit; the benchmark runs in 0.42 s (same with 16 units,
///   but the binary is 15% smaller). Thin LTO made each program's build 10 s instead of 0.5 s for no
///   measurable gain, and fat LTO ran slower (0.72 s), so there is no LTO.
pub fn profiles_toml() -> &'static str {
    r#"[profile.crabby-run]
inherits = "dev"
opt-level = 0
debug = false
debug-assertions = false
overflow-checks = false
incremental = false
panic = "unwind"

[profile.crabby-run.package."*"]
opt-level = 3
codegen-units = 16
debug-assertions = false
overflow-checks = false

[profile.crabby-build]
inherits = "release"
opt-level = 3
codegen-units = 1
debug = false
debug-assertions = false
overflow-checks = false
panic = "unwind"
"#
}

/// The cache workspace's `.cargo/config.toml`: code generation flags for every crate it builds.
///
/// On x86-64, LLVM copies a 16-byte value (a `Value`, a `PyResult<Value>`) with one SSE load and store. Such
/// a value is usually written just before as two 8-byte stores (a function's result goes through memory:
/// rustc returns a two-word enum whose payloads are not one kind of scalar indirectly), and a 16-byte load
/// of two pending 8-byte stores cannot take their data from the store buffer: it waits until they reach the
/// cache, about a dozen cycles per copy. `slow-unaligned-mem-16` tells LLVM that 16-byte accesses need 16-byte
/// alignment to be fast, so it copies these 8-aligned values as two 8-byte moves, which forward.
///
/// Measured (CPU time, `crabby build`, same sources, mean of 5 to 10 runs, 2026-11-30): fib 77 -> 56 ms,
/// spectral_norm 83 -> 70, richards 305 -> 263, generators 213 -> 193, raytrace 188 -> 177, float_objects
/// 307 -> 295, nbody 254 -> 252, calls unchanged.
///
/// NOTE: the feature is LLVM's name, not one rustc lists, so rustc warns that it is unstable (cargo hides
/// warnings of dependencies, and crabby shows cargo's output only when a build fails). It changes
/// instruction selection only, never the ABI, and the toolchain is pinned. A user's own `RUSTFLAGS`
/// replaces it, as cargo's precedence has it.
pub fn cargo_config_toml() -> &'static str {
    r#"[target.x86_64-unknown-linux-gnu]
rustflags = ["-Ctarget-feature=+slow-unaligned-mem-16", "-Crelocation-model=static"]

[target.'cfg(all(target_arch = "x86_64", not(all(target_os = "linux", target_env = "gnu"))))']
rustflags = ["-Ctarget-feature=+slow-unaligned-mem-16"]
"#
}

/// The target triple the cache builds for, passed to cargo as `--target` so that the flags of
/// [`cargo_config_toml`] reach the runtime, modules and programs but not build scripts and proc macros, which
/// rustc loads as shared objects and so must stay position-independent.
///
/// On x86-64 Linux the programs are position-dependent executables (`-Crelocation-model=static`). A
/// position-independent one, as rustc makes by default, calls every function of another crate (each stdlib
/// module is one) through the GOT, reaches every static through a GOT load (rustc does not let the linker
/// relax those), and has the dynamic loader relocate about 200,000 pointers (5 MB of `.rela.dyn` for a program
/// importing `json`) before `main`.
pub const BUILD_TARGET: Option<&str> = if cfg!(all(target_arch = "x86_64", target_os = "linux", target_env = "gnu")) {
    Some("x86_64-unknown-linux-gnu")
} else {
    None
};

/// What every cache key starts with: the driver's salt, the profiles and the code generation flags, so that
/// a change to any of them never reuses binaries built the old way.
pub fn key_salt() -> &'static str {
    static SALT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SALT.get_or_init(|| format!("{DRIVER_SALT}\n{}\n{}", profiles_toml(), cargo_config_toml()))
}

/// One cache workspace, tied to one runtime checkout.
pub struct Workspace {
    pub dir: PathBuf,
    pub runtime: PathBuf,
}

/// Proof that the caller holds the workspace's writer lock; released on drop.
pub struct WriterLock {
    _file: fs::File,
}

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Workspace {
    /// Opens (creating as needed) the workspace for `runtime` under the cache root `root`.
    pub fn open(root: &Path, runtime: &Path) -> io::Result<Workspace> {
        let id = StableHasher::new().field(runtime.as_os_str().as_encoded_bytes()).hex();
        let dir = root.join(format!("ws-{}", &id[..8]));
        for sub in ["modules", "programs", "bin", "index", "bad", "tmp"] {
            fs::create_dir_all(dir.join(sub))?;
        }
        Ok(Workspace { dir, runtime: runtime.to_path_buf() })
    }

    pub fn target_dir(&self) -> PathBuf {
        self.dir.join("target")
    }

    /// Where cargo puts the binaries of `profile`: under the triple's directory when [`BUILD_TARGET`] is set.
    pub fn artifact_dir(&self, profile: Profile) -> PathBuf {
        match BUILD_TARGET {
            Some(triple) => self.target_dir().join(triple).join(profile.cargo_name()),
            None => self.target_dir().join(profile.cargo_name()),
        }
    }

    /// Takes the writer lock, waiting for other crabby processes. Calls `waiting` once if it has to wait.
    pub fn lock(&self, waiting: impl FnOnce()) -> io::Result<WriterLock> {
        let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(self.dir.join("lock"))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                waiting();
                file.lock()?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        Ok(WriterLock { _file: file })
    }

    /// A fresh path in `tmp/` (same file system as everything else, so renames are atomic).
    pub fn tmp_path(&self, what: &str) -> PathBuf {
        let n = TMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        self.dir.join("tmp").join(format!("{what}.{}.{n}", std::process::id()))
    }

    /// Writes `contents` to `path` atomically: readers see the old file or the whole new one.
    pub fn write_atomic(&self, path: &Path, contents: &[u8]) -> io::Result<()> {
        let tmp = self.tmp_path("file");
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        drop(f);
        fs::rename(&tmp, path)
    }

    /// Writes the workspace manifest, refreshes Cargo.lock from the crabby checkout and clears leftover
    /// program crates. Called under the writer lock before every cargo invocation.
    pub fn prepare(&self, _lock: &WriterLock) -> io::Result<()> {
        let manifest = format!(
            "# Generated by crabby: the build cache workspace. Rewritten on every build; do not edit.\n\
             [workspace]\nresolver = \"2\"\nmembers = [\"programs/*\"]\n\n{}",
            profiles_toml()
        );
        self.write_if_changed(&self.dir.join("Cargo.toml"), manifest.as_bytes())?;
        fs::create_dir_all(self.dir.join(".cargo"))?;
        self.write_if_changed(&self.dir.join(".cargo").join("config.toml"), cargo_config_toml().as_bytes())?;

        // The runtime sits in the crabby checkout: its Cargo.lock pins the versions the project tested, and
        // copying it before each build means cargo only prunes and adds path packages (no network, no
        // re-resolution), even after the runtime gained a dependency.
        if let Some(repo) = self.runtime.parent().and_then(Path::parent) {
            if let Ok(lock) = fs::read(repo.join("Cargo.lock")) {
                self.write_atomic(&self.dir.join("Cargo.lock"), &lock)?;
            }
            // rustup picks the toolchain from the current directory; without this file the cache would use
            // the machine's default toolchain, which may not be the one the runtime needs.
            if let Ok(toolchain) = fs::read(repo.join("rust-toolchain.toml")) {
                self.write_if_changed(&self.dir.join("rust-toolchain.toml"), &toolchain)?;
            }
        }

        // Program crates exist only while being built (under this lock); any found now were left by a
        // crabby that was killed, and would otherwise be resolved by every later build.
        for entry in fs::read_dir(self.dir.join("programs"))?.flatten() {
            fs::remove_dir_all(entry.path())?;
        }
        Ok(())
    }

    fn write_if_changed(&self, path: &Path, contents: &[u8]) -> io::Result<()> {
        if fs::read(path).ok().as_deref() == Some(contents) {
            return Ok(());
        }
        self.write_atomic(path, contents)
    }

    /// The `[dependencies]` line for the runtime.
    /// With it, the evaluator (`crabby-eval`, beside the runtime), which every program links for `eval`,
    /// `exec` and `compile`.
    pub fn runtime_dependency(&self) -> String {
        let eval = self.runtime.with_file_name("crabby-eval");
        format!(
            "crabby-runtime = {{ path = {} }}\ncrabby-eval = {{ path = {} }}\n",
            toml_string(&self.runtime.to_string_lossy()),
            toml_string(&eval.to_string_lossy())
        )
    }

    /// Makes sure the crate `dir_name` exists in `parent` ("modules" or "programs") with these files.
    /// An existing crate is left alone (its name is its content's key) except for being marked used.
    pub fn write_crate(
        &self,
        _lock: &WriterLock,
        parent: &str,
        dir_name: &str,
        files: &[(&str, &str)],
    ) -> io::Result<PathBuf> {
        let dest = self.dir.join(parent).join(dir_name);
        if dest.join("Cargo.toml").is_file() {
            touch(&dest);
            return Ok(dest);
        }
        // Build it aside and rename it in, so a crate dir is never half-written.
        let tmp = self.tmp_path(dir_name);
        for (name, contents) in files {
            let path = tmp.join(name);
            if let Some(p) = path.parent() {
                fs::create_dir_all(p)?;
            }
            fs::write(&path, contents)?;
        }
        if dest.exists() {
            fs::remove_dir_all(&dest)?;
        }
        fs::rename(&tmp, &dest)?;
        Ok(dest)
    }

    /// Path of the installed binary for `key`, if there is one.
    pub fn binary(&self, key: &str) -> Option<PathBuf> {
        let path = self.dir.join("bin").join(key);
        path.is_file().then_some(path)
    }

    /// Moves a binary cargo just built into `bin/<key>`, then deletes cargo's copies of it, which nothing
    /// will ever use again (the program crate is removed too).
    pub fn install_binary(
        &self,
        _lock: &WriterLock,
        profile: Profile,
        crate_name: &str,
        key: &str,
    ) -> io::Result<PathBuf> {
        let built = self.artifact_dir(profile).join(crate_name);
        let tmp = self.tmp_path("bin");
        if fs::hard_link(&built, &tmp).is_err() {
            fs::copy(&built, &tmp)?;
        }
        let dest = self.dir.join("bin").join(key);
        fs::rename(&tmp, &dest)?;
        self.forget_artifacts(profile, crate_name);
        Ok(dest)
    }

    /// Removes what cargo left in the target dir for `crate_name` (binary, deps, fingerprints), best effort.
    fn forget_artifacts(&self, profile: Profile, crate_name: &str) {
        let base = self.artifact_dir(profile);
        let _ = fs::remove_file(base.join(crate_name));
        let _ = fs::remove_file(base.join(format!("{crate_name}.d")));
        for sub in ["deps", ".fingerprint"] {
            let Ok(entries) = fs::read_dir(base.join(sub)) else {
                continue;
            };
            let lib_prefix = format!("lib{crate_name}-");
            let prefix = format!("{crate_name}-");
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name.starts_with(&prefix) || name.starts_with(&lib_prefix) {
                    let path = entry.path();
                    let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
                }
            }
        }
    }

    /// Removes a program crate once cargo is done with it.
    pub fn remove_program_crate(&self, _lock: &WriterLock, dir_name: &str) {
        let _ = fs::remove_dir_all(self.dir.join("programs").join(dir_name));
    }

    /// Reads the index entry `key`: the binary key and the files (with content hashes) it was built from.
    pub fn read_index(&self, key: &str) -> Option<IndexEntry> {
        let text = fs::read_to_string(self.dir.join("index").join(key)).ok()?;
        IndexEntry::parse(&text)
    }

    pub fn write_index(&self, key: &str, entry: &IndexEntry) -> io::Result<()> {
        self.write_atomic(&self.dir.join("index").join(key), entry.render().as_bytes())
    }

    /// Records that rustc rejected the module with this key (the test harness skips such modules).
    pub fn mark_bad(&self, module_key: &str, report: &str) -> io::Result<()> {
        self.write_atomic(&self.dir.join("bad").join(module_key), report.as_bytes())
    }

    /// The rustc report for a module recorded by `mark_bad`.
    pub fn bad_report(&self, module_key: &str) -> Option<String> {
        fs::read_to_string(self.dir.join("bad").join(module_key)).ok()
    }

    /// The runtime counts as built for `profile` once a build with it has succeeded; used to decide whether
    /// the long first build deserves a progress display.
    pub fn runtime_built(&self, profile: Profile, version: &str) -> bool {
        self.runtime_marker(profile, version).is_file()
    }

    pub fn mark_runtime_built(&self, profile: Profile, version: &str) {
        let _ = fs::write(self.runtime_marker(profile, version), b"");
    }

    fn runtime_marker(&self, profile: Profile, version: &str) -> PathBuf {
        let key = StableHasher::new().field(version).field(profile.cargo_name()).hex();
        self.dir.join(format!("runtime-built-{}", short(&key)))
    }

    /// Keeps the cache bounded: drops the least recently used binaries and module crates (with their
    /// build artifacts) beyond fixed counts (and, for binaries, bytes), and stale temporary files. Best effort; runs under the lock.
    pub fn collect_garbage(&self, _lock: &WriterLock) {
        let bins: Vec<(PathBuf, u64)> = entries_by_age(&self.dir.join("bin"))
            .into_iter()
            .map(|(path, _)| {
                let len = fs::metadata(&path).map_or(0, |m| m.len());
                (path, len)
            })
            .collect();
        let mut bytes: u64 = bins.iter().map(|(_, len)| len).sum();
        let mut count = bins.len();
        for (path, len) in &bins {
            if count <= MAX_BINARIES && bytes <= MAX_BINARY_BYTES {
                break;
            }
            bytes -= len;
            count -= 1;
            let _ = fs::remove_file(path);
        }
        let modules = entries_by_age(&self.dir.join("modules"));
        if modules.len() > MAX_MODULES {
            for (path, _) in &modules[..modules.len() - MAX_MODULES] {
                let _ = fs::remove_dir_all(path);
                if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                    self.forget_artifacts(Profile::Run, name);
                    self.forget_artifacts(Profile::Build, name);
                }
            }
        }
        for small in ["index", "bad"] {
            let entries = entries_by_age(&self.dir.join(small));
            if entries.len() > MAX_SMALL_ENTRIES {
                for (path, _) in &entries[..entries.len() - MAX_SMALL_ENTRIES] {
                    let _ = fs::remove_file(path);
                }
            }
        }
        // Temporary files are only ever in use under the lock, which we hold.
        if let Ok(entries) = fs::read_dir(self.dir.join("tmp")) {
            for entry in entries.flatten() {
                let path = entry.path();
                let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
            }
        }
    }
}

/// Marks a cache entry as just used (for least-recently-used collection).
pub fn touch(path: &Path) {
    if let Ok(f) = fs::File::open(path) {
        let _ = f.set_modified(SystemTime::now());
    }
}

fn entries_by_age(dir: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut out: Vec<(PathBuf, SystemTime)> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| {
                    let modified = e.metadata().ok()?.modified().ok()?;
                    Some((e.path(), modified))
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|(_, t)| *t);
    out
}

/// A program's entry in the index: which binary runs it, which other source files (imported modules)
/// it was built from, and which files must stay absent (their appearance would change how an import
/// resolves), so a change to any of them is noticed without a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub binary_key: String,
    pub dependencies: Vec<Dependency>,
    pub absent: Vec<PathBuf>,
}

/// A source file a program was built from: its content hash, and its modification time and size when
/// it was hashed, so that the usual check (nothing changed) costs a `stat`, not a read and a hash: a
/// program importing the standard library depends on hundreds of files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub path: PathBuf,
    pub hash: String,
    /// Modification time in nanoseconds since the epoch, and length.
    pub stat: (u128, u64),
}

impl Dependency {
    /// The dependency as the file is now, if it can be read.
    pub fn of(path: &Path) -> Option<Dependency> {
        let stat = file_stat(path)?;
        let bytes = fs::read(path).ok()?;
        Some(Dependency { path: path.to_path_buf(), hash: StableHasher::new().field(bytes).hex(), stat })
    }

    /// Whether the file still has the content it was built from (its hash is checked only when its
    /// modification time or size changed).
    pub fn is_fresh(&self) -> bool {
        if file_stat(&self.path) == Some(self.stat) {
            return true;
        }
        fs::read(&self.path).ok().is_some_and(|b| StableHasher::new().field(b).hex() == self.hash)
    }
}

fn file_stat(path: &Path) -> Option<(u128, u64)> {
    let meta = fs::metadata(path).ok()?;
    let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    Some((mtime, meta.len()))
}

impl IndexEntry {
    fn render(&self) -> String {
        let mut out = format!("bin {}\n", self.binary_key);
        for d in &self.dependencies {
            out.push_str(&format!("dep {} {} {} {}\n", d.hash, d.stat.0, d.stat.1, d.path.to_string_lossy()));
        }
        for path in &self.absent {
            out.push_str(&format!("absent {}\n", path.to_string_lossy()));
        }
        out
    }

    fn parse(text: &str) -> Option<IndexEntry> {
        let mut binary_key = None;
        let mut dependencies = Vec::new();
        let mut absent = Vec::new();
        for line in text.lines() {
            if let Some(key) = line.strip_prefix("bin ") {
                binary_key = Some(key.to_string());
            } else if let Some(rest) = line.strip_prefix("dep ") {
                let mut parts = rest.splitn(4, ' ');
                let hash = parts.next()?.to_string();
                let mtime = parts.next()?.parse().ok()?;
                let len = parts.next()?.parse().ok()?;
                let path = PathBuf::from(parts.next()?);
                dependencies.push(Dependency { path, hash, stat: (mtime, len) });
            } else if let Some(path) = line.strip_prefix("absent ") {
                absent.push(PathBuf::from(path));
            } else {
                return None;
            }
        }
        Some(IndexEntry { binary_key: binary_key?, dependencies, absent })
    }
}

/// A TOML basic string holding `s`.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable_and_field_separated() {
        // A fixed value: if this changes, every user's cache is silently invalidated.
        assert_eq!(StableHasher::new().field("abc").hex(), StableHasher::new().field("abc").hex());
        assert_ne!(StableHasher::new().field("ab").field("c").hex(), StableHasher::new().field("a").field("bc").hex());
        assert_eq!(StableHasher::new().hex(), "6c62272e07bb014262b821756295c58d");
    }

    #[test]
    fn index_round_trips() {
        let e = IndexEntry {
            binary_key: "abc".into(),
            dependencies: vec![Dependency { path: "/x/y z.py".into(), hash: "00ff".into(), stat: (12, 34) }],
            absent: vec!["/x/new module.py".into()],
        };
        assert_eq!(IndexEntry::parse(&e.render()), Some(e));
        assert_eq!(IndexEntry::parse("garbage\n"), None);
        assert_eq!(IndexEntry::parse(""), None);
    }

    #[test]
    fn toml_strings_escape() {
        assert_eq!(toml_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000A\"");
    }

    #[test]
    fn workspace_writes_crates_atomically_and_installs() {
        let root = std::env::temp_dir().join(format!("crabby-cache-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let ws = Workspace::open(&root, Path::new("/nonexistent/runtime")).unwrap();
        let lock = ws.lock(|| {}).unwrap();
        let dir = ws.write_crate(&lock, "modules", "m_x", &[("Cargo.toml", "a"), ("src/lib.rs", "b")]).unwrap();
        assert_eq!(fs::read_to_string(dir.join("src/lib.rs")).unwrap(), "b");
        // Same name means same content: an existing crate is not rewritten.
        ws.write_crate(&lock, "modules", "m_x", &[("Cargo.toml", "changed")]).unwrap();
        assert_eq!(fs::read_to_string(dir.join("Cargo.toml")).unwrap(), "a");
        assert!(fs::read_dir(root.join(ws.dir.file_name().unwrap()).join("tmp")).unwrap().next().is_none());
        drop(lock);
        fs::remove_dir_all(&root).unwrap();
    }
}
