//! Markdown tables of listings (`--format markdown`), to paste into notes,
//! issues and reports: the listing's rows printed as the report prints its
//! tables, with the same escaping.

use super::Export;
use super::document::Table;
use super::markdown::write_table;
use crate::error::Error;
use crate::listing::Listing;

/// A GitHub-flavoured Markdown table.
pub struct MarkdownTableExport;

impl Export<dyn Listing> for MarkdownTableExport {
    fn export(&self, data: &dyn Listing) -> Result<Vec<u8>, Error> {
        let mut out = String::new();
        write_table(&mut out, &Table::plain(&data.rows()));
        Ok(out.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::listing::FixedRows;

    #[test]
    fn cells_are_escaped_and_kept_on_one_line() {
        let tricky = FixedRows::of(&["id", "label"], &[&["a|b", "two\nlines <b>*bold*</b>"]]);
        let text = String::from_utf8(MarkdownTableExport.export(&tricky).unwrap()).unwrap();
        assert_eq!(
            text,
            "| id | label |\n| --- | --- |\n| a\\|b | two<br>lines &lt;b&gt;\\*bold\\*&lt;/b&gt; |\n"
        );
    }
}
