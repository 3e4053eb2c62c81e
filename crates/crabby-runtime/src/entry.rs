//! Program entry: runs a compiled `__main__` module the way `python3.12 FILE.py` runs a script.

/// Runs the main module and exits the process with CPython's exit status (TEMPORARY STUB).
pub fn main(module_name: &'static str, file: &'static str, exec: fn() -> Result<(), ()>) -> ! {
    let _ = (module_name, file);
    let code = match exec() {
        Ok(()) => 0,
        Err(()) => 1,
    };
    std::process::exit(code)
}
