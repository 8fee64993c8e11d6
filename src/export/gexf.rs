//! GEXF 1.3, for Gephi.

use std::io::{self, Write};

use super::{Export, written};
use crate::error::Error;
use crate::model::DocumentView;

/// Writes a [`DocumentView`] as GEXF 1.3.
#[derive(Debug, Clone, Copy, Default)]
pub struct GexfExport;

impl Export<DocumentView<'_>> for GexfExport {
    fn export(&self, doc: &DocumentView<'_>) -> Result<Vec<u8>, Error> {
        written(|out| self.write_to(doc, out))
    }

    fn write_to(&self, _doc: &DocumentView<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other("GEXF: being written"))
    }
}
