//! Document paths such as `relations[12].target`: a place in the
//! format-neutral document, which a reader turns into a place in its input.

use std::fmt;

/// One step of a [`DocPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A field of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// A place in a JSON document, from its root.
///
/// ```
/// use relgraph::diagnostic::DocPath;
///
/// let path = DocPath::element("relations", 12).key("target");
/// assert_eq!(path.to_string(), "relations[12].target");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocPath(pub Vec<Segment>);

impl DocPath {
    /// The document's root.
    pub fn root() -> Self {
        DocPath(Vec::new())
    }

    /// `collection[index]`, the usual start of a path into a graph file.
    pub fn element(collection: &str, index: usize) -> Self {
        DocPath(vec![
            Segment::Key(collection.to_owned()),
            Segment::Index(index),
        ])
    }

    /// This path followed by a field.
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        DocPath(segments)
    }

    /// This path followed by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        DocPath(segments)
    }

    /// Converts the path that `serde_path_to_error` reports, below `prefix`.
    pub fn from_serde(prefix: &DocPath, path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment as S;
        let mut segments = prefix.0.clone();
        for segment in path.iter() {
            match segment {
                S::Seq { index } => segments.push(Segment::Index(*index)),
                S::Map { key } | S::Enum { variant: key } => {
                    segments.push(Segment::Key(key.clone()))
                }
                S::Unknown => break,
            }
        }
        DocPath(segments)
    }
}

impl fmt::Display for DocPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(root)");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_javascript_accessors() {
        let path = DocPath::element("relations", 12)
            .key("evidence")
            .index(0)
            .key("quote");
        assert_eq!(path.to_string(), "relations[12].evidence[0].quote");
        assert_eq!(DocPath::root().to_string(), "(root)");
    }
}
