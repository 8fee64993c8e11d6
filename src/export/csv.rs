//! CSV: a header row, then one record per row (RFC 4180 quoting).

use super::{Export, Listing};
use crate::error::Error;

/// Comma-separated values.
pub struct CsvExport;

impl Export<dyn Listing> for CsvExport {
    fn export(&self, data: &dyn Listing) -> Result<Vec<u8>, Error> {
        let rows = data.rows();
        let mut writer = csv::Writer::from_writer(Vec::new());
        let result = std::iter::once(rows.columns.iter().map(|c| c.to_string()).collect())
            .chain(rows.rows)
            .try_for_each(|record: Vec<String>| writer.write_record(&record));
        result.map_err(|err| Error::Format {
            format: "CSV",
            reason: err.to_string(),
        })?;
        writer.into_inner().map_err(|err| Error::Format {
            format: "CSV",
            reason: err.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
