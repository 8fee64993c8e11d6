//! `relgraph report`: the folder of diagrams for a report.
//!
//! - `graph.dot`: the whole graph, legend included;
//! - `blocs.dot`: the same, clustered and coloured by bloc;
//! - `ego-<id>.dot`: each entity with its partners (radius 1);
//! - `type-<id>.dot`: the relations of each type;
//! - `manifest.json`: every file with its SHA-256, the input graph's SHA-256
//!   and the relgraph version.
//!
//! File names are made safe from ids. Files are built in memory, written
//! into a staging folder, then each renamed into place, so a failure while
//! building leaves the previous report intact; files of the previous report
//! that the new one no longer has (listed in its manifest) are removed.

pub mod manifest;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::analysis::blocs::bloc_grouping;
use crate::error::Error;
use crate::export::Export;
use crate::export::dot::{DiagramOf, DotExport, RankDir};
use crate::files::safe_stem;
use crate::graph::{Filter, RelGraph};
use crate::query::diagram::{Diagram, DiagramSpec, diagram};
pub use manifest::MANIFEST;

/// What a report holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    /// File name inside the report folder.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Builds every file of the report, in a stable order, the manifest last.
///
/// `input_sha256` identifies the graph file the report was made from.
pub fn build(
    graph: &RelGraph,
    filter: &Filter,
    input_sha256: &str,
) -> Result<Vec<ReportFile>, Error> {
    let title = graph.data.doc.title.clone();
    let mut files = Vec::new();
    let mut used = HashSet::new();
    let mut add = |stem: String, title: String, selection: Diagram| -> Result<(), Error> {
        let style = DotExport {
            title,
            rankdir: RankDir::Lr,
            legend: true,
        };
        let bytes = style.export(&DiagramOf {
            graph,
            diagram: &selection,
        })?;
        files.push(ReportFile {
            name: unique_name(&mut used, &stem, "dot"),
            bytes,
        });
        Ok(())
    };
    add(
        "graph".into(),
        title.clone(),
        diagram(graph, filter, DiagramSpec::default()),
    )?;
    add(
        "blocs".into(),
        format!("{title}: blocs"),
        bloc_diagram(graph, filter),
    )?;
    for (index, entity) in graph.data.doc.entities.iter().enumerate() {
        let spec = DiagramSpec {
            ego: Some(index as u32),
            radius: 1,
            merge: false,
        };
        let name = format!("{title}: {} and its partners", entity.name);
        add(
            format!("ego-{}", safe_stem(&entity.id)),
            name,
            diagram(graph, filter, spec),
        )?;
    }
    for (index, relation_type) in graph.data.doc.relation_types.iter().enumerate() {
        let only = Filter {
            types: vec![index as u32],
            ..filter.clone()
        };
        let selection = diagram(graph, &only, DiagramSpec::default());
        if !selection.edges.is_empty() {
            let name = format!("{title}: {}", relation_type.label);
            add(
                format!("type-{}", safe_stem(&relation_type.id)),
                name,
                selection,
            )?;
        }
    }
    let manifest = manifest::build(&files, input_sha256)?;
    files.push(manifest);
    Ok(files)
}

/// The whole graph clustered and coloured by the blocs of `relgraph blocs`.
fn bloc_diagram(graph: &RelGraph, filter: &Filter) -> Diagram {
    let groups = bloc_grouping(graph, filter);
    let mut selection = diagram(graph, filter, DiagramSpec::default());
    selection.fills = Some(groups.clone());
    selection.clusters = Some(groups);
    selection
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

/// Writes the report's files into `dir`; returns their paths.
///
/// Every file is first written in full to a staging folder inside `dir`;
/// only then are they renamed into place, one atomic rename each. Files the
/// previous report listed in its manifest and this one does not are removed.
pub fn write(dir: &Path, files: &[ReportFile]) -> Result<Vec<PathBuf>, Error> {
    let fail = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Write { path, source }
    };
    std::fs::create_dir_all(dir).map_err(fail(dir))?;
    let previous = manifest::listed_files(dir);
    let staging = tempfile::Builder::new()
        .prefix(".relgraph-report-")
        .tempdir_in(dir)
        .map_err(fail(dir))?;
    for file in files {
        let staged = staging.path().join(&file.name);
        std::fs::write(&staged, &file.bytes).map_err(fail(&staged))?;
    }
    let mut written = Vec::with_capacity(files.len());
    for file in files {
        let target = dir.join(&file.name);
        std::fs::rename(staging.path().join(&file.name), &target).map_err(fail(&target))?;
        written.push(target);
    }
    let current: HashSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
    for stale in previous
        .iter()
        .filter(|name| !current.contains(name.as_str()))
    {
        let path = dir.join(stale);
        if path.is_file() {
            std::fs::remove_file(&path).map_err(fail(&path))?;
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn one_ego_diagram_per_entity_and_one_per_used_type() {
        let files = build(&small(), &Filter::default(), "00").unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "graph.dot",
                "blocs.dot",
                "ego-A.dot",
                "ego-B.dot",
                "ego-C.dot",
                "type-ally.dot",
                "type-sanction.dot",
                "type-supply.dot",
                "manifest.json"
            ]
        );
    }

    #[test]
    fn clashing_names_get_a_suffix() {
        let mut used = HashSet::new();
        assert_eq!(unique_name(&mut used, "ego-a_b", "dot"), "ego-a_b.dot");
        assert_eq!(unique_name(&mut used, "ego-A_B", "dot"), "ego-A_B-2.dot");
    }

    #[test]
    fn rewriting_removes_stale_report_files_and_keeps_others() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let files = build(&small(), &Filter::default(), "00").unwrap();
        write(dir.path(), &files).unwrap();
        let fewer: Vec<ReportFile> = files
            .iter()
            .filter(|f| f.name != "ego-C.dot")
            .cloned()
            .collect();
        let fewer = [
            &fewer[..fewer.len() - 1],
            &[manifest::build(&fewer[..fewer.len() - 1], "00").unwrap()],
        ]
        .concat();
        write(dir.path(), &fewer).unwrap();
        assert!(!dir.path().join("ego-C.dot").exists());
        assert!(dir.path().join("ego-A.dot").exists());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "mine"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".relgraph")
            })
            .collect();
        assert!(leftovers.is_empty());
    }
}
