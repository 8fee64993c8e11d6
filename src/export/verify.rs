//! The summary line that `relgraph verify` prints after its problems.

use super::Export;
use crate::diagnostic::plural;
use crate::error::Error;
use crate::query::verify::{EvidenceSummary, Verification};

/// The summary line, with a newline.
pub struct VerifyText;

impl Export<Verification> for VerifyText {
    fn export(&self, verification: &Verification) -> Result<Vec<u8>, Error> {
        let line = summary_line(&verification.file, &verification.summary);
        Ok(format!("{line}\n").into_bytes())
    }
}

/// `graph.json: 47 quotes verified against 1 source text (45 exact, 2 after
/// normalising), 0 not found, 0 unchecked`, without a newline.
///
/// ```
/// use relgraph::export::verify::summary_line;
/// use relgraph::query::verify::EvidenceSummary;
///
/// let summary = EvidenceSummary { exact: 45, normalised: 2, texts: vec!["a.txt".into()], ..Default::default() };
/// assert_eq!(
///     summary_line("graph.json", &summary),
///     "graph.json: 47 quotes verified against 1 source text (45 exact, 2 after normalising), 0 not found, 0 unchecked"
/// );
/// ```
pub fn summary_line(file: &str, summary: &EvidenceSummary) -> String {
    format!(
        "{file}: {} verified against {} ({} exact, {} after normalising), {} not found, {} unchecked",
        plural(summary.verified(), "quote"),
        plural(summary.texts.len(), "source text"),
        summary.exact,
        summary.normalised,
        summary.not_found,
        summary.unchecked
    )
}
