//! `complex`: pairs of floats (completed by the built-in types milestone).

pub fn register() {}
