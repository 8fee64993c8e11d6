//! What `relgraph validate --format json|csv` answers: whether the file is
//! usable, its summary when it is, and every problem as data.

use serde::Serialize;

use super::summary::{Summary, summary};
use crate::diagnostic::{Diagnostics, LocatedProblem};
use crate::graph::RelGraph;
use crate::listing::{Rows, Tabular, cell};

/// The outcome of validating one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validation {
    /// The file checked.
    pub file: String,
    /// Whether it has no errors (warnings allowed).
    pub valid: bool,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Counts of what it holds, when it is valid.
    pub summary: Option<Summary>,
    /// Every problem, in file order.
    pub problems: Vec<LocatedProblem>,
}

impl Validation {
    /// The validation of a file that loaded: its summary and its warnings.
    pub fn of_graph(graph: &RelGraph) -> Self {
        Validation {
            summary: Some(summary(graph)),
            ..Validation::of_problems(&graph.data.warnings)
        }
    }

    /// The validation of a file with `diagnostics`.
    pub fn of_problems(diagnostics: &Diagnostics) -> Self {
        Validation {
            file: diagnostics.file.clone(),
            valid: !diagnostics.has_errors(),
            errors: diagnostics.errors(),
            warnings: diagnostics.warnings(),
            summary: None,
            problems: diagnostics.located(),
        }
    }
}

impl Tabular for Validation {
    fn rows(&self) -> Rows {
        let columns = vec![
            "file", "severity", "path", "line", "column", "message", "hint",
        ];
        let rows = self
            .problems
            .iter()
            .map(|p| {
                vec![
                    p.file.clone(),
                    p.severity.as_str().to_owned(),
                    cell(&p.path),
                    cell(&p.line),
                    cell(&p.column),
                    p.message.clone(),
                    cell(&p.hint),
                ]
            })
            .collect();
        Rows { columns, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::model::load::parse;

    #[test]
    fn every_problem_becomes_a_row_with_its_place() {
        let text = "{\"title\": \"t\", \"relation_types\": [],\n \"entities\": [{\"id\": \"A\", \"name\": \"\", \"kind\": \"country\"}],\n \"relations\": []}";
        let Err(Error::Invalid(diagnostics)) = parse("t.json", text.as_bytes()) else {
            panic!("expected problems");
        };
        let validation = Validation::of_problems(&diagnostics);
        assert!(!validation.valid);
        let rows = validation.rows();
        assert_eq!(rows.columns[3], "line");
        assert_eq!(
            rows.rows,
            [[
                "t.json",
                "error",
                "entities[0].name",
                "2",
                "35",
                "`name` is empty",
                "give a non-empty `name`"
            ]]
        );
    }
}
