//! Drawings of the report already in the folder, kept when their DOT is
//! unchanged.
//!
//! A drawing is kept when the earlier report's manifest lists it with the
//! SHA-256 of the DOT it was drawn from, that DOT is the new one byte for
//! byte, the file still has the size and SHA-256 the manifest gives, and it
//! was drawn by Graphviz or by the renderer drawing now. So a machine
//! without Graphviz never replaces Graphviz drawings with its own, and a
//! checkout's committed report stays as it is when nothing changed; a
//! built-in drawing is redrawn once Graphviz is there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::manifest::{self, ManifestEntry};
use crate::files::sha256_hex;

/// The drawings a report folder already holds, by SVG file name.
#[derive(Debug, Clone, Default)]
pub struct Earlier {
    folder: PathBuf,
    drawings: BTreeMap<String, ManifestEntry>,
}

/// A drawing kept from the earlier report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    /// The SVG.
    pub bytes: Vec<u8>,
    /// What drew it.
    pub renderer: String,
}

/// Whether `renderer` names Graphviz (any version).
pub fn is_graphviz(renderer: &str) -> bool {
    renderer.starts_with("Graphviz")
}

impl Earlier {
    /// The drawings of the relgraph report in `folder`; none when it holds
    /// no report relgraph wrote.
    pub fn read(folder: &Path) -> Self {
        let drawings = manifest::read(folder)
            .map(|m| {
                m.files
                    .into_iter()
                    .filter(|e| e.drawn_from.is_some() && e.renderer.is_some())
                    .map(|e| (e.name.clone(), e))
                    .collect()
            })
            .unwrap_or_default();
        Earlier {
            folder: folder.to_owned(),
            drawings,
        }
    }

    /// The drawing `name`, when it was drawn from a DOT whose SHA-256 is
    /// `dot_sha256`, is intact, and `current` (the renderer drawing now)
    /// would not draw it better.
    pub fn reusable(&self, name: &str, dot_sha256: &str, current: &str) -> Option<Kept> {
        let entry = self.drawings.get(name)?;
        let renderer = entry.renderer.as_deref()?;
        if entry.drawn_from.as_deref() != Some(dot_sha256)
            || !(is_graphviz(renderer) || renderer == current)
        {
            return None;
        }
        let bytes = std::fs::read(self.folder.join(name)).ok()?;
        (bytes.len() == entry.bytes && sha256_hex(&bytes) == entry.sha256).then(|| Kept {
            bytes,
            renderer: renderer.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(svg: &[u8], renderer: &str, drawn_from: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("graph.svg"), svg).unwrap();
        let manifest = serde_json::json!({
            "generator": "relgraph", "relgraph_version": "0", "input_sha256": "",
            "renderer": renderer,
            "files": [{"name": "graph.svg", "bytes": svg.len(), "sha256": sha256_hex(svg),
                       "drawn_from": drawn_from, "renderer": renderer}]
        });
        std::fs::write(dir.path().join("manifest.json"), manifest.to_string()).unwrap();
        dir
    }

    #[test]
    fn a_graphviz_drawing_of_the_same_dot_is_kept_by_any_renderer() {
        let dir = folder_with(b"<svg/>", "Graphviz 2.43.0", "d1");
        let earlier = Earlier::read(dir.path());
        let kept = earlier.reusable("graph.svg", "d1", "built-in").unwrap();
        assert_eq!(kept.bytes, b"<svg/>");
        assert_eq!(kept.renderer, "Graphviz 2.43.0");
        assert!(
            earlier
                .reusable("graph.svg", "d1", "Graphviz 9.0.0")
                .is_some()
        );
    }

    #[test]
    fn a_changed_dot_or_svg_is_drawn_again() {
        let dir = folder_with(b"<svg/>", "Graphviz 2.43.0", "d1");
        let earlier = Earlier::read(dir.path());
        assert!(earlier.reusable("graph.svg", "d2", "built-in").is_none());
        std::fs::write(dir.path().join("graph.svg"), b"<svg></svg>").unwrap();
        assert!(earlier.reusable("graph.svg", "d1", "built-in").is_none());
    }

    #[test]
    fn a_built_in_drawing_is_redrawn_when_graphviz_is_there() {
        let dir = folder_with(b"<svg/>", "built-in", "d1");
        let earlier = Earlier::read(dir.path());
        assert!(
            earlier
                .reusable("graph.svg", "d1", "Graphviz 2.43.0")
                .is_none()
        );
        assert!(earlier.reusable("graph.svg", "d1", "built-in").is_some());
    }

    #[test]
    fn a_folder_without_a_report_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            Earlier::read(dir.path())
                .reusable("graph.svg", "d1", "built-in")
                .is_none()
        );
    }
}
