//! Watching the site's sources with notify, debounced so an editor's save-rename-write is one change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, Weak};
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

/// The watcher, kept alive by whoever wants batches; the batching thread holds it weakly, to
/// watch a folder again.
pub struct Watching {
    _watcher: Arc<Mutex<RecommendedWatcher>>,
}

/// Starts watching; batches of changed paths (relative to `root`, sorted) arrive on the receiver.
/// Keep the `Watching` alive as long as batches are wanted.
pub fn start(root: &Path) -> notify::Result<(Watching, Receiver<Vec<PathBuf>>)> {
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
    // site.toml is watched through the root, without descending into public/ or target/; so is a
    // watched folder coming or going.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    let watcher = Arc::new(Mutex::new(watcher));
    let rewatcher = Arc::downgrade(&watcher);
    let (tx, rx) = channel();
    let root = root.to_path_buf();
    thread::spawn(move || {
        while let Ok(first) = raw_rx.recv() {
            let started = Instant::now();
            let mut batch = BTreeSet::new();
            rewatch(&rewatcher, &root, &first);
            batch.insert(first);
            while started.elapsed() < LONGEST {
                match raw_rx.recv_timeout(QUIET) {
                    Ok(path) => {
                        rewatch(&rewatcher, &root, &path);
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
    Ok((Watching { _watcher: watcher }, rx))
}

/// A watched folder that `path` names and that is there now is watched (again): one made after
/// the start, or removed and made again (`rm -rf content && cp -r saved content`), whose watch
/// went with the folder it was on. Done as the event arrives, before the batch is handed over, so
/// the rebuild's scan of the folder sees what was made before the watch and events tell the rest.
fn rewatch(watcher: &Weak<Mutex<RecommendedWatcher>>, root: &Path, path: &Path) {
    let Ok(rel) = path.strip_prefix(root) else {
        return;
    };
    let top = WATCHED[..4].iter().any(|w| rel == Path::new(w));
    if !top || !path.is_dir() {
        return;
    }
    let Some(watcher) = watcher.upgrade() else {
        return;
    };
    let Ok(mut watcher) = watcher.lock() else {
        return;
    };
    // A watch left from the folder's previous self would shadow the new one's subfolders.
    let _ = watcher.unwatch(path);
    let _ = watcher.watch(path, RecursiveMode::Recursive);
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
