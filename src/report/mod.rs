//! `relgraph report`: the folder of diagrams for a report: `graph.dot` (the
//! whole graph) and one ego diagram per entity (`ego-<id>.dot`, radius 1).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::export::Export;
use crate::export::dot::{DiagramOf, DotExport, RankDir};
use crate::files::{safe_stem, write_atomic};
use crate::graph::{Filter, RelGraph};
use crate::query::diagram::{DiagramSpec, diagram};

/// What a report holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    /// File name inside the report folder.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Builds every file of the report, in a stable order.
pub fn build(graph: &RelGraph, filter: &Filter) -> Result<Vec<ReportFile>, Error> {
    let title = graph.data.doc.title.clone();
    let whole = diagram(graph, filter, DiagramSpec::default());
    let style = DotExport {
        title: title.clone(),
        rankdir: RankDir::Lr,
        legend: true,
    };
    let mut files = vec![ReportFile {
        name: "graph.dot".to_owned(),
        bytes: style.export(&DiagramOf {
            graph,
            diagram: &whole,
        })?,
    }];
    let mut used = HashSet::new();
    for (index, entity) in graph.data.doc.entities.iter().enumerate() {
        let spec = DiagramSpec {
            ego: Some(index as u32),
            radius: 1,
            merge: false,
        };
        let ego = diagram(graph, filter, spec);
        let style = DotExport {
            title: format!("{}: {} and its partners", title, entity.name),
            ..style.clone()
        };
        files.push(ReportFile {
            name: unique_name(&mut used, &format!("ego-{}", safe_stem(&entity.id)), "dot"),
            bytes: style.export(&DiagramOf {
                graph,
                diagram: &ego,
            })?,
        });
    }
    Ok(files)
}

/// `stem.ext`, or `stem-2.ext`, `stem-3.ext` … if an earlier file took the name.
fn unique_name(used: &mut HashSet<String>, stem: &str, ext: &str) -> String {
    let mut name = format!("{stem}.{ext}");
    let mut n = 2;
    while !used.insert(name.to_lowercase()) {
        name = format!("{stem}-{n}.{ext}");
        n += 1;
    }
    name
}

/// Writes the report's files into `dir`, each atomically; returns their paths.
pub fn write(dir: &Path, files: &[ReportFile]) -> Result<Vec<PathBuf>, Error> {
    files
        .iter()
        .map(|file| {
            let path = dir.join(&file.name);
            write_atomic(&path, &file.bytes)?;
            Ok(path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn one_ego_diagram_per_entity() {
        let files = build(&small(), &Filter::default()).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["graph.dot", "ego-A.dot", "ego-B.dot", "ego-C.dot"]);
    }

    #[test]
    fn clashing_names_get_a_suffix() {
        let mut used = HashSet::new();
        assert_eq!(unique_name(&mut used, "ego-a_b", "dot"), "ego-a_b.dot");
        assert_eq!(unique_name(&mut used, "ego-A_B", "dot"), "ego-A_B-2.dot");
    }
}
