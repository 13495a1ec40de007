//! Made books, kept between builds under `.cache/books/`, each named by a hash of everything that
//! goes into it (the tool, the book's templates, the interface's words, `site.toml`, the cover's
//! drawing, and the arc's texts, dates and files), so an arc whose texts did not change is not
//! made again. Within a run, a book asked for twice (its page and its link's size) is made once.
//! Safe to delete; a build of the published site prunes what it did not use.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use crate::view::Tools;

/// Bump when a change in `src/book/` makes different books from the same inputs.
const BOOK_VERSION: u32 = 1;

/// A book made in this run or found made.
#[derive(Clone)]
pub struct Made {
    pub size: u64,
    /// Its file in the cache, or its bytes when the cache could not keep it.
    file: Option<PathBuf>,
    bytes: Option<Arc<Vec<u8>>>,
}

impl Made {
    /// The book's bytes.
    pub fn bytes(&self) -> io::Result<Vec<u8>> {
        match (&self.bytes, &self.file) {
            (Some(bytes), _) => Ok(bytes.to_vec()),
            (None, Some(file)) => fs::read(file),
            (None, None) => Ok(Vec::new()),
        }
    }

    /// Puts the book at `dest` (which must not exist): linked from the cache, else written.
    pub fn write_to(&self, dest: &Path) -> io::Result<()> {
        if let Some(file) = &self.file {
            if fs::hard_link(file, dest).is_ok() {
                return Ok(());
            }
        }
        fs::write(dest, self.bytes()?)
    }
}

type Slot = Arc<OnceLock<Result<Made, Diagnostic>>>;

pub struct Shelf {
    root: PathBuf,
    dir: PathBuf,
    /// What every book of this run shares, hashed.
    shared: [u8; 20],
    made: Mutex<HashMap<String, Slot>>,
    used: Mutex<HashSet<String>>,
}

impl Shelf {
    /// The shelf of the site at `root`; `cover` is a hash of what the covers are drawn with.
    pub fn new(root: &Path, cover: &[u8]) -> Shelf {
        let mut hash = sha1_smol::Sha1::new();
        hash.update(&BOOK_VERSION.to_le_bytes());
        hash.update(env!("CARGO_PKG_VERSION").as_bytes());
        // Another build of the tool may make other books from the same inputs: its executable's
        // size and time stand for it (hashing its bytes would cost a small site's whole build).
        if let Some(meta) = std::env::current_exe()
            .ok()
            .and_then(|e| fs::metadata(e).ok())
        {
            hash.update(&meta.len().to_le_bytes());
            if let Ok(Ok(age)) = meta
                .modified()
                .map(|m| m.duration_since(std::time::UNIX_EPOCH))
            {
                hash.update(&age.as_nanos().to_le_bytes());
            }
        }
        hash.update(cover);
        let mut files: Vec<PathBuf> =
            walkdir::WalkDir::new(root.join("templates").join(super::TEMPLATES))
                .into_iter()
                .chain(walkdir::WalkDir::new(root.join("i18n")))
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .collect();
        files.push(root.join("site.toml"));
        files.sort();
        for file in files {
            let bytes = fs::read(&file).unwrap_or_default();
            hash.update(file.to_string_lossy().as_bytes());
            hash.update(&(bytes.len() as u64).to_le_bytes());
            hash.update(&bytes);
        }
        Shelf {
            root: root.to_path_buf(),
            dir: root.join(".cache").join("books"),
            shared: hash.digest().bytes(),
            made: Mutex::default(),
            used: Mutex::default(),
        }
    }

    /// The book of `lang` and arc `arc`: from the cache when it holds it, else made with `cover`.
    pub fn get(
        &self,
        tools: &Tools,
        site: &Site,
        lang: usize,
        arc: u32,
        cover: &dyn Fn() -> Result<Option<Vec<u8>>, Diagnostic>,
    ) -> Result<Made, Diagnostic> {
        let mut hash = sha1_smol::Sha1::new();
        hash.update(&self.shared);
        hash.update(&super::ingredients(&self.root, site, lang, arc));
        let key = hash.digest().to_string();
        let slot = {
            let mut made = self.made.lock().expect("the shelf's lock");
            made.entry(key.clone()).or_default().clone()
        };
        self.used
            .lock()
            .expect("the shelf's lock")
            .insert(key.clone());
        slot.get_or_init(|| {
            self.find_or_make(&key, || super::make(tools, site, lang, arc, cover()?))
        })
        .clone()
    }

    /// The book named `key` in the cache, else `make`'s, stored there.
    fn find_or_make(
        &self,
        key: &str,
        make: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<Made, Diagnostic> {
        let file = self.dir.join(format!("{key}.epub"));
        if let Some(size) = whole_zip(&file) {
            return Ok(Made {
                size,
                file: Some(file),
                bytes: None,
            });
        }
        let bytes = make()?;
        let size = bytes.len() as u64;
        // The cache only saves time: a book that cannot be stored is kept in memory for this run.
        if self.store(&file, &bytes).is_ok() {
            return Ok(Made {
                size,
                file: Some(file),
                bytes: None,
            });
        }
        Ok(Made {
            size,
            file: None,
            bytes: Some(Arc::new(bytes)),
        })
    }

    fn store(&self, file: &Path, bytes: &[u8]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let temp = file.with_extension(format!("tmp{}", std::process::id()));
        fs::write(&temp, bytes)?;
        fs::rename(&temp, file).inspect_err(|_| {
            let _ = fs::remove_file(&temp);
        })
    }

    /// Removes the books this run did not use; how many.
    pub fn prune(&self) -> usize {
        let used = self.used.lock().expect("the shelf's lock");
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return 0;
        };
        entries
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                !used.contains(name.trim_end_matches(".epub"))
            })
            .filter(|e| fs::remove_file(e.path()).is_ok())
            .count()
    }
}

/// The size of the zip at `file` when it is whole (it ends with a zip's end record), else `None`.
fn whole_zip(file: &Path) -> Option<u64> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = fs::File::open(file).ok()?;
    let size = f.metadata().ok()?.len();
    if size < 22 {
        return None;
    }
    // A book has no zip comment: its end record is the last 22 bytes.
    f.seek(SeekFrom::End(-22)).ok()?;
    let mut end = [0u8; 4];
    f.read_exact(&mut end).ok()?;
    (end == [0x50, 0x4b, 0x05, 0x06]).then_some(size)
}
