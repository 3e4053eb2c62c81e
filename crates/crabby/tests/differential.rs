//! The differential suite as part of `cargo test`: runs every program under the repository's `tests/`
//! through crabby and compares with CPython's recorded output (see `crabby::suite` for what and how).
//! Its build cache lives in the target dir (`target/crabby-test-cache`, or `CRABBY_TEST_CACHE`), apart
//! from the user's, so tests never touch `~/.cache/crabby`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let tests_dir = std::env::var_os("CRABBY_TESTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests")));
    let tests_dir = tests_dir.canonicalize().unwrap_or(tests_dir);
    // CARGO_TARGET_TMPDIR is `<target dir>/tmp`; the cache goes beside it.
    let cache = std::env::var_os("CRABBY_TEST_CACHE").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).parent().expect("target dir").join("crabby-test-cache")
    });
    let config = crabby::suite::Config::from_env(tests_dir, cache);
    if crabby::suite::run(&config) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
