//! The module graph: which Python modules make up a program.
//!
//! A program is its main module plus every module it imports, found at build time by following `import`
//! statements from the main file (see DESIGN.md, "Modules and the standard library"). Each module becomes
//! its own crate in the cache, so modules shared by programs (the standard library) are compiled once.
//! For now only the main module is compiled; this file is where import resolution will go, and the rest
//! of the driver already builds and caches a program as a list of modules.

use std::path::PathBuf;

/// One Python module's source, as the compiler and the cache see it.
#[derive(Clone, Debug)]
pub struct ModuleSource {
    /// The module's name at run time (`__main__` for the main module).
    pub name: String,
    /// The file name shown in tracebacks and `__file__`: for a script, the path as CPython shows it
    /// (absolute, not normalised); `<string>` for `-c`, `<stdin>` for `-`.
    pub filename: String,
    /// The file it was read from, if any: the cache re-checks it to notice edits.
    pub path: Option<PathBuf>,
    /// The decoded source text.
    pub source: String,
}

/// Every module of the program whose main module is `main`, main first.
///
/// Later this parses `main`'s imports, resolves them against `sys.path` (the script's directory, then the
/// CPython 3.12 standard library), and recurses; native modules provided by the runtime are skipped.
pub fn module_graph(main: ModuleSource) -> Vec<ModuleSource> {
    vec![main]
}
