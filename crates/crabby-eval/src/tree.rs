//! The tree the evaluator walks: Python's statements and expressions with every name already resolved by the
//! scope pass (a fast-local slot, a cell, the globals, or a class/top-level namespace), operators bound to
//! the runtime functions that implement them, and constants made into runtime values once. It is made once
//! per `compile()`/`exec()` of a source and never changes, so it is shared by every call of the functions it
//! defines (`Send + Sync`, kept alive for the program's lifetime).

use crabby_runtime::rt::{AttrSite, PyResult, SeqMode, Value};

pub type BinFn = fn(&Value, &Value) -> PyResult<Value>;
pub type UnFn = fn(&Value) -> PyResult<Value>;

/// Where a name lives.
#[derive(Clone, Debug)]
pub enum NameRef {
    /// A fast local: a slot of the frame.
    Fast(u32),
    /// A cell of the frame (`free`: a variable of an enclosing scope, for the unbound message).
    Cell(u32, bool),
    /// Module globals, then builtins.
    Global(Value),
    /// A class body's or a top-level frame's namespace mapping, then globals and builtins (`LOAD_NAME`).
    Ns(Value),
    /// A class body's name that is also free: the namespace first, then the cell.
    NsFree(u32, Value),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

/// An item of a display or a positional argument: `*x` or a plain value.
pub enum Elt {
    Plain(Ex),
    Star(Ex),
}

/// A keyword argument: `name=value`, or `**mapping` (no name).
pub struct Kw {
    pub name: Option<Value>,
    pub value: Ex,
}

pub enum Target {
    Name(NameRef),
    Attr(Ex, Value, Box<AttrSite>),
    Item(Ex, Ex),
    /// `a, *b, c = ...`: the index of the starred target, if any.
    Seq(Vec<Target>, Option<usize>),
}

pub enum FPart {
    Lit(String),
    Field { value: Ex, conv: char, spec: Option<Vec<FPart>>, debug: Option<String> },
}

pub enum CompKind {
    List(Ex),
    Set(Ex),
    Dict(Ex, Ex),
}

pub struct CompFor {
    pub target: Target,
    /// `None` for the first clause, whose iterable is evaluated outside.
    pub iter: Option<Ex>,
    pub ifs: Vec<Ex>,
    pub is_async: bool,
}

/// An inlined comprehension (PEP 709): runs in the enclosing frame, its own variables in fresh slots/cells.
pub struct Comp {
    pub first_iter: Ex,
    pub fors: Vec<CompFor>,
    pub kind: CompKind,
    /// Cells the comprehension binds: made fresh each time it runs.
    pub fresh_cells: Vec<u32>,
    /// Fast slots it binds: cleared when it starts and ends.
    pub slots: Vec<u32>,
}

/// A generator expression: a code object whose frame receives the first iterator as slot 0.
pub struct GenExp {
    pub code: &'static crabby_runtime::rt::CodeInfo,
    pub first_iter: Ex,
    pub first_async: bool,
    /// Cells of this frame passed as the generator's closure.
    pub closure: Vec<u32>,
}

/// What `def`/`lambda` needs to make the function object.
pub struct FuncDef {
    pub code: &'static crabby_runtime::rt::CodeInfo,
    pub defaults: Vec<Ex>,
    pub kwdefaults: Vec<(&'static str, Ex)>,
    /// Annotations (`__annotations__`), evaluated at definition time.
    pub annotations: Vec<(Value, Ex)>,
    pub closure: Vec<u32>,
}

pub enum Ex {
    Const(Value),
    Name(NameRef),
    /// A global load with its own cache (the runtime's per-site global-name cache, as compiled code uses).
    Global(Value, Box<crabby_runtime::rt::GlobalSite>),
    Attr(Box<Ex>, Value, Box<AttrSite>),
    Item(Box<Ex>, Box<Ex>),
    Slice(Option<Box<Ex>>, Option<Box<Ex>>, Option<Box<Ex>>),
    Bin(BinFn, Box<Ex>, Box<Ex>),
    Not(Box<Ex>),
    Unary(UnFn, Box<Ex>),
    And(Vec<Ex>),
    Or(Vec<Ex>),
    Compare(Box<Ex>, Vec<(Cmp, Ex)>),
    IfExp(Box<Ex>, Box<Ex>, Box<Ex>),
    Walrus(Box<Target>, Box<Ex>),
    /// A call; `frame` when the callee is the name `eval`/`exec` (which may need the calling frame).
    Call {
        func: Box<Ex>,
        args: Vec<Elt>,
        kws: Vec<Kw>,
        frame: bool,
    },
    /// `obj.name(args)` without `*`/`**`: no bound method is made.
    Method {
        obj: Box<Ex>,
        name: Value,
        site: Box<AttrSite>,
        args: Vec<Ex>,
        kws: Vec<(Value, Ex)>,
    },
    /// `globals()`, `locals()`, `vars()`, `dir()` with no arguments: the callee, and whether it is `globals`.
    FrameBuiltin(Box<Ex>, bool),
    /// `super()` with no arguments in a method: the callee, the `__class__` cell and the first parameter.
    SuperZero(Box<Ex>, u32, NameRef),
    List(Vec<Elt>),
    Tuple(Vec<Elt>),
    Set(Vec<Elt>),
    Dict(Vec<(Option<Ex>, Ex)>),
    Func(Box<FuncDef>),
    Comp(Box<Comp>),
    GenExp(Box<GenExp>),
    FString(Vec<FPart>),
    Yield(Option<Box<Ex>>),
    YieldFrom(Box<Ex>),
    Await(Box<Ex>),
    /// A construct the evaluator does not support: raises NotImplementedError when reached.
    Unsupported(&'static str),
}

pub struct Handler {
    pub line: u32,
    pub ty: Option<Ex>,
    pub name: Option<NameRef>,
    pub body: Vec<Stmt>,
}

pub struct ClassDef {
    pub name: Value,
    pub qualname: Value,
    pub decorators: Vec<Ex>,
    pub bases: Vec<Elt>,
    pub kws: Vec<Kw>,
    pub body: Box<FuncDef>,
    pub target: NameRef,
    /// A generic class's `__type_params__` (the slot [`TypeParamsDef`] filled).
    pub type_params: Option<NameRef>,
}

pub struct DefStmt {
    pub decorators: Vec<Ex>,
    pub func: FuncDef,
    pub doc: Option<Value>,
    pub target: NameRef,
    /// A generic function's `__type_params__` (the slot [`TypeParamsDef`] filled).
    pub type_params: Option<NameRef>,
}

/// A PEP 695 type parameter list, run just before the generic function, class or alias it belongs to: makes
/// each parameter (fresh cells when nested code captures them) and the tuple of them.
pub struct TypeParamsDef {
    pub fresh_cells: Vec<u32>,
    /// `(kind, name, lazy bound or constraints, where it goes)`; kinds as `rt::make_type_param`'s.
    pub params: Vec<(u32, &'static str, Option<FuncDef>, NameRef)>,
    pub tuple: NameRef,
}

pub enum ImportName {
    /// `import a.b.c` binds `a`.
    Top(Value, NameRef),
    /// `import a.b.c as d` binds the module `a.b.c`.
    As(Value, NameRef),
}

/// A pattern of a `match` case (PEP 634). The checks are the runtime's `ops::pattern` functions, which
/// compiled code calls too; captured values go to the case's temporaries (`Case::caps`) by index.
pub enum Pat {
    /// A value pattern: `subject == value`.
    Value(Ex),
    /// `None`, `True` or `False`: identity.
    Singleton(Value),
    /// `p as name`, a capture (`name`) or the wildcard (neither).
    As(Option<Box<Pat>>, Option<usize>),
    Or(Vec<Pat>),
    Seq {
        size: usize,
        star: Option<usize>,
        mode: SeqMode,
        /// One entry per item `match_sequence` returns.
        items: Vec<SeqItem>,
    },
    Mapping {
        keys: Vec<Ex>,
        /// `None` for a wildcard sub-pattern.
        subs: Vec<Option<Pat>>,
        rest: Option<usize>,
    },
    Class {
        cls: Ex,
        nargs: usize,
        kw: Vec<&'static str>,
        subs: Vec<Option<Pat>>,
    },
}

/// An item of a sequence pattern.
pub enum SeqItem {
    Skip,
    /// `*name`: the list of the middle items goes to this capture.
    Star(usize),
    Pat(Pat),
}

/// One `case`: the pattern (`None`: the irrefutable wildcard `_`), the names its captures bind, the guard.
pub struct Case {
    pub line: u32,
    pub pat: Option<Pat>,
    pub caps: Vec<NameRef>,
    pub guard: Option<(u32, Ex)>,
    pub body: Vec<Stmt>,
}

pub enum St {
    Expr(Ex),
    /// An expression statement of `single` mode: its value goes to `sys.displayhook`.
    Display(Ex),
    Assign(Vec<Target>, Ex),
    AugAssign(Target, BinFn, Ex),
    /// `x: T = v` (a simple name at module or class level also records `__annotations__[x]`).
    AnnAssign {
        target: Option<Target>,
        value: Option<Ex>,
        annotation: Option<(Value, Ex)>,
    },
    /// `__annotations__ = {}` at the start of a module or class body that has annotations.
    SetupAnnotations,
    Del(Vec<Target>),
    Pass,
    If(Ex, Vec<Stmt>, Vec<Stmt>),
    While(Ex, Vec<Stmt>, Vec<Stmt>),
    For {
        target: Target,
        iter: Ex,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        is_async: bool,
    },
    Break,
    Continue,
    Return(Option<Ex>),
    Raise(Option<Ex>, Option<Ex>),
    Assert(Ex, Option<Ex>),
    Def(Box<DefStmt>),
    Class(Box<ClassDef>),
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        orelse: Vec<Stmt>,
        finally: Vec<Stmt>,
        /// `except*` clauses (every handler has a type then).
        star: bool,
    },
    With {
        items: Vec<(Ex, Option<Target>)>,
        body: Vec<Stmt>,
        is_async: bool,
    },
    Import(Vec<ImportName>),
    ImportFrom {
        module: Value,
        names: Vec<(Value, NameRef)>,
    },
    ImportStar(Value),
    Match(Ex, Vec<Case>),
    /// `type X = value`: a `typing.TypeAliasType` whose value the function computes when first read.
    TypeAlias(Value, Box<FuncDef>, NameRef, Option<NameRef>),
    /// A PEP 695 type parameter list, then the statement it belongs to.
    Generic(Box<TypeParamsDef>, Box<Stmt>),
    /// The module docstring: sets `__doc__` in the top-level namespace.
    Doc(Value),
    Unsupported(&'static str),
}

pub struct Stmt {
    pub line: u32,
    pub kind: St,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnitKind {
    /// The top level of `exec`/`eval`/`compile` code.
    Top,
    Function,
    Class,
    GenExp,
}

/// One code object's body and frame layout.
pub struct Unit {
    pub kind: UnitKind,
    /// Names of the fast slots (parameters first, in `co_varnames` order).
    pub slot_names: Vec<String>,
    /// Names of the cells: this scope's cell variables, then its free variables (closure order), then cells
    /// of inlined comprehensions.
    pub cell_names: Vec<String>,
    /// Cell variables made fresh when the frame starts (not free, not comprehension cells): indices in
    /// `cell_names`, with the parameter whose value they start with.
    pub own_cells: Vec<(u32, Option<u32>)>,
    /// Index of the first free variable in `cell_names`, and how many there are.
    pub free_start: u32,
    pub nfree: u32,
    pub body: Vec<Stmt>,
    /// `eval` mode: the value of the expression is the result.
    pub result: Option<Ex>,
    /// A class body that needs the `__class__` cell (its index).
    pub class_cell: Option<u32>,
    pub is_generator: bool,
    pub is_coroutine: bool,
}
