//! Watching the site's sources with notify, debounced so an editor's save-rename-write is one change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

/// How long the file system must stay quiet before a batch is handed over: long enough for an
/// editor's write-then-rename, short enough to keep the reload under the 30 ms budget.
const QUIET: Duration = Duration::from_millis(5);
/// A batch is handed over after this long even if events keep coming.
const LONGEST: Duration = Duration::from_millis(100);

/// The folders and files whose changes matter, relative to the root.
const WATCHED: [&str; 5] = ["content", "templates", "static", "i18n", "site.toml"];

/// Starts watching; batches of changed paths (relative to `root`, sorted) arrive on the receiver.
/// Keep the watcher alive as long as batches are wanted.
pub fn start(root: &Path) -> notify::Result<(RecommendedWatcher, Receiver<Vec<PathBuf>>)> {
    let (raw_tx, raw_rx) = channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            let _ = raw_tx.send(path);
        }
    })?;
    for name in WATCHED {
        let path = root.join(name);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    // site.toml is watched through the root, without descending into public/ or target/.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    let (tx, rx) = channel();
    let root = root.to_path_buf();
    thread::spawn(move || {
        while let Ok(first) = raw_rx.recv() {
            let started = Instant::now();
            let mut batch = BTreeSet::new();
            batch.insert(first);
            while started.elapsed() < LONGEST {
                match raw_rx.recv_timeout(QUIET) {
                    Ok(path) => {
                        batch.insert(path);
                    }
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            let relevant: Vec<PathBuf> = batch
                .into_iter()
                .filter_map(|p| p.strip_prefix(&root).ok().map(Path::to_path_buf))
                .filter(|p| is_watched(p))
                .collect();
            if !relevant.is_empty() && tx.send(relevant).is_err() {
                return;
            }
        }
    });
    Ok((watcher, rx))
}

fn is_watched(rel: &Path) -> bool {
    let Some(first) = rel.components().next() else {
        return false;
    };
    let first = first.as_os_str();
    if rel.components().count() == 1 {
        return first == "site.toml" || WATCHED[..4].iter().any(|w| first == *w);
    }
    WATCHED[..4].iter().any(|w| first == *w)
}
