//! The `relgraph` binary: parses arguments, runs, and maps the result to an exit status.

use std::process::ExitCode;

use clap::Parser;
use relgraph::Error;
use relgraph::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            match &err {
                Error::InvalidData { .. } | Error::StrictWarnings { .. } => eprintln!("{err}"),
                _ => eprintln!("error: {err}"),
            }
            ExitCode::from(err.code() as u8)
        }
    }
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
