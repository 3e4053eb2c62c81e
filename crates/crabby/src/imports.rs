//! The module graph: which Python modules make up a program.
//!
//! A program is its main module plus every module it imports, found at build time by following `import`
//! statements from the main file (DESIGN.md, "Modules and the standard library"). Names are resolved the
//! way CPython's path finder resolves them against `sys.path`: the main script's directory first (the
//! current directory for `-c`, `-m` and stdin), then the standard library of a CPython 3.12 installation.
//! Modules the runtime implements natively (`crabby_compiler::imports::NATIVE_MODULES`) are not looked
//! for: the runtime finds them first at run time, as CPython finds its built-in modules before `sys.path`.
//! A name that resolves nowhere is not an error here: its import raises ModuleNotFoundError when (and if)
//! it runs, as in CPython, so `try: import x except ImportError:` fallbacks behave the same.
//!
//! Each module becomes its own crate in the cache, keyed by its own name, file and source only (never by the
//! program importing it), so standard-library modules are compiled once and shared by every program.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

use crabby_compiler::imports::{imported_names, is_native, is_stdlib_name, module_name_strings};

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
    /// A package's `__init__.py` (its module gets `__path__`).
    pub is_package: bool,
    /// Why the file could not be read or decoded (then `source` is empty and the module is built as a stub
    /// that raises this when imported, as CPython raises it at import time).
    pub unreadable: Option<String>,
}

impl ModuleSource {
    /// The package that relative imports in this module are resolved against (`__package__`).
    fn package(&self, main_package: &str) -> String {
        if self.name == "__main__" {
            main_package.to_string()
        } else if self.is_package {
            self.name.clone()
        } else {
            self.name.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default()
        }
    }
}

/// Where modules are looked for: crabby's `sys.path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchPath {
    /// The directories, in order: the program's directory, then the standard library (when found).
    pub entries: Vec<PathBuf>,
    /// The standard library directory, when one was found.
    pub stdlib: Option<PathBuf>,
}

impl SearchPath {
    /// `sys.path` for a program whose first entry is `first` (the script's directory, or the current one).
    pub fn new(first: PathBuf, stdlib: Option<PathBuf>) -> SearchPath {
        let mut entries = vec![first];
        entries.extend(stdlib.clone());
        SearchPath { entries, stdlib }
    }

    /// Whether `path` lies in the standard library (whose files do not come and go between runs).
    fn in_stdlib(&self, path: &Path) -> bool {
        self.stdlib.as_deref().is_some_and(|s| path.starts_with(s))
    }
}

/// Whether `dir` looks like CPython's pure-Python standard library.
fn is_stdlib_dir(dir: &Path) -> bool {
    dir.join("os.py").is_file() && dir.join("_collections_abc.py").is_file()
}

/// Finds CPython 3.12's standard library: `$CRABBY_STDLIB`; else the installation of the `python3.12` on
/// `PATH` (through pyenv's versions when that is a pyenv shim); else the usual install locations. Only
/// looks at the file system (starting Python would cost every cache miss tens of milliseconds).
pub fn find_stdlib() -> Option<PathBuf> {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = env("CRABBY_STDLIB") {
        let dir = PathBuf::from(dir);
        return is_stdlib_dir(&dir).then_some(dir);
    }
    let home = env("HOME").map(PathBuf::from);
    let pyenv_root = env("PYENV_ROOT").map(PathBuf::from).or_else(|| home.as_ref().map(|h| h.join(".pyenv")));
    let mut candidates = Vec::new();
    for dir in std::env::split_paths(&env("PATH").unwrap_or_default()) {
        let exe = dir.join("python3.12");
        if !exe.is_file() {
            continue;
        }
        if pyenv_root.as_ref().is_some_and(|r| dir == r.join("shims")) {
            continue; // A shim; pyenv's versions are searched below.
        }
        // `<prefix>/bin/python3.12` (maybe a symlink into the real prefix) has `<prefix>/lib/python3.12`.
        for exe in [exe.clone(), exe.canonicalize().unwrap_or(exe)] {
            if let Some(prefix) = exe.parent().and_then(Path::parent) {
                candidates.push(prefix.join("lib/python3.12"));
            }
        }
    }
    if let Some(root) = pyenv_root {
        let mut versions: Vec<PathBuf> = std::fs::read_dir(root.join("versions"))
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("3.12")))
                    .collect()
            })
            .unwrap_or_default();
        // The newest patch release first (3.12.10 after 3.12.9: compare the numbers).
        versions.sort_by_key(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            std::cmp::Reverse(name.split('.').map(|n| n.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>())
        });
        candidates.extend(versions.into_iter().map(|v| v.join("lib/python3.12")));
    }
    candidates.push(PathBuf::from("/usr/lib/python3.12"));
    candidates.push(PathBuf::from("/usr/local/lib/python3.12"));
    candidates.into_iter().find(|d| is_stdlib_dir(d))
}

/// The message for a program that needs the standard library when none was found.
pub fn no_stdlib_message(module: &str) -> String {
    format!(
        "crabby: the program imports '{module}', from Python's standard library, which crabby compiles from a \
         CPython 3.12 installation, and none was found. Install Python 3.12 (e.g. `apt-get install python3.12`, \
         or `pyenv install 3.12`), or set CRABBY_STDLIB to its standard library directory (the one holding os.py)."
    )
}

/// A module found on the search path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub file: PathBuf,
    pub is_package: bool,
}

/// Finds the module `last` (one name component) in the directories `dirs`, as CPython's FileFinder does:
/// a package directory with `__init__.py` first, then `last.py`. Every candidate passed over that is
/// outside the standard library goes into `absent`: if one of them appears later, the name resolves
/// differently, so a cached build must not be reused.
fn find_in(dirs: &[PathBuf], last: &str, path: &SearchPath, absent: &mut BTreeSet<PathBuf>) -> Option<Found> {
    for dir in dirs {
        let init = dir.join(last).join("__init__.py");
        if init.is_file() {
            return Some(Found { file: init, is_package: true });
        }
        let file = dir.join(format!("{last}.py"));
        if file.is_file() {
            return Some(Found { file, is_package: false });
        }
        if !path.in_stdlib(dir) {
            absent.insert(init);
            absent.insert(file);
        }
    }
    None
}

/// A program's modules.
#[derive(Debug, Default)]
pub struct Graph {
    /// Every module found, the main module first.
    pub modules: Vec<ModuleSource>,
    /// Imported names found nowhere (they raise ModuleNotFoundError if their import runs), with whether
    /// every import of them is guarded by `try:`.
    pub missing: Vec<(String, bool)>,
    /// Files whose appearance would change how an import resolves.
    pub absent: Vec<PathBuf>,
}

/// Every module of the program whose main module is `main`, main first. `main_package` is the package the
/// main module's relative imports resolve against (empty for a script; `pkg` for `-m pkg.mod`); it and
/// its parents are part of the program too. `read` loads a module file (name, file, is_package).
pub fn module_graph(
    main: ModuleSource,
    main_package: &str,
    path: &SearchPath,
    read: &dyn Fn(&str, &Path, bool) -> ModuleSource,
) -> Graph {
    let mut resolver = Resolver {
        path,
        read,
        found: HashMap::new(),
        absent: BTreeSet::new(),
        queue: VecDeque::new(),
        missing: Vec::new(),
    };
    let mut modules = vec![main];
    if !main_package.is_empty() {
        resolver.require(main_package, false);
    }
    let mut next = 0;
    loop {
        if next < modules.len() {
            let module = &modules[next];
            next += 1;
            // A standard-library name in a string of the program's own code may be imported by name at run
            // time (see `module_name_strings`): compile it in when it exists.
            if !module.path.as_ref().is_some_and(|p| path.in_stdlib(p)) {
                for name in module_name_strings(&module.source) {
                    resolver.optional(&name);
                }
            }
            for imp in imported_names(&module.source) {
                // Only a module run as the program's `__main__` runs its `if __name__ == "__main__":` block.
                if imp.main_only && module.name != "__main__" {
                    continue;
                }
                let base = if imp.level == 0 {
                    imp.module.clone()
                } else {
                    let package = module.package(main_package);
                    match relative_base(&package, imp.level) {
                        // The import raises ImportError at run time: nothing to compile.
                        None => continue,
                        Some(b) if imp.module.is_empty() => b,
                        Some(b) => format!("{b}.{}", imp.module),
                    }
                };
                if base.is_empty() {
                    continue;
                }
                let found = resolver.require(&base, imp.inside_try);
                // `from package import name`: the name may be a submodule.
                if found.is_some_and(|f| f.is_package) {
                    for name in imp.names.iter().filter(|n| n.as_str() != "*") {
                        resolver.optional(&format!("{base}.{name}"));
                    }
                }
            }
            continue;
        }
        match resolver.queue.pop_front() {
            Some(m) => modules.push(m),
            None => break,
        }
    }
    let mut missing: Vec<(String, bool)> = resolver.missing;
    missing.sort();
    missing.dedup_by(|b, a| {
        // Keep one entry per name; it is guarded only if every import of it is.
        if a.0 == b.0 {
            a.1 &= b.1;
            true
        } else {
            false
        }
    });
    Graph { modules, missing, absent: resolver.absent.into_iter().collect() }
}

/// The package `level` dots refer to from `package`, as `importlib._bootstrap._resolve_name` computes it;
/// `None` when the import can only fail.
fn relative_base(package: &str, level: u32) -> Option<String> {
    if package.is_empty() {
        return None;
    }
    let parts: Vec<&str> = package.split('.').collect();
    let up = level as usize - 1;
    (up < parts.len()).then(|| parts[..parts.len() - up].join("."))
}

struct Resolver<'a> {
    path: &'a SearchPath,
    read: &'a dyn Fn(&str, &Path, bool) -> ModuleSource,
    /// Every dotted name looked up so far, and what it resolved to.
    found: HashMap<String, Option<Found>>,
    absent: BTreeSet<PathBuf>,
    /// Modules found but not yet scanned for their own imports.
    queue: VecDeque<ModuleSource>,
    missing: Vec<(String, bool)>,
}

impl Resolver<'_> {
    /// Resolves `name` and its parent packages (all of which `import name` executes); a name that is not
    /// found is recorded as missing.
    fn require(&mut self, name: &str, guarded: bool) -> Option<Found> {
        let found = self.lookup(name);
        // `import os.path`: a submodule of a plain module is one the module makes itself (or nothing).
        let below_module = name
            .rsplit_once('.')
            .is_some_and(|(parent, _)| matches!(self.found.get(parent), Some(Some(f)) if !f.is_package));
        if found.is_none() && !below_module && !self.is_native_or_below(name) && name != "__main__" {
            self.missing.push((name.to_string(), guarded));
        }
        found
    }

    /// Resolves `name` if it exists (a `from package import name` that may be an attribute instead).
    fn optional(&mut self, name: &str) {
        self.lookup(name);
    }

    /// Whether `name` or one of its parents is a native module (whose submodules are native too).
    fn is_native_or_below(&self, name: &str) -> bool {
        let mut prefix = String::new();
        name.split('.').any(|part| {
            if !prefix.is_empty() {
                prefix.push('.');
            }
            prefix.push_str(part);
            is_native(&prefix)
        })
    }

    fn lookup(&mut self, name: &str) -> Option<Found> {
        if let Some(f) = self.found.get(name) {
            return f.clone();
        }
        let result = self.resolve(name);
        self.found.insert(name.to_string(), result.clone());
        if let Some(f) = &result {
            let module = (self.read)(name, &f.file, f.is_package);
            self.queue.push_back(module);
        }
        result
    }

    fn resolve(&mut self, name: &str) -> Option<Found> {
        if name == "__main__" || is_native(name) || name.split('.').any(str::is_empty) {
            return None;
        }
        match name.rsplit_once('.') {
            None => find_in(&self.path.entries, name, self.path, &mut self.absent),
            Some((parent, last)) => {
                let parent_found = self.lookup(parent)?;
                if !parent_found.is_package {
                    // `os.path`: a module the parent puts in sys.modules itself, not a file.
                    return None;
                }
                let dir = parent_found.file.parent()?.to_path_buf();
                find_in(&[dir], last, self.path, &mut self.absent)
            }
        }
    }
}

/// The file `python3.12 -m NAME` runs and the package its relative imports resolve against: `a/b.py` in
/// package `a`, or for a package `a.b`, its `a/b/__main__.py` in package `a.b`. `Err` is CPython's message.
pub fn find_main_module(name: &str, path: &SearchPath) -> Result<(PathBuf, String), String> {
    let not_found = || format!("No module named {name}");
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return Err(not_found());
    }
    let mut absent = BTreeSet::new();
    let mut dirs = path.entries.clone();
    let mut found = None;
    let parts: Vec<&str> = name.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let f = find_in(&dirs, part, path, &mut absent)
            .ok_or_else(|| format!("No module named {}", parts[..=i].join(".")))?;
        if i + 1 < parts.len() && !f.is_package {
            let parent = parts[..=i].join(".");
            return Err(format!(
                "Error while finding module specification for '{name}' (ModuleNotFoundError: __path__ \
                 attribute not found on '{parent}' while trying to find '{}')",
                parts[..=i + 1].join(".")
            ));
        }
        dirs = vec![f.file.parent().map(Path::to_path_buf).unwrap_or_default()];
        found = Some(f);
    }
    let found = found.ok_or_else(not_found)?;
    if found.is_package {
        let main = found.file.with_file_name("__main__.py");
        if !main.is_file() {
            return Err(format!(
                "No module named {name}.__main__; '{name}' is a package and cannot be directly executed"
            ));
        }
        return Ok((main, name.to_string()));
    }
    let package = name.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default();
    Ok((found.file, package))
}

/// Whether a program importing `graph` needs the standard library but `path` has none: the first such
/// module name.
pub fn needs_missing_stdlib(graph: &Graph, path: &SearchPath) -> Option<String> {
    if path.stdlib.is_some() {
        return None;
    }
    graph.missing.iter().find(|(name, _)| is_stdlib_name(name)).map(|(name, _)| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory tree with these files (path, source).
    fn tree(tag: &str, files: &[(&str, &str)]) -> PathBuf {
        let root = std::env::temp_dir().join(format!("crabby-imports-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        root
    }

    fn read(name: &str, file: &Path, is_package: bool) -> ModuleSource {
        ModuleSource {
            name: name.into(),
            filename: file.to_string_lossy().into_owned(),
            path: Some(file.to_path_buf()),
            source: std::fs::read_to_string(file).unwrap(),
            is_package,
            unreadable: None,
        }
    }

    fn main_module(source: &str) -> ModuleSource {
        ModuleSource {
            name: "__main__".into(),
            filename: "main.py".into(),
            path: None,
            source: source.into(),
            is_package: false,
            unreadable: None,
        }
    }

    fn names(g: &Graph) -> Vec<(String, bool)> {
        g.modules.iter().map(|m| (m.name.clone(), m.is_package)).collect()
    }

    #[test]
    fn follows_packages_submodules_and_relative_imports() {
        let root = tree(
            "pkg",
            &[
                ("app/pkg/__init__.py", "from . import sub\nfrom .sub import thing\n"),
                ("app/pkg/sub.py", "from .deep.leaf import y\n"),
                ("app/pkg/deep/__init__.py", ""),
                ("app/pkg/deep/leaf.py", "import sys\nimport nothere\nfrom ..sub import z\nfrom ... import beyond\n"),
                ("app/other.py", "def f():\n    import lazy\n"),
                ("app/lazy.py", "try:\n    import optional_missing\nexcept ImportError:\n    pass\n"),
                ("std/os.py", ""),
                ("std/_collections_abc.py", ""),
                ("std/json/__init__.py", "from .decoder import D\n"),
                ("std/json/decoder.py", ""),
            ],
        );
        let path = SearchPath::new(root.join("app"), Some(root.join("std")));
        let g = module_graph(
            main_module("import pkg.sub\nfrom json import decoder, dumps\nimport os.path\nimport other\n"),
            "",
            &path,
            &read,
        );
        let n = |s: &str, p: bool| (s.to_string(), p);
        assert_eq!(
            names(&g),
            vec![
                n("__main__", false),
                n("pkg", true),
                n("pkg.sub", false),
                n("json", true),
                n("json.decoder", false),
                n("os", false),
                n("other", false),
                n("pkg.deep", true),
                n("pkg.deep.leaf", false),
                n("lazy", false),
            ]
        );
        // `dumps` is an attribute, `os.path` a module os makes itself, `sys` native: none is missing.
        assert_eq!(g.missing, vec![("nothere".into(), false), ("optional_missing".into(), true)]);
        // The user's directory is watched for the missing names; the standard library is not.
        assert!(g.absent.contains(&root.join("app/nothere.py")));
        assert!(g.absent.contains(&root.join("app/json/__init__.py")));
        assert!(!g.absent.iter().any(|p| p.starts_with(root.join("std"))));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn the_script_directory_shadows_the_standard_library() {
        let root = tree(
            "shadow",
            &[("app/json.py", ""), ("std/os.py", ""), ("std/_collections_abc.py", ""), ("std/json/__init__.py", "")],
        );
        let path = SearchPath::new(root.join("app"), Some(root.join("std")));
        let g = module_graph(main_module("import json\n"), "", &path, &read);
        assert_eq!(g.modules[1].path, Some(root.join("app/json.py")));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn main_package_for_dash_m() {
        let root = tree(
            "dashm",
            &[("cwd/pkg/__init__.py", ""), ("cwd/pkg/run.py", "from . import helper\n"), ("cwd/pkg/helper.py", "")],
        );
        let path = SearchPath::new(root.join("cwd"), None);
        let main = ModuleSource { name: "__main__".into(), ..read("x", &root.join("cwd/pkg/run.py"), false) };
        let g = module_graph(main, "pkg", &path, &read);
        let got: Vec<String> = g.modules.iter().map(|m| m.name.clone()).collect();
        assert_eq!(got, vec!["__main__", "pkg", "pkg.helper"]);
        // A script's relative import has no package: nothing to compile (it fails at run time).
        let g = module_graph(main_module("from . import helper\n"), "", &path, &read);
        assert_eq!(g.modules.len(), 1);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn dash_m_finds_modules_and_package_mains() {
        let root = tree(
            "findmain",
            &[
                ("cwd/pkg/__init__.py", ""),
                ("cwd/pkg/__main__.py", ""),
                ("cwd/pkg/mod.py", ""),
                ("cwd/nomain/__init__.py", ""),
                ("cwd/plain.py", ""),
            ],
        );
        let path = SearchPath::new(root.join("cwd"), None);
        let cwd = root.join("cwd");
        assert_eq!(find_main_module("pkg.mod", &path), Ok((cwd.join("pkg/mod.py"), "pkg".into())));
        assert_eq!(find_main_module("pkg", &path), Ok((cwd.join("pkg/__main__.py"), "pkg".into())));
        assert_eq!(find_main_module("plain", &path), Ok((cwd.join("plain.py"), String::new())));
        assert_eq!(
            find_main_module("nomain", &path),
            Err("No module named nomain.__main__; 'nomain' is a package and cannot be directly executed".into())
        );
        assert_eq!(find_main_module("pkg.nope", &path), Err("No module named pkg.nope".into()));
        assert!(find_main_module("plain.x", &path).unwrap_err().contains("__path__ attribute not found"));
        std::fs::remove_dir_all(&root).unwrap();
    }

    /// The invariant documented on `NATIVE_MODULES`: it names exactly the modules of the runtime's
    /// `native_module` table (read from its source: the CLI does not link the runtime).
    #[test]
    fn native_modules_match_the_runtime() {
        let src = include_str!("../../crabby-runtime/src/modules/mod.rs");
        let start = src.find("pub fn native_module").expect("the runtime's native_module table");
        let body = &src[start..];
        let body = &body[..body.find("\n}").unwrap_or(body.len())];
        // Every string literal left of `=>` in the match (`"a" | "b" => ...` included).
        let mut runtime: Vec<&str> = body
            .lines()
            .filter_map(|l| l.split_once("=>").map(|(pattern, _)| pattern))
            .flat_map(|pattern| pattern.split('"').skip(1).step_by(2))
            .collect();
        runtime.sort();
        let mut listed = crabby_compiler::imports::NATIVE_MODULES.to_vec();
        listed.sort();
        assert_eq!(listed, runtime, "crabby_compiler::imports::NATIVE_MODULES is out of sync with the runtime");
    }

    #[test]
    fn relative_names_resolve_like_importlib() {
        assert_eq!(relative_base("a.b.c", 1), Some("a.b.c".into()));
        assert_eq!(relative_base("a.b.c", 3), Some("a".into()));
        assert_eq!(relative_base("a.b.c", 4), None);
        assert_eq!(relative_base("", 1), None);
    }

    #[test]
    fn missing_stdlib_is_reported_by_name() {
        let path = SearchPath::new(std::env::temp_dir(), None);
        let g = Graph { missing: vec![("numpy".into(), false), ("json.decoder".into(), false)], ..Graph::default() };
        assert_eq!(needs_missing_stdlib(&g, &path), Some("json.decoder".into()));
        assert!(no_stdlib_message("json").contains("CRABBY_STDLIB"));
    }
}
