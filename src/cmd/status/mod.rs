//! `site status`: the arc at a glance, one row per week, each language's state of each slot; or the
//! same as JSON for scripts.

use std::path::Path;
use std::process::ExitCode;

use fieldnotes::diagnostics::{Diagnostic, Severity};
use fieldnotes::site::desk::Desk;
use fieldnotes::site::load::{load_lenient, Selection};
use serde::Serialize;

use super::{Early, NowArg, Terminal};

mod changes;
mod table;

pub use table::Paint;

#[derive(clap::Args)]
pub struct Args {
    /// Print the status as JSON (states: published, scheduled, draft, missing; null for an empty slot)
    #[arg(long, conflicts_with = "changes")]
    json: bool,
    /// Show what changed in the original of this translation since it was recorded
    /// (`site translated`), paragraph by paragraph
    #[arg(long, value_name = "FILE")]
    changes: Option<String>,
    #[command(flatten)]
    now: NowArg,
}

pub fn run(root: &Path, args: Args, out: &Terminal) -> ExitCode {
    let now = match args.now.read() {
        Ok(now) => now,
        Err(mut problems) => return out.report(&mut problems),
    };
    if let Some(file) = &args.changes {
        let config = match fieldnotes::config::Config::of_site(root) {
            Ok(config) => config,
            Err(mut problems) => return out.report(&mut problems),
        };
        return match fieldnotes::desk::changes::changes(root, &config, file) {
            Ok(changes) => {
                print!("{}", changes::show(&changes, out.color_stdout()));
                ExitCode::SUCCESS
            }
            Err(mut problems) => out.report(&mut problems),
        };
    }
    let loaded = match load_lenient(root, &Selection::desk(now)) {
        Ok(loaded) => loaded,
        Err(mut problems) => return out.report(&mut problems),
    };
    let desk = Desk::new(&loaded.site);
    // Broken files are reported after the table, which shows everything that could be read.
    let mut problems = loaded.problems;
    problems.extend(args.now.before_arc(root, now, Early::Warn));
    problems.sort();
    if args.json {
        let json = Json {
            desk: &desk,
            problems: problems.iter().map(Problem::from).collect(),
        };
        match serde_json::to_string_pretty(&json) {
            Ok(json) => println!("{json}"),
            Err(e) => eprintln!("cannot write the status as JSON: {e}"),
        }
    } else {
        print!(
            "{}",
            table::table(&desk, &loaded.site.config.title, out.color_stdout())
        );
    }
    if problems.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!();
    let code = out.report(&mut problems);
    if problems.iter().any(|d| d.is_error()) {
        eprintln!("The status above leaves out the files with errors.");
    }
    code
}

/// `site status --json`: the desk, and what keeps files out of it (or is worth a warning).
#[derive(Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    desk: &'a Desk,
    problems: Vec<Problem>,
}

/// A diagnostic as JSON: the file from the site's root, its line and column (`null` for the
/// whole file), `error` or `warning`, the message and the help.
#[derive(Serialize)]
struct Problem {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    severity: &'static str,
    message: String,
    help: Option<String>,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Problem {
        Problem {
            file: d.file.to_string_lossy().replace('\\', "/"),
            line: (d.line > 0).then_some(d.line),
            column: (d.line > 0).then_some(d.column),
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            },
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}
