//! Embeds the default site that `site init` writes: every file of `templates/` and `static/`
//! (the ones Durante uses: one source of truth) but Durante's mark, and `skeleton/` (site.toml,
//! .gitignore, the publish workflow, the sample texts). The list is made from the folders, so a new
//! file cannot be missed. Also records where this tool comes from (`SITE_TOOL_GIT`, `SITE_TOOL_REV`),
//! which `site init` writes into the new site's workflow so that it installs this very version.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Folders embedded whole, and where each lands in a new site ("" for its root).
const FOLDERS: [(&str, &str); 3] = [
    ("templates", "templates"),
    ("static", "static"),
    ("skeleton", ""),
];
/// Files of those folders that are Durante's own and no other site's: its mark. A new site's
/// favicons are drawn from its own title by the build (src/mark.rs).
const OWN: [&str; 2] = ["static/favicon.svg", "static/favicon.ico"];

fn main() {
    let repo = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut entries: Vec<(String, PathBuf)> = Vec::new();
    for (folder, into) in FOLDERS {
        println!("cargo:rerun-if-changed={folder}");
        let mut files = Vec::new();
        walk(&repo.join(folder), &mut files);
        for file in files {
            if OWN.iter().any(|own| repo.join(own) == file) {
                continue;
            }
            let rel = file
                .strip_prefix(repo.join(folder))
                .expect("walked under the folder")
                .to_string_lossy()
                .replace('\\', "/");
            let target = match into {
                "" => rel,
                into => format!("{into}/{rel}"),
            };
            entries.push((target, file));
        }
    }
    entries.sort();
    let mut out = String::from(
        "/// Every file of a new site: its path there, and its bytes.\npub static FILES: &[(&str, &[u8])] = &[\n",
    );
    for (target, source) in &entries {
        let _ = writeln!(
            out,
            "    ({target:?}, include_bytes!({:?})),",
            source.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("embedded.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
    record_source(&repo);
}

/// `SITE_TOOL_GIT`: the git URL this tool is installed from, given at build time, else Cargo.toml's
/// `repository`, else the checkout's `origin` when it is a URL others can reach (empty otherwise); `SITE_TOOL_REV`: the commit it is built from, given at
/// build time or else the checkout's `HEAD` (empty outside a git checkout).
fn record_source(repo: &Path) {
    println!("cargo:rerun-if-env-changed=SITE_TOOL_GIT");
    println!("cargo:rerun-if-env-changed=SITE_TOOL_REV");
    let git = std::env::var("SITE_TOOL_GIT")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var("CARGO_PKG_REPOSITORY").ok())
        .filter(|v| !v.is_empty())
        .or_else(|| origin(repo))
        .unwrap_or_default();
    let rev = std::env::var("SITE_TOOL_REV")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| head(repo))
        .unwrap_or_default();
    println!("cargo:rustc-env=SITE_TOOL_GIT={git}");
    println!("cargo:rustc-env=SITE_TOOL_REV={rev}");
}

/// The checkout's `origin` remote as a URL a workflow can clone without keys: `https://…` as it is,
/// `git@host:owner/repo` as `https://host/owner/repo`; a local path is no address for anyone else.
fn origin(repo: &Path) -> Option<String> {
    let url = git(repo, &["remote", "get-url", "origin"])?;
    if url.starts_with("https://") {
        return Some(url);
    }
    let (host, path) = url.strip_prefix("git@")?.split_once(':')?;
    Some(format!("https://{host}/{path}"))
}

/// The commit `HEAD` names in the git checkout at `repo`. It is read when this script runs (a new
/// build, a change to the embedded folders), not on every commit: watching HEAD would rebuild the whole
/// crate after each commit. A `cargo install --git URL --rev REV` always builds fresh, so it records REV.
fn head(repo: &Path) -> Option<String> {
    git(repo, &["rev-parse", "HEAD"])
        .filter(|rev| rev.len() == 40 && rev.chars().all(|c| c.is_ascii_hexdigit()))
}

/// What `git ARGS` prints in `repo`, trimmed; `None` when git is missing or fails.
fn git(repo: &Path, args: &[&str]) -> Option<String> {
    std::process::Command::new("git")
        .args(args)
        .current_dir(repo)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

/// Files under `dir`, sorted; hidden files and editors' backups are left out.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}
