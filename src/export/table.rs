//! Tables for the terminal: aligned columns, never wrapped, so output is the
//! same whatever the terminal's width.

use comfy_table::{ContentArrangement, Table, presets};

use super::{Export, Listing};
use crate::error::Error;

/// An aligned text table.
pub struct TableExport;

impl Export<dyn Listing> for TableExport {
    fn export(&self, data: &dyn Listing) -> Result<Vec<u8>, Error> {
        let rows = data.rows();
        let mut table = Table::new();
        table
            .load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(rows.columns.clone());
        for row in rows.rows {
            table.add_row(row);
        }
        let mut text = table.trim_fmt();
        text.push('\n');
        Ok(text.into_bytes())
    }
}
