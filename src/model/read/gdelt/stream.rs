//! Reading export files as chunks of whole lines, plain or gzip (told by
//! the first bytes, whatever the file's name), on a thread of its own so
//! that reading and decompressing overlap with parsing.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender};

use flate2::bufread::MultiGzDecoder;

use crate::error::Error;

/// Bytes read at a time (a chunk ends at the last line break in them).
pub const CHUNK: usize = 4 << 20;

/// The longest line accepted: GDELT rows are a few hundred bytes.
const MAX_LINE: usize = 16 << 20;

/// Told how many more bytes of the input files were read (compressed
/// bytes, for a gzip file).
pub type Progress<'a> = &'a (dyn Fn(u64) + Sync);

/// Whole lines of one file.
#[derive(Debug)]
pub struct Chunk {
    /// Which file (its position in the list).
    pub file: usize,
    /// The lines, each ending in a line break but perhaps the file's last.
    pub bytes: Vec<u8>,
}

/// Why sending stopped.
enum Stop {
    /// A file could not be read.
    Failed(Error),
    /// The receiver is gone (it stopped at an error of its own).
    Gone,
}

/// Where chunks go, and where their buffers come back to be filled again
/// (so that memory is not asked of the system, and zeroed by it, anew for
/// every chunk).
pub struct Channel<'s> {
    /// Chunks, in order, or the error that ended the reading.
    pub chunks: &'s SyncSender<Result<Chunk, Error>>,
    /// Buffers of chunks that were used.
    pub recycled: &'s Receiver<Vec<u8>>,
}

impl Channel<'_> {
    /// An empty buffer: a recycled one, else a new one.
    fn buffer(&self, capacity: usize) -> Vec<u8> {
        match self.recycled.try_recv() {
            Ok(mut buffer) => {
                buffer.clear();
                buffer.reserve(capacity);
                buffer
            }
            Err(_) => Vec::with_capacity(capacity),
        }
    }
}

/// Sends the chunks of every file, in order, then returns; a file that
/// cannot be read is sent as an error, and ends the sending.
pub fn send_chunks(paths: &[PathBuf], progress: Option<Progress>, channel: &Channel) {
    let sender = channel.chunks;
    for (file, path) in paths.iter().enumerate() {
        match send_file(file, path, progress, channel) {
            Ok(()) => {}
            Err(Stop::Failed(err)) => {
                let _ = sender.send(Err(err));
                return;
            }
            Err(Stop::Gone) => return,
        }
    }
}

fn send_file(
    file: usize,
    path: &Path,
    progress: Option<Progress>,
    channel: &Channel,
) -> Result<(), Stop> {
    let failed = |source| Stop::Failed(read_error(path, source));
    let mut input = open(path, progress).map_err(Stop::Failed)?;
    let mut carry = Vec::new();
    let mut first = true;
    loop {
        let mut bytes = channel.buffer(CHUNK + carry.len());
        bytes.append(&mut carry);
        let want = CHUNK
            .saturating_sub(bytes.len())
            .max(bytes.len())
            .max(1 << 16);
        let got = (&mut input)
            .take(want as u64)
            .read_to_end(&mut bytes)
            .map_err(failed)?;
        let end = got < want;
        if !end {
            match memchr::memrchr(b'\n', &bytes) {
                Some(at) => carry = bytes.split_off(at + 1),
                None if first || bytes.len() > MAX_LINE => {
                    return Err(Stop::Failed(Error::NotGdelt {
                        path: path.to_owned(),
                        reason: format!(
                            "it has a line longer than {} MiB, and GDELT event rows are a few hundred bytes",
                            bytes.len() >> 20
                        ),
                    }));
                }
                None => {
                    carry = bytes;
                    continue;
                }
            }
        }
        if !bytes.is_empty() {
            let chunk = Chunk { file, bytes };
            channel.chunks.send(Ok(chunk)).map_err(|_| Stop::Gone)?;
            first = false;
        }
        if end {
            return Ok(());
        }
    }
}

/// The first lines of the file at `path` (decompressed): up to 64 KiB, cut
/// after the last whole line, to tell whether it is a GDELT export before
/// any file is read.
pub fn first_lines(path: &Path) -> Result<Vec<u8>, Error> {
    const FIRST: usize = 1 << 16;
    let mut bytes = Vec::with_capacity(FIRST);
    open(path, None)?
        .take(FIRST as u64)
        .read_to_end(&mut bytes)
        .map_err(|source| read_error(path, source))?;
    if bytes.len() == FIRST
        && let Some(at) = memchr::memrchr(b'\n', &bytes)
    {
        bytes.truncate(at + 1);
    }
    Ok(bytes)
}

/// The file's bytes, decompressed when it is gzip.
fn open<'a>(
    path: &Path,
    progress: Option<Progress<'a>>,
) -> Result<Box<dyn Read + Send + 'a>, Error> {
    let file = std::fs::File::open(path).map_err(|source| read_error(path, source))?;
    let counted = Counted {
        inner: file,
        progress,
    };
    let mut buffered = BufReader::with_capacity(1 << 18, counted);
    let start = buffered
        .fill_buf()
        .map_err(|source| read_error(path, source))?;
    if start.starts_with(&[0x1f, 0x8b]) {
        return Ok(Box::new(MultiGzDecoder::new(buffered)));
    }
    if start.starts_with(b"PK\x03\x04") {
        return Err(Error::NotGdelt {
            path: path.to_owned(),
            reason: "it is a zip archive (GDELT publishes its exports zipped): unzip it and \
                     import the .CSV file inside"
                .to_owned(),
        });
    }
    Ok(Box::new(buffered))
}

fn read_error(path: &Path, source: std::io::Error) -> Error {
    Error::Read {
        path: path.to_owned(),
        source,
    }
}

/// A reader that reports how many bytes pass through it.
struct Counted<'a, R> {
    inner: R,
    progress: Option<Progress<'a>>,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        if let Some(progress) = self.progress {
            progress(read as u64);
        }
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks_of(path: &Path) -> Result<Vec<Chunk>, Error> {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1024);
        let (_, recycled) = std::sync::mpsc::channel();
        let channel = Channel {
            chunks: &sender,
            recycled: &recycled,
        };
        send_chunks(&[path.to_owned()], None, &channel);
        drop(sender);
        receiver.into_iter().collect()
    }

    #[test]
    fn chunks_end_at_line_breaks_and_keep_every_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.tsv");
        let line = format!("{}\n", "x".repeat(999));
        let text = line.repeat(CHUNK / 1000 * 3) + "last line without a break";
        std::fs::write(&path, &text).unwrap();
        let chunks = chunks_of(&path).unwrap();
        assert!(chunks.len() >= 3);
        assert!(
            chunks[..chunks.len() - 1]
                .iter()
                .all(|c| c.bytes.ends_with(b"\n"))
        );
        let joined: Vec<u8> = chunks.into_iter().flat_map(|c| c.bytes).collect();
        assert_eq!(joined, text.as_bytes());
    }

    #[test]
    fn gzip_is_read_whatever_the_name() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.CSV");
        let text = "a\tb\nc\td\n".repeat(1000);
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(text.as_bytes()).unwrap();
        std::fs::write(&path, encoder.finish().unwrap()).unwrap();
        let joined: Vec<u8> = chunks_of(&path)
            .unwrap()
            .into_iter()
            .flat_map(|c| c.bytes)
            .collect();
        assert_eq!(joined, text.as_bytes());
    }

    #[test]
    fn first_lines_are_whole_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.tsv");
        std::fs::write(&path, format!("{}\n", "x".repeat(999)).repeat(100)).unwrap();
        let first = first_lines(&path).unwrap();
        assert_eq!(first.len(), 65 * 1000);
        std::fs::write(&path, "short\n").unwrap();
        assert_eq!(first_lines(&path).unwrap(), b"short\n");
    }

    #[test]
    fn zip_archives_and_missing_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let zip = dir.path().join("x.export.CSV.zip");
        std::fs::write(&zip, b"PK\x03\x04rest").unwrap();
        let err = chunks_of(&zip).unwrap_err().to_string();
        assert!(err.contains("is a zip archive"), "{err}");
        let err = chunks_of(&dir.path().join("missing.CSV"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("cannot read"), "{err}");
    }

    #[test]
    fn a_first_chunk_without_a_line_break_is_not_gdelt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("one-line.json");
        std::fs::write(&path, vec![b'x'; CHUNK + 10]).unwrap();
        let err = chunks_of(&path).unwrap_err().to_string();
        assert!(err.contains("a line longer than 4 MiB"), "{err}");
    }
}
