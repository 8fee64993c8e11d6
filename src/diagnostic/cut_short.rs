//! A mapped file cut short by another program while relgraph reads it.
//!
//! Reading a mapped page past a file's new end makes the system send
//! `SIGBUS`, which would end relgraph without a word (exit status 135).
//! While a file is mapped, its pages are registered here with the error to
//! print: a `SIGBUS` on one of them prints it and ends relgraph with status
//! 1, as any error does. Outputs are only renamed into place once written,
//! so none is replaced, though the temporary file being written is left
//! beside it. A `SIGBUS` elsewhere takes its default course.

use std::sync::Once;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

/// How many mapped files can be registered at once (relgraph maps the
/// graph file and, with `--cache`, the cache).
const SLOTS: usize = 8;

/// One registered mapping: where it is, and the message to print.
#[derive(Debug)]
struct Slot {
    start: AtomicUsize,
    len: AtomicUsize,
    message: AtomicPtr<u8>,
    message_len: AtomicUsize,
}

static REGISTERED: [Slot; SLOTS] = [const {
    Slot {
        start: AtomicUsize::new(0),
        len: AtomicUsize::new(0),
        message: AtomicPtr::new(std::ptr::null_mut()),
        message_len: AtomicUsize::new(0),
    }
}; SLOTS];

/// The registration of one mapping, withdrawn when dropped (which must be
/// before the mapping is: declare it before the map in a struct).
#[derive(Debug)]
pub struct Guard {
    slot: Option<&'static Slot>,
}

/// Registers the mapped bytes `mapped` with the line `message` (a newline
/// is added) to print if they are found cut short.
///
/// The message's bytes are never freed: the handler may be reading them on
/// another thread, and they are a few dozen bytes per file mapped.
pub fn guard(mapped: &[u8], message: &str) -> Guard {
    install_handler();
    let start = mapped.as_ptr() as usize;
    let slot = REGISTERED.iter().find(|slot| {
        slot.start
            .compare_exchange(0, start, Ordering::AcqRel, Ordering::Relaxed)
            .is_ok()
    });
    if let Some(slot) = slot {
        let text: &'static mut [u8] = format!("{message}\n").into_bytes().leak();
        slot.message_len.store(text.len(), Ordering::Release);
        slot.message.store(text.as_mut_ptr(), Ordering::Release);
        slot.len.store(mapped.len(), Ordering::Release);
    }
    Guard { slot }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Some(slot) = self.slot {
            slot.len.store(0, Ordering::Release);
            slot.start.store(0, Ordering::Release);
        }
    }
}

fn install_handler() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        // SAFETY: `on_sigbus` only reads atomics and calls functions that
        // are safe in a signal handler (`write`, `_exit`, `signal`).
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as *const () as libc::sighandler_t;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
        }
    });
}

extern "C" fn on_sigbus(_: libc::c_int, info: *mut libc::siginfo_t, _: *mut libc::c_void) {
    // SAFETY: the system hands the handler a valid `siginfo_t`.
    let address = unsafe { (*info).si_addr() } as usize;
    for slot in &REGISTERED {
        let start = slot.start.load(Ordering::Acquire);
        let len = slot.len.load(Ordering::Acquire);
        if start != 0 && (start..start.saturating_add(len)).contains(&address) {
            let message = slot.message.load(Ordering::Acquire);
            let message_len = slot.message_len.load(Ordering::Acquire);
            // SAFETY: `message` points to `message_len` leaked bytes.
            unsafe {
                libc::write(2, message.cast(), message_len);
                libc::_exit(1);
            }
        }
    }
    // Not a registered mapping: the default action, when the faulting
    // read runs again.
    // SAFETY: `signal` is safe in a signal handler.
    unsafe {
        libc::signal(libc::SIGBUS, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::process::Command;

    use super::*;

    const CHILD: &str = "RELGRAPH_TEST_CUT_SHORT_FILE";

    /// Run in a child process by the test below: maps the file named by
    /// [`CHILD`], cuts it short and reads its last byte.
    #[test]
    fn child_reads_a_file_cut_short() {
        let Some(path) = std::env::var_os(CHILD) else {
            return;
        };
        let file = std::fs::File::open(&path).unwrap();
        // SAFETY: the test cuts the file short on purpose.
        let map = unsafe { memmap2::Mmap::map(&file).unwrap() };
        let _guard = guard(&map, "error: 'cut.json' was cut short");
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(0)
            .unwrap();
        let last = std::hint::black_box(&map[map.len() - 1]);
        println!("read {last} past the end");
    }

    #[test]
    fn a_read_past_the_new_end_is_an_error_naming_the_file() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(&vec![b'x'; 3 * 4096]).unwrap();
        let out = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "diagnostic::cut_short::tests::child_reads_a_file_cut_short",
            ])
            .args(["--nocapture", "--test-threads=1"])
            .env(CHILD, file.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("error: 'cut.json' was cut short\n"),
            "{stderr}"
        );
        assert!(!String::from_utf8_lossy(&out.stdout).contains("past the end"));
    }

    #[test]
    fn a_guard_dropped_frees_its_slot() {
        let bytes = [0u8; 16];
        let start = bytes.as_ptr() as usize;
        let held = || {
            REGISTERED
                .iter()
                .any(|s| s.start.load(Ordering::Acquire) == start)
        };
        let guard = guard(&bytes, "m");
        assert!(held());
        drop(guard);
        assert!(!held());
    }
}
