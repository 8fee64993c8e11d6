//! CSV: a header row, then one record per row (RFC 4180 quoting).

use std::io::{self, Write};

use super::{Export, Listing, written};
use crate::error::Error;
use crate::listing::RowSink;

/// Comma-separated values.
pub struct CsvExport;

impl Export<dyn Listing> for CsvExport {
    fn export(&self, data: &(dyn Listing + 'static)) -> Result<Vec<u8>, Error> {
        written(|out| self.write_to(data, out))
    }

    /// Writes each row as the listing gives it.
    fn write_to(&self, data: &dyn Listing, out: &mut dyn Write) -> io::Result<()> {
        let mut sink = CsvRows(csv::Writer::from_writer(out));
        data.each_row(&mut sink)?;
        sink.0.flush()
    }
}

/// Rows written as CSV records.
struct CsvRows<W: Write>(csv::Writer<W>);

impl<W: Write> RowSink for CsvRows<W> {
    fn columns(&mut self, columns: &[&'static str]) -> io::Result<()> {
        self.0.write_record(columns).map_err(io::Error::from)
    }

    fn row(&mut self, cells: Vec<String>) -> io::Result<()> {
        self.0.write_record(&cells).map_err(io::Error::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::Full;
    use crate::listing::FixedRows;

    #[test]
    fn quotes_cells_that_need_it() {
        let two = FixedRows::of(&["id", "label"], &[&["a", "says \"hi\", twice"]]);
        let bytes = CsvExport.export(&two).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "id,label\na,\"says \"\"hi\"\", twice\"\n"
        );
    }

    #[test]
    fn a_failed_write_is_returned() {
        let rows = vec!["x".repeat(1000); 100];
        let cells: Vec<&[&str]> = rows.iter().map(|_| &["a", "b"][..]).collect();
        let many = FixedRows::of(&["id", "label"], &cells);
        let err = CsvExport.write_to(&many, &mut Full).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    }
}
