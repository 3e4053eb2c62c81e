//! What a module imports, for the driver's module graph; and the names of the modules the runtime
//! provides natively, which the driver must not look for on disk.
//!
//! The driver follows the import graph at build time (DESIGN.md, "Modules and the standard library"): every
//! `import` and `from ... import` anywhere in a module (in functions, classes, `if` and `try` blocks alike,
//! since any of them may run) names a module that may be needed at run time. Calls with a literal module
//! name (`__import__("x")`, `importlib.import_module("x")`) are followed too: they are how programs spell
//! an import chosen at run time, and following the literal ones costs nothing. The parse is ruff's
//! error-recovering one, so a module with a syntax error still reports what it imports; whether it
//! compiles is decided elsewhere.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, PythonVersion, Stmt};
use ruff_python_parser::{Mode, ParseOptions};

/// The modules the runtime implements in Rust (`crabby_runtime::modules::native_module`).
///
/// **Invariant:** this list and `native_module`'s table name exactly the same modules. The driver reads
/// this list (the CLI does not link the runtime) to skip these names when it looks for modules on disk;
/// a native module missing here would be compiled from the standard library as well (wasted build time,
/// never used, since the runtime finds native modules first); one listed here but missing in the runtime
/// would raise ModuleNotFoundError even when the standard library has a pure-Python version. Whoever adds
/// a native module adds its name here in the same commit; a test of the `crabby` crate
/// (`native_modules_match_the_runtime`) compares this list with the runtime's table and fails otherwise.
pub const NATIVE_MODULES: &[&str] = &[
    "_ast",
    "_bisect",
    "_codecs",
    "_collections",
    "_contextvars",
    "_datetime",
    "_functools",
    "_heapq",
    "_imp",
    "_io",
    "_json",
    "_locale",
    "_operator",
    "_posixsubprocess",
    "_queue",
    "_random",
    "_sha2",
    "_signal",
    "_stat",
    "_sre",
    "_string",
    "_struct",
    "_thread",
    "_tokenize",
    "_typing",
    "_warnings",
    "_weakref",
    "atexit",
    "binascii",
    "builtins",
    "errno",
    "gc",
    "itertools",
    "marshal",
    "math",
    "posix",
    "select",
    "sys",
    "time",
];

/// Whether the runtime provides `name` (a full dotted name) natively.
pub fn is_native(name: &str) -> bool {
    NATIVE_MODULES.contains(&name)
}

/// CPython 3.12's `sys.stdlib_module_names`: the top-level modules of its standard library, pure-Python and
/// C alike. The driver uses it to tell a program that needs the standard library (and must be told to
/// install one when none is found) from one importing a third-party module that is simply missing.
pub const STDLIB_MODULE_NAMES: &[&str] = &include!("../../crabby-runtime/src/modules/stdlib_module_names.in");

/// Whether the top-level module of `name` belongs to CPython's standard library.
pub fn is_stdlib_name(name: &str) -> bool {
    let top = name.split('.').next().unwrap_or(name);
    STDLIB_MODULE_NAMES.binary_search(&top).is_ok()
}

/// One import in a module's source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRef {
    /// The dotted module name as written, without leading dots (`""` for `from . import x`).
    pub module: String,
    /// The number of leading dots: 0 for an absolute import.
    pub level: u32,
    /// For `from m import a, b`: `["a", "b"]`, each of which may be a submodule of `m` (`*` kept as is).
    /// Empty for `import m`.
    pub names: Vec<String>,
    /// Inside the body of a `try:` statement: the program expects that it may fail.
    pub inside_try: bool,
    /// Inside `if __name__ == "__main__":`, so it runs only when the module is the program's main module
    /// (a standard-library module's self-test imports `doctest` or `unittest` there: not worth compiling
    /// for every program that imports the module).
    pub main_only: bool,
}

/// Every import in `source`, in source order, nested ones included. Never fails: what cannot be parsed is
/// skipped.
pub fn imported_names(source: &str) -> Vec<ImportRef> {
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY312);
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    let Some(module) = parsed.try_into_module().map(|m| m.into_syntax()) else {
        return Vec::new();
    };
    let mut collector = Collector { out: Vec::new(), try_depth: 0, main_guard_depth: 0 };
    collector.visit_body(&module.body);
    collector.out
}

/// Standard-library module names written as plain string literals anywhere in a module that imports
/// `importlib` or calls `__import__` (`mods = ["json"]; importlib.import_module(mods[0])`): a name chosen at
/// run time can only be imported if its module was compiled into the program, and a string naming a
/// standard-library module there is the best hint there is. Only standard-library names are taken (a typo
/// would otherwise be looked up on disk for nothing), and the driver asks this of the program's own modules
/// only, never of the standard library's (whose strings name modules everywhere).
pub fn module_name_strings(source: &str) -> Vec<String> {
    if !source.contains("importlib") && !source.contains("__import__") {
        return Vec::new();
    }
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY312);
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    let Some(module) = parsed.try_into_module().map(|m| m.into_syntax()) else {
        return Vec::new();
    };
    let mut finder = StringFinder { dynamic: false, names: Vec::new() };
    finder.visit_body(&module.body);
    if !finder.dynamic {
        return Vec::new();
    }
    finder.names.sort();
    finder.names.dedup();
    finder.names
}

struct StringFinder {
    /// The module imports `importlib` or names `__import__`.
    dynamic: bool,
    names: Vec<String>,
}

impl<'a> Visitor<'a> for StringFinder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(i) if i.names.iter().any(|a| a.name.id.split('.').next() == Some("importlib")) => {
                self.dynamic = true;
            }
            Stmt::ImportFrom(f) if f.module.as_ref().is_some_and(|m| m.id.split('.').next() == Some("importlib")) => {
                self.dynamic = true;
            }
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) if n.id.as_str() == "__import__" => self.dynamic = true,
            Expr::StringLiteral(s) => {
                let text = s.value.to_str();
                let dotted = !text.is_empty()
                    && text.split('.').all(|p| {
                        let mut c = p.chars();
                        c.next().is_some_and(|f| f.is_ascii_alphabetic() || f == '_')
                            && c.all(|x| x.is_ascii_alphanumeric() || x == '_')
                    });
                if dotted && is_stdlib_name(text) {
                    self.names.push(text.to_string());
                }
            }
            _ => {}
        }
        visitor::walk_expr(self, expr);
    }
}

struct Collector {
    out: Vec<ImportRef>,
    try_depth: usize,
    main_guard_depth: usize,
}

/// The value of a platform test on Linux, where crabby runs (`sys.platform == "linux"`, `os.name ==
/// "posix"`), when `test` is one: `sys.platform == S`, `!=`, `in (...)`, `sys.platform.startswith(S)`,
/// `os.name == S`, combined with `not`/`and`/`or`. `None` for anything else.
fn on_linux(test: &Expr) -> Option<bool> {
    use ruff_python_ast::{BoolOp, CmpOp, UnaryOp};
    // The platform string a subject stands for: `<anything>.platform`, `os.name` / `_os.name`.
    let subject = |e: &Expr| -> Option<&'static str> {
        let Expr::Attribute(a) = e else { return None };
        match a.attr.id.as_str() {
            "platform" => Some("linux"),
            "name" if matches!(&*a.value, Expr::Name(n) if matches!(n.id.as_str(), "os" | "_os")) => Some("posix"),
            _ => None,
        }
    };
    let string = |e: &Expr| match e {
        Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
        _ => None,
    };
    match test {
        Expr::Compare(c) if c.ops.len() == 1 => {
            let value = subject(&c.left)?;
            let right = &c.comparators[0];
            match c.ops[0] {
                CmpOp::Eq => Some(value == string(right)?),
                CmpOp::NotEq => Some(value != string(right)?),
                CmpOp::In | CmpOp::NotIn => {
                    let items: Vec<String> = match right {
                        Expr::Tuple(t) => t.elts.iter().map(string).collect::<Option<_>>()?,
                        Expr::List(l) => l.elts.iter().map(string).collect::<Option<_>>()?,
                        _ => return None,
                    };
                    let found = items.iter().any(|i| i == value);
                    Some(if matches!(c.ops[0], CmpOp::In) { found } else { !found })
                }
                _ => None,
            }
        }
        Expr::Call(call) if call.arguments.args.len() == 1 && call.arguments.keywords.is_empty() => {
            let Expr::Attribute(m) = &*call.func else { return None };
            let value = subject(&m.value)?;
            let arg = string(&call.arguments.args[0])?;
            match m.attr.id.as_str() {
                "startswith" => Some(value.starts_with(arg.as_str())),
                _ => None,
            }
        }
        Expr::UnaryOp(u) if matches!(u.op, UnaryOp::Not) => on_linux(&u.operand).map(|v| !v),
        Expr::BoolOp(b) => {
            let values: Vec<Option<bool>> = b.values.iter().map(on_linux).collect();
            match b.op {
                BoolOp::And if values.contains(&Some(false)) => Some(false),
                BoolOp::Or if values.contains(&Some(true)) => Some(true),
                _ if values.iter().all(Option::is_some) => {
                    let all = values.iter().map(|v| v.unwrap_or(false));
                    Some(if matches!(b.op, BoolOp::And) { all.clone().all(|v| v) } else { all.clone().any(|v| v) })
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `test` is `__name__ == "__main__"` (either way round).
fn is_main_guard(test: &Expr) -> bool {
    let Expr::Compare(c) = test else { return false };
    if c.ops.len() != 1 || !matches!(c.ops[0], ruff_python_ast::CmpOp::Eq) {
        return false;
    }
    let is_name = |e: &Expr| matches!(e, Expr::Name(n) if n.id.as_str() == "__name__");
    let is_main = |e: &Expr| matches!(e, Expr::StringLiteral(s) if s.value.to_str() == "__main__");
    let (l, r) = (&*c.left, &c.comparators[0]);
    (is_name(l) && is_main(r)) || (is_main(l) && is_name(r))
}

impl Collector {
    fn push(&mut self, module: &str, level: u32, names: Vec<String>) {
        self.out.push(ImportRef {
            module: module.to_string(),
            level,
            names,
            inside_try: self.try_depth > 0,
            main_only: self.main_guard_depth > 0,
        });
    }
}

impl<'a> Visitor<'a> for Collector {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(i) => {
                for alias in &i.names {
                    self.push(alias.name.id.as_str(), 0, Vec::new());
                }
            }
            Stmt::ImportFrom(i) => {
                let module = i.module.as_ref().map(|m| m.id.as_str()).unwrap_or("");
                let names = i.names.iter().map(|a| a.name.id.to_string()).collect();
                self.push(module, i.level, names);
            }
            Stmt::If(i) if is_main_guard(&i.test) => {
                self.main_guard_depth += 1;
                self.visit_body(&i.body);
                self.main_guard_depth -= 1;
                for clause in &i.elif_else_clauses {
                    if let Some(test) = &clause.test {
                        self.visit_expr(test);
                    }
                    self.visit_body(&clause.body);
                }
            }
            // `if sys.platform == "win32":` and the like: a branch that never runs on Linux imports nothing,
            // and neither do the branches after one that always does.
            Stmt::If(i) => {
                let first = std::iter::once((Some(&*i.test), &i.body[..]));
                let rest = i.elif_else_clauses.iter().map(|c| (c.test.as_ref(), &c.body[..]));
                for (test, body) in first.chain(rest) {
                    let known = test.and_then(on_linux);
                    if known == Some(false) {
                        continue;
                    }
                    if let Some(t) = test {
                        self.visit_expr(t);
                    }
                    self.visit_body(body);
                    if known == Some(true) {
                        break;
                    }
                }
            }
            Stmt::Try(t) => {
                self.try_depth += 1;
                self.visit_body(&t.body);
                self.try_depth -= 1;
                for h in &t.handlers {
                    self.visit_except_handler(h);
                }
                self.visit_body(&t.orelse);
                self.visit_body(&t.finalbody);
            }
            // A generic class's implicit `Generic[T]` base comes from `typing`; subscribing a generic type
            // alias makes a `types.GenericAlias`. Both modules must be compiled in.
            Stmt::ClassDef(c) if c.type_params.is_some() => {
                self.push("typing", 0, Vec::new());
                visitor::walk_stmt(self, stmt);
            }
            // `*args: *Ts` is evaluated by unpacking `Ts`, and a TypeVarTuple unpacks to `typing.Unpack[Ts]`.
            Stmt::FunctionDef(f)
                if f.parameters
                    .vararg
                    .as_ref()
                    .is_some_and(|v| v.annotation.as_deref().is_some_and(Expr::is_starred_expr)) =>
            {
                self.push("typing", 0, Vec::new());
                visitor::walk_stmt(self, stmt);
            }
            Stmt::TypeAlias(t) if t.type_params.is_some() => {
                self.push("types", 0, Vec::new());
                visitor::walk_stmt(self, stmt);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr {
            let callee = match &*call.func {
                Expr::Name(n) => Some(n.id.as_str()),
                Expr::Attribute(a) => Some(a.attr.id.as_str()),
                _ => None,
            };
            if matches!(callee, Some("__import__" | "import_module")) {
                if let Some(Expr::StringLiteral(s)) = call.arguments.args.first() {
                    let name = s.value.to_str();
                    // `importlib.import_module(".x", package)` is relative to a package only known at run time.
                    if !name.starts_with('.') && !name.is_empty() {
                        self.push(name, 0, Vec::new());
                    }
                }
            }
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imp(module: &str, level: u32, names: &[&str], inside_try: bool) -> ImportRef {
        ImportRef {
            module: module.into(),
            level,
            names: names.iter().map(|s| s.to_string()).collect(),
            inside_try,
            main_only: false,
        }
    }

    #[test]
    fn branches_for_other_platforms_are_skipped() {
        let src = "\
if sys.platform == 'win32':
    import winreg
elif sys.platform.startswith('linux'):
    import linux_only
else:
    import never
if os.name == 'nt':
    import nt
else:
    import posix_branch
if _sys.platform != 'darwin' and not sys.platform in ('win32', 'cygwin'):
    import both
if sys.platform == 'darwin' or x:
    import unknown
";
        let found: Vec<String> = imported_names(src).into_iter().map(|i| i.module).collect();
        assert_eq!(found, vec!["linux_only", "posix_branch", "both", "unknown"]);
    }

    #[test]
    fn imports_under_the_main_guard_are_marked() {
        let found = imported_names(
            "import a\nif __name__ == '__main__':\n    import doctest\nelse:\n    import b\nif '__main__' == __name__:\n    import c\n",
        );
        let marks: Vec<(&str, bool)> = found.iter().map(|i| (i.module.as_str(), i.main_only)).collect();
        assert_eq!(marks, vec![("a", false), ("doctest", true), ("b", false), ("c", true)]);
    }

    #[test]
    fn finds_every_form_of_import() {
        let src = "\
import a.b.c, d as e
from f import g, h as i
from . import j
from ..k.l import *
def fn():
    import m
    class C:
        from n import o
try:
    import p
except ImportError:
    import q
else:
    import r
if x:
    __import__('s.t')
importlib.import_module('u')
importlib.import_module('.v', 'pkg')
__import__(name)
";
        assert_eq!(
            imported_names(src),
            vec![
                imp("a.b.c", 0, &[], false),
                imp("d", 0, &[], false),
                imp("f", 0, &["g", "h"], false),
                imp("", 1, &["j"], false),
                imp("k.l", 2, &["*"], false),
                imp("m", 0, &[], false),
                imp("n", 0, &["o"], false),
                imp("p", 0, &[], true),
                imp("q", 0, &[], false),
                imp("r", 0, &[], false),
                imp("s.t", 0, &[], false),
                imp("u", 0, &[], false),
            ]
        );
    }

    #[test]
    fn a_syntax_error_still_reports_what_parses() {
        let found = imported_names("import a\ndef f(:\n    pass\nimport b\n");
        assert!(found.iter().any(|i| i.module == "a"), "{found:?}");
    }

    #[test]
    fn stdlib_names_are_sorted_for_binary_search() {
        assert!(STDLIB_MODULE_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stdlib_name("os.path"));
        assert!(is_stdlib_name("json"));
        assert!(!is_stdlib_name("numpy"));
        assert!(is_native("sys"));
        assert!(!is_native("os"));
    }

    #[test]
    fn module_names_in_strings_only_where_imports_are_dynamic() {
        let dynamic = "import importlib\nmods = ['json', 'xml.dom', 'numpy', 'not a name', 'os.']\nx = 'csv'\n";
        assert_eq!(module_name_strings(dynamic), vec!["csv", "json", "xml.dom"]);
        assert_eq!(module_name_strings("m = __import__(n)\nn = 'json'\n"), vec!["json"]);
        assert_eq!(module_name_strings("from importlib import import_module\nname = 'csv'\n"), vec!["csv"]);
        // Without importlib or __import__, strings are just strings.
        assert!(module_name_strings("x = 'json'\nprint('importlib')\n").is_empty());
    }
}
