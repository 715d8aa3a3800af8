//! Reading a scenario file so that no file can freeze the program: only regular files are read
//! (a folder, a named pipe, a device or a socket is refused by name, and opening never waits on
//! one), nothing larger than [`MAX_SCENARIO_BYTES`] is read, and a read in progress can be
//! cancelled between chunks.

use std::fs;
use std::io::Read;
use std::path::Path;

/// The largest scenario file read: 32 MB. The shipped scenarios are about 25 KB, and a scenario
/// with thirty options and a note on every input stays well under 1 MB.
pub const MAX_SCENARIO_BYTES: u64 = 32 * 1024 * 1024;

/// Bytes read at a time, with a look at Cancel between reads.
const CHUNK_BYTES: usize = 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Not a regular file: what it is instead ("a folder", "a named pipe (FIFO)"…).
    #[error("it is {0}, not a file: choose a .ron scenario file")]
    NotAFile(&'static str),
    #[error(
        "it is {} MB, and a scenario file is at most {} MB (the shipped scenarios are about 25 KB): \
         is it really a scenario?",
        bytes.div_ceil(1024 * 1024),
        MAX_SCENARIO_BYTES / (1024 * 1024)
    )]
    TooLarge { bytes: u64 },
    #[error("the reading was cancelled")]
    Cancelled,
}

/// What a path that is not a regular file is, in words.
fn kind_of(file_type: fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return Some("a device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading without waiting: a named pipe with no writer would otherwise hold the
/// open until something writes to it.
fn open_without_waiting(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads a whole scenario file, refusing what is not a regular file or is too large, and
/// stopping with [`ReadError::Cancelled`] once `cancelled` says so.
pub fn read_file(path: &Path, cancelled: &dyn Fn() -> bool) -> Result<Vec<u8>, ReadError> {
    // Checked before opening, so that a folder or device is named as such…
    let metadata = fs::metadata(path)?;
    if let Some(kind) = kind_of(metadata.file_type()) {
        return Err(ReadError::NotAFile(kind));
    }
    if metadata.len() > MAX_SCENARIO_BYTES {
        return Err(ReadError::TooLarge {
            bytes: metadata.len(),
        });
    }
    let file = open_without_waiting(path)?;
    // …and again on what was opened, in case the path changed in between.
    if let Some(kind) = kind_of(file.metadata()?.file_type()) {
        return Err(ReadError::NotAFile(kind));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    let mut limited = file.take(MAX_SCENARIO_BYTES + 1);
    let mut chunk = vec![0; CHUNK_BYTES];
    loop {
        if cancelled() {
            return Err(ReadError::Cancelled);
        }
        match limited.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    // A file that grew while it was read.
    if bytes.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn never() -> bool {
        false
    }

    fn dir(name: &str) -> std::path::PathBuf {
        super::super::test_support::fresh_dir(&format!("reading-{name}"))
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let d = dir("regular");
        let path = d.join("plan.ron");
        let text = "x".repeat(3 * CHUNK_BYTES + 17);
        fs::write(&path, &text).unwrap();
        assert_eq!(read_file(&path, &never).unwrap(), text.as_bytes());
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn folders_are_refused_by_name() {
        let d = dir("folder");
        let e = read_file(&d, &never).unwrap_err();
        assert!(e.to_string().contains("it is a folder"), "{e}");
        let _ = fs::remove_dir_all(d);
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_without_waiting() {
        let e = read_file(Path::new("/dev/zero"), &never).unwrap_err();
        assert!(e.to_string().contains("it is a device"), "{e}");
        let d = dir("fifo");
        let fifo = d.join("pipe.ron");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // No writer: a plain open would wait here for ever.
            let e = read_file(&fifo, &never).unwrap_err();
            assert!(e.to_string().contains("a named pipe"), "{e}");
        }
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size() {
        let d = dir("large");
        let path = d.join("huge.ron");
        let file = fs::File::create(&path).unwrap();
        // Sparse where the file system allows: no 40 MB written.
        file.set_len(40 * 1024 * 1024).unwrap();
        let e = read_file(&path, &never).unwrap_err();
        assert!(matches!(e, ReadError::TooLarge { .. }), "{e}");
        assert!(e.to_string().contains("it is 40 MB"), "{e}");
        assert!(e.to_string().contains("at most 32 MB"), "{e}");
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn cancel_stops_the_reading() {
        let d = dir("cancel");
        let path = d.join("plan.ron");
        fs::write(&path, "(").unwrap();
        assert!(matches!(
            read_file(&path, &|| true),
            Err(ReadError::Cancelled)
        ));
        let _ = fs::remove_dir_all(d);
    }
}
