//! The crabby runtime: everything generated code links against.
pub mod entry;
