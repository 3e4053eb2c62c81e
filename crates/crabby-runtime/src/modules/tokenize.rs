//! `_tokenize` (what `tokenize` builds `generate_tokens`/`tokenize` on): the `TokenizerIter` type.
//!
//! NOTE: crabby has no tokenizer yet. The module exists so that `tokenize` (and `linecache`, `traceback`,
//! `inspect`, `concurrent.futures`, which import it) can be imported; making a `TokenizerIter` raises
//! NotImplementedError rather than producing tokens that could differ from CPython's.

use std::sync::OnceLock;

use crate::builtins::function::new_builtin;
use crate::builtins::{dict, module, new_native_type, type_};
use crate::error::{not_implemented, PyResult};
use crate::object::ObjRef;
use crate::Value;

fn tokenizer_new(_args: &[Value], _kwargs: &[(Value, Value)]) -> PyResult<Value> {
    Err(not_implemented("crabby does not support tokenize yet"))
}

/// The `_tokenize` module.
pub fn module() -> PyResult<ObjRef> {
    static M: OnceLock<ObjRef> = OnceLock::new();
    Ok(M.get_or_init(|| {
        let ty = new_native_type("TokenizerIter", "_tokenize", false);
        let d = &type_::type_obj(&ty).dict;
        dict::set_str(
            d,
            "__new__",
            crate::builtins::object::static_method(new_builtin("__new__", tokenizer_new, None)),
        );
        let m = module::new_module("_tokenize").make_immortal();
        dict::set_str(module::module_dict(&m), "TokenizerIter", Value::Obj(ty));
        m
    })
    .clone())
}
