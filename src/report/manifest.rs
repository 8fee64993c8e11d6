//! `manifest.json`: what a report folder holds, with checksums, so a reader
//! can tell which graph and which relgraph made it and whether a file changed.

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
}

/// The manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The relgraph version that wrote the report.
    pub relgraph_version: String,
    /// SHA-256 of the input graph file, in hex.
    pub input_sha256: String,
    /// What drew the SVGs (Graphviz and its version, or the built-in renderer).
    pub renderer: String,
    /// Every other file of the report, in order.
    pub files: Vec<ManifestEntry>,
}

/// The manifest of `files`, drawn by `renderer`, as a report file.
pub fn build(
    files: &[ReportFile],
    input_sha256: &str,
    renderer: &str,
) -> Result<ReportFile, Error> {
    let manifest = Manifest {
        relgraph_version: env!("CARGO_PKG_VERSION").to_owned(),
        input_sha256: input_sha256.to_owned(),
        renderer: renderer.to_owned(),
        files: files
            .iter()
            .map(|f| ManifestEntry {
                name: f.name.clone(),
                bytes: f.bytes.len(),
                sha256: sha256_hex(&f.bytes),
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

/// Names of the files the manifest in `dir` lists (none if it has none),
/// the manifest itself included.
pub fn listed_files(dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read(dir.join(MANIFEST)) else {
        return Vec::new();
    };
    let Ok(manifest) = serde_json::from_slice::<Manifest>(&text) else {
        return Vec::new();
    };
    manifest
        .files
        .into_iter()
        .map(|f| f.name)
        .filter(|name| is_plain_name(name))
        .chain(std::iter::once(MANIFEST.to_owned()))
        .collect()
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
