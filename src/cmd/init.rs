//! `site init DIR`: a new site, ready to build, in a new or empty folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fieldnotes::desk::init;
use fieldnotes::schedule::Now;

use super::{NowArg, Terminal};

#[derive(clap::Args)]
pub struct Args {
    /// The new site's folder: it must not exist, or be empty
    dir: PathBuf,
    #[command(flatten)]
    now: NowArg,
}

pub fn run(args: Args, out: &Terminal) -> ExitCode {
    let now = match args.now.read() {
        Ok(now) => now,
        Err(mut problems) => return out.report(&mut problems),
    };
    // The sample texts are dated from today; the new site's zone is not known yet, so UTC's today.
    let today = match now {
        Now::At(t) => t.date_naive(),
        Now::Local(t) => t.date(),
    };
    match init::init(&args.dir, today) {
        Ok(made) => {
            let dir = args.dir.display();
            println!("Created a new site in {dir}/ ({} files):", made.files.len());
            for (label, prefix) in [
                ("templates", "templates/"),
                ("translations", "i18n/"),
                ("static files", "static/"),
            ] {
                let n = made.files.iter().filter(|f| f.starts_with(prefix)).count();
                println!("  {prefix:<14} {n} {label}");
            }
            for file in made.files.iter().filter(|f| {
                !["templates/", "i18n/", "static/"]
                    .iter()
                    .any(|p| f.starts_with(p))
            }) {
                println!("  {file}");
            }
            println!(
                "The arc starts on {}; the sample texts are in its first week.",
                made.arc_start
            );
            println!("\nNext:");
            let cd = shell_word(&args.dir);
            println!("  cd {cd}");
            println!(
                "  site serve                         # the preview, at http://127.0.0.1:1111/"
            );
            println!("  site new essay --title \"…\"         # an essay in the next free slot");
            println!("  site status                        # the arc: what is written, scheduled, missing");
            ExitCode::SUCCESS
        }
        Err(mut problems) => out.report(&mut problems),
    }
}

/// A path as one shell word.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
