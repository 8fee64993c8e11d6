//! Where answers go: stdout or a file, printed by the format asked for, and
//! the one rule for empty answers.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::error::Error;
use crate::export::ListingFormat;
use crate::files::{write_atomic, write_atomic_with, write_buffered};
use crate::listing::Listing;

/// Prints `listing` in `format`; an empty answer is an error saying what
/// matched nothing (`nothing`), so every command exits 1 when it finds nothing.
pub fn print_listing(
    listing: &(dyn Listing + 'static),
    format: ListingFormat,
    nothing: impl FnOnce() -> String,
) -> Result<(), Error> {
    if listing.is_empty() {
        return Err(Error::NothingMatches { what: nothing() });
    }
    let width = std::io::stdout()
        .is_terminal()
        .then(terminal_width)
        .flatten();
    let exporter = format.exporter(width);
    emit_with(None, |out| exporter.write_to(listing, out))
}

/// The terminal's width in columns, when it can be told.
fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

/// Writes `bytes` to `out` atomically, or to stdout.
pub fn emit(bytes: &[u8], out: Option<&Path>) -> Result<(), Error> {
    match out {
        Some(path) => write_atomic(path, bytes),
        None => print(bytes),
    }
}

/// Writes what `write` writes to `out` atomically, or to stdout, through a
/// buffer as it is produced.
pub fn emit_with(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    match out {
        Some(path) => write_atomic_with(path, write),
        None => match write_buffered(std::io::stdout().lock(), write) {
            Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
                path: "<stdout>".into(),
                source: err,
            }),
            _ => Ok(()),
        },
    }
}

/// Writes `bytes` to stdout; a closed pipe (`relgraph … | head`) is not an error.
pub fn print(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: err,
        }),
        _ => Ok(()),
    }
}
