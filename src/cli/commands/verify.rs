//! `relgraph verify`: every evidence quote checked against the plain text of
//! its source.

use std::path::PathBuf;

use crate::cli::args::VerifyArgs;
use crate::cli::output::{emit_with, print};
use crate::cli::session::{Globals, Session};
use crate::diagnostic::{Diagnostics, SourceText};
use crate::error::{Error, Usage};
use crate::export::verify::{VerifyText, summary_line};
use crate::export::{Export, ListingFormat};
use crate::model::GraphInput;
use crate::model::load::EMBEDDED;
use crate::model::read::Reader;
use crate::model::read::json::JsonReader;
use crate::query::verify::{TextLookup, Verification, verify};

/// What `verify` was asked.
#[derive(Debug, Clone)]
pub struct Config {
    /// `--sources-dir`: the folder to look the texts up in, by file name.
    pub sources_dir: Option<PathBuf>,
    /// Table: problems as diagnostics and a summary line; JSON or CSV: every check as data.
    pub format: ListingFormat,
}

impl Config {
    /// Checks the options of `verify`.
    pub fn new(globals: &Globals, args: VerifyArgs) -> Result<Self, Error> {
        globals.refuse_as_of(
            "verify",
            "verify checks every quote of the file, whatever the dates",
        )?;
        if let Some(dir) = &args.sources_dir
            && !dir.is_dir()
        {
            return Err(Usage::SourcesDirNotAFolder(dir.clone()).into());
        }
        Ok(Config {
            sources_dir: args.sources_dir,
            format: args.output.format,
        })
    }
}

/// Runs `verify`.
pub fn run(globals: &Globals, args: VerifyArgs) -> Result<(), Error> {
    let config = Config::new(globals, args)?;
    let session = globals.load(false)?;
    let lookup = TextLookup::for_graph(&session.input, config.sources_dir);
    let verification = verify(&session.graph.data, &lookup);
    match config.format {
        ListingFormat::Table => as_text(&session, &verification),
        format => as_data(&verification, format),
    }
}

/// The problems as diagnostics quoting the graph file, then the summary
/// line: on stdout when there is no error (warnings go to stderr), else all
/// on stderr, as the error.
fn as_text(session: &Session, verification: &Verification) -> Result<(), Error> {
    let problems = verification.problems();
    if problems.is_empty() {
        return print(&VerifyText.export(verification)?);
    }
    let text = match session.graph.data.records.source_text() {
        Some(mapped) => Some(mapped.clone()),
        None => graph_text(&session.input, &verification.file)?,
    };
    let diagnostics = Diagnostics::new(verification.file.clone(), problems, text);
    if diagnostics.has_errors() {
        return Err(Error::Unverified {
            diagnostics: Box::new(diagnostics),
            summary: summary_line(&verification.file, &verification.summary),
        });
    }
    crate::stderr_text!("{}", diagnostics.render());
    print(&VerifyText.export(verification)?)
}

/// Every check as data on stdout, and only the count of problems on stderr.
fn as_data(verification: &Verification, format: ListingFormat) -> Result<(), Error> {
    let exporter = format.exporter(None);
    emit_with(None, |out| exporter.write_to(verification, out))?;
    if !verification.ok {
        return Err(Error::ProblemsListed {
            file: verification.file.clone(),
            errors: verification.errors,
            warnings: verification.warnings,
            strict: false,
        });
    }
    Ok(())
}

/// The graph file's text, to show problems in.
fn graph_text(input: &GraphInput, name: &str) -> Result<Option<SourceText>, Error> {
    match input {
        GraphInput::File(path) => JsonReader::file(name, path).text(),
        GraphInput::Embedded => JsonReader::bytes(name, EMBEDDED).text(),
    }
}
