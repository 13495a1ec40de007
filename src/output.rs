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

    /// Puts the new output in place of the old in one step where the system allows it.
    pub fn commit(mut self) -> io::Result<()> {
        if self.target.exists() {
            if exchange(&self.temp, &self.target).is_ok() {
                // `temp` now holds the previous output.
                self.committed = true;
                return fs::remove_dir_all(&self.temp);
            }
            let old = self.temp.with_extension("old");
            fs::rename(&self.target, &old)?;
            fs::rename(&self.temp, &self.target)?;
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

/// The output folder, absolute; refused when a build there could destroy the site's sources.
pub fn check_output(root: &Path, output: &Path) -> Result<PathBuf, Vec<Diagnostic>> {
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
    let output = crate::files::normalize(&joined);
    let protected = ["content", "templates", "static", "i18n"].map(|d| root.join(d));
    let refuse = output.parent().is_none()
        || root.starts_with(&output)
        || protected.iter().any(|p| output.starts_with(p));
    if refuse {
        return Err(vec![Diagnostic::error(
            &output,
            "refusing to build here: the output folder would replace the site's own files",
        )
        .help("choose a folder of its own, e.g. `--output public`")]);
    }
    Ok(output)
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
