//! Writing a build into a sibling temporary folder and swapping it in at the end, so the
//! previous output stays whole until the new one is complete.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

pub struct Staging {
    target: PathBuf,
    temp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a build for `target`, in `.NAME.building-PID` beside it.
    pub fn begin(target: &Path) -> io::Result<Staging> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = target
            .file_name()
            .ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "the output folder has no name")
            })?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(parent)?;
        remove_stale(parent, &name);
        let temp = parent.join(format!(".{name}.building-{}", std::process::id()));
        if temp.exists() {
            fs::remove_dir_all(&temp)?;
        }
        fs::create_dir(&temp)?;
        Ok(Staging {
            target: target.to_path_buf(),
            temp,
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.temp
    }

    /// Writes `bytes` at `rel`, a relative path that must stay inside the output folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let mut file = self.create(rel)?;
        file.write_all(bytes)?;
        file.flush()
    }

    /// A buffered file at `rel` to write a page into as it is rendered.
    pub fn create(&self, rel: &str) -> io::Result<io::BufWriter<fs::File>> {
        let path = self.inside(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(io::BufWriter::with_capacity(
            64 * 1024,
            fs::File::create(path)?,
        ))
    }

    /// The path of `rel` in the output, its folder made, for a file written by other means.
    pub fn prepare(&self, rel: &str) -> io::Result<PathBuf> {
        let path = self.inside(rel)?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    fn inside(&self, rel: &str) -> io::Result<PathBuf> {
        let rel = Path::new(rel);
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} would leave the output folder", rel.display()),
            ));
        }
        Ok(self.temp.join(rel))
    }

    /// Copies files (paths relative to `from`) into the output root.
    pub fn copy_files(&self, from: &Path, files: &[PathBuf]) -> io::Result<()> {
        for rel in files {
            let dest = self.inside(&rel.to_string_lossy())?;
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::copy(from.join(rel), dest)?;
        }
        Ok(())
    }

    /// Copies files (output path, source path) into the output.
    pub fn copy_each(&self, files: &[(String, PathBuf)]) -> io::Result<()> {
        for (rel, source) in files {
            let dest = self.inside(rel)?;
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::copy(source, dest)?;
        }
        Ok(())
    }

    /// Hard-links each (output path, source) into the output, or copies it where a link cannot be
    /// made (another file system). The source must not change afterwards: a cache's entries don't.
    pub fn link_each(&self, files: &[(String, PathBuf)]) -> io::Result<()> {
        for (rel, source) in files {
            let dest = self.inside(rel)?;
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent)?;
            }
            if fs::hard_link(source, &dest).is_err() {
                fs::copy(source, &dest)?;
            }
        }
        Ok(())
    }

    /// Puts the new output in place of the old in one step where the system allows it. Only a
    /// folder is ever replaced (`check_output` refused anything else before the build began).
    pub fn commit(mut self) -> io::Result<()> {
        if fs::symlink_metadata(&self.target).is_ok_and(|m| !m.is_dir()) {
            return Err(io::Error::other(format!(
                "{} is no longer a folder",
                self.target.display()
            )));
        }
        if self.target.exists() {
            if exchange(&self.temp, &self.target).is_ok() {
                // `temp` now holds the previous output.
                self.committed = true;
                return fs::remove_dir_all(&self.temp);
            }
            let old = self.temp.with_extension("old");
            fs::rename(&self.target, &old)?;
            if let Err(e) = fs::rename(&self.temp, &self.target) {
                // The previous output goes back where it was: the build failed, nothing is lost.
                fs::rename(&old, &self.target)?;
                return Err(e);
            }
            self.committed = true;
            return fs::remove_dir_all(old);
        }
        fs::rename(&self.temp, &self.target)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.temp);
        }
    }
}

/// Atomic swap of two paths (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both pointers are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Removes staging folders left by builds that were killed (their process is gone).
fn remove_stale(parent: &Path, name: &str) {
    let prefix = format!(".{name}.building-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = pid.trim_end_matches(".old");
        if !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The files every build writes at the top of its output: a folder holding all three was made by
/// a build (today's or an earlier version's), so a new build may replace it.
const MADE_BY_A_BUILD: [&str; 3] = ["404.html", "sitemap.xml", "robots.txt"];

/// The folders and files of a site that no output may replace or enter, from its root.
const SITE_OWN: [&str; 8] = [
    "content",
    "templates",
    "static",
    "i18n",
    ".git",
    ".github",
    ".cache",
    "site.toml",
];

/// The output folder of a build, absolute with symbolic links resolved; refused unless the swap can
/// only ever replace an earlier output or an empty folder.
pub fn check_output(root: &Path, output: &Path) -> Result<PathBuf, Vec<Diagnostic>> {
    let resolved = check_folder(root, output)?;
    if resolved.is_dir() && !replaceable(&resolved) {
        return Err(vec![refusal(
            output,
            &resolved,
            "this folder is not the output of a build (it has no 404.html, sitemap.xml and \
             robots.txt), and a build replaces its output whole",
        )
        .help(
            "choose a new folder (`--output public`), or an empty one; remove this one yourself \
             if nothing in it is needed",
        )]);
    }
    Ok(resolved)
}

/// A folder that a command writes files into (`site email`), absolute with symbolic links
/// resolved; refused where the site's own files are.
pub fn check_folder(root: &Path, output: &Path) -> Result<PathBuf, Vec<Diagnostic>> {
    let root = root.canonicalize().map_err(|e| {
        vec![
            Diagnostic::error(root, format!("cannot open the site folder: {e}"))
                .help("pass an existing folder to --root"),
        ]
    })?;
    let joined = if output.is_absolute() {
        output.to_path_buf()
    } else {
        root.join(output)
    };
    let resolved = resolve(&joined).map_err(|e| {
        vec![
            Diagnostic::error(output, format!("cannot follow this path: {e}"))
                .help("choose a folder whose path has no broken or looping symbolic link"),
        ]
    })?;
    let own = SITE_OWN.iter().flat_map(|name| {
        let path = root.join(name);
        // A folder of the site may itself be a link to elsewhere: both names are the site's.
        let real = path.canonicalize().ok();
        std::iter::once(path).chain(real)
    });
    let refused = if resolved.parent().is_none() || root.starts_with(&resolved) {
        Some("the output folder would replace the site itself")
    } else if own.clone().any(|p| resolved.starts_with(&p)) {
        Some("the output would replace the site's own files")
    } else if resolved.join("site.toml").exists() || resolved.join(".git").exists() {
        Some("this folder holds a site or a repository (a site.toml or .git)")
    } else if fs::metadata(&resolved).is_ok_and(|m| !m.is_dir()) {
        Some("this is a file, not a folder")
    } else {
        None
    };
    match refused {
        Some(why) => Err(vec![refusal(output, &resolved, why)
            .help("choose a folder of its own, e.g. `--output public`")]),
        None => Ok(resolved),
    }
}

fn refusal(given: &Path, resolved: &Path, why: &str) -> Diagnostic {
    let message = match given == resolved {
        true => format!("refusing to write the output here: {why}"),
        false => format!(
            "refusing to write the output here ({}): {why}",
            resolved.display()
        ),
    };
    Diagnostic::error(given, message)
}

/// Whether a build may replace the folder: it is empty, or an earlier build made it.
fn replaceable(folder: &Path) -> bool {
    let Ok(mut entries) = fs::read_dir(folder) else {
        return false;
    };
    entries.next().is_none() || MADE_BY_A_BUILD.iter().all(|f| folder.join(f).is_file())
}

/// `path` as the system will find it: each part that exists with its symbolic links followed, the
/// rest (not made yet) appended. `..` goes up from where a link led, as the system does.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut out = PathBuf::new();
    let mut missing = false;
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => out.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if missing {
                    continue;
                }
                match fs::symlink_metadata(&out) {
                    Ok(meta) if meta.file_type().is_symlink() => out = out.canonicalize()?,
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => missing = true,
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("out")).unwrap();
        assert!(staging.write("../x", b"no").is_err());
        assert!(staging.write("/etc/x", b"no").is_err());
        assert!(staging.write("a/b.html", b"yes").is_ok());
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let s = Staging::begin(&out).unwrap();
        s.write("old.html", b"1").unwrap();
        s.commit().unwrap();
        let s = Staging::begin(&out).unwrap();
        s.write("new.html", b"2").unwrap();
        drop(s);
        assert!(
            out.join("old.html").exists(),
            "an abandoned build leaves the old output"
        );
        let s = Staging::begin(&out).unwrap();
        s.write("new.html", b"2").unwrap();
        s.commit().unwrap();
        assert!(!out.join("old.html").exists() && out.join("new.html").exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folder lingers"
        );
    }
}
