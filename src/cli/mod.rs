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

use crate::error::Error;

/// Runs one command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let globals = Globals {
        graph: cli.graph,
        as_of: cli.as_of,
        cache: cli.cache,
    };
    let g = &globals;
    match cli.command {
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
