//! Finished cards kept between builds under `.cache/cards/`, each named by a hash of everything
//! that went into it, so an unchanged card is read back instead of drawn. Safe to delete; a build
//! prunes the cards it did not use.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// A hash of a card's inputs: renderer version, template, title box, fonts and the card's context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CacheKey(pub(crate) [u8; 20]);

impl CacheKey {
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

pub struct CardCache {
    dir: PathBuf,
    /// Makes the names of temporary files unique between threads of this process.
    temp_counter: AtomicU64,
    /// The entries this process read or stored (hex names): what a prune keeps.
    used: Mutex<HashSet<String>>,
    /// The fan-out folders (by first byte) this process has made or found: asking the file
    /// system again for each card was a sixtieth of a cold build.
    made: [AtomicBool; 256],
}

impl CardCache {
    /// The cache of the site at `root`: `ROOT/.cache/cards/`, created when the first card is stored.
    pub fn new(root: &Path) -> CardCache {
        CardCache::at(root.join(".cache").join("cards"))
    }

    /// A cache in any folder (tests, benchmarks).
    pub fn at(dir: PathBuf) -> CardCache {
        CardCache {
            dir,
            temp_counter: AtomicU64::new(0),
            used: Mutex::new(HashSet::new()),
            made: [const { AtomicBool::new(false) }; 256],
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &CacheKey) -> PathBuf {
        let hex = key.hex();
        self.dir.join(&hex[..2]).join(format!("{}.png", &hex[2..]))
    }

    /// The stored card, when there is one and it is a whole PNG of `width`×`height`; a missing,
    /// unreadable or damaged entry is a miss, and the card is drawn again.
    pub(crate) fn get(&self, key: &CacheKey, width: u32, height: u32) -> Option<Vec<u8>> {
        let bytes = fs::read(self.path(key)).ok()?;
        let whole = is_whole_png(&bytes, width, height);
        if whole {
            self.mark(key);
        }
        whole.then_some(bytes)
    }

    fn mark(&self, key: &CacheKey) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.hex());
        }
    }

    /// "Now" as the cache's file system stamps it: the time a file written now gets. It is coarser
    /// than the system clock (and may lag it), so only it can be compared with the entries' times.
    pub fn now(&self) -> io::Result<SystemTime> {
        fs::create_dir_all(&self.dir)?;
        let probe = self.dir.join(format!(
            ".now.{}-{}.tmp",
            std::process::id(),
            self.temp_counter.fetch_add(1, Ordering::Relaxed)
        ));
        let stamped = fs::File::create(&probe).and_then(|f| f.metadata()?.modified());
        let _ = fs::remove_file(&probe);
        stamped
    }

    /// Removes the cards this process neither read nor stored, and what killed runs left behind.
    /// Only entries older than `started` (the cache's `now` when the run began) go: a card another run (`site serve`, a second build)
    /// stored meanwhile is that run's, and stays; one it is about to read is a miss, drawn again
    /// (the other run already holds the cards it read). Returns how many entries were removed.
    pub fn prune(&self, started: SystemTime) -> io::Result<usize> {
        let used = match self.used.lock() {
            Ok(used) => used.clone(),
            Err(_) => return Ok(0),
        };
        // A temporary file is a killed run's only when it is old: a live run renames it at once.
        let stale_temp = started
            .checked_sub(Duration::from_secs(3600))
            .unwrap_or(SystemTime::UNIX_EPOCH);
        let mut removed = 0;
        let folders = match fs::read_dir(&self.dir) {
            Ok(folders) => folders,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        for folder in folders.filter_map(Result::ok) {
            let prefix = folder.file_name().to_string_lossy().into_owned();
            if prefix.len() != 2 || !folder.path().is_dir() {
                continue;
            }
            for entry in fs::read_dir(folder.path())?.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                let modified = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .unwrap_or(started);
                let unused = match name.strip_suffix(".png") {
                    Some(rest) => !used.contains(&format!("{prefix}{rest}")) && modified < started,
                    None => name.ends_with(".tmp") && modified < stale_temp,
                };
                if unused && fs::remove_file(entry.path()).is_ok() {
                    removed += 1;
                }
            }
            // Only an empty folder goes; one that holds anything stays.
            let _ = fs::remove_dir(folder.path());
        }
        Ok(removed)
    }

    /// Puts the stored card at `dest` without reading it: a hard link to the entry (a copy on
    /// another file system). False when there is no whole-looking entry, and the card is drawn.
    /// Entries are only ever replaced by renaming, never written in place, so the link stays right.
    pub(crate) fn link(&self, key: &CacheKey, dest: &Path) -> bool {
        let path = self.path(key);
        if !ends_whole(&path) {
            return false;
        }
        let linked = fs::hard_link(&path, dest).is_ok() || fs::copy(&path, dest).is_ok();
        if linked {
            self.mark(key);
        }
        linked
    }

    /// Stores `png` under `key`: written to a temporary file beside the entry and renamed over it,
    /// so a reader (or a build killed half-way) never sees part of a file. Returns the entry's path.
    pub(crate) fn put(&self, key: &CacheKey, png: &[u8]) -> io::Result<PathBuf> {
        let path = self.path(key);
        let dir = path
            .parent()
            .expect("a cache entry is always inside a fan-out folder");
        let made = &self.made[usize::from(key.0[0])];
        if !made.load(Ordering::Relaxed) {
            fs::create_dir_all(dir)?;
            made.store(true, Ordering::Relaxed);
        }
        let temp = dir.join(format!(
            ".{}.{}-{}.tmp",
            key.hex(),
            std::process::id(),
            self.temp_counter.fetch_add(1, Ordering::Relaxed)
        ));
        // The folder may have gone since (a prune by another build): made again once.
        let created = fs::File::create(&temp).or_else(|e| match e.kind() {
            io::ErrorKind::NotFound => {
                fs::create_dir_all(dir).and_then(|()| fs::File::create(&temp))
            }
            _ => Err(e),
        });
        let written = created.and_then(|mut file| {
            file.write_all(png)?;
            file.flush()
        });
        match written.and_then(|()| fs::rename(&temp, &path)) {
            Ok(()) => {
                self.mark(key);
                Ok(path)
            }
            Err(e) => {
                let _ = fs::remove_file(&temp);
                Err(e)
            }
        }
    }
}

/// A PNG's last chunk: an empty `IEND` and its CRC.
const IEND: [u8; 12] = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82];

/// Whether the file at `path` ends as a whole PNG does (an entry cut short by a full disk does not).
fn ends_whole(path: &Path) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let mut tail = [0; 12];
    fs::File::open(path)
        .and_then(|mut f| {
            f.seek(SeekFrom::End(-12))?;
            f.read_exact(&mut tail)
        })
        .is_ok_and(|()| tail == IEND)
}

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// Walks the chunks of `bytes`: the PNG signature, an `IHDR` of the expected size first, every
/// chunk's CRC right, and `IEND` last with nothing after it. Cheap next to decoding the image.
fn is_whole_png(bytes: &[u8], width: u32, height: u32) -> bool {
    let Some(mut rest) = bytes.strip_prefix(&SIGNATURE) else {
        return false;
    };
    let mut first = true;
    loop {
        if rest.len() < 12 {
            return false;
        }
        let length = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        let Some(end) = length.checked_add(12).filter(|end| *end <= rest.len()) else {
            return false;
        };
        let kind = &rest[4..8];
        let data = &rest[8..8 + length];
        let crc = u32::from_be_bytes([rest[end - 4], rest[end - 3], rest[end - 2], rest[end - 1]]);
        if crc32fast::hash(&rest[4..8 + length]) != crc {
            return false;
        }
        if first {
            let size_ok = kind == b"IHDR"
                && length == 13
                && data[..4] == width.to_be_bytes()
                && data[4..8] == height.to_be_bytes();
            if !size_ok {
                return false;
            }
            first = false;
        }
        rest = &rest[end..];
        if kind == b"IEND" {
            return rest.is_empty();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny valid PNG, made by the encoder the renderer uses.
    fn png(width: u32, height: u32) -> Vec<u8> {
        resvg::tiny_skia::Pixmap::new(width, height)
            .unwrap()
            .encode_png()
            .unwrap()
    }

    #[test]
    fn a_whole_png_of_the_right_size_passes() {
        assert!(is_whole_png(&png(3, 2), 3, 2));
        assert!(!is_whole_png(&png(3, 2), 2, 3));
    }

    #[test]
    fn damaged_pngs_fail() {
        let good = png(3, 2);
        assert!(!is_whole_png(&good[..good.len() - 1], 3, 2), "truncated");
        assert!(!is_whole_png(b"", 3, 2), "empty");
        assert!(
            !is_whole_png(&[&good[..], b"x"].concat(), 3, 2),
            "trailing bytes"
        );
        for i in [9, 20, 40, good.len() / 2] {
            let mut bad = good.clone();
            bad[i] ^= 0x55;
            assert!(!is_whole_png(&bad, 3, 2), "byte {i} flipped");
        }
    }

    #[test]
    fn prune_keeps_what_was_used_and_what_is_newer() {
        let dir = tempfile::tempdir().unwrap();
        let old = CardCache::at(dir.path().join("cards"));
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for n in [1, 2, 3] {
            let key = CacheKey([n; 20]);
            old.put(&key, &png(3, 2)).unwrap();
            let file = fs::File::options()
                .write(true)
                .open(old.path(&key))
                .unwrap();
            file.set_modified(an_hour_ago).unwrap();
        }
        let build = CardCache::at(dir.path().join("cards"));
        let started = build.now().unwrap();
        assert!(build.get(&CacheKey([1; 20]), 3, 2).is_some());
        build.put(&CacheKey([4; 20]), &png(3, 2)).unwrap();
        // Stored by another run while this one was building: newer than its start.
        CardCache::at(dir.path().join("cards"))
            .put(&CacheKey([5; 20]), &png(3, 2))
            .unwrap();
        assert_eq!(build.prune(started).unwrap(), 2);
        let fresh = CardCache::at(dir.path().join("cards"));
        let kept: Vec<bool> = (1..=5)
            .map(|n| fresh.get(&CacheKey([n; 20]), 3, 2).is_some())
            .collect();
        assert_eq!(kept, [true, false, false, true, true]);
        assert!(!dir.path().join("cards/02").exists(), "empty folders go");
    }

    #[test]
    fn put_then_get_and_no_temporary_files_left() {
        let dir = tempfile::tempdir().unwrap();
        let cache = CardCache::at(dir.path().join("cards"));
        let key = CacheKey([7; 20]);
        assert_eq!(cache.get(&key, 3, 2), None);
        cache.put(&key, &png(3, 2)).unwrap();
        assert_eq!(cache.get(&key, 3, 2), Some(png(3, 2)));
        let fan_out = cache.dir().join("07");
        let names: Vec<_> = fs::read_dir(fan_out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, [format!("{}.png", &key.hex()[2..])]);
    }

    #[test]
    fn a_fan_out_folder_removed_during_a_build_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let cache = CardCache::at(dir.path().join("cards"));
        cache.put(&CacheKey([7; 20]), &png(3, 2)).unwrap();
        fs::remove_dir_all(cache.dir()).unwrap();
        let mut other = [7; 20];
        other[1] = 8;
        cache.put(&CacheKey(other), &png(3, 2)).unwrap();
        assert_eq!(cache.get(&CacheKey(other), 3, 2), Some(png(3, 2)));
    }

    #[test]
    fn link_puts_the_entry_at_dest_and_refuses_a_cut_entry() {
        let dir = tempfile::tempdir().unwrap();
        let cache = CardCache::at(dir.path().join("cards"));
        let key = CacheKey([9; 20]);
        let dest = dir.path().join("card.png");
        assert!(!cache.link(&key, &dest), "nothing stored");
        cache.put(&key, &png(3, 2)).unwrap();
        assert!(cache.link(&key, &dest));
        assert_eq!(fs::read(&dest).unwrap(), png(3, 2));
        let cut = CacheKey([10; 20]);
        let whole = png(3, 2);
        cache.put(&cut, &whole[..whole.len() - 1]).unwrap();
        assert!(!cache.link(&cut, &dir.path().join("cut.png")));
    }
}
