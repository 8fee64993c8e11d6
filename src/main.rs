//! The `relgraph` binary: parses arguments, runs, and maps the result to an
//! exit status by one rule: 0 success, 1 error, 2 usage error.

use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use relgraph::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(&err),
    };
    keep_quiet_on_reported_panics();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if err.is_diagnostics() {
                give_back_freed_memory();
                relgraph::stderr_line!("{err}");
            } else {
                relgraph::stderr_line!("error: {err}");
            }
            ExitCode::from(err.code() as u8)
        }
    }
}

/// Prints clap's message (help and version go to stdout with status 0), and
/// for a stray word, says that names with spaces need quotes.
fn usage_error(err: &clap::Error) -> ExitCode {
    let _ = err.print();
    if err.kind() == ErrorKind::UnknownArgument
        && let Some(ContextValue::String(word)) = err.get(ContextKind::InvalidArg)
        && !word.starts_with('-')
    {
        relgraph::stderr_line!(
            "\ntip: if '{word}' is part of a name, quote the whole name, \
             as in: relgraph path 'North Korea' Russia"
        );
    }
    ExitCode::from(err.exit_code() as u8)
}

/// Leaves out of stderr the panics `run` reports as errors (a graph file
/// changed while read); any other panic is printed as Rust prints it.
fn keep_quiet_on_reported_panics() {
    let print = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !relgraph::cli::is_reported_as_error(info.payload()) {
            print(info);
        }
    }));
}

/// Returns memory freed by the loader to the system before problems are
/// shown, so that quoting a large file's lines does not add to what loading
/// it took.
fn give_back_freed_memory() {
    // SAFETY: mi_collect only releases memory mimalloc no longer uses; it is
    // safe to call at any time from any thread.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
