//! `manifest.json`: what a report folder holds, with checksums, so a reader
//! can tell which graph and which relgraph made it and whether a file changed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ReportFile;
use crate::error::Error;
use crate::files::sha256_hex;

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";

/// One file of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// File name inside the report folder.
    pub name: String,
    /// Size in bytes.
    pub bytes: usize,
    /// SHA-256 of its content, in hex.
    pub sha256: String,
    /// For a drawing: SHA-256 of the DOT file it was drawn from, in hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drawn_from: Option<String>,
    /// For a drawing: what drew it (Graphviz and its version, or `built-in`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renderer: Option<String>,
}

/// How a drawing of the report was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// SHA-256 of the DOT file it was drawn from, in hex.
    pub dot_sha256: String,
    /// What drew it.
    pub renderer: String,
}

/// What every manifest relgraph writes says in its `generator` field.
pub const GENERATOR: &str = "relgraph";

/// The manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`GENERATOR`]: marks the folder as a report relgraph wrote.
    #[serde(default)]
    pub generator: String,
    /// The relgraph version that wrote the report.
    pub relgraph_version: String,
    /// SHA-256 of the input graph file, in hex.
    pub input_sha256: String,
    /// What drew the SVGs (Graphviz and its version, or the built-in
    /// renderer; several, comma-separated, when kept drawings were made by
    /// another).
    pub renderer: String,
    /// Every other file of the report, in order.
    pub files: Vec<ManifestEntry>,
}

/// The manifest of `files`, whose drawings were made as `drawn` says (by
/// file name), as a report file; `renderer` is named when nothing was drawn.
pub fn build(
    files: &[ReportFile],
    input_sha256: &str,
    drawn: &BTreeMap<String, Drawn>,
    renderer: &str,
) -> Result<ReportFile, Error> {
    let renderers: BTreeSet<&str> = drawn.values().map(|d| d.renderer.as_str()).collect();
    let manifest = Manifest {
        generator: GENERATOR.to_owned(),
        relgraph_version: env!("CARGO_PKG_VERSION").to_owned(),
        input_sha256: input_sha256.to_owned(),
        renderer: if renderers.is_empty() {
            renderer.to_owned()
        } else {
            renderers.into_iter().collect::<Vec<_>>().join(", ")
        },
        files: files
            .iter()
            .map(|f| ManifestEntry {
                name: f.name.clone(),
                bytes: f.bytes.len(),
                sha256: sha256_hex(&f.bytes),
                drawn_from: drawn.get(&f.name).map(|d| d.dot_sha256.clone()),
                renderer: drawn.get(&f.name).map(|d| d.renderer.clone()),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).map_err(|err| Error::Format {
        format: "JSON",
        reason: err.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(ReportFile {
        name: MANIFEST.to_owned(),
        bytes,
    })
}

/// The manifest in `dir`, when there is one that relgraph wrote (it has the
/// `generator` marker, or is of a relgraph from before the marker).
pub fn read(dir: &Path) -> Option<Manifest> {
    let text = std::fs::read(dir.join(MANIFEST)).ok()?;
    let manifest: Manifest = serde_json::from_slice(&text).ok()?;
    let marked = manifest.generator == GENERATOR
        || (manifest.generator.is_empty() && !manifest.relgraph_version.is_empty());
    marked.then_some(manifest)
}

impl Manifest {
    /// Whether `dir/name` is a file this manifest lists with the size and
    /// SHA-256 it has now: proof that relgraph wrote it and nobody changed it.
    pub fn wrote(&self, dir: &Path, name: &str) -> bool {
        if !is_plain_name(name) {
            return false;
        }
        let Some(entry) = self.files.iter().find(|e| e.name == name) else {
            return false;
        };
        let path = dir.join(name);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() && meta.len() as usize == entry.bytes => {
                std::fs::read(&path).is_ok_and(|bytes| sha256_hex(&bytes) == entry.sha256)
            }
            _ => false,
        }
    }
}

/// A bare file name: no folders, nothing hidden, so a manifest can never
/// make relgraph delete anything outside the report folder.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_trusted() {
        assert!(is_plain_name("ego-RUS.dot"));
        assert!(!is_plain_name("../graph.json"));
        assert!(!is_plain_name(".hidden"));
        assert!(!is_plain_name("a/b"));
    }
}
