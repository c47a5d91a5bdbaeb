//! Standard output and standard error for the commands. No write here can
//! panic (`print!` does on a closed pipe): the first stdout error is kept,
//! later output is dropped, and `main` turns the error into the exit
//! (`Exit::PipeClosed` for a reader that went away, a message otherwise).

use std::cell::RefCell;
use std::io::{self, Write};

#[derive(Default)]
pub struct Out {
    /// The first error writing stdout; nothing more is written after it.
    failed: RefCell<Option<io::Error>>,
}

impl Out {
    /// Text on stdout, as it is.
    pub fn put(&self, text: &str) {
        self.put_bytes(text.as_bytes());
    }

    /// A line on stdout.
    pub fn line(&self, text: &str) {
        self.put(text);
        self.put("\n");
    }

    pub fn put_bytes(&self, bytes: &[u8]) {
        let mut failed = self.failed.borrow_mut();
        if failed.is_none()
            && let Err(e) = io::stdout().lock().write_all(bytes)
        {
            *failed = Some(e);
        }
    }

    /// Whether everything so far reached stdout (flushed first): a note
    /// on stderr about output that did not arrive would mislead.
    pub fn delivered(&self) -> bool {
        let mut failed = self.failed.borrow_mut();
        if failed.is_none()
            && let Err(e) = io::stdout().lock().flush()
        {
            *failed = Some(e);
        }
        failed.is_none()
    }

    /// Stdout as a writer, for renderers that stream: once stdout has
    /// failed, every write fails, so a renderer stops early.
    pub fn writer(&self) -> OutWriter<'_> {
        OutWriter(self)
    }

    /// Text on stderr. A failing stderr has nowhere left to be reported,
    /// so its errors are dropped.
    pub fn err(&self, text: &str) {
        let _ = io::stderr().lock().write_all(text.as_bytes());
    }

    /// Flushes stdout; the first error of the whole run, if any.
    pub fn finish(&self) -> Option<io::Error> {
        let mut failed = self.failed.borrow_mut();
        if failed.is_none()
            && let Err(e) = io::stdout().lock().flush()
        {
            *failed = Some(e);
        }
        failed.take()
    }
}

/// Stdout through [`Out`]'s rules (see [`Out::writer`]).
pub struct OutWriter<'a>(&'a Out);

impl Write for OutWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.put_bytes(buf);
        if self.0.failed.borrow().is_some() {
            return Err(io::Error::other("stdout failed"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
