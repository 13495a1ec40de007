//! `site translated FILE`: records that a translation matches its original as it is now.

use std::path::Path;
use std::process::ExitCode;

use fieldnotes::config::Config;
use fieldnotes::desk::translated::translated;

use super::Terminal;

#[derive(clap::Args)]
pub struct Args {
    /// The translation's file, from the site's root or the current folder
    /// (`content/essays/nomes.en.md`)
    #[arg(value_name = "FILE")]
    file: String,
    /// The original's language, when the text is written in more than two and no record says
    #[arg(long, value_name = "CODE")]
    from: Option<String>,
}

pub fn run(root: &Path, args: Args, out: &Terminal) -> ExitCode {
    let config = match Config::of_site(root) {
        Ok(config) => config,
        Err(mut problems) => return out.report(&mut problems),
    };
    match translated(root, &config, &args.file, args.from.as_deref()) {
        Ok(done) => {
            let (hash, blob) = &done.record;
            let what = match (&done.before, done.written) {
                (_, false) => "The record was already current: the file is unchanged.".to_string(),
                (None, true) => "Added its [translation] record; the rest of the file is as it was.".to_string(),
                (Some(before), true) if before.hash == *hash => {
                    "It already matched; the record now names the original's current file (the rest of the file is as it was).".to_string()
                }
                (Some(before), true) => format!(
                    "Updated its [translation] record (it matched {} before); the rest of the file is as it was.",
                    before.hash
                ),
            };
            println!(
                "Recorded {} as the translation of {} ({}) as it is now: hash {hash}, blob {blob}.\n{what}",
                done.path.display(),
                done.original.display(),
                done.from,
            );
            ExitCode::SUCCESS
        }
        Err(mut problems) => out.report(&mut problems),
    }
}
