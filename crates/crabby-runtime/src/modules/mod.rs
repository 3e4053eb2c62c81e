//! Native modules, one file each, under CPython's names.

pub mod builtins;
pub mod sys;
