//! `module`: a namespace with a `__dict__` that is a real dict.

use crate::builtins::{dict, types};
use crate::object::{ObjRef, Payload};
use crate::Value;

pub struct ModuleObj {
    pub name: String,
}

/// A new module object with `__name__` set; its `__dict__` is its globals.
pub fn new_module(name: &str) -> ObjRef {
    let d = dict::new_dict_obj();
    dict::set_str(&d, "__name__", Value::from(name));
    dict::set_str(&d, "__doc__", Value::None);
    dict::set_str(&d, "__package__", Value::None);
    dict::set_str(&d, "__loader__", Value::None);
    dict::set_str(&d, "__spec__", Value::None);
    ObjRef::with_dict(&types().module, Payload::Module(ModuleObj { name: name.to_string() }), Some(d))
}

/// The globals dict of a module.
pub fn module_dict(m: &ObjRef) -> &ObjRef {
    m.dict().expect("modules have a __dict__")
}

pub fn register() {}
