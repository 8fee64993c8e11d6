//! Writing output files safely: atomically (temporary file, then rename), and
//! under names made safe from data.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Usage};

/// Writes `bytes` to `path` atomically, creating parent folders.
///
/// The bytes go to a temporary file in the same folder, synced to disk, which
/// is renamed over `path` only once complete, so a failure never leaves a
/// half-written file. A new file gets the mode a new file gets (0666 less the
/// umask); a replaced file keeps its mode.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(fail)?;
    let mut file = temporary_file().tempfile_in(parent).map_err(fail)?;
    if let Ok(existing) = std::fs::metadata(path) {
        file.as_file()
            .set_permissions(existing.permissions())
            .map_err(fail)?;
    }
    file.write_all(bytes).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    file.persist(path).map_err(|err| fail(err.error))?;
    Ok(())
}

/// Writes `bytes` to a new file at `path` and syncs it to disk: for files
/// staged before being renamed into place, as the report's are. The file
/// gets the mode a new file gets.
pub fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::create(path).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)
}

/// Syncs a folder, so that renames into it survive a crash.
pub fn sync_folder(dir: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|folder| folder.sync_all())
        .map_err(|source| Error::Write {
            path: dir.to_owned(),
            source,
        })?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A temporary-file builder whose files get the mode a new file gets: 0666,
/// less the umask, which the system takes off (tempfile's default is 0600).
fn temporary_file<'a>() -> tempfile::Builder<'a, 'a> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".relgraph-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder
}

/// Refuses to write to `path` when it is the graph file being read.
pub fn ensure_not_input(path: &Path, input: Option<&Path>) -> Result<(), Error> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    match input {
        Some(input) if same(path, input) => Err(Usage::OverwritesInput(path.to_owned()).into()),
        _ => Ok(()),
    }
}

/// SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A file-name stem made from an id: ASCII letters, digits, `-` and `_` kept,
/// anything else replaced by `_`; never empty, never a hidden or relative name.
///
/// ```
/// assert_eq!(relgraph::files::safe_stem("../etc/passwd"), "___etc_passwd");
/// ```
pub fn safe_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if stem.is_empty() {
        "_".to_owned()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn stems_are_safe() {
        assert_eq!(safe_stem("RUS"), "RUS");
        assert_eq!(safe_stem("../etc/passwd"), "___etc_passwd");
        assert_eq!(safe_stem("Ко рея"), "______");
        assert_eq!(safe_stem(""), "_");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let fresh = dir.path().join("new.dot");
        write_atomic(&fresh, b"new").unwrap();
        let umask_mode = {
            let probe = dir.path().join("probe");
            std::fs::write(&probe, b"").unwrap();
            mode(&probe)
        };
        assert_eq!(mode(&fresh), umask_mode);
        let kept = dir.path().join("kept.dot");
        std::fs::write(&kept, b"old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&kept, b"new").unwrap();
        assert_eq!(mode(&kept), 0o640);
        assert_eq!(std::fs::read(&kept).unwrap(), b"new");
    }

    #[test]
    fn writes_through_missing_folders_and_replaces_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/out.dot");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1);
    }
}
