//! Writing output files safely: atomically (temporary file, then rename), and
//! under names made safe from data.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Usage};

/// Writes `bytes` to `path`: atomically for a file, creating parent folders.
///
/// - A regular file (new or existing): the bytes go to a temporary file in
///   the same folder, synced to disk, which is renamed over `path` only once
///   complete, so a failure never leaves a half-written file. A new file gets
///   the mode a new file gets (0666 less the umask); a replaced file keeps its
///   mode.
/// - A symbolic link is followed: the file it points to is written as above,
///   and the link stays.
/// - A pipe (FIFO) or a character device (`/dev/stdout`, `/dev/null`) is
///   written to as it is, never replaced.
/// - A folder or any other kind of file is an error.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Writes what `write` writes to `path`, as [`write_atomic`] does, through
/// a buffer: the text is never held whole.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => {
            let real = path.canonicalize().map_err(|source| Error::Read {
                path: path.to_owned(),
                source,
            })?;
            replace_file(&real, write)
        }
        Ok(meta) if is_stream(&meta) => write_through(path, write),
        Ok(meta) if meta.is_dir() => Err(Usage::OutIsAFolder(path.to_owned()).into()),
        Ok(_) => Err(Usage::OutIsSpecial(path.to_owned()).into()),
        Err(_) => replace_file(&link_target(path)?, write),
    }
}

/// The file a path names: the path itself, or where its symbolic links lead
/// (also when the last one leads to a file not yet made).
fn link_target(path: &Path) -> Result<std::path::PathBuf, Error> {
    let mut target = path.to_owned();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = std::fs::read_link(&target).map_err(|source| Error::Read {
                    path: target.clone(),
                    source,
                })?;
                target = match target.parent() {
                    Some(parent) => parent.join(next),
                    None => next,
                };
            }
            _ => return Ok(target),
        }
    }
    Err(Error::Write {
        path: path.to_owned(),
        source: std::io::Error::other("too many levels of symbolic links"),
    })
}

/// Whether a file is a pipe or a character device: written to, never replaced.
fn is_stream(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        meta.file_type().is_fifo() || meta.file_type().is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

fn write_through(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|stream| write_buffered(stream, write).map(drop))
        .map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
}

/// Size of the buffer between a format and the file it writes.
const WRITE_BUFFER: usize = 1 << 20;

/// Runs `write` on `file` through a buffer, flushed; gives the file back.
pub fn write_buffered<W: Write>(
    file: W,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<W> {
    let mut buffered = std::io::BufWriter::with_capacity(WRITE_BUFFER, file);
    write(&mut buffered)?;
    buffered
        .into_inner()
        .map_err(std::io::IntoInnerError::into_error)
}

/// Replaces (or makes) the regular file `path` atomically.
fn replace_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(fail)?;
    let file = temporary_file().tempfile_in(parent).map_err(fail)?;
    if let Ok(existing) = std::fs::metadata(path) {
        file.as_file()
            .set_permissions(existing.permissions())
            .map_err(fail)?;
    }
    write_as_produced(file.as_file(), write).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    file.persist(path).map_err(|err| fail(err.error))?;
    Ok(())
}

/// Bytes handed at a time to the thread that writes a file.
const CHUNK: usize = 1 << 20;

/// Bytes written between two syncs of a file being written.
const SYNC_EVERY: usize = 64 << 20;

/// Runs `write` on `file` while a second thread writes what it produces
/// and syncs it every [`SYNC_EVERY`] bytes, so the disk works while the
/// text is being made instead of all at the end; at most a few
/// [`CHUNK`]s wait in memory. The file's last bytes are left to sync.
fn write_as_produced(
    file: &std::fs::File,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut target = file.try_clone()?;
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<u8>>(2);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> std::io::Result<()> {
            let mut unsynced = 0;
            for chunk in receiver {
                target.write_all(&chunk)?;
                unsynced += chunk.len();
                if unsynced >= SYNC_EVERY {
                    target.sync_data()?;
                    unsynced = 0;
                }
            }
            Ok(())
        });
        let mut chunks = Chunks {
            sender,
            buffer: Vec::with_capacity(CHUNK),
        };
        let produced = write(&mut chunks).and_then(|()| chunks.send());
        drop(chunks);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the writing thread failed")));
        // A failed write (a full disk) stops the producer too: report it first.
        written.and(produced)
    })
}

/// A writer that gathers bytes into chunks for the thread that writes them.
struct Chunks {
    sender: std::sync::mpsc::SyncSender<Vec<u8>>,
    buffer: Vec<u8>,
}

impl Chunks {
    /// Hands the gathered bytes to the writing thread.
    fn send(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let full = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK));
        self.sender
            .send(full)
            .map_err(|_| std::io::Error::other("the writing thread stopped"))
    }
}

impl Write for Chunks {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let taken = buf.len().min(CHUNK - self.buffer.len());
        self.buffer.extend_from_slice(&buf[..taken]);
        if self.buffer.len() == CHUNK {
            self.send()?;
        }
        Ok(taken)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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

/// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`;
/// elsewhere an `Unsupported` error).
pub fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
    }
}

/// A file of a folder written by [`write_folder_atomic`]: its name and
/// what writes its contents.
pub type FolderFile<'a> = (&'a str, &'a dyn Fn(&mut dyn Write) -> std::io::Result<()>);

/// Writes `files` as the folder `dir`, all or nothing: they are written in
/// full into a new folder beside it, which then takes its place, so a
/// reader sees the old set of files or the new one. A folder already there
/// may hold only files of these names (an earlier export); anything else
/// there is refused rather than removed. New files get the mode new files get.
pub fn write_folder_atomic(dir: &Path, files: &[FolderFile<'_>]) -> Result<(), Error> {
    let fail = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Write { path, source }
    };
    check_replaceable(dir, files)?;
    let parent = match dir.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(fail(parent))?;
    let name = dir
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy());
    remove_abandoned(parent, &name);
    let staged = parent.join(format!(".{name}.relgraph-new-{}", std::process::id()));
    // A new folder gets the mode new folders get; a replaced one keeps its own.
    std::fs::create_dir(&staged).map_err(fail(parent))?;
    if let Ok(meta) = std::fs::metadata(dir) {
        let _ = std::fs::set_permissions(&staged, meta.permissions());
    }
    let written = write_staged(&staged, dir, files);
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&staged);
    }
    written?;
    let switched = if dir.exists() {
        exchange(&staged, dir).or_else(|_| {
            let aside = parent.join(format!(".{name}.relgraph-old-{}", std::process::id()));
            std::fs::rename(dir, &aside)?;
            std::fs::rename(&staged, dir).inspect_err(|_| {
                let _ = std::fs::rename(&aside, dir);
            })?;
            std::fs::rename(&aside, &staged)
        })
    } else {
        std::fs::rename(&staged, dir)
    };
    let _ = std::fs::remove_dir_all(&staged);
    switched.map_err(fail(dir))?;
    sync_folder(parent)
}

/// Removes the folders that killed runs left beside `name` in `parent`
/// (`.NAME.relgraph-new-PID` or `-old-PID`, the process no longer running).
fn remove_abandoned(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.relgraph-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_prefix("new-").or(rest.strip_prefix("old-")))
            .and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| !process_is_running(pid)) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether process `pid` is another run still going (always "yes" where
/// that cannot be told, so nothing of a running export is removed).
fn process_is_running(pid: u32) -> bool {
    let linux = cfg!(target_os = "linux");
    pid != std::process::id() && (!linux || Path::new(&format!("/proc/{pid}")).exists())
}

/// Writes `files` into the folder `staged`, synced; errors name the file in `dir`.
fn write_staged(staged: &Path, dir: &Path, files: &[FolderFile<'_>]) -> Result<(), Error> {
    for (name, write) in files {
        std::fs::File::create(staged.join(name))
            .and_then(|file| write_buffered(file, write))
            .and_then(|file| file.sync_all())
            .map_err(|source| Error::Write {
                path: dir.join(name),
                source,
            })?;
    }
    sync_folder(staged)
}

/// Refuses a `dir` that is not a folder, or that holds anything but files
/// named as `files` are.
fn check_replaceable(dir: &Path, files: &[FolderFile<'_>]) -> Result<(), Error> {
    let holds_cwd = match (dir.canonicalize(), std::env::current_dir()) {
        (Ok(dir), Ok(cwd)) => cwd.starts_with(dir),
        _ => false,
    };
    if holds_cwd || dir.file_name().is_none() {
        return Err(Usage::UnsafeOutFolder(dir.to_owned()).into());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(_) if dir.exists() => return Err(Usage::OutIsAFile(dir.to_owned()).into()),
        Err(_) => return Ok(()),
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_ours = files.iter().any(|(ours, _)| name.as_os_str() == *ours);
        if !is_ours || !entry.file_type().is_ok_and(|t| t.is_file()) {
            return Err(Usage::FolderHoldsOtherFiles {
                folder: dir.to_owned(),
                file: name.to_string_lossy().into_owned(),
            }
            .into());
        }
    }
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

/// Longest stem [`safe_stem`] makes, in bytes: with a prefix and an
/// extension, file names stay far below the usual 255-byte limit.
pub const MAX_STEM: usize = 80;

/// A file-name stem made from an id: ASCII letters, digits, `-` and `_` kept,
/// anything else replaced by `_`; never empty, never a hidden or relative
/// name, never longer than [`MAX_STEM`] (a long one keeps its start and ends
/// in part of the id's SHA-256, so different ids keep different stems).
///
/// ```
/// use relgraph::files::safe_stem;
/// assert_eq!(safe_stem("../etc/passwd"), "___etc_passwd");
/// let long = safe_stem(&"x".repeat(300));
/// assert_eq!(long.len(), 80);
/// assert_ne!(long, safe_stem(&"x".repeat(301)));
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
    } else if stem.len() > MAX_STEM {
        let hash = sha256_hex(id.as_bytes());
        format!("{}-{}", &stem[..MAX_STEM - 17], &hash[..16])
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
    fn large_outputs_are_written_whole_and_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let lines: Vec<String> = (0..300_000).map(|n| format!("line {n}\n")).collect();
        write_atomic_with(&path, |out| {
            lines
                .iter()
                .try_for_each(|line| out.write_all(line.as_bytes()))
        })
        .unwrap();
        assert!(std::fs::read(&path).unwrap() == lines.concat().into_bytes());
    }

    #[test]
    fn a_failing_format_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kept.txt");
        std::fs::write(&path, b"old").unwrap();
        let failed = write_atomic_with(&path, |out| {
            out.write_all(&[b'x'; 3 << 20])?;
            Err(std::io::Error::other("format failed"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
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

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.dot");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.dot");
        std::os::unix::fs::symlink("real.dot", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let dangling = dir.path().join("dangling.dot");
        std::os::unix::fs::symlink("made.dot", &dangling).unwrap();
        write_atomic(&dangling, b"made").unwrap();
        assert_eq!(std::fs::read(dir.path().join("made.dot")).unwrap(), b"made");
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert_eq!(err.code(), 2);
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
