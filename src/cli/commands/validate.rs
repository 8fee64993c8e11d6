//! `relgraph validate`: the file's summary, or every problem in it.

use crate::cli::args::ValidateArgs;
use crate::cli::output::print;
use crate::cli::session::Globals;
use crate::error::Error;
use crate::export::summary::SummaryText;
use crate::export::{Export, ListingFormat};
use crate::query::summary::summary;
use crate::query::validation::Validation;

/// What `validate` was asked.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Fail on warnings too.
    pub strict: bool,
    /// Table: summary and diagnostics as text; JSON or CSV: problems as data.
    pub format: ListingFormat,
}

impl Config {
    /// Checks the options of `validate`.
    pub fn new(globals: &Globals, args: ValidateArgs) -> Result<Self, Error> {
        globals.refuse_as_of(
            "validate",
            "validate checks the whole file, whatever the dates",
        )?;
        Ok(Config {
            strict: args.strict,
            format: args.output.format,
        })
    }
}

/// Runs `validate`.
pub fn run(globals: &Globals, args: ValidateArgs) -> Result<(), Error> {
    let config = Config::new(globals, args)?;
    match config.format {
        ListingFormat::Table => as_text(globals, config),
        format => as_data(globals, config, format),
    }
}

/// The summary on stdout, warnings as diagnostics on stderr; errors are
/// shown as diagnostics by the caller.
fn as_text(globals: &Globals, config: Config) -> Result<(), Error> {
    let session = globals.load(true)?;
    let warnings = &session.graph.data.warnings;
    if config.strict && !warnings.is_empty() {
        return Err(Error::StrictWarnings(Box::new(warnings.clone())));
    }
    if !warnings.is_empty() {
        crate::stderr_text!("{}", warnings.render());
    }
    print(&SummaryText.export(&summary(&session.graph))?)
}

/// Every problem as data on stdout, and only their count on stderr.
fn as_data(globals: &Globals, config: Config, format: ListingFormat) -> Result<(), Error> {
    let validation = match globals.load(true) {
        Ok(session) => Validation::of_graph(&session.graph),
        Err(Error::Invalid(diagnostics)) => Validation::of_problems(&diagnostics),
        Err(other) => return Err(other),
    };
    print(&format.exporter(None).export(&validation)?)?;
    let failed_strict = config.strict && validation.warnings > 0;
    if !validation.valid || failed_strict {
        return Err(Error::ProblemsListed {
            file: validation.file,
            errors: validation.errors,
            warnings: validation.warnings,
            strict: failed_strict,
        });
    }
    Ok(())
}
