//! `site check`: every validation of a build, without writing anything.

use std::path::Path;
use std::process::ExitCode;

use fieldnotes::check;
use fieldnotes::site::load::Selection;

use super::{Early, NowArg, Terminal};

#[derive(clap::Args)]
pub struct Args {
    /// Also check that every source URL answers (needs the network)
    #[arg(long)]
    external: bool,
    /// Include drafts and texts scheduled for later
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
    let early = args.now.before_arc(root, now, Early::Refuse);
    if let Some(d) = early.as_ref().filter(|d| d.is_error()) {
        return out.report(&mut [d.clone()]);
    }
    let selection = Selection {
        base_url: None,
        drafts: args.drafts,
        now,
        keep_bodies: false,
    };
    match check::check(root, &selection, args.external) {
        Ok(mut report) => {
            let mut shown = report.notes;
            shown.append(&mut report.warnings);
            shown.extend(early);
            out.report(&mut shown);
            let external = if args.external {
                format!(", {} source URLs answered", report.external)
            } else {
                String::new()
            };
            println!(
                "Checked {} pages and {} internal links and anchors{external}: no errors.",
                report.pages, report.links
            );
            ExitCode::SUCCESS
        }
        Err(mut problems) => {
            problems.extend(early);
            out.report(&mut problems);
            ExitCode::FAILURE
        }
    }
}
