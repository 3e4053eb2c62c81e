//! `bool`: the two inline truth values, a subclass of `int`.

use crate::builtins::function::NativeFn;
use crate::builtins::{add_methods, types};

/// Methods of `bool`; most come from `int`.
const METHODS: &[(&str, NativeFn)] = &[];

pub fn register() {
    add_methods(&types().bool, METHODS);
}
