//! `NoneType`, `NotImplementedType` and `ellipsis`: the singleton types.

pub fn register() {}
