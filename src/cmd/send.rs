//! `site send`: hands the editions due in the next days to Buttondown; prints the plan as a table.

use std::path::Path;
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use fieldnotes::diagnostics::Diagnostic;
use fieldnotes::send::buttondown::ApiKey;
use fieldnotes::send::plan::{Absent, Action, Change};
use fieldnotes::send::{self, Outcome, Report, Row};

use super::{NowArg, Terminal};

/// Where the API key is read from, and only from.
const KEY_VARIABLE: &str = "BUTTONDOWN_API_KEY";

#[derive(clap::Args)]
pub struct Args {
    /// Print the plan and touch nothing
    #[arg(long)]
    dry_run: bool,
    /// The public address, when it is not `base_url` (as for `site build`)
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    #[command(flatten)]
    now: NowArg,
}

pub fn run(root: &Path, args: Args, out: &Terminal) -> ExitCode {
    let Some(key) = std::env::var(KEY_VARIABLE).ok().and_then(ApiKey::new) else {
        return out.report(&mut [Diagnostic::error(
            Path::new(KEY_VARIABLE),
            format!("`site send` needs Buttondown's API key in the environment variable {KEY_VARIABLE}"),
        )
        .help(format!(
            "create a key in Buttondown (Settings → API → Keys), then run `{KEY_VARIABLE}=… site send --dry-run`; on GitHub, add it as the repository secret {KEY_VARIABLE}. It is never read from site.toml nor written anywhere"
        ))]);
    };
    let now = match args.now.read() {
        Ok(now) => now,
        Err(mut problems) => return out.report(&mut problems),
    };
    let options = send::Options {
        now,
        base_url: args.base_url,
        dry_run: args.dry_run,
        key,
    };
    match send::send(root, options) {
        Ok(mut report) => {
            print!("{}", table(&report));
            let mut all = std::mem::take(&mut report.warnings);
            all.append(&mut report.problems);
            out.report(&mut all)
        }
        Err(mut problems) => out.report(&mut problems),
    }
}

/// The plan (or what was done) as a table, a header and a summary.
fn table(report: &Report) -> String {
    let zone = report.zone;
    let local = |t: DateTime<Utc>| t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string();
    let mut out = format!(
        "Buttondown at {} · now {} ({}) · emails due from {} to {}\n\n",
        report.api_base,
        local(report.window.now),
        zone.name(),
        local(report.window.start),
        local(report.window.end)
    );
    if report.rows.is_empty() {
        out.push_str("Nothing is due in that window, and nothing scheduled needs withdrawing.\n");
        return out;
    }
    let mut lines: Vec<Vec<String>> = vec![["text", "lang", "action", "when"]
        .iter()
        .map(|s| s.to_string())
        .collect()];
    if !report.dry_run {
        lines[0].push("result".into());
    }
    lines[0].push("note".into());
    for row in &report.rows {
        let mut line = vec![
            row.step.text.clone(),
            row.step.lang.clone(),
            verb(&row.step.action).into(),
            row.step.at.map_or("—".into(), local),
        ];
        if !report.dry_run {
            line.push(result(row));
        }
        line.push(note(row, &local));
        lines.push(line);
    }
    let widths: Vec<usize> = (0..lines[0].len())
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for line in &lines {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out.push_str("  ");
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&summary(report));
    out
}

fn verb(action: &Action) -> &'static str {
    match action {
        Action::Create { .. } => "create",
        Action::Update { .. } => "update",
        Action::Unchanged { .. } => "unchanged",
        Action::Sent { .. } => "sent",
        Action::Withdraw { .. } => "withdraw",
        Action::Conflict { .. } => "conflict",
    }
}

fn result(row: &Row) -> String {
    match &row.outcome {
        Outcome::Planned => "—".into(),
        Outcome::Created => "created".into(),
        Outcome::AlreadyThere => "already there".into(),
        Outcome::Updated => "updated".into(),
        Outcome::Withdrawn => "withdrawn".into(),
        Outcome::Renamed(slug) => format!("FAILED (made as {slug}; back to draft)"),
        Outcome::Failed(why) => format!("FAILED ({why})"),
        Outcome::NotAttempted => "not attempted".into(),
    }
}

fn note(row: &Row, local: &dyn Fn(DateTime<Utc>) -> String) -> String {
    let mut note = match &row.step.action {
        Action::Create { now: true } => "its hour has passed: sent at once".to_string(),
        Action::Create { now: false } | Action::Unchanged { .. } => String::new(),
        Action::Update { why, .. } => match why {
            Change::Rescheduled => "scheduled again".into(),
            Change::Moved { from: Some(from) } => format!("moved from {}", local(*from)),
            Change::Moved { from: None } => "given its hour".into(),
            Change::Edition => "the edition changed".into(),
        },
        Action::Sent {
            status, changed, ..
        } => {
            let mut parts = Vec::new();
            if status != "sent" {
                parts.push(format!("Buttondown: {status}"));
            }
            if *changed {
                parts.push("changed since; never sent again".into());
            }
            parts.join("; ")
        }
        Action::Withdraw { why, .. } => match why {
            Some(Absent::Draft) => "a draft again: back to draft".into(),
            Some(Absent::Outside(at)) => format!("moved to {}: back to draft", local(*at)),
            Some(Absent::NotWritten) => "not written in this language: back to draft".into(),
            None => "no longer a text of the site: back to draft".into(),
        },
        Action::Conflict { .. } => "the slug is another email's".into(),
    };
    if let Some(lang) = &row.edition_lang {
        note = match note.is_empty() {
            true => format!("the {lang} edition"),
            false => format!("the {lang} edition; {note}"),
        };
    }
    note
}

fn summary(report: &Report) -> String {
    let count = |f: &dyn Fn(&Row) -> bool| report.rows.iter().filter(|r| f(r)).count();
    let is = |name: &'static str| move |r: &Row| verb(&r.step.action) == name;
    let unchanged = count(&is("unchanged"));
    let sent = count(&is("sent"));
    if report.dry_run {
        return format!(
            "Dry run: nothing was handed over. {} to create, {} to update, {} to withdraw; {unchanged} unchanged, {sent} already sent.\n",
            count(&is("create")),
            count(&is("update")),
            count(&is("withdraw")),
        );
    }
    let outcome = |o: Outcome| move |r: &Row| r.outcome == o;
    let mut out = format!(
        "Handed over: {} created, {} updated, {} withdrawn; {unchanged} unchanged, {sent} already sent.\n",
        count(&outcome(Outcome::Created)) + count(&outcome(Outcome::AlreadyThere)),
        count(&outcome(Outcome::Updated)),
        count(&outcome(Outcome::Withdrawn)),
    );
    let missed: Vec<&Row> = report
        .rows
        .iter()
        .filter(|r| !Report::handed_over(r))
        .collect();
    if !missed.is_empty() {
        let name = |r: &&Row| format!("{} ({})", r.step.text, r.step.lang);
        let done: Vec<String> = report
            .rows
            .iter()
            .filter(|r| Report::handed_over(r))
            .map(|r| name(&r))
            .collect();
        let missed: Vec<String> = missed
            .iter()
            .map(|r| format!("{} — {}", name(r), result(r)))
            .collect();
        out.push_str(&format!(
            "With Buttondown as planned: {}.\nNot handed over: {}.\n",
            if done.is_empty() {
                "none".into()
            } else {
                done.join(", ")
            },
            missed.join(", ")
        ));
    }
    out
}
