//! Cypher, for Neo4j and other openCypher databases.

use std::io::{self, Write};

use super::{Export, written};
use crate::error::Error;
use crate::model::DocumentView;

/// Writes a [`DocumentView`] as a Cypher script.
#[derive(Debug, Clone, Copy, Default)]
pub struct CypherExport;

impl Export<DocumentView<'_>> for CypherExport {
    fn export(&self, doc: &DocumentView<'_>) -> Result<Vec<u8>, Error> {
        written(|out| self.write_to(doc, out))
    }

    fn write_to(&self, _doc: &DocumentView<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other("Cypher: being written"))
    }
}
