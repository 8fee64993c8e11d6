//! `relgraph report`: the report folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::cli::args::ReportArgs;
use crate::cli::output::print;
use crate::cli::session::{Globals, Session};
use crate::diagnostic::plural;
use crate::error::{Error, Usage};
use crate::files::ensure_not_input;
use crate::graph::Filter;
use crate::query::verify::{TextLookup, evidence_summary};
use crate::render::RenderOptions;
use crate::report::earlier::Earlier;
use crate::report::{self, MAIN_FILES, MANIFEST, ReportConfig};

/// What `report` was asked.
pub struct Config {
    /// The folder to write into.
    pub out_dir: PathBuf,
    /// The relations the report covers.
    pub filter: Filter,
    /// What to put in it and how to draw it.
    pub report: ReportConfig,
    /// Write into a folder that holds no relgraph report, replacing files of
    /// the same names.
    pub force: bool,
}

impl Config {
    /// Checks the options of `report`: the folder must be a folder.
    pub fn new(session: &Session, args: ReportArgs) -> Result<Self, Error> {
        if args.out_dir.exists() && !args.out_dir.is_dir() {
            return Err(Usage::NotAFolder(args.out_dir).into());
        }
        let filter = session.filter(&args.filter)?;
        let earlier = if args.redraw {
            Earlier::default()
        } else {
            Earlier::read(&args.out_dir)
        };
        Ok(Config {
            force: args.force,
            out_dir: args.out_dir,
            filter,
            report: ReportConfig {
                title: args.title,
                origin: session.input.file_name(),
                input_sha256: session.graph.data.sha256.clone().unwrap_or_default(),
                render: RenderOptions {
                    timeout: Duration::from_secs(args.timeout),
                    ..RenderOptions::default()
                },
                strict: args.strict,
                earlier,
                verification: evidence_summary(
                    &session.graph.data,
                    &TextLookup::for_graph(&session.input, None).base,
                ),
            },
        })
    }
}

/// Runs `report`.
pub fn run(globals: &Globals, args: ReportArgs) -> Result<(), Error> {
    let session = globals.load_hashed("report")?;
    let config = Config::new(&session, args)?;
    if config.filter.admitted(&session.graph.data).next().is_none() {
        return Err(Error::NothingMatches {
            what: "no relations match these filters: nothing to report".to_owned(),
        });
    }
    let built = report::build(&session.graph, &config.filter, &config.report)?;
    for file in &built.files {
        ensure_not_input(&config.out_dir.join(&file.name), session.input.path())?;
    }
    for note in &built.notes {
        crate::stderr_line!("note: {note}");
    }
    if let Some(first) = built.undrawn.first() {
        crate::stderr_line!(
            "warning: {} could not be drawn and {} left out of the report, which says so \
             (their .dot files are written; --strict makes this an error); first: {first}",
            plural(built.undrawn.len(), "diagram"),
            if built.undrawn.len() == 1 {
                "is"
            } else {
                "are"
            },
        );
    }
    let written = report::write(&config.out_dir, &built.files, config.force)?;
    if !written.kept.is_empty() {
        crate::stderr_line!(
            "note: kept {} in {} that relgraph did not write: {}",
            plural(written.kept.len(), "file"),
            config.out_dir.display(),
            list_of(&written.kept)
        );
    }
    print(written_summary(&config.out_dir, &written.paths).as_bytes())
}

/// A few names, then how many more.
fn list_of(names: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut list = names
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    list
}

/// The report's main files, then how many others were written and where
/// they are listed.
fn written_summary(out_dir: &Path, written: &[PathBuf]) -> String {
    let mut lines: String = MAIN_FILES
        .iter()
        .map(|name| out_dir.join(name))
        .filter(|path| written.contains(path))
        .map(|path| format!("wrote {}\n", path.display()))
        .collect();
    let others = written.len() - lines.lines().count();
    lines.push_str(&format!(
        "wrote {others} more files into {} (listed in {})\n",
        out_dir.display(),
        out_dir.join(MANIFEST).display()
    ));
    lines
}
