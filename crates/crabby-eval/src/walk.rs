//! Running the lowered tree: frames, names, and the body functions every evaluated code object shares.
//!
//! The statement and expression walker itself is written once (`walk_body.rs`) and compiled twice: as
//! ordinary recursive functions (`sync_walk`, for module code, class bodies and plain functions), and as
//! boxed futures (`async_walk`) for generator functions, coroutines and generator expressions, whose frames
//! the runtime resumes by polling (see the runtime's `builtins/generator.rs`): each `yield` is an `.await`
//! on the runtime's `yield_value`, exactly as compiled generators do. Only generator frames pay for the
//! boxing.

use crabby_runtime::builtins::function::func_obj;
use crabby_runtime::rt::{self, CodeInfo, ObjRef, PyErr, PyResult, Value};

use crate::tree::{NameRef, Unit, UnitKind};

/// How a statement finished.
pub enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

/// One activation of a unit: its fast locals, cells and namespaces.
pub struct Frame {
    pub unit: &'static Unit,
    pub code: &'static CodeInfo,
    pub g: ObjRef,
    /// `globals['__builtins__']` when it is not the real builtins (a dict or module of the program's own):
    /// names not in the globals are looked up there instead, as CPython does.
    pub builtins: Option<Value>,
    /// The namespace mapping of a class body or of the top level of `exec`/`eval` code.
    pub ns: Option<ObjRef>,
    pub fast: Vec<Option<Value>>,
    pub cells: Vec<ObjRef>,
    /// The line of the statement running, for tracebacks.
    pub line: u32,
}

/// The builtins of code running with globals `g` when they are not the program's builtins: CPython looks
/// names that are not global up in `g['__builtins__']` (a module means its `__dict__`), so `exec(s,
/// {'__builtins__': {}})` runs without any built-in.
fn custom_builtins(g: &ObjRef) -> Option<Value> {
    // A pre-hashed key: every frame asks, and hashing the text was a tenth of a dataclass `__init__` call.
    let b = crabby_runtime::builtins::dict::get(g, crabby_runtime::interned!("__builtins__")).ok().flatten()?;
    let real = crabby_runtime::modules::builtins::builtins_dict();
    match &b {
        Value::Obj(o) if o.ptr_eq(real) => None,
        Value::Obj(o) => match &o.payload {
            crabby_runtime::object::Payload::Module(_) => {
                let d = o.dict()?;
                if d.ptr_eq(real) {
                    None
                } else {
                    Some(Value::Obj(d.clone()))
                }
            }
            _ => Some(b),
        },
        _ => Some(b),
    }
}

/// A global load with custom builtins: the globals, then `builtins[name]` (a KeyError means "not defined").
#[cold]
fn load_custom(g: &ObjRef, builtins: &Value, n: &Value) -> PyResult<Value> {
    if let Some(v) = crabby_runtime::builtins::dict::get(g, n)? {
        return Ok(v);
    }
    match rt::getitem(builtins, n) {
        Ok(v) => Ok(v),
        Err(e) if e.matches(crabby_runtime::builtins::exceptions::ExcKind::KeyError) => {
            Err(rt::name_error_in(n, Some(g)))
        }
        Err(e) => Err(e),
    }
}

pub fn unit_of(code: &'static CodeInfo) -> &'static Unit {
    code.extra.and_then(|e| e.downcast_ref::<Unit>()).expect("code compiled by crabby's evaluator")
}

thread_local! {
    /// Emptied fast-local vectors of finished frames, reused so a call allocates nothing for its locals.
    static FAST_POOL: std::cell::RefCell<Vec<Vec<Option<Value>>>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Drop for Frame {
    fn drop(&mut self) {
        let mut fast = std::mem::take(&mut self.fast);
        // The values are dropped before the pool is borrowed: dropping one may run code that makes frames.
        fast.clear();
        if fast.capacity() <= 64 {
            FAST_POOL.with(|p| {
                if let Ok(mut p) = p.try_borrow_mut() {
                    if p.len() < 32 {
                        p.push(fast);
                    }
                }
            });
        }
    }
}

impl Frame {
    pub fn new(
        code: &'static CodeInfo,
        g: ObjRef,
        ns: Option<ObjRef>,
        args: &mut [Value],
        closure: &[ObjRef],
    ) -> Frame {
        let unit = unit_of(code);
        let mut fast: Vec<Option<Value>> = FAST_POOL.with(|p| p.borrow_mut().pop()).unwrap_or_default();
        fast.resize(unit.slot_names.len(), None);
        for (i, a) in args.iter_mut().enumerate() {
            fast[i] = Some(std::mem::take(a));
        }
        let free = unit.free_start as usize..(unit.free_start + unit.nfree) as usize;
        let mut cells = Vec::with_capacity(unit.cell_names.len());
        for i in 0..unit.cell_names.len() {
            if free.contains(&i) {
                cells.push(closure[i - free.start].clone());
            } else {
                cells.push(rt::new_cell());
            }
        }
        // Parameters captured by inner scopes live in cells from the start.
        for &(ci, param) in &unit.own_cells {
            if let Some(p) = param {
                if let Some(v) = fast[p as usize].take() {
                    rt::cell_set(&cells[ci as usize], v);
                }
            }
        }
        let builtins = custom_builtins(&g);
        Frame { unit, code, g, builtins, ns, fast, cells, line: code.firstlineno }
    }

    /// A global name: the globals, then the builtins (custom ones if the globals name them).
    #[inline]
    pub fn load_global(&self, n: &Value) -> PyResult<Value> {
        match &self.builtins {
            None => rt::load_global(&self.g, n),
            Some(b) => load_custom(&self.g, b, n),
        }
    }

    /// With custom builtins, the statements that call a builtin behind the scenes (`class` calls
    /// `__build_class__`, `import` calls `__import__`) find it there, as in CPython: missing, they raise
    /// its error; the real one runs as usual.
    // NOTE: a replacement of those two functions in custom builtins is not called.
    pub fn check_hidden_builtin(&self, name: &str) -> PyResult<()> {
        let Some(b) = &self.builtins else { return Ok(()) };
        let found = match rt::getitem(b, &Value::from(name)) {
            Ok(v) => Some(v),
            Err(e) if e.matches(crabby_runtime::builtins::exceptions::ExcKind::KeyError) => None,
            Err(e) => return Err(e),
        };
        match found {
            None if name == "__import__" => Err(PyErr::new(
                crabby_runtime::builtins::exceptions::ExcKind::ImportError,
                "__import__ not found".to_string(),
            )),
            None => {
                Err(PyErr::new(crabby_runtime::builtins::exceptions::ExcKind::NameError, format!("{name} not found")))
            }
            Some(v) => match crabby_runtime::modules::builtins::lookup(name) {
                Some(real) if real.is(&v) => Ok(()),
                _ => Err(rt::not_supported(&format!("a replaced {name} in custom builtins"))),
            },
        }
    }

    fn ns(&self) -> &ObjRef {
        self.ns.as_ref().expect("a namespace frame")
    }

    #[inline]
    pub fn load(&self, r: &NameRef) -> PyResult<Value> {
        match r {
            NameRef::Fast(i) => match &self.fast[*i as usize] {
                Some(v) => Ok(v.clone()),
                None => Err(rt::unbound_local(&self.unit.slot_names[*i as usize])),
            },
            NameRef::Cell(i, free) => rt::cell_get(&self.cells[*i as usize], &self.unit.cell_names[*i as usize], *free),
            NameRef::Global(n) => self.load_global(n),
            NameRef::Ns(n) => match &self.builtins {
                None => rt::load_class_name(self.ns(), &self.g, n),
                Some(b) => match rt::class_ns_get(self.ns(), n)? {
                    Some(v) => Ok(v),
                    None => load_custom(&self.g, b, n),
                },
            },
            NameRef::NsFree(i, n) => rt::load_class_free(self.ns(), &self.cells[*i as usize], n),
        }
    }

    #[inline]
    pub fn store(&mut self, r: &NameRef, v: Value) -> PyResult<()> {
        match r {
            NameRef::Fast(i) => {
                self.fast[*i as usize] = Some(v);
                Ok(())
            }
            NameRef::Cell(i, _) => {
                rt::cell_set(&self.cells[*i as usize], v);
                Ok(())
            }
            NameRef::Global(n) => rt::store_global(&self.g, n, v),
            NameRef::Ns(n) | NameRef::NsFree(_, n) => rt::store_class_name(self.ns(), n, v),
        }
    }

    pub fn delete(&mut self, r: &NameRef) -> PyResult<()> {
        match r {
            NameRef::Fast(i) => match self.fast[*i as usize].take() {
                Some(_) => Ok(()),
                None => Err(rt::unbound_local(&self.unit.slot_names[*i as usize])),
            },
            NameRef::Cell(i, free) => rt::cell_del(&self.cells[*i as usize], &self.unit.cell_names[*i as usize], *free),
            NameRef::Global(n) => rt::del_global(&self.g, n),
            NameRef::Ns(n) | NameRef::NsFree(_, n) => rt::del_class_name(self.ns(), n),
        }
    }

    /// Unbinds the name of an `except ... as name` block when it ends.
    pub fn clear(&mut self, r: &NameRef) {
        match r {
            NameRef::Fast(i) => self.fast[*i as usize] = None,
            NameRef::Cell(i, _) => rt::cell_clear(&self.cells[*i as usize]),
            NameRef::Global(n) => {
                let _ = rt::del_global(&self.g, n);
            }
            NameRef::Ns(n) | NameRef::NsFree(_, n) => {
                let _ = rt::del_class_name(self.ns(), n);
            }
        }
    }

    /// `locals()`: the namespace of a class body or top level; a snapshot of a function's variables.
    pub fn locals(&self) -> Value {
        if let Some(ns) = &self.ns {
            return Value::Obj(ns.clone());
        }
        let d = rt::new_dict_obj();
        for (i, v) in self.fast.iter().enumerate() {
            if let Some(v) = v {
                let name = &self.unit.slot_names[i];
                if !name.starts_with('.') {
                    let _ = rt::dict_set(&d, Value::from(name.as_str()), v.clone());
                }
            }
        }
        for (i, c) in self.cells.iter().enumerate() {
            if let Ok(v) = rt::cell_get(c, "", true) {
                let _ = rt::dict_set(&d, Value::from(self.unit.cell_names[i].as_str()), v);
            }
        }
        Value::Obj(d)
    }
}

/// The error a generator-only construct raises if it is ever reached in a plain frame (a bug).
pub fn async_in_sync() -> PyErr {
    rt::not_supported("'yield', 'await' or 'async' outside a generator or coroutine frame in the evaluator")
}

/// `sys.displayhook(value)` for `single`-mode expression statements.
pub fn display(v: Value) -> PyResult<()> {
    let sys = crabby_runtime::import::import_dotted("sys")?;
    match crabby_runtime::ops::attr::getattr_opt(&sys, "displayhook")? {
        Some(hook) => {
            rt::call(&hook, &[v], &[])?;
        }
        None => {
            // What CPython's default hook does: nothing for None, else print the repr and bind `_`.
            if v.is_none() {
                return Ok(());
            }
            let b = crabby_runtime::modules::builtins::builtins_dict();
            let _ = rt::dict_set(b, Value::from("_"), Value::None);
            let text = crabby_runtime::ops::format::repr(&v)?;
            let print = crabby_runtime::modules::builtins::lookup("print").expect("print");
            rt::call(&print, &[Value::from(text)], &[])?;
            rt::dict_set(b, Value::from("_"), v)?;
        }
    }
    Ok(())
}

fn gen_kind(unit: &Unit) -> rt::GenKind {
    match (unit.is_generator, unit.is_coroutine) {
        (true, true) => rt::GenKind::AsyncGenerator,
        (false, true) => rt::GenKind::Coroutine,
        _ => rt::GenKind::Generator,
    }
}

/// The body of every function evaluated code defines.
pub fn function_body(func: &ObjRef, args: &mut [Value]) -> PyResult<Value> {
    let code = func_obj(func).code;
    let frame = Frame::new(code, rt::globals(func).clone(), None, args, rt::closure(func));
    if frame.unit.is_generator || frame.unit.is_coroutine {
        let kind = gen_kind(frame.unit);
        return Ok(rt::new_generator(
            code,
            kind,
            Box::pin(async move {
                let mut frame = frame;
                let r = async_walk::run(&mut frame).await;
                r.map_err(|e| e.leave(code, frame.line))
            }),
        ));
    }
    let mut frame = frame;
    let r = sync_walk::run(&mut frame);
    r.map_err(|e| e.leave(code, frame.line))
}

/// The body of every class body evaluated code defines: runs in the namespace it is given, and returns the
/// `__class__` cell when methods use it.
pub fn class_body(func: &ObjRef, args: &mut [Value]) -> PyResult<Value> {
    let code = func_obj(func).code;
    let ns = args[0].as_obj().expect("class namespace").clone();
    let mut frame = Frame::new(code, rt::globals(func).clone(), Some(ns), args, rt::closure(func));
    let r = sync_walk::run(&mut frame);
    let r = r.map_err(|e| e.leave(code, frame.line));
    r?;
    Ok(match frame.unit.class_cell {
        Some(c) => Value::Obj(frame.cells[c as usize].clone()),
        None => Value::None,
    })
}

/// A generator expression's generator: its frame starts with the first iterator in slot 0.
pub fn new_genexp(code: &'static CodeInfo, g: ObjRef, first: Value, closure: Vec<ObjRef>) -> Value {
    let mut args = [first];
    let frame = Frame::new(code, g, None, &mut args, &closure);
    let kind = gen_kind(frame.unit);
    rt::new_generator(
        code,
        kind,
        Box::pin(async move {
            let mut frame = frame;
            let r = async_walk::run(&mut frame).await;
            r.map_err(|e| e.leave(code, frame.line))
        }),
    )
}

/// Runs top-level code in `globals` with the `locals` mapping.
pub fn run_top(code: &'static CodeInfo, globals: &ObjRef, locals: &Value) -> PyResult<Value> {
    let unit = unit_of(code);
    debug_assert!(unit.kind == UnitKind::Top);
    let ns = locals.as_obj().cloned().unwrap_or_else(|| globals.clone());
    let mut frame = Frame::new(code, globals.clone(), Some(ns), &mut [], &[]);
    let r = sync_walk::run(&mut frame);
    r.map_err(|e| e.leave(code, frame.line))
}

// In plain frames the generator-only operations are all the same error, so branches may coincide.
#[allow(unused_variables, clippy::if_same_then_else)]
pub mod sync_walk {
    //! The walker as plain recursive functions.
    macro_rules! walk_fn {
        ($(#[$m:meta])* fn $name:ident<$lt:lifetime>($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
            $(#[$m])* pub(crate) fn $name<$lt>($($arg: $ty),*) -> $ret $body
        };
    }
    macro_rules! aw {
        ($e:expr) => {
            $e
        };
    }
    macro_rules! only_async {
        ($e:expr) => {
            Err::<_, crabby_runtime::rt::PyErr>(super::async_in_sync())
        };
    }
    include!("walk_body.rs");
}

pub mod async_walk {
    //! The walker as boxed futures, for frames that suspend.
    macro_rules! walk_fn {
        ($(#[$m:meta])* fn $name:ident<$lt:lifetime>($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
            $(#[$m])* pub(crate) fn $name<$lt>($($arg: $ty),*)
                -> ::std::pin::Pin<Box<dyn ::std::future::Future<Output = $ret> + Send + $lt>> {
                Box::pin(async move $body)
            }
        };
    }
    macro_rules! aw {
        ($e:expr) => {
            $e.await
        };
    }
    macro_rules! only_async {
        ($e:expr) => {
            $e.await
        };
    }
    include!("walk_body.rs");
}
