//! The import system: `sys.modules`, native modules, compiled Python modules, and initialising each module
//! once, thread-safely, in CPython's order.
//!
//! A module is found, in order, in `sys.modules`, among the native modules (`modules/`), and among the Python
//! modules compiled into the program (registered by the generated `main` with [`register_compiled`]). The
//! module object goes into `sys.modules` before its body runs, so circular imports see the partly
//! initialised module, as in CPython. Another thread importing a module that is being initialised waits for
//! it (CPython's per-module import lock).

use std::collections::HashMap;
use std::sync::OnceLock;
use std::thread::ThreadId;

use parking_lot::{Condvar, Mutex, RwLock};

use crate::builtins::exceptions::ExcKind;
use crate::builtins::{dict, module};
use crate::error::{PyErr, PyResult};
use crate::object::ObjRef;
use crate::Value;

/// Runs a compiled module's top level in its module object.
pub type ExecFn = fn(&ObjRef) -> PyResult<()>;

/// A Python module compiled into the program.
#[derive(Clone, Copy)]
pub struct CompiledModule {
    pub exec: ExecFn,
    /// The source path, for `__file__`.
    pub file: &'static str,
    /// A package (`__init__.py`): gets `__path__`.
    pub is_package: bool,
}

fn compiled() -> &'static RwLock<HashMap<&'static str, CompiledModule>> {
    static C: OnceLock<RwLock<HashMap<&'static str, CompiledModule>>> = OnceLock::new();
    C.get_or_init(|| RwLock::new(HashMap::new()))
}

/// Registers a compiled Python module under its dotted name (done by the generated `main`).
pub fn register_compiled(name: &'static str, module: CompiledModule) {
    compiled().write().insert(name, module);
}

/// `sys.modules`.
pub fn sys_modules() -> &'static ObjRef {
    static M: OnceLock<ObjRef> = OnceLock::new();
    M.get_or_init(|| dict::new_dict_obj().make_immortal())
}

/// Modules being initialised, by the thread doing it.
fn initializing() -> &'static (Mutex<HashMap<String, ThreadId>>, Condvar) {
    static I: OnceLock<(Mutex<HashMap<String, ThreadId>>, Condvar)> = OnceLock::new();
    I.get_or_init(|| (Mutex::new(HashMap::new()), Condvar::new()))
}

fn not_found(name: &str) -> PyErr {
    let e = PyErr::new(ExcKind::ModuleNotFoundError, format!("No module named '{name}'"));
    let _ = crate::ops::attr::setattr_str(&e.value(), "name", Value::from(name));
    e
}

/// Imports one module by its full dotted name (its parent packages must be imported already).
fn import_one(name: &str) -> PyResult<Value> {
    loop {
        if let Some(m) = dict::get_str(sys_modules(), name) {
            // A module another thread is still initialising is waited for; this thread's own (a circular
            // import) is returned as it stands.
            let (lock, cv) = initializing();
            let mut init = lock.lock();
            match init.get(name) {
                Some(t) if *t != std::thread::current().id() => {
                    crate::qsbr::offline(|| cv.wait(&mut init));
                    continue;
                }
                _ => return Ok(m),
            }
        }
        break;
    }
    if let Some(make) = crate::modules::native_module(name) {
        let m = make()?;
        dict::set_str(sys_modules(), name, Value::Obj(m.clone()));
        return Ok(Value::Obj(m));
    }
    let Some(cm) = compiled().read().get(name).copied() else {
        return Err(not_found(name));
    };
    let (lock, cv) = initializing();
    {
        let mut init = lock.lock();
        loop {
            if dict::get_str(sys_modules(), name).is_some() {
                drop(init);
                return import_one(name);
            }
            // Another thread has claimed the module but not yet put it in sys.modules: wait for it rather
            // than running the body a second time.
            match init.get(name) {
                Some(t) if *t != std::thread::current().id() => crate::qsbr::offline(|| cv.wait(&mut init)),
                _ => break,
            }
        }
        init.insert(name.to_string(), std::thread::current().id());
    }
    let m = module::new_module(name);
    let d = module::module_dict(&m);
    dict::set_str(d, "__file__", Value::from(cm.file));
    dict::set_str(d, "__builtins__", Value::Obj(crate::modules::builtins::builtins_dict().clone()));
    let package = if cm.is_package {
        name.to_string()
    } else {
        name.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default()
    };
    dict::set_str(d, "__package__", Value::from(package));
    if cm.is_package {
        let dir = cm.file.rsplit_once('/').map(|(d, _)| d).unwrap_or(".");
        dict::set_str(d, "__path__", crate::builtins::list::new_list(vec![Value::from(dir)]));
    }
    dict::set_str(sys_modules(), name, Value::Obj(m.clone()));
    let r = {
        let _frame = crate::builtins::frame::enter_module(&m);
        (cm.exec)(&m)
    };
    {
        let mut init = lock.lock();
        init.remove(name);
        cv.notify_all();
    }
    match r {
        Ok(()) => Ok(dict::get_str(sys_modules(), name).unwrap_or(Value::Obj(m))),
        Err(e) => {
            // A module whose body failed is removed again, as CPython does.
            let _ = dict::remove(sys_modules(), &Value::from(name));
            Err(e)
        }
    }
}

/// The finder crabby puts on `sys.meta_path`, so `importlib` (`import_module`, `util.find_spec`) finds the
/// modules compiled into the program and the native ones, which no path finder could: compiled modules have
/// no source files at run time. It is a class with static methods, as CPython's `BuiltinImporter` is: the
/// finder and the loader of the specs it returns. Creating the module runs crabby's own import (one body run,
/// `sys.modules`, the per-module lock), and `exec_module` then has nothing left to do. A name compiled
/// nowhere gets no spec, so `importlib` raises CPython's `ModuleNotFoundError: No module named 'x'`.
pub fn meta_path_finder() -> Value {
    static F: OnceLock<Value> = OnceLock::new();
    F.get_or_init(|| {
        let t = crate::builtins::types();
        let ns = dict::new_dict_obj();
        let methods: [(&'static str, crate::builtins::function::NativeFn); 3] = [
            ("find_spec", finder_find_spec),
            ("create_module", finder_create_module),
            ("exec_module", finder_exec_module),
        ];
        for (name, f) in methods {
            let f = crate::builtins::function::new_builtin(name, f, None);
            let sm = ObjRef::new(
                &t.staticmethod,
                crate::object::Payload::Descriptor(crate::builtins::descriptor::DescriptorObj::StaticMethod(f)),
            );
            dict::set_str(&ns, name, Value::Obj(sm));
        }
        dict::set_str(&ns, "__module__", Value::from("crabby"));
        let bases = crate::builtins::tuple::new_tuple(Vec::new());
        crate::builtins::type_::type_call(&t.type_, &[Value::from("CompiledImporter"), bases, Value::Obj(ns)], &[])
            .expect("making a plain class cannot fail")
    })
    .clone()
}

/// `find_spec(name, path=None, target=None)`: a `ModuleSpec` for a compiled or native module, else None.
fn finder_find_spec(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = crate::ops::args::Args::new("find_spec", args, kwargs).bind(&["fullname", "path", "target"], 1)?;
    let Some(name) = a[0].as_ref().and_then(|n| n.as_str()) else {
        return Ok(Value::None);
    };
    let native = crate::modules::native_module(name).is_some();
    let cm = compiled().read().get(name).copied();
    if cm.is_none() && !native {
        return Ok(Value::None);
    }
    // `importlib._bootstrap` is running (it is the one asking), so its ModuleSpec class is at hand.
    let bootstrap = match dict::get_str(sys_modules(), "importlib._bootstrap") {
        Some(b) => b,
        None => import_dotted("importlib._bootstrap")?,
    };
    let spec_class = crate::ops::attr::getattr_str(&bootstrap, "ModuleSpec")?;
    let origin = match &cm {
        Some(cm) => Value::from(cm.file),
        None => Value::from("built-in"),
    };
    let is_package = Value::Bool(cm.is_some_and(|cm| cm.is_package));
    crate::ops::call::call(
        &spec_class,
        &[Value::from(name), meta_path_finder()],
        &[(Value::from("origin"), origin), (Value::from("is_package"), is_package)],
    )
}

/// `create_module(spec)`: the module, imported (its body run) by crabby's import system.
fn finder_create_module(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = crate::ops::args::Args::new("create_module", args, kwargs).exact(1)?;
    let name = crate::ops::attr::getattr_str(&a[0], "name")?;
    match name.as_str() {
        Some(n) => import_dotted(n),
        None => Err(crate::error::type_error(format!("module name must be str, not {}", name.type_name()))),
    }
}

/// `exec_module(module)`: nothing to do, `create_module` ran the body.
fn finder_exec_module(args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    crate::ops::args::Args::new("exec_module", args, kwargs).exact(1)?;
    Ok(Value::None)
}

/// Whether a module of that name exists (compiled in or native).
fn is_known(name: &str) -> bool {
    compiled().read().contains_key(name) || crate::modules::native_module(name).is_some()
}

/// Imports `name` and its parent packages; returns the module named (not the top package).
pub fn import_dotted(name: &str) -> PyResult<Value> {
    let mut parent: Option<Value> = None;
    let mut full = String::new();
    let mut last = Value::None;
    for part in name.split('.') {
        if !full.is_empty() {
            full.push('.');
        }
        full.push_str(part);
        let m = match import_one(&full) {
            Ok(m) => m,
            // Only a submodule that does not exist gets the dotted message; an import failing while a module
            // that does exist runs keeps its own error.
            Err(e) if e.matches(ExcKind::ModuleNotFoundError) && parent.is_some() && !is_known(&full) => {
                // `import pkg.missing`: CPython names the full dotted module, and says when the parent is a
                // plain module rather than a package.
                let parent_name = full.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
                let is_package = parent
                    .as_ref()
                    .is_some_and(|p| crate::ops::attr::getattr_opt(p, "__path__").ok().flatten().is_some());
                if !is_package {
                    let err = PyErr::new(
                        ExcKind::ModuleNotFoundError,
                        format!("No module named '{full}'; '{parent_name}' is not a package"),
                    );
                    let _ = crate::ops::attr::setattr_str(&err.value(), "name", Value::from(full.as_str()));
                    return Err(err);
                }
                return Err(not_found(&full));
            }
            Err(e) => return Err(e),
        };
        if let Some(p) = &parent {
            // A submodule becomes an attribute of its package.
            let _ = crate::ops::attr::setattr_str(p, part, m.clone());
        }
        parent = Some(m.clone());
        last = m;
    }
    Ok(last)
}

/// Resolves a relative module name (`.x`, `..y`) against the importing module's package.
pub fn resolve_name(name: &str, package: Option<&str>) -> PyResult<String> {
    let level = name.len() - name.trim_start_matches('.').len();
    if level == 0 {
        return Ok(name.to_string());
    }
    let Some(package) = package.filter(|p| !p.is_empty()) else {
        return Err(PyErr::new(ExcKind::ImportError, "attempted relative import with no known parent package"));
    };
    let parts: Vec<&str> = package.split('.').collect();
    if level > parts.len() {
        return Err(PyErr::new(ExcKind::ImportError, "attempted relative import beyond top-level package"));
    }
    let base = parts[..parts.len() - (level - 1)].join(".");
    let rest = &name[level..];
    Ok(if rest.is_empty() { base } else { format!("{base}.{rest}") })
}

/// `from m import name`: the attribute, or the submodule `m.name`, with CPython's ImportError.
pub fn import_from(m: &Value, name: &str) -> PyResult<Value> {
    match crate::ops::attr::getattr_opt(m, name)? {
        Some(v) => Ok(v),
        None => {
            let mname = crate::ops::attr::getattr_opt(m, "__name__")?.and_then(|n| n.as_str().map(str::to_string));
            if let Some(mn) = &mname {
                let full = format!("{mn}.{name}");
                if compiled().read().contains_key(full.as_str()) || crate::modules::native_module(&full).is_some() {
                    return import_dotted(&full);
                }
            }
            let mn = mname.unwrap_or_else(|| "<unknown module name>".into());
            let file = crate::ops::attr::getattr_opt(m, "__file__")?.and_then(|f| f.as_str().map(str::to_string));
            let initializing = initializing().0.lock().contains_key(&mn);
            let err = PyErr::new(
                ExcKind::ImportError,
                match (&file, initializing) {
                    (Some(f), true) => format!(
                        "cannot import name '{name}' from partially initialized module '{mn}' (most likely due to a circular import) ({f})"
                    ),
                    (Some(f), false) => format!("cannot import name '{name}' from '{mn}' ({f})"),
                    (None, _) => format!("cannot import name '{name}' from '{mn}' (unknown location)"),
                },
            );
            // CPython's `name`, `path` and `name_from`: the traceback suggests a name of the module from them.
            let e = err.value();
            let _ = crate::ops::attr::setattr_str(&e, "name", Value::from(mn.as_str()));
            let _ = crate::ops::attr::setattr_str(&e, "path", file.map_or(Value::None, Value::from));
            let _ = crate::ops::attr::setattr_str(&e, "name_from", Value::from(name));
            Err(err)
        }
    }
}
