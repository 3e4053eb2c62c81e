//! The crabby compiler: Python 3.12 source in, Rust source out.
//!
//! The pipeline is `parse` (ruff's parser, with CPython's SyntaxError reports) → `scope` (CPython's symtable
//! rules) → `codegen` (one Rust module per Python module, calling only the runtime's documented surface).
//! The compiler does no I/O: the CLI reads files and hands their text in, and gets Rust text back.

pub mod co_table;
pub mod codegen;
pub mod error;
pub mod imports;
pub mod parse;
pub mod scope;

pub use error::CompileError;

/// The version string that keys the build cache: generated code changes whenever the compiler does.
pub const COMPILER_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "-", env!("CRABBY_COMPILER_HASH"));

/// One Python module translated to Rust.
pub struct GeneratedModule {
    /// The text of a Rust module (to be placed in its own file, e.g. `m_main.rs`). It defines
    /// `pub fn exec_module(module: &crabby_runtime::ObjRef) -> crabby_runtime::PyResult<()>`,
    /// which runs the module's top level in the given module object.
    pub rust: String,
}

/// Compiles the Python source `source` of the module `module_name` (read from `filename`, as shown in
/// tracebacks and SyntaxError reports) to Rust.
pub fn compile_module(source: &str, filename: &str, module_name: &str) -> Result<GeneratedModule, CompileError> {
    let parsed = parse::parse_module(source, filename)?;
    let table = scope::SymbolTable::build(&parsed, source, filename)?;
    let rust = codegen::generate(&parsed, &table, source, filename, module_name)?;
    Ok(GeneratedModule { rust })
}
