//! Writing a report folder so that nothing is lost and nothing is left half
//! done.
//!
//! - **Locked**: one run at a time writes into a folder; the lock is a file
//!   beside it (`.NAME.relgraph-lock`), held for the whole write and removed
//!   after. A second run waits, saying so.
//! - **Only relgraph's files are replaced or removed**: a file of the old
//!   report goes only if the old manifest (marked as relgraph's) lists it with
//!   the size and SHA-256 it still has. Any other file is kept, and said so.
//!   A folder that holds files but no relgraph report is refused unless
//!   `force`; so is a changed report file that the new report would replace.
//! - **Atomic for the reader**: the new report is built in full in a folder
//!   beside the old one (`.NAME.relgraph-new-*`), the kept files linked into
//!   it, then the two folders are exchanged in one step (Linux
//!   `renameat2(RENAME_EXCHANGE)`). Where the file system cannot exchange,
//!   the old folder is renamed aside (`.NAME.relgraph-old-*`) and the new one
//!   into place; a run killed between the two renames leaves the old report
//!   aside, and the next run puts it back before anything else. So after any
//!   failure or kill, the folder holds the complete previous report or the
//!   complete new one.
//! - **Nothing left behind**: a handled error removes the new folder; folders
//!   beside it left by a killed run are removed by the next run (it holds the
//!   lock, so no run is using them).

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use super::ReportFile;
use super::manifest::{self, Manifest};
use crate::error::{Error, Usage};
use crate::files::{exchange, sync_folder, write_synced};

/// What writing a report did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// The report's files, in order.
    pub paths: Vec<PathBuf>,
    /// Files in the folder that relgraph did not write (or that changed since),
    /// kept as they were.
    pub kept: Vec<String>,
}

/// Writes `files` as the report in `dir`, replacing the report there.
/// `force` writes into a folder that holds no relgraph report, and replaces
/// changed report files.
pub fn write(dir: &Path, files: &[ReportFile], force: bool) -> Result<Written, Error> {
    let place = Place::of(dir)?;
    let _lock = place.lock()?;
    place.recover()?;
    let plan = Plan::make(&place.dir, files, force)?;
    let staged = Staging::create(&place)?;
    for file in files {
        // Errors name the report's file, not the folder it was staged in.
        write_synced(&staged.path.join(&file.name), &file.bytes).map_err(|err| match err {
            Error::Write { source, .. } => Error::Write {
                path: dir.join(&file.name),
                source,
            },
            other => other,
        })?;
    }
    for name in &plan.kept {
        carry(&place.dir.join(name), &staged.path.join(name))?;
    }
    sync_folder(&staged.path)?;
    place.switch_to(staged)?;
    Ok(Written {
        paths: files.iter().map(|f| dir.join(&f.name)).collect(),
        kept: plan.kept,
    })
}

/// The report folder, its parent and the names beside it.
struct Place {
    /// The folder, resolved.
    dir: PathBuf,
    /// The folder that holds it.
    parent: PathBuf,
    /// Its name.
    name: String,
}

impl Place {
    /// The folder `dir` names, resolved (a link to a folder is followed);
    /// its parent is created if missing. The current folder, or one that
    /// holds it, is refused: it would be swapped away under the user.
    fn of(dir: &Path) -> Result<Self, Error> {
        let unsafe_folder = || Error::from(Usage::UnsafeReportFolder(dir.to_owned()));
        let absolute = match dir.canonicalize() {
            Ok(absolute) => absolute,
            Err(_) => {
                let name = dir.file_name().ok_or_else(unsafe_folder)?;
                let parent = match dir.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => parent,
                    _ => Path::new("."),
                };
                fs::create_dir_all(parent).map_err(|source| Error::Write {
                    path: parent.to_owned(),
                    source,
                })?;
                let parent = parent.canonicalize().map_err(|source| Error::Read {
                    path: parent.to_owned(),
                    source,
                })?;
                parent.join(name)
            }
        };
        let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
            return Err(unsafe_folder());
        };
        if std::env::current_dir().is_ok_and(|cwd| cwd.starts_with(&absolute)) {
            return Err(unsafe_folder());
        }
        Ok(Place {
            dir: absolute.clone(),
            parent: parent.to_owned(),
            name: name.to_string_lossy().into_owned(),
        })
    }

    /// A name beside the folder: `.NAME.relgraph-WHAT`.
    fn beside(&self, what: &str) -> PathBuf {
        self.parent.join(format!(".{}.relgraph-{what}", self.name))
    }

    /// Holds the folder's lock, waiting (and saying so) while another run has it.
    fn lock(&self) -> Result<Lock, Error> {
        let path = self.beside("lock");
        let fail = |source| Error::Write {
            path: path.clone(),
            source,
        };
        loop {
            let file = File::options()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(fail)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    crate::stderr_line!(
                        "note: another relgraph is writing a report into {}: waiting for it to finish",
                        self.dir.display()
                    );
                    file.lock().map_err(fail)?;
                }
                Err(fs::TryLockError::Error(source)) => return Err(fail(source)),
            }
            // The run that held it removes the file as it finishes: a lock on
            // a removed file locks nothing, so try again on the new one.
            if is_same_file(&file, &path) {
                return Ok(Lock { file, path });
            }
        }
    }

    /// Puts back a report a killed run left aside, and removes the folders
    /// killed runs left beside this one.
    fn recover(&self) -> Result<(), Error> {
        for (path, kind) in self.leftovers()? {
            if kind == "old" && !self.dir.exists() {
                fs::rename(&path, &self.dir).map_err(|source| Error::Write {
                    path: self.dir.clone(),
                    source,
                })?;
                crate::stderr_line!(
                    "note: put back the report in {} that an interrupted run had set aside",
                    self.dir.display()
                );
            } else {
                remove_all(&path)?;
            }
        }
        Ok(())
    }

    /// Folders beside this one that runs make (`new` and `old`), oldest kind last.
    fn leftovers(&self) -> Result<Vec<(PathBuf, &'static str)>, Error> {
        let entries = fs::read_dir(&self.parent).map_err(|source| Error::Read {
            path: self.parent.clone(),
            source,
        })?;
        let prefix = format!(".{}.relgraph-", self.name);
        let mut found: Vec<(PathBuf, &'static str)> = entries
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let rest = name.strip_prefix(&prefix)?;
                let kind = ["old", "new"].into_iter().find(|k| rest.starts_with(k))?;
                Some((entry.path(), kind))
            })
            .collect();
        found.sort();
        Ok(found)
    }

    /// Makes `staged` the folder: one exchange, or two renames where the file
    /// system cannot exchange; the old report is then removed.
    fn switch_to(&self, staged: Staging) -> Result<(), Error> {
        let fail = |source| Error::Write {
            path: self.dir.clone(),
            source,
        };
        let new = staged.keep();
        if !self.dir.exists() {
            fs::rename(&new, &self.dir).map_err(fail)?;
        } else if exchange(&new, &self.dir).is_err() {
            let aside = self.beside(&format!("old-{}", unique()));
            fs::rename(&self.dir, &aside).map_err(fail)?;
            if let Err(source) = fs::rename(&new, &self.dir) {
                let _ = fs::rename(&aside, &self.dir);
                let _ = remove_all(&new);
                return Err(fail(source));
            }
            let _ = remove_all(&aside);
        } else {
            // `new` now holds the old report.
            let _ = remove_all(&new);
        }
        sync_folder(&self.parent)
    }
}

/// The lock on a report folder; its file is removed when it is released.
struct Lock {
    file: File,
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `file` is the file at `path` now.
fn is_same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// A folder being built beside the report folder; removed if dropped.
struct Staging {
    path: PathBuf,
    done: bool,
}

impl Staging {
    /// An empty folder beside `place`, with the mode the report folder has
    /// (or a new folder gets).
    fn create(place: &Place) -> Result<Self, Error> {
        let path = place.beside(&format!("new-{}", unique()));
        fs::create_dir(&path).map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
        let staging = Staging { path, done: false };
        if let Ok(meta) = fs::metadata(&place.dir) {
            let _ = fs::set_permissions(&staging.path, meta.permissions());
        }
        Ok(staging)
    }

    /// The path, no longer removed when this is dropped.
    fn keep(mut self) -> PathBuf {
        self.done = true;
        self.path.clone()
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_all(&self.path);
        }
    }
}

/// A name no other run uses at the same time: the process id and the time.
fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// Which files of the folder stay, once checked that nothing would be lost.
struct Plan {
    /// Names to carry into the new report unchanged.
    kept: Vec<String>,
}

impl Plan {
    fn make(dir: &Path, files: &[ReportFile], force: bool) -> Result<Self, Error> {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Plan { kept: Vec::new() });
            }
            Err(source) => {
                return Err(Error::Read {
                    path: dir.to_owned(),
                    source,
                });
            }
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let old = manifest::read(dir);
        if old.is_none() && !names.is_empty() && !force {
            return Err(Usage::NotAReport(dir.to_owned()).into());
        }
        let wrote = |name: &str| old.as_ref().is_some_and(|m: &Manifest| m.wrote(dir, name));
        let is_new = |name: &str| files.iter().any(|f| f.name == name);
        let mut kept = Vec::new();
        for name in names {
            let relgraphs = wrote(&name) || (name == manifest::MANIFEST && old.is_some());
            match (is_new(&name), relgraphs) {
                (_, true) => {}
                (true, false) if force => {}
                (true, false) => {
                    return Err(Usage::ChangedReportFile(dir.join(&name)).into());
                }
                (false, false) => kept.push(name),
            }
        }
        Ok(Plan { kept })
    }
}

/// Links (or, where links fail, copies) `from` to `to`, folders recursively,
/// symbolic links as links.
fn carry(from: &Path, to: &Path) -> Result<(), Error> {
    let fail = |source| Error::Write {
        path: to.to_owned(),
        source,
    };
    let meta = fs::symlink_metadata(from).map_err(|source| Error::Read {
        path: from.to_owned(),
        source,
    })?;
    if meta.is_dir() {
        fs::create_dir(to).map_err(fail)?;
        let _ = fs::set_permissions(to, meta.permissions());
        for entry in fs::read_dir(from).map_err(fail)?.flatten() {
            carry(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    #[cfg(unix)]
    if meta.file_type().is_symlink() {
        let target = fs::read_link(from).map_err(fail)?;
        return std::os::unix::fs::symlink(target, to).map_err(fail);
    }
    fs::hard_link(from, to)
        .or_else(|_| fs::copy(from, to).map(|_| ()))
        .map_err(fail)
}

fn remove_all(path: &Path) -> Result<(), Error> {
    let removed = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(_) => Ok(()),
    };
    removed.map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;
    use crate::report::tests::built;

    /// A folder to write reports into, and its parent.
    fn folder() -> (tempfile::TempDir, PathBuf) {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("report");
        (parent, dir)
    }

    /// What is beside the report folder, but its lock.
    fn beside(parent: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "report")
            .collect();
        names.sort();
        names
    }

    fn files_without(files: &[ReportFile], name: &str) -> Vec<ReportFile> {
        let fewer: Vec<ReportFile> = files
            .iter()
            .filter(|f| f.name != name && f.name != manifest::MANIFEST)
            .cloned()
            .collect();
        let manifest = manifest::build(&fewer, "00", &Default::default(), "test").unwrap();
        [fewer, vec![manifest]].concat()
    }

    #[test]
    fn stale_report_files_go_and_the_users_files_stay() {
        let (parent, dir) = folder();
        let files = built(&small()).files;
        write(&dir, &files, false).unwrap();
        fs::write(dir.join("notes.txt"), "mine").unwrap();
        let written = write(&dir, &files_without(&files, "ego-C.dot"), false).unwrap();
        assert!(!dir.join("ego-C.dot").exists());
        assert!(dir.join("ego-A.dot").exists());
        assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
        assert_eq!(written.kept, ["notes.txt"]);
        assert!(
            beside(parent.path()).is_empty(),
            "{:?}",
            beside(parent.path())
        );
    }

    #[test]
    fn a_manifest_relgraph_did_not_write_deletes_nothing() {
        let (_parent, dir) = folder();
        let files = built(&small()).files;
        write(&dir, &files, false).unwrap();
        fs::write(dir.join("thesis.docx"), "years of work").unwrap();
        let forged = r#"{"generator": "relgraph", "relgraph_version": "0.1.0", "input_sha256": "00",
            "renderer": "x", "files": [{"name": "thesis.docx", "bytes": 13, "sha256": "00"}]}"#;
        fs::write(dir.join(manifest::MANIFEST), forged).unwrap();
        // The forged manifest vouches for none of the report's files.
        assert!(write(&dir, &files, false).is_err());
        let written = write(&dir, &files, true).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("thesis.docx")).unwrap(),
            "years of work"
        );
        assert_eq!(written.kept, ["thesis.docx"]);
    }

    #[test]
    fn a_folder_of_other_files_needs_force_and_keeps_them() {
        let (_parent, dir) = folder();
        fs::create_dir_all(dir.join("drafts")).unwrap();
        fs::write(dir.join("drafts/a.txt"), "draft").unwrap();
        fs::write(dir.join("report.md"), "my own report").unwrap();
        let files = built(&small()).files;
        let err = write(&dir, &files, false).unwrap_err();
        assert_eq!(err.code(), 2);
        assert!(
            err.to_string().contains("no report relgraph wrote"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(dir.join("report.md")).unwrap(),
            "my own report"
        );
        write(&dir, &files, true).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("drafts/a.txt")).unwrap(),
            "draft"
        );
        assert!(
            fs::read_to_string(dir.join("report.md"))
                .unwrap()
                .contains("Alpha")
        );
    }

    #[test]
    fn a_changed_report_file_is_not_replaced_without_force() {
        let (_parent, dir) = folder();
        let files = built(&small()).files;
        write(&dir, &files, false).unwrap();
        fs::write(dir.join("report.md"), "edited by hand").unwrap();
        let err = write(&dir, &files, false).unwrap_err();
        assert!(
            err.to_string().contains("changed since relgraph wrote it"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(dir.join("report.md")).unwrap(),
            "edited by hand"
        );
        write(&dir, &files, true).unwrap();
        assert_ne!(
            fs::read_to_string(dir.join("report.md")).unwrap(),
            "edited by hand"
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_report_whole_and_nothing_beside() {
        let (parent, dir) = folder();
        let files = built(&small()).files;
        write(&dir, &files, false).unwrap();
        let before = fs::read(dir.join("report.md")).unwrap();
        let mut broken = files_without(&files, "ego-C.dot");
        broken.insert(
            0,
            ReportFile {
                name: "no-such-folder/x.dot".into(),
                bytes: b"x".to_vec(),
            },
        );
        assert!(write(&dir, &broken, false).is_err());
        assert_eq!(fs::read(dir.join("report.md")).unwrap(), before);
        assert!(dir.join("ego-C.dot").exists());
        assert!(
            beside(parent.path()).is_empty(),
            "{:?}",
            beside(parent.path())
        );
    }

    #[test]
    fn a_report_set_aside_by_a_killed_run_is_put_back() {
        let (parent, dir) = folder();
        let files = built(&small()).files;
        write(&dir, &files, false).unwrap();
        let aside = parent.path().join(".report.relgraph-old-1-2");
        fs::rename(&dir, &aside).unwrap();
        let stale = parent.path().join(".report.relgraph-new-1-3");
        fs::create_dir(&stale).unwrap();
        fs::write(stale.join("half.svg"), "<svg").unwrap();
        fs::write(aside.join("notes.txt"), "mine").unwrap();
        write(&dir, &files, false).unwrap();
        assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
        assert!(
            beside(parent.path()).is_empty(),
            "{:?}",
            beside(parent.path())
        );
    }

    #[test]
    fn a_second_writer_waits_for_the_lock() {
        let (_parent, dir) = folder();
        let files = built(&small()).files;
        let place = Place::of(&dir).unwrap();
        let held = place.lock().unwrap();
        let writer = {
            let (dir, files) = (dir.clone(), files.clone());
            std::thread::spawn(move || write(&dir, &files, false).map(|_| ()))
        };
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(!dir.exists(), "wrote while another held the lock");
        drop(held);
        writer.join().unwrap().unwrap();
        assert!(dir.join("report.md").exists());
    }

    #[test]
    fn the_current_folder_is_refused() {
        let err = write(Path::new("."), &[], false).unwrap_err();
        assert_eq!(err.code(), 2);
    }
}
