//! The crabby runtime: Python objects, built-in types, native modules and the operations that generated code
//! calls. It knows nothing of the compiler.
//!
//! Generated code uses only [`rt`] (the documented surface), [`Value`], [`ObjRef`], [`PyErr`] and
//! [`PyResult`]; everything else may change without touching codegen.

pub mod alloc;
pub mod builtins;
pub mod entry;
pub mod error;
pub mod eval;
pub mod import;
pub mod modules;
pub mod object;
pub mod ops;
pub mod qsbr;
pub mod rt;
pub mod traceback;
pub mod value;

pub use error::{PyErr, PyResult};

/// Every program built with the runtime allocates through its thread caches (see [`alloc`]).
#[global_allocator]
static GLOBAL: alloc::CrabbyAlloc = alloc::CrabbyAlloc;
pub use object::ObjRef;
pub use value::Value;

#[cfg(test)]
mod send_sync {
    //! Architecture invariant: every runtime object is `Send + Sync`.
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn objects_are_send_and_sync() {
        assert_send_sync::<crate::Value>();
        assert_send_sync::<crate::ObjRef>();
        assert_send_sync::<crate::object::Object>();
        assert_send_sync::<crate::PyErr>();
    }
}
