//! `relgraph import gdelt`: GDELT event exports aggregated into a graph
//! file (the reading and aggregating are in [`crate::model::read::gdelt`]).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::args::ImportGdeltArgs;
use crate::cli::output::print;
use crate::cli::session::Globals;
use crate::diagnostic::{Place, Problem, printable};
use crate::error::{Error, Usage};
use crate::export::Export;
use crate::export::json::GraphFileJson;
use crate::files::write_atomic;
use crate::model::Dataset;
use crate::model::load::{load_from, parse};
use crate::model::read::gdelt::summary::summary;
use crate::model::read::gdelt::{GdeltReader, Imported, Options};

/// What `import gdelt` was asked.
#[derive(Debug, Clone)]
pub struct Config {
    /// The export files, in order.
    pub files: Vec<PathBuf>,
    /// The graph file to write.
    pub out: PathBuf,
    /// What to keep and how to aggregate it.
    pub options: Options,
    /// Fail on malformed rows.
    pub strict: bool,
}

impl Config {
    /// Checks the options of `import gdelt`.
    pub fn new(globals: &Globals, args: ImportGdeltArgs) -> Result<Self, Error> {
        globals.refuse_graph("import gdelt", "it reads GDELT exports and writes --out")?;
        globals.refuse_cache("import gdelt", "it reads GDELT exports and writes --out")?;
        globals.refuse_as_of(
            "import gdelt",
            "give --from and --to to keep the events of a period",
        )?;
        if let (Some(from), Some(to)) = (args.from, args.to)
            && to.end() < from.start()
        {
            return Err(Usage::ReversedDates {
                first: from.to_string(),
                second: to.to_string(),
            }
            .into());
        }
        ensure_out_is_new(&args.out, &args.files)?;
        Ok(Config {
            options: Options {
                countries: args.countries,
                root_codes: args.root_codes,
                from: args.from,
                to: args.to,
                min_sources: args.min_sources,
                all_events: args.all_events,
                weight: args.weight,
                period: args.period,
            },
            files: args.files,
            out: args.out,
            strict: args.strict,
        })
    }
}

/// Refuses an output path that is a folder or one of the files to read.
fn ensure_out_is_new(out: &Path, files: &[PathBuf]) -> Result<(), Error> {
    if out.is_dir() {
        return Err(Usage::OutIsAFolder(out.to_owned()).into());
    }
    let Ok(out_real) = out.canonicalize() else {
        return Ok(());
    };
    match files
        .iter()
        .find(|file| file.canonicalize().is_ok_and(|real| real == out_real))
    {
        Some(_) => Err(Usage::OutIsAnInput(out.to_owned()).into()),
        None => Ok(()),
    }
}

/// Runs `import gdelt`.
pub fn run(globals: &Globals, args: ImportGdeltArgs) -> Result<(), Error> {
    let config = Config::new(globals, args)?;
    let (dataset, imported) = read(&config)?;
    show_malformed(&imported, config.strict);
    if let Some(refusal) = refusal(&config, &dataset, &imported) {
        print(summary(&imported.tally, &config.options, None).as_bytes())?;
        return Err(refusal);
    }
    let out_name = config.out.display().to_string();
    let bytes = GraphFileJson.export(&dataset.view())?;
    drop(dataset);
    // The bytes as written, loaded as `validate` loads a file: checked once
    // more, at the cost of holding the graph once again.
    drop(parse(&out_name, &bytes)?);
    write_atomic(&config.out, &bytes)?;
    print(summary(&imported.tally, &config.options, Some(&out_name)).as_bytes())
}

/// Reads and checks the graph the files make, with a progress bar when
/// stderr is a terminal.
fn read(config: &Config) -> Result<(Dataset, Imported), Error> {
    let bar = progress_bar(&config.files);
    let progress = |bytes: u64| {
        if let Some(bar) = &bar {
            bar.inc(bytes);
        }
    };
    let reader = GdeltReader::new(&config.files, &config.options).with_progress(&progress);
    let loaded = load_from(&reader);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    Ok((loaded?, reader.imported().unwrap_or_default()))
}

/// Why nothing is written: malformed rows under `--strict`, or no relation.
fn refusal(config: &Config, dataset: &Dataset, imported: &Imported) -> Option<Error> {
    if config.strict && imported.tally.malformed > 0 {
        return Some(Error::MalformedRows {
            rows: imported.tally.malformed,
        });
    }
    dataset.records.is_empty().then(|| Error::NothingMatches {
        what: "no relation to write: every row was malformed or dropped by a guard \
               (the summary above counts them)"
            .to_owned(),
    })
}

/// A progress bar over the bytes of `files`, on stderr when it is a terminal.
fn progress_bar(files: &[PathBuf]) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total = files
        .iter()
        .filter_map(|file| std::fs::metadata(file).ok())
        .map(|meta| meta.len())
        .sum();
    let style = ProgressStyle::with_template(
        "{spinner} reading {bytes}/{total_bytes} [{bar:30}] {binary_bytes_per_sec}, {eta} left",
    )
    .map(|style| style.progress_chars("=> "))
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(style);
    Some(bar)
}

/// The first malformed rows on stderr, as warnings (errors with `--strict`),
/// then how many more there were.
fn show_malformed(imported: &Imported, strict: bool) {
    let severity = if strict { "error" } else { "warning" };
    for problem in &imported.malformed {
        crate::stderr_text!("{}", describe(problem, severity));
    }
    let more = imported.tally.malformed as usize - imported.malformed.len();
    if more > 0 {
        let rows = if more == 1 { "row" } else { "rows" };
        crate::stderr_line!("… and {more} more malformed {rows} (not shown)");
    }
}

/// `file:line:field: warning: message`, and the hint on a line of its own.
fn describe(problem: &Problem, severity: &str) -> String {
    let at = match &problem.place {
        Place::Line { file, line, field } => match field {
            Some(field) => format!("{}:{line}:{field}", printable(file)),
            None => format!("{}:{line}", printable(file)),
        },
        _ => String::new(),
    };
    let mut text = format!("{at}: {severity}: {}\n", printable(&problem.message));
    if let Some(hint) = &problem.hint {
        text.push_str(&format!("  = hint: {}\n", printable(hint)));
    }
    text
}
