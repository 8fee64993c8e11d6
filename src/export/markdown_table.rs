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
    use crate::listing::{Rows, Tabular};

    struct Tricky;
    impl Tabular for Tricky {
        fn rows(&self) -> Rows {
            Rows {
                columns: vec!["id", "label"],
                rows: vec![vec!["a|b".into(), "two\nlines <b>*bold*</b>".into()]],
            }
        }
    }
    impl serde::Serialize for Tricky {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_unit()
        }
    }

    #[test]
    fn cells_are_escaped_and_kept_on_one_line() {
        let text = String::from_utf8(MarkdownTableExport.export(&Tricky).unwrap()).unwrap();
        assert_eq!(
            text,
            "| id | label |\n| --- | --- |\n| a\\|b | two<br>lines &lt;b&gt;\\*bold\\*&lt;/b&gt; |\n"
        );
    }
}
