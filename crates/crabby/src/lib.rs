//! The crabby driver: everything between a `.py` file on disk and a native binary running it.
//!
//! `main.rs` (the `crabby` command) parses arguments and calls into these modules; the differential test
//! harness (`suite`) uses the same cache and cargo machinery, so what the tests build is what users build.
//!
//! - `imports`: which Python modules make up a program (the module graph).
//! - `driver`: reading sources, compiling them, building and running programs.
//! - `cache`: the on-disk build cache (one cargo workspace, one target dir, a map from program to binary).
//! - `cargo`: invoking cargo, showing its progress, and turning its failures into crabby's messages.
//! - `suite`: the differential test harness (CPython-recorded expectations vs. crabby-built programs).

pub mod cache;
pub mod cargo;
pub mod driver;
pub mod imports;
pub mod suite;
