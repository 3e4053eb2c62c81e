//! The `crabby` command: argument parsing and dispatch to the driver.
//!
//! Arguments are parsed by hand (no clap: few dependencies, short cold build). Like `python3.12`, everything
//! after the script (or `-c CODE`, `-m MODULE`, `-`) belongs to the program, and crabby's own usage errors
//! exit 2.

use std::ffi::{OsStr, OsString};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use crabby::cache::Profile;
use crabby::driver::{self, Failure, Target};

/// The variable the compiled program reads to open the prompt (the runtime's `entry::INSPECT_VAR`; the CLI does
/// not link the runtime).
const INSPECT_VAR: &str = "CRABBY_INSPECT";

const USAGE: &str = "usage: crabby [run] [-i] [-q] [FILE | -c CODE | -m MODULE | -] [ARGS...]
       crabby build (FILE | -c CODE | -m MODULE) [-o OUTPUT]
       crabby emit (FILE | -c CODE | -m MODULE)";

const HELP: &str = "crabby: compile Python 3.12 programs to native code and run them.

usage: crabby [run] [-i] [-q] [FILE | -c CODE | -m MODULE | -] [ARGS...]
       crabby build (FILE | -c CODE | -m MODULE) [-o OUTPUT]
       crabby emit (FILE | -c CODE | -m MODULE)

commands:
  run      compile the program (cached) and run it, like `python3.12 FILE ARGS...`;
           `run` may be left out: `crabby FILE ARGS...`, `crabby -c CODE`; with no program
           and stdin a terminal (or with -i), the interactive prompt
  build    write a standalone native executable
  emit     print the Rust code generated for the program

options:
  -c CODE     the program is CODE (sys.argv[0] is '-c')
  -m MODULE   run MODULE (found in the current directory, then the standard library) as __main__
  -           read the program from stdin
  -i          the interactive prompt after running the program (in its namespace)
  -q          no banner at the interactive prompt
  -h, --help  show this help (`crabby COMMAND --help` for a command's)
  -V, --version
              print crabby's version

environment:
  CRABBY_CACHE    build cache directory (default: ~/.cache/crabby)
  CRABBY_RUNTIME  the crabby-runtime crate to link (default: the one crabby was built with)
  CRABBY_STDLIB   CPython 3.12's standard library directory (default: found from python3.12 on PATH,
                  pyenv, /usr/lib/python3.12, /usr/local/lib/python3.12)
  CRABBY_HISTORY  the interactive prompt's history file (default: ~/.crabby_history; empty: none)
  PYTHONSTARTUP   a file the interactive prompt runs first when no program was given

The first run builds crabby's runtime for this machine, which takes a few minutes; after that a changed
program takes seconds to build, and an unchanged one starts at once.";

const RUN_HELP: &str = "usage: crabby run [-i] [-q] [FILE | -c CODE | -m MODULE | -] [ARGS...]

Compile the program (reusing the build cache) and run it, like `python3.12 FILE ARGS...`:
sys.argv is [FILE, ARGS...], stdin, stdout and stderr are the program's, and crabby exits with
the program's exit status. Everything after FILE (or CODE, MODULE, -) is passed to the program.

  -c CODE     the program is CODE (sys.argv[0] is '-c')
  -m MODULE   run MODULE as __main__ (sys.argv[0] is its full path)
  -           read the program from stdin
  -i          then open the interactive prompt in the program's namespace (like `python3.12 -i`);
              without a program, the prompt alone (also what no program means when stdin is a terminal)
  -q          do not print the prompt's banner";

const BUILD_HELP: &str = "usage: crabby build (FILE | -c CODE | -m MODULE) [-o OUTPUT]

Compile the program with full optimisation into a standalone native executable.

  -o, --output OUTPUT   where to write it (default: FILE without .py, in the current directory)
  -c CODE               the program is CODE
  -m MODULE             the program is MODULE run as __main__";

const EMIT_HELP: &str = "usage: crabby emit (FILE | -c CODE | -m MODULE)

Print the Rust code generated for the program's main module.

  -c CODE     the program is CODE
  -m MODULE   the program is MODULE";

#[derive(Debug, PartialEq, Eq)]
enum Command {
    Run {
        target: Target,
        args: Vec<OsString>,
        /// `-i` and `-q`.
        flags: Flags,
    },
    Build {
        target: Target,
        output: Option<PathBuf>,
    },
    Emit {
        target: Target,
    },
    /// Print this text to stdout and exit 0.
    Print(String),
}

/// The options `python3.12` shares with crabby before the program: `-i` (inspect) and `-q` (quiet).
#[derive(Debug, PartialEq, Eq, Clone, Copy, Default)]
struct Flags {
    inspect: bool,
    quiet: bool,
}

impl Flags {
    /// Reads a cluster of flag letters (`-i`, `-q`, `-iq`); false when `arg` is not one.
    fn take(&mut self, arg: &OsStr) -> bool {
        let Some(letters) = arg.to_str().and_then(|a| a.strip_prefix('-')) else { return false };
        if letters.is_empty() || !letters.chars().all(|c| c == 'i' || c == 'q') {
            return false;
        }
        self.inspect |= letters.contains('i');
        self.quiet |= letters.contains('q');
        true
    }
}

fn usage_error(msg: &str) -> Failure {
    Failure::usage(format!("{msg}\n{USAGE}\nTry 'crabby --help' for more information."))
}

/// Parses crabby's arguments (without argv[0]).
fn parse(args: Vec<OsString>) -> Result<Command, Failure> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Ok(Command::Run { target: Target::Nothing, args: vec![], flags: Flags::default() });
    };
    match first.to_str() {
        Some("-h" | "--help") => Ok(Command::Print(HELP.into())),
        Some("-V" | "--version") => Ok(Command::Print(format!(
            "crabby {} (compiler {}, Python 3.12)",
            env!("CARGO_PKG_VERSION"),
            crabby_compiler::COMPILER_VERSION
        ))),
        Some("run") => parse_run(args.collect()),
        Some("build") => parse_build(args.collect()),
        Some("emit") => parse_emit(args.collect()),
        Some("help") => Ok(Command::Print(
            match args.next().as_deref().and_then(OsStr::to_str) {
                Some("run") => RUN_HELP,
                Some("build") => BUILD_HELP,
                Some("emit") => EMIT_HELP,
                _ => HELP,
            }
            .into(),
        )),
        // Like python3.12: a script, -c / -m / -, or -i / -q, directly.
        _ => parse_run(std::iter::once(first).chain(args).collect()),
    }
}

/// Splits off one program selector (`-c CODE`, `-m MOD`, `-`, FILE) at the front of `args`; `Ok(None)` for
/// an option that is not a selector.
fn take_target(arg: &OsStr, rest: &mut std::vec::IntoIter<OsString>) -> Result<Option<Target>, Failure> {
    let bytes = arg.as_encoded_bytes();
    let value_of = |flag: &str, rest: &mut std::vec::IntoIter<OsString>| -> Result<String, Failure> {
        let joined = &bytes[flag.len()..];
        let value = if joined.is_empty() {
            rest.next().ok_or_else(|| usage_error(&format!("Argument expected for the {flag} option")))?
        } else {
            OsString::from(String::from_utf8_lossy(joined).into_owned())
        };
        Ok(value.to_string_lossy().into_owned())
    };
    if bytes.starts_with(b"-c") {
        return Ok(Some(Target::Code(value_of("-c", rest)?)));
    }
    if bytes.starts_with(b"-m") {
        return Ok(Some(Target::Module(value_of("-m", rest)?)));
    }
    if bytes == b"-" {
        return Ok(Some(Target::Stdin));
    }
    if bytes.starts_with(b"-") {
        return Ok(None);
    }
    Ok(Some(Target::File(arg.to_os_string())))
}

fn parse_run(args: Vec<OsString>) -> Result<Command, Failure> {
    let mut rest = args.into_iter();
    let mut flags = Flags::default();
    let arg = loop {
        match rest.next() {
            Some(arg) if flags.take(&arg) => continue,
            Some(arg) => break arg,
            // No program: the prompt alone.
            None => return Ok(Command::Run { target: Target::Nothing, args: vec![], flags }),
        }
    };
    if matches!(arg.to_str(), Some("-h" | "--help")) {
        return Ok(Command::Print(RUN_HELP.into()));
    }
    if arg == "--" {
        let file = rest.next().ok_or_else(|| usage_error("crabby run: no program given"))?;
        return Ok(Command::Run { target: Target::File(file), args: rest.collect(), flags });
    }
    match take_target(&arg, &mut rest)? {
        Some(target) => Ok(Command::Run { target, args: rest.collect(), flags }),
        None => Err(usage_error(&format!("unknown option {}", arg.to_string_lossy()))),
    }
}

fn parse_build(args: Vec<OsString>) -> Result<Command, Failure> {
    let mut rest = args.into_iter();
    let mut target = None;
    let mut output = None;
    while let Some(arg) = rest.next() {
        let s = arg.to_str().unwrap_or("");
        if s == "-h" || s == "--help" {
            return Ok(Command::Print(BUILD_HELP.into()));
        }
        if s == "-o" || s == "--output" {
            output = Some(PathBuf::from(
                rest.next().ok_or_else(|| usage_error(&format!("Argument expected for the {s} option")))?,
            ));
            continue;
        }
        if let Some(v) = s.strip_prefix("--output=") {
            output = Some(PathBuf::from(v));
            continue;
        }
        if arg.as_encoded_bytes().starts_with(b"-o") {
            output = Some(PathBuf::from(String::from_utf8_lossy(&arg.as_encoded_bytes()[2..]).into_owned()));
            continue;
        }
        match take_target(&arg, &mut rest)? {
            Some(Target::Stdin) => return Err(usage_error("crabby build: cannot build a program read from stdin")),
            Some(_) if target.is_some() => {
                return Err(usage_error("crabby build: only one program can be built at a time"))
            }
            Some(t) => target = Some(t),
            None => return Err(usage_error(&format!("unknown option {s}"))),
        }
    }
    let target = target.ok_or_else(|| usage_error("crabby build: no program given"))?;
    Ok(Command::Build { target, output })
}

fn parse_emit(args: Vec<OsString>) -> Result<Command, Failure> {
    let mut rest = args.into_iter();
    let mut target = None;
    while let Some(arg) = rest.next() {
        if matches!(arg.to_str(), Some("-h" | "--help")) {
            return Ok(Command::Print(EMIT_HELP.into()));
        }
        match take_target(&arg, &mut rest)? {
            Some(_) if target.is_some() => {
                return Err(usage_error("crabby emit: only one program can be emitted at a time"))
            }
            Some(t) => target = Some(t),
            None => return Err(usage_error(&format!("unknown option {}", arg.to_string_lossy()))),
        }
    }
    let target = target.ok_or_else(|| usage_error("crabby emit: no program given"))?;
    Ok(Command::Emit { target })
}

/// The default `-o` of `crabby build`: the script's name without `.py`, in the current directory.
fn default_output(target: &Target) -> PathBuf {
    match target {
        Target::File(f) => {
            let stem = PathBuf::from(f).file_stem().map(OsStr::to_os_string).unwrap_or_else(|| "a.out".into());
            PathBuf::from(stem)
        }
        Target::Module(name) => PathBuf::from(name.rsplit('.').next().unwrap_or(name)),
        _ => PathBuf::from("a.out"),
    }
}

fn execute(command: Command) -> Result<(), Failure> {
    match command {
        Command::Print(text) => {
            println!("{text}");
            Ok(())
        }
        Command::Emit { target } => {
            let main = driver::load_main(&target)?;
            let rust = driver::compile_or_fail(&main.module)?;
            print!("{rust}");
            Ok(())
        }
        Command::Run { mut target, args, flags } => {
            // As python3.12: with no program, a terminal on stdin (or -i) means the prompt; anything else on
            // stdin is the program.
            let mut inspect = flags.inspect;
            if target == Target::Nothing {
                if flags.inspect || std::io::stdin().is_terminal() {
                    inspect = true;
                } else {
                    target = Target::Stdin;
                }
            }
            // The runtime's protocol (`entry::INSPECT_VAR`): p = no program, b = banner, i = -i, q = -q.
            let alone = target == Target::Nothing;
            let letters: String =
                [(alone, 'p'), (alone && !flags.quiet, 'b'), (flags.inspect, 'i'), (flags.quiet, 'q')]
                    .iter()
                    .filter_map(|&(on, c)| on.then_some(c))
                    .collect();
            let env: Vec<(&str, &str)> = if inspect { vec![(INSPECT_VAR, letters.as_str())] } else { vec![] };
            let main = driver::load_main(&target)?;
            let ws = driver::open_workspace(None)?;
            let binary = driver::binary_for(&ws, &main, Profile::Run)?;
            Err(driver::exec_program(&binary, &main.argv0, &args, &env))
        }
        Command::Build { target, output } => {
            let output = output.unwrap_or_else(|| default_output(&target));
            let main = driver::load_main(&target)?;
            let ws = driver::open_workspace(None)?;
            let binary = driver::binary_for(&ws, &main, Profile::Build)?;
            driver::install_output(&binary, &output)
        }
    }
}

fn main() -> ExitCode {
    let result = parse(std::env::args_os().skip(1).collect()).and_then(execute);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{}", failure.message);
            ExitCode::from(failure.exit_code.clamp(0, 255) as u8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Command, Failure> {
        parse(args.iter().map(OsString::from).collect())
    }

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn run_forms() {
        let no = Flags::default();
        let file = |f: &str, a: &[&str]| Command::Run { target: Target::File(f.into()), args: os(a), flags: no };
        assert_eq!(p(&["run", "a.py", "-x", "--help"]).unwrap(), file("a.py", &["-x", "--help"]));
        assert_eq!(p(&["a.py", "b"]).unwrap(), file("a.py", &["b"]));
        assert_eq!(p(&["run", "--", "-odd.py"]).unwrap(), file("-odd.py", &[]));
        assert_eq!(
            p(&["-c", "print(1)", "x"]).unwrap(),
            Command::Run { target: Target::Code("print(1)".into()), args: os(&["x"]), flags: no }
        );
        assert_eq!(
            p(&["-cpass"]).unwrap(),
            Command::Run { target: Target::Code("pass".into()), args: vec![], flags: no }
        );
        assert_eq!(
            p(&["run", "-m", "pkg.mod"]).unwrap(),
            Command::Run { target: Target::Module("pkg.mod".into()), args: vec![], flags: no }
        );
        assert_eq!(p(&["-"]).unwrap(), Command::Run { target: Target::Stdin, args: vec![], flags: no });
    }

    #[test]
    fn prompt_forms() {
        let i = Flags { inspect: true, quiet: false };
        let q = Flags { inspect: false, quiet: true };
        let iq = Flags { inspect: true, quiet: true };
        assert_eq!(p(&[]).unwrap(), Command::Run { target: Target::Nothing, args: vec![], flags: Flags::default() });
        assert_eq!(p(&["-i"]).unwrap(), Command::Run { target: Target::Nothing, args: vec![], flags: i });
        assert_eq!(p(&["-q"]).unwrap(), Command::Run { target: Target::Nothing, args: vec![], flags: q });
        assert_eq!(
            p(&["-i", "-q", "a.py", "-i"]).unwrap(),
            Command::Run { target: Target::File("a.py".into()), args: os(&["-i"]), flags: iq }
        );
        assert_eq!(
            p(&["run", "-qi", "-c", "x=1"]).unwrap(),
            Command::Run { target: Target::Code("x=1".into()), args: vec![], flags: iq }
        );
    }

    #[test]
    fn usage_errors_exit_2() {
        for bad in [&["--frob"][..], &["-c"], &["-iz"], &["build"], &["build", "a.py", "-o"], &["emit", "--x"]] {
            let e = p(bad).unwrap_err();
            assert_eq!(e.exit_code, 2, "{bad:?}");
            assert!(e.message.contains("usage: crabby"), "{bad:?}");
        }
        assert!(p(&["-c"]).unwrap_err().message.starts_with("Argument expected for the -c option"));
    }

    #[test]
    fn build_and_emit_forms() {
        assert_eq!(
            p(&["build", "a.py", "-o", "out"]).unwrap(),
            Command::Build { target: Target::File("a.py".into()), output: Some("out".into()) }
        );
        assert_eq!(
            p(&["build", "--output=o", "-c", "pass"]).unwrap(),
            Command::Build { target: Target::Code("pass".into()), output: Some("o".into()) }
        );
        assert_eq!(p(&["emit", "x.py"]).unwrap(), Command::Emit { target: Target::File("x.py".into()) });
        assert_eq!(default_output(&Target::File("dir/prog.py".into())), PathBuf::from("prog"));
    }

    #[test]
    fn help_and_version() {
        for args in [&["--help"][..], &["run", "--help"], &["build", "-h"], &["emit", "--help"], &["--version"]] {
            assert!(matches!(p(args).unwrap(), Command::Print(_)), "{args:?}");
        }
    }
}
