//! The site's files on disk: walking a folder of the site (symbolic links followed only while they
//! stay inside it), and paths as people type them.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Every file under `dir` (relative to `root`), as paths relative to the root, sorted. Symbolic links
/// are followed only while they stay inside the site; a link out of it, or a loop, is an error.
pub fn under(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let start = root.join(dir);
    if !start.is_dir() {
        return (files, problems);
    }
    let Ok(site) = root.canonicalize() else {
        return (files, problems);
    };
    for entry in walkdir::WalkDir::new(&start)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = relative(root, e.path().unwrap_or(&start));
                let message = match e.loop_ancestor() {
                    Some(ancestor) => format!(
                        "a symbolic link loops back to {}",
                        relative(root, ancestor).display()
                    ),
                    None => format!("cannot read: {e}"),
                };
                problems.push(
                    Diagnostic::error(&path, message)
                        .help("remove the link, or point it at a real folder"),
                );
                continue;
            }
        };
        let path = relative(root, entry.path());
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&site));
            if !inside {
                problems.push(
                    Diagnostic::error(&path, "this symbolic link points outside the site")
                        .help("copy the file into the repository instead of linking to it"),
                );
                continue;
            }
        }
        if entry.file_type().is_file() {
            files.push(path);
        }
    }
    (files, problems)
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Removes `.` and `..` without touching the file system (the folder may not exist yet).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
