//! The GDELT reader: GDELT 1.0 and 2.0 event exports (tab-separated, plain
//! or gzip), aggregated into country-to-country relations.
//!
//! Each row is one event: actor 1 does something (a CAMEO event code) to
//! actor 2 on a day. Rows are read as a stream, in chunks parsed in
//! parallel ([`chunk`]) and merged in file order, so the output is the same
//! whatever the number of threads; only the aggregate is kept
//! ([`aggregate`]): one entry per relation (actor-1 country, actor-2
//! country, root code, period) and the set of `GLOBALEVENTID`s kept.
//!
//! Which fields are read, by version: [`layout`]. The noise guards every
//! row goes through, in order: [`filter`]. What the graph holds: [`build`];
//! what the import says at its end: [`summary`]. The CAMEO tables:
//! [`countries`], [`cameo`].

pub mod aggregate;
pub mod build;
pub mod cameo;
pub mod chunk;
pub mod countries;
pub mod filter;
pub mod layout;
pub mod row;
pub mod stream;
pub mod summary;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel, sync_channel};

use rayon::prelude::*;

use self::aggregate::Aggregate;
use self::build::{FileInfo, Written, document};
use self::chunk::{Outcome, SHOWN_FAULTS, not_gdelt, parse_chunk};
use self::filter::{Filters, Guard};
use self::row::Code;
use self::stream::{Channel, Chunk, Progress, first_lines, send_chunks};
use super::{Origins, Parsed, Reader};
use crate::diagnostic::{DocPath, Place, Problem, Severity, SourceText};
use crate::error::Error;
use crate::model::PartialDate;
use crate::model::document::Document;

pub use filter::Period;

/// What a relation's weight measures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Weighting {
    /// The number of events (at most 1,000,000).
    #[default]
    Count,
    /// The absolute mean Goldstein score of the events, rounded to
    /// hundredths and at least 0.01; the type's polarity gives the direction.
    Goldstein,
}

/// What to import, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Only events whose two actors are both among these codes.
    pub countries: Option<Vec<Code>>,
    /// Only these root codes (1 to 20).
    pub root_codes: Option<Vec<u8>>,
    /// Only events on or after the start of this period.
    pub from: Option<PartialDate>,
    /// Only events on or before the end of this period.
    pub to: Option<PartialDate>,
    /// Relations with fewer sources (`NumSources` summed) are left out.
    pub min_sources: u64,
    /// Keep events that are not root events too.
    pub all_events: bool,
    /// What weights measure.
    pub weight: Weighting,
    /// How relations are bucketed in time.
    pub period: Period,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            countries: None,
            root_codes: None,
            from: None,
            to: None,
            min_sources: 1,
            all_events: false,
            weight: Weighting::Count,
            period: Period::Month,
        }
    }
}

/// The counts of an import, for its summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Files read.
    pub files: usize,
    /// Rows (non-empty lines) by number of fields: 57, 58, 61, other.
    pub rows: [u64; 4],
    /// Malformed rows (skipped).
    pub malformed: u64,
    /// Well-formed rows dropped by each guard (indexed as [`Guard::ALL`]).
    pub dropped: [u64; 6],
    /// Rows that passed every guard but whose `GLOBALEVENTID` was kept before.
    pub duplicates: u64,
    /// Events kept (counted once each), before `--min-sources`.
    pub kept: u64,
    /// What the document holds.
    pub written: Written,
}

impl Tally {
    /// Every row read.
    pub fn rows_read(&self) -> u64 {
        self.rows.iter().sum()
    }

    /// Rows dropped by `guard`.
    pub fn dropped_by(&self, guard: Guard) -> u64 {
        self.dropped[guard.index()]
    }
}

/// What an import found besides the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    /// The counts.
    pub tally: Tally,
    /// The first malformed rows (at most [`SHOWN_FAULTS`]), as warnings at
    /// their file, line and field.
    pub malformed: Vec<Problem>,
}

/// GDELT export files, read as one graph.
pub struct GdeltReader<'a> {
    paths: &'a [PathBuf],
    options: &'a Options,
    progress: Option<Progress<'a>>,
    imported: RefCell<Option<Imported>>,
}

impl<'a> GdeltReader<'a> {
    /// Reads `paths`, in order, as `options` say.
    pub fn new(paths: &'a [PathBuf], options: &'a Options) -> Self {
        GdeltReader {
            paths,
            options,
            progress: None,
            imported: RefCell::new(None),
        }
    }

    /// The same reader, telling `progress` how many bytes it reads.
    pub fn with_progress(mut self, progress: Progress<'a>) -> Self {
        self.progress = Some(progress);
        self
    }

    /// What the last [`Reader::read`] found besides the document.
    pub fn imported(&self) -> Option<Imported> {
        self.imported.borrow().clone()
    }
}

impl Reader for GdeltReader<'_> {
    fn name(&self) -> String {
        match self.paths {
            [one] => one.display().to_string(),
            many => format!("{} GDELT files", many.len()),
        }
    }

    fn read(&self) -> Result<Parsed, Error> {
        let (doc, imported) = import(self.paths, self.options, self.progress)?;
        *self.imported.borrow_mut() = Some(imported);
        Ok(Parsed {
            doc,
            origins: Origins::default(),
            problems: Vec::new(),
        })
    }

    /// Relations are sums of many rows: a problem in the document is placed
    /// by its path alone.
    fn place(&self, path: DocPath) -> Place {
        Place::Path(path)
    }

    fn text(&self) -> Result<Option<SourceText>, Error> {
        Ok(None)
    }
}

/// How many chunks are parsed at once, per thread.
const CHUNKS_PER_THREAD: usize = 2;

/// Reads every file and builds the document.
pub fn import(
    paths: &[PathBuf],
    options: &Options,
    progress: Option<Progress>,
) -> Result<(Document, Imported), Error> {
    for path in paths {
        refuse_if_not_gdelt(path, &first_lines(path)?)?;
    }
    let filters = Filters::new(options);
    let batch = CHUNKS_PER_THREAD * rayon::current_num_threads();
    let mut merge = Merge::new(paths);
    std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel(batch);
        let (recycle, recycled) = channel();
        scope.spawn(move || {
            let channel = Channel {
                chunks: &sender,
                recycled: &recycled,
            };
            send_chunks(paths, progress, &channel);
        });
        while let Some(chunks) = next_batch(&receiver, batch)? {
            let outcomes: Vec<Outcome> = chunks
                .par_iter()
                .map(|chunk| parse_chunk(&chunk.bytes, &filters))
                .collect();
            for (chunk, outcome) in chunks.into_iter().zip(outcomes) {
                merge.add(&chunk, outcome);
                let _ = recycle.send(chunk.bytes);
            }
        }
        Ok::<(), Error>(())
    })?;
    Ok(merge.finish(options))
}

/// Up to `size` chunks, in order; `None` once every file is read.
fn next_batch(
    receiver: &Receiver<Result<Chunk, Error>>,
    size: usize,
) -> Result<Option<Vec<Chunk>>, Error> {
    let mut chunks = Vec::with_capacity(size);
    while chunks.len() < size {
        match receiver.recv() {
            Ok(chunk) => chunks.push(chunk?),
            Err(_) => break,
        }
    }
    Ok((!chunks.is_empty()).then_some(chunks))
}

fn refuse_if_not_gdelt(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    match not_gdelt(bytes) {
        Some(reason) => Err(Error::NotGdelt {
            path: path.to_owned(),
            reason,
        }),
        None => Ok(()),
    }
}

/// The outcomes of chunks, merged in file order.
struct Merge<'a> {
    paths: &'a [PathBuf],
    aggregate: Aggregate,
    files: Vec<FileInfo>,
    /// Lines read so far in each file.
    lines: Vec<usize>,
    tally: Tally,
    malformed: Vec<Problem>,
}

impl<'a> Merge<'a> {
    fn new(paths: &'a [PathBuf]) -> Self {
        let name = |path: &PathBuf| {
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            )
        };
        Merge {
            paths,
            aggregate: Aggregate::default(),
            files: paths
                .iter()
                .map(|path| FileInfo {
                    name: name(path),
                    ..FileInfo::default()
                })
                .collect(),
            lines: vec![0; paths.len()],
            tally: Tally {
                files: paths.len(),
                ..Tally::default()
            },
            malformed: Vec::new(),
        }
    }

    fn add(&mut self, chunk: &Chunk, outcome: Outcome) {
        let file = chunk.file;
        let first_line = self.lines[file];
        for (line, fault) in outcome.faults {
            if self.malformed.len() < SHOWN_FAULTS {
                self.malformed.push(Problem {
                    severity: Severity::Warning,
                    place: Place::Line {
                        file: self.paths[file].display().to_string(),
                        line: first_line + line + 1,
                        field: fault.field,
                    },
                    message: fault.message,
                    hint: fault.hint.map(str::to_owned),
                });
            }
        }
        self.lines[file] += outcome.lines;
        for event in &outcome.events {
            if self.aggregate.add(event, &chunk.bytes, file) {
                self.tally.kept += 1;
            } else {
                self.tally.duplicates += 1;
            }
        }
        let info = &mut self.files[file];
        for (total, rows) in info.rows.iter_mut().zip(outcome.rows) {
            *total += rows;
        }
        info.date_added = info.date_added.max(outcome.date_added);
        info.last_day = info.last_day.max(outcome.last_day);
        for (total, rows) in self.tally.rows.iter_mut().zip(outcome.rows) {
            *total += rows;
        }
        for (total, rows) in self.tally.dropped.iter_mut().zip(outcome.dropped) {
            *total += rows;
        }
        self.tally.malformed += outcome.malformed;
    }

    fn finish(mut self, options: &Options) -> (Document, Imported) {
        self.aggregate.forget_events();
        let ties = std::mem::take(&mut self.aggregate.ties);
        let (doc, written) = document(ties, &self.files, options);
        self.tally.written = written;
        let imported = Imported {
            tally: self.tally,
            malformed: self.malformed,
        };
        (doc, imported)
    }
}

#[cfg(test)]
mod tests;
