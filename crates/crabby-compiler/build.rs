//! Computes a hash of the compiler's own sources (and the runtime's and evaluator's, which generated code
//! links) so that the build cache key changes whenever codegen does.

use std::hash::{Hash, Hasher};
use std::path::Path;

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            visit(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "in") {
            files.push(path);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    visit(Path::new("src"), &mut files);
    visit(Path::new("../crabby-runtime/src"), &mut files);
    // Generated programs also link the evaluator: a change to it must rebuild them too.
    visit(Path::new("../crabby-eval/src"), &mut files);
    files.push("../crabby-runtime/Cargo.toml".into());
    files.sort();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        f.hash(&mut hasher);
        if let Ok(text) = std::fs::read(f) {
            text.hash(&mut hasher);
        }
    }
    println!("cargo:rustc-env=CRABBY_COMPILER_HASH={:016x}", hasher.finish());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=../crabby-runtime/src");
    println!("cargo:rerun-if-changed=../crabby-runtime/Cargo.toml");
    println!("cargo:rerun-if-changed=../crabby-eval/src");
}
