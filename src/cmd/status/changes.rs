//! `site status --changes FILE`: what changed in a translation's original since its record, as the
//! terminal shows it.

use std::fmt::Write as _;

use fieldnotes::desk::changes::{Changes, Found, Versions};
use fieldnotes::diff::{Paragraph, Word};

use super::Paint;

pub fn show(changes: &Changes, color: bool) -> String {
    let paint = Paint { on: color };
    let mut out = String::new();
    let translation = changes.translation.display();
    let _ = writeln!(
        out,
        "{} translates {} ({}).",
        paint.bold(&translation.to_string()),
        changes.original.display(),
        changes.from
    );
    match &changes.found {
        Found::Current => {
            let _ = writeln!(out, "The original is as it was when the translation was recorded: nothing to bring over.");
        }
        Found::Unknown(known) => {
            let _ = writeln!(out, "The original changed after the translation was recorded, but the recorded version cannot be read back: {}.", known.why);
            let mut facts = Vec::new();
            if let Some(commit) = &known.last_commit {
                facts.push(format!("its last commit is {commit}"));
            }
            if known.uncommitted {
                facts.push("it has changes not committed yet".to_string());
            }
            if let Some(modified) = &known.modified {
                facts.push(format!("the file was last modified {modified}"));
            }
            if !facts.is_empty() {
                let _ = writeln!(out, "What is known: {}.", facts.join("; "));
            }
            let _ = writeln!(out, "Compare the translation with the original as it is, then: site translated {translation}");
        }
        Found::Diff(versions) => {
            let _ = writeln!(
                out,
                "The original changed after the translation was recorded. From the recorded version ({}) to now:\n",
                versions.recovered
            );
            out.push_str(&diff(versions, &paint));
            let _ = writeln!(
                out,
                "\nWhen the translation says the same again: site translated {translation}"
            );
        }
    }
    out
}

fn diff(versions: &Versions, paint: &Paint) -> String {
    let mut out = String::new();
    let red = |t: &str| paint.wrap("31", t);
    let green = |t: &str| paint.wrap("32", t);
    let indent =
        |t: &str, mark: &str| -> String { t.lines().map(|l| format!("  {mark}{l}\n")).collect() };
    for field in versions.fields() {
        let _ = writeln!(out, "{}", paint.bold(field.name));
        if !field.old.is_empty() {
            out.push_str(&red(&indent(field.old, "- ")));
        }
        if !field.new.is_empty() {
            out.push_str(&green(&indent(field.new, "+ ")));
        }
    }
    let (mut changed, mut added, mut removed) = (0, 0, 0);
    let at = |line: usize| versions.body_line + line - 1;
    for paragraph in versions.body() {
        match paragraph {
            Paragraph::Kept { .. } => {}
            Paragraph::Added { text, line } => {
                added += 1;
                let _ = writeln!(out, "{}", paint.bold(&format!("line {}: added", at(line))));
                out.push_str(&green(&indent(text, "+ ")));
            }
            Paragraph::Removed { text, .. } => {
                removed += 1;
                let _ = writeln!(out, "{}", paint.bold("removed"));
                out.push_str(&red(&indent(text, "- ")));
            }
            Paragraph::Changed { line, words } => {
                changed += 1;
                let _ = writeln!(
                    out,
                    "{}",
                    paint.bold(&format!("line {}: changed", at(line)))
                );
                let text: Vec<String> = words
                    .iter()
                    .map(|w| match w {
                        Word::Same(w) => w.join(" "),
                        Word::Removed(w) => red(&format!("[-{}-]", w.join(" "))),
                        Word::Added(w) => green(&format!("{{+{}+}}", w.join(" "))),
                    })
                    .collect();
                let _ = writeln!(out, "  {}", text.join(" "));
            }
        }
    }
    let count =
        |n: usize, what: &str| format!("{n} paragraph{} {what}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        out,
        "\nIn the body: {}, {}, {}.",
        count(changed, "changed"),
        count(added, "added"),
        count(removed, "removed")
    );
    out
}
