//! CSV tables of a graph: `entities.csv`, `relations.csv` and `types.csv`.

use std::io::{self, Write};

use crate::model::DocumentView;

/// Whose column names the CSV files have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvFlavor {
    /// relgraph's own, read back by `relgraph import csv`
    #[default]
    Plain,
    /// `neo4j-admin database import` headers (:ID, :START_ID, :END_ID, :TYPE, typed properties)
    Neo4j,
    /// Kumu's elements and connections (From, To, Type, Label, Tags)
    Kumu,
}

/// The CSV files of a graph in one flavour.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvTables {
    /// Whose column names to write.
    pub flavor: CsvFlavor,
}

/// One file of the folder: its name and what writes it.
pub type Table = (&'static str, fn(CsvFlavor, &DocumentView<'_>, &mut dyn Write) -> io::Result<()>);

impl CsvTables {
    /// The files this flavour writes, in order.
    pub fn tables(&self) -> Vec<Table> {
        Vec::new()
    }
}
