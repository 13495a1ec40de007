//! `site build`: the whole site into a folder ready to deploy.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Datelike;
use fieldnotes::build::{self, Options};

use super::{Early, NowArg, Terminal};

#[derive(clap::Args)]
pub struct Args {
    /// Output folder, relative to the root
    #[arg(long, short, default_value = "public")]
    output: PathBuf,
    /// Base URL to use instead of site.toml's `base_url`
    #[arg(long)]
    base_url: Option<String>,
    /// Include drafts and texts scheduled for later, marked as such
    #[arg(long)]
    drafts: bool,
    #[command(flatten)]
    now: NowArg,
}

pub fn run(root: &Path, args: Args, out: &Terminal) -> ExitCode {
    let now = match args.now.read() {
        Ok(now) => now,
        Err(mut problems) => return out.report(&mut problems),
    };
    // A folder the build may not replace is refused before anything is read or written.
    let output = match fieldnotes::output::check_output(root, &args.output) {
        Ok(output) => output,
        Err(mut problems) => return out.report(&mut problems),
    };
    // What a failed build leaves, said as it is.
    let failed = match output.is_dir() {
        true => "The build failed; the previous output was left as it was.",
        false => "The build failed; nothing was written.",
    };
    let early = args.now.before_arc(root, now, Early::Refuse);
    if let Some(d) = early.as_ref().filter(|d| d.is_error()) {
        out.report(&mut [d.clone()]);
        eprintln!("{failed}");
        return ExitCode::FAILURE;
    }
    let options = Options {
        root: root.to_path_buf(),
        output: args.output,
        base_url: args.base_url,
        drafts: args.drafts,
        now,
    };
    match build::build(&options) {
        Ok(mut report) => {
            report.warnings.extend(early);
            out.report(&mut report.warnings);
            // In English, the terminal's language: "1 page", "2 pages".
            let count = |n: usize, one: &str, many: &str| match n {
                1 => format!("1 {one}"),
                n => format!("{n} {many}"),
            };
            let pages: Vec<String> = report
                .pages
                .iter()
                .map(|(l, n)| format!("{} in {l}", count(*n, "page", "pages")))
                .collect();
            println!(
                "Built {}, {}, {}, a search index of {}, sitemap and {} in {} ms → {}",
                pages.join(", "),
                count(report.feeds, "feed", "feeds"),
                count(report.cards, "social card", "social cards"),
                count(report.indexed, "page", "pages"),
                count(report.static_files, "static file", "static files"),
                report.elapsed.as_millis(),
                options.root.join(&options.output).display()
            );
            if let Some(next) = report.scheduled.next {
                // In English, the terminal's language; the year only when it is not this one.
                let year = match report.scheduled.this_year {
                    true => String::new(),
                    false => format!(" {}", next.year()),
                };
                let n = report.scheduled.texts;
                println!(
                    "{n} {} scheduled, next: {}{year} at {}",
                    if n == 1 { "text" } else { "texts" },
                    next.format("%A %-d %B"),
                    next.format("%H:%M"),
                );
            }
            ExitCode::SUCCESS
        }
        Err(mut problems) => {
            problems.extend(early);
            out.report(&mut problems);
            eprintln!("{failed}");
            ExitCode::FAILURE
        }
    }
}
