//! Embeds the default site that `site init` writes: every file of `templates/`, `i18n/` and `static/`
//! (the ones Durante uses: one source of truth), the publish workflow, and `skeleton/` (site.toml,
//! .gitignore, the sample texts). The list is made from the folders, so a new file cannot be missed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Folders embedded whole, and where each lands in a new site ("" for its root).
const FOLDERS: [(&str, &str); 4] = [
    ("templates", "templates"),
    ("i18n", "i18n"),
    ("static", "static"),
    ("skeleton", ""),
];
/// Files of those folders that are Durante's own and no other site's: its mark. A new site's
/// favicons are drawn from its own title by the build (src/mark.rs).
const OWN: [&str; 2] = ["static/favicon.svg", "static/favicon.ico"];
const FILES: [(&str, &str); 1] = [(
    ".github/workflows/publish.yml",
    ".github/workflows/publish.yml",
)];

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
    for (file, into) in FILES {
        println!("cargo:rerun-if-changed={file}");
        entries.push((into.to_string(), repo.join(file)));
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
