//! The command-line layer: parsed arguments ([`args`]) become one validated
//! configuration per command ([`commands`]), run against the layers above;
//! [`session`] holds what commands share (global options, the loaded graph)
//! and [`output`] where answers go. It holds no logic of its own.

pub mod args;
pub mod commands;
pub mod output;
pub mod session;

pub use args::Cli;
use args::{Command, ImportFrom};
use commands::{analysis, diagram, export, import, listing, report, validate, verify};
use session::Globals;

use std::panic::AssertUnwindSafe;

use crate::error::Error;
use crate::model::records::FileChanged;

/// Runs one command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let globals = Globals {
        graph: cli.graph,
        as_of: cli.as_of,
        cache: cli.cache,
    };
    let command = cli.command;
    reporting_file_changes(
        || globals.input().display_name(),
        || dispatch(&globals, command),
    )
}

/// What `run` returns, or [`Error::GraphChanged`] about the graph `file`
/// names if `run` panics because the graph file changed ([`FileChanged`]).
fn reporting_file_changes(
    file: impl FnOnce() -> String,
    run: impl FnOnce() -> Result<(), Error>,
) -> Result<(), Error> {
    match std::panic::catch_unwind(AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(payload) if payload.is::<FileChanged>() => Err(Error::GraphChanged { file: file() }),
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// Whether a panic is the one [`run`] turns into an error, which the panic
/// hook should therefore not print.
pub fn is_reported_as_error(payload: &(dyn std::any::Any + Send)) -> bool {
    payload.is::<FileChanged>()
}

fn dispatch(g: &Globals, command: Command) -> Result<(), Error> {
    match command {
        Command::Validate(args) => validate::run(g, args),
        Command::Verify(args) => verify::run(g, args),
        Command::Entities(args) => listing::run_entities(g, args),
        Command::Relations(args) => listing::run_relations(g, args),
        Command::Partners(args) => listing::run_partners(g, args),
        Command::Path(args) => analysis::run_path(g, args),
        Command::Balance(args) => analysis::run_balance(g, args),
        Command::Timeline(args) => analysis::run_timeline(g, args),
        Command::Rank(args) => analysis::run_rank(g, args),
        Command::Blocs(args) => analysis::run_blocs(g, args),
        Command::Diff(args) => analysis::run_diff(g, args),
        Command::Stats(args) => analysis::run_stats(g, args),
        Command::Dot(args) => diagram::run_dot(g, args),
        Command::Export(args) => export::run_export(g, args),
        Command::Render(args) => diagram::run_render(g, args),
        Command::Report(args) => report::run(g, args),
        Command::Import(args) => match args.from {
            ImportFrom::Csv(args) => import::csv::run(g, args),
            ImportFrom::Gdelt(args) => import::gdelt::run(g, args),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_file_changed_while_read_is_an_error_not_a_crash() {
        let changed = reporting_file_changes(
            || "events.json".to_owned(),
            || std::panic::panic_any(FileChanged),
        );
        let err = changed.unwrap_err();
        assert_eq!(err.code(), 1);
        assert!(
            err.to_string()
                .starts_with("'events.json' changed while relgraph was reading it")
        );
        assert!(reporting_file_changes(String::new, || Ok(())).is_ok());
    }

    #[test]
    fn other_panics_are_not_taken_for_a_changed_file() {
        let other =
            std::panic::catch_unwind(|| reporting_file_changes(String::new, || panic!("a bug")));
        assert!(other.is_err());
    }
}
