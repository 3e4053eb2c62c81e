//! Code generation: a parsed, scope-resolved module becomes the text of one Rust module.

use ruff_python_ast::ModModule;

use crate::scope::SymbolTable;
use crate::CompileError;

pub fn generate(
    module: &ModModule,
    table: &SymbolTable,
    source: &str,
    filename: &str,
    module_name: &str,
) -> Result<String, CompileError> {
    let _ = (module, table, source, filename, module_name);
    unimplemented!("codegen")
}
