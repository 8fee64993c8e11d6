//! Tables for the terminal: aligned columns, wrapped to fit the terminal
//! when printed to one, and never wrapped otherwise, so piped output is the
//! same whatever the terminal's width.

use comfy_table::{ContentArrangement, Table, presets};

use super::{Export, Listing};
use crate::error::Error;

/// An aligned text table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableExport {
    /// Fit the table to this many columns, wrapping cells; full width when `None`.
    pub width: Option<u16>,
}

impl Export<dyn Listing> for TableExport {
    fn export(&self, data: &dyn Listing) -> Result<Vec<u8>, Error> {
        let rows = data.rows();
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_header(rows.columns.clone());
        match self.width {
            Some(width) => table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width),
            None => table.set_content_arrangement(ContentArrangement::Disabled),
        };
        for row in rows.rows {
            table.add_row(row);
        }
        let mut text = table.trim_fmt();
        text.push('\n');
        Ok(text.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::FixedRows;

    fn widest_line(export: TableExport) -> usize {
        let long = "word ".repeat(40);
        let wide = FixedRows::of(&["id", "label"], &[&["a", &long]]);
        let text = String::from_utf8(export.export(&wide).unwrap()).unwrap();
        text.lines().map(|l| l.chars().count()).max().unwrap()
    }

    #[test]
    fn fits_the_width_given_and_is_whole_without_one() {
        assert!(widest_line(TableExport { width: Some(60) }) <= 60);
        assert!(widest_line(TableExport { width: None }) > 200);
    }
}
