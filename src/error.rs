//! The errors relgraph reports, each typed, shown in one place (their
//! `Display`), and the exit status each one maps to ([`Error::code`]).

use std::io;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostics, plural, printable};

/// Everything that can go wrong in a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read '{}': {source}", printable(&path.display().to_string()))]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file could not be written.
    #[error("cannot write '{}': {source}", printable(&path.display().to_string()))]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The input has errors: every problem, with its place.
    #[error("{}", .0.render())]
    Invalid(Box<Diagnostics>),
    /// `validate --strict` found warnings.
    #[error("{}validation failed: --strict treats warnings as errors", .0.render())]
    StrictWarnings(Box<Diagnostics>),
    /// The input's problems were listed as data (`validate --format json`);
    /// this only says how many.
    #[error("{file}: {}, {}{}", plural(*.errors, "error"), plural(*.warnings, "warning"), if *.strict { ": --strict treats warnings as errors" } else { "" })]
    ProblemsListed {
        /// The input checked.
        file: String,
        /// Number of errors.
        errors: usize,
        /// Number of warnings.
        warnings: usize,
        /// Whether warnings failed the check (`--strict`).
        strict: bool,
    },
    /// `verify` found quotes that are not in their source's text, or source
    /// texts it cannot read: every problem, then the summary line.
    #[error("{}{summary}", .diagnostics.render())]
    Unverified {
        /// The problems, placed in the graph file.
        diagnostics: Box<Diagnostics>,
        /// The summary line (`graph.json: 45 quotes verified against …`).
        summary: String,
    },
    /// Output could not be formatted.
    #[error("cannot format the output as {format}: {reason}")]
    Format {
        /// The output format.
        format: &'static str,
        /// Why.
        reason: String,
    },
    /// A name on the command line names no entity.
    #[error("unknown entity '{}' in {origin}: {}", printable(.name), suggest(.suggestions, "`relgraph entities` lists the known ones"))]
    UnknownEntity {
        /// The name given.
        name: String,
        /// The graph searched.
        origin: String,
        /// Entities it may mean, as `'North Korea' (PRK)`.
        suggestions: Vec<String>,
    },
    /// A name on the command line names no relation type.
    #[error("unknown relation type '{}' in {origin}{}", printable(.name), type_hint(.suggestion, .known))]
    UnknownType {
        /// The name given.
        name: String,
        /// The graph searched.
        origin: String,
        /// The type it probably means.
        suggestion: Option<String>,
        /// Every type id, when nothing is close.
        known: Vec<String>,
    },
    /// A question whose answer is empty.
    #[error("{what}")]
    NothingMatches {
        /// What matched nothing, in a sentence (`no relations match these filters`).
        what: String,
    },
    /// No connection between two entities.
    #[error("no connection from {from} to {to}{} under these filters", .conditions.iter().map(|c| format!(" {c}")).collect::<String>())]
    NoPath {
        /// Where it starts, as `Name (ID)`.
        from: String,
        /// Where it ends, as `Name (ID)`.
        to: String,
        /// The search's conditions, as phrases (`following relation direction`).
        conditions: Vec<String>,
    },
    /// An image format needs Graphviz, which is not installed.
    #[error(
        "{} output needs Graphviz, and '{program}' was not found: install it (Debian/Ubuntu: \
         apt-get install graphviz; macOS: brew install graphviz), or use --format svg",
        .format.to_uppercase()
    )]
    GraphvizMissing {
        /// The program looked for.
        program: String,
        /// The format asked for.
        format: &'static str,
    },
    /// Graphviz ran and failed, or took too long.
    #[error("Graphviz ({program}) failed: {reason}")]
    GraphvizFailed {
        /// The program run.
        program: String,
        /// Its error output, or why it was stopped.
        reason: String,
    },
    /// The built-in renderer could not draw a diagram.
    #[error("the built-in renderer {reason}")]
    BuiltInRenderer {
        /// What went wrong, as the rest of the sentence.
        reason: String,
    },
    /// One diagram of several could not be drawn.
    #[error("cannot draw {file}: {source}")]
    Drawing {
        /// The diagram's file.
        file: String,
        /// Why.
        source: Box<Error>,
    },
    /// A file given to `import gdelt` is not a GDELT event export.
    #[error("'{}' is not a GDELT event export: {reason}", printable(&path.display().to_string()))]
    NotGdelt {
        /// The file.
        path: PathBuf,
        /// What it looks like instead, and what was expected.
        reason: String,
    },
    /// `import gdelt --strict` met malformed rows: nothing was written.
    #[error("{} (the first shown above): --strict refuses them, so nothing was written", plural(*.rows as usize, "malformed row"))]
    MalformedRows {
        /// How many rows were malformed.
        rows: u64,
    },
    /// The graph file changed while its records were being read from it.
    #[error(
        "'{}' changed while relgraph was reading it: run the command again once the file is saved (no output file was replaced)",
        printable(file)
    )]
    GraphChanged {
        /// The graph file, as named in messages.
        file: String,
    },
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(#[from] Usage),
}

/// Command lines that cannot be run as given.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Usage {
    /// An option the command does not use.
    #[error("{command} does not use {option}{}", .why.as_ref().map(|w| format!(": {w}")).unwrap_or_default())]
    IgnoredOption {
        /// The option, as typed (`--as-of`).
        option: &'static str,
        /// The command (`validate`).
        command: &'static str,
        /// Why, and what to do instead.
        why: Option<String>,
    },
    /// Two options that cannot go together.
    #[error("{first} cannot be combined with {second}: {why}")]
    Conflict {
        /// One option.
        first: &'static str,
        /// The other.
        second: &'static str,
        /// Why, and what to do instead.
        why: String,
    },
    /// Writing there would overwrite the graph being read.
    #[error("refusing to overwrite the input graph '{}': choose another output path", .0.display())]
    OverwritesInput(PathBuf),
    /// An output file whose extension names no known format.
    #[error("cannot tell the image format of '{}': end the name in .svg, .png or .pdf, or give --format svg|png|pdf", .0.display())]
    UnknownImageExtension(PathBuf),
    /// A report folder that cannot be swapped safely.
    #[error("cannot write the report into '{}': give a folder below the current one, such as output", .0.display())]
    UnsafeReportFolder(PathBuf),
    /// A folder with files but no report relgraph wrote.
    #[error("'{}' holds files but no report relgraph wrote (no manifest.json of relgraph's): choose an empty or new folder, or give --force to write the report into it (files it does not replace are kept)", .0.display())]
    NotAReport(PathBuf),
    /// A file of an earlier report that changed since relgraph wrote it.
    #[error("'{}' changed since relgraph wrote it (or relgraph did not write it), and the new report would replace it: move it away, or give --force to replace it", .0.display())]
    ChangedReportFile(PathBuf),
    /// `--out` names a folder.
    #[error("'{}' is a folder: give --out a file name", .0.display())]
    OutIsAFolder(PathBuf),
    /// `--out` names a special file relgraph does not write to.
    #[error("'{}' is neither a file, a pipe nor a terminal or other character device: give --out a file name", .0.display())]
    OutIsSpecial(PathBuf),
    /// `--out` names one of the files being imported.
    #[error("refusing to overwrite '{}', one of the files to import: choose another output path", .0.display())]
    OutIsAnInput(PathBuf),
    /// `render --in X --out X`.
    #[error("--out '{}' is the DOT file given with --in: choose another output path", .0.display())]
    OutIsTheDotInput(PathBuf),
    /// Two `--map` options read one column of a file as two fields.
    #[error(
        "--map {first} and --map {second} both rename the column '{column}' of the {table} file: keep one"
    )]
    ConflictingMaps {
        /// The column, as given first.
        column: String,
        /// The first map, `COLUMN=FIELD`.
        first: String,
        /// The second map.
        second: String,
        /// Which file (`relations`, `entities`, `types`).
        table: &'static str,
    },
    /// A folder was expected.
    #[error("'{}' is a file, not a folder: give --out-dir a folder (it is created if missing)", .0.display())]
    NotAFolder(PathBuf),
    /// A folder to be replaced holds files relgraph would not write there.
    #[error("'{}' holds '{file}', which this export does not write: give --out a new or empty folder (relgraph replaces only a folder holding its own export)", folder.display())]
    FolderHoldsOtherFiles {
        /// The folder.
        folder: PathBuf,
        /// A file in it.
        file: String,
    },
    /// `--out` of a folder export is the current folder or holds it.
    #[error("cannot replace '{}', which holds the current folder: give --out a new folder, such as output/csv", .0.display())]
    UnsafeOutFolder(PathBuf),
    /// A folder export without `--out`.
    #[error(
        "export --format csv writes a folder of files (entities.csv, relations.csv, types.csv): give --out FOLDER"
    )]
    FolderNeedsOut,
    /// `--out` of a folder export names a file.
    #[error("'{}' is a file: this export writes a folder of files, so give --out a folder name (it is created if missing)", .0.display())]
    OutIsAFile(PathBuf),
    /// `--sources-dir` names no folder.
    #[error("--sources-dir '{}' is not a folder: give the folder that holds the source texts", .0.display())]
    SourcesDirNotAFolder(PathBuf),
    /// A path asked from an entity to itself.
    #[error("both ends of the path are {0}: name two different entities")]
    SameEnds(String),
    /// Two dates given latest first.
    #[error(
        "the dates are reversed: {second} is before {first}; give the earlier date first ({second}, then {first})"
    )]
    ReversedDates {
        /// The date given first.
        first: String,
        /// The date given second.
        second: String,
    },
}

impl Error {
    /// The process exit status: 2 for usage errors, 1 for everything else.
    pub fn code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }

    /// Whether the message is a list of diagnostics, printed as it is rather
    /// than after `error: `.
    pub fn is_diagnostics(&self) -> bool {
        matches!(
            self,
            Error::Invalid(_) | Error::StrictWarnings(_) | Error::Unverified { .. }
        )
    }
}

fn suggest(suggestions: &[String], otherwise: &str) -> String {
    match suggestions {
        [] => otherwise.to_owned(),
        [one] => format!("did you mean {one}?"),
        [rest @ .., last] => format!("did you mean {} or {last}?", rest.join(", ")),
    }
}

fn type_hint(suggestion: &Option<String>, known: &[String]) -> String {
    match suggestion {
        Some(id) => format!(": did you mean '{id}'?"),
        None => format!("; known types: {}", known.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_errors_exit_2_and_others_1() {
        let usage = Error::Usage(Usage::NotAFolder("README.md".into()));
        assert_eq!(usage.code(), 2);
        let missing = Error::GraphvizMissing {
            program: "dot".into(),
            format: "png",
        };
        assert_eq!(missing.code(), 1);
        assert!(missing.to_string().starts_with("PNG output needs Graphviz"));
    }

    #[test]
    fn names_from_the_command_line_cannot_reach_the_terminal_raw() {
        let err = Error::UnknownEntity {
            name: "\u{1b}[2J".into(),
            origin: "graph.json".into(),
            suggestions: Vec::new(),
        };
        assert!(!err.to_string().contains('\u{1b}'));
        assert!(err.to_string().contains("\\u{1b}[2J"));
    }

    #[test]
    fn several_suggestions_are_all_offered() {
        let err = Error::UnknownEntity {
            name: "Korea".into(),
            origin: "graph.json".into(),
            suggestions: vec!["'North Korea' (PRK)".into(), "'South Korea' (KOR)".into()],
        };
        assert_eq!(
            err.to_string(),
            "unknown entity 'Korea' in graph.json: did you mean 'North Korea' (PRK) or 'South Korea' (KOR)?"
        );
    }
}
