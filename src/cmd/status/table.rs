//! The status table: one row per week, each slot's state per language, then the totals.

use std::fmt::Write as _;

use fieldnotes::content::Kind;
use fieldnotes::site::desk::{Desk, Entry, State};

/// ANSI styles, or nothing when the output is not a terminal.
pub struct Paint {
    pub on: bool,
}

impl Paint {
    pub fn wrap(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub fn bold(&self, text: &str) -> String {
        self.wrap("1", text)
    }
    pub fn dim(&self, text: &str) -> String {
        self.wrap("2", text)
    }
    fn state(&self, state: State, text: &str) -> String {
        let code = match state {
            State::Published => "32",
            State::Scheduled => "36",
            State::Draft => "33",
            State::Missing => "31",
            State::Outdated => "35",
            State::Untracked => "34",
        };
        self.wrap(code, text)
    }
}

/// What language `i`'s cell of `entry` says, and the state it is painted as: a translation out of
/// step with its original shows its publication too ("pub outd"), which it keeps.
fn cell(entry: &Entry, i: usize) -> (State, String) {
    let state = entry.languages.values[i];
    let publication = entry.publication.values[i];
    match state {
        State::Outdated | State::Untracked if publication != State::Missing => {
            (state, format!("{} {}", short(publication), short(state)))
        }
        _ => (state, short(state).to_string()),
    }
}

/// The short form of a state in the table (the legend says what each means).
fn short(state: State) -> &'static str {
    match state {
        State::Published => "pub",
        State::Scheduled => "sched",
        State::Draft => "draft",
        State::Missing => "—",
        State::Outdated => "outd",
        State::Untracked => "untr",
    }
}

/// Pads `text` (already measured as `width` characters) to `to`, after styling.
fn pad(styled: String, width: usize, to: usize) -> String {
    format!("{styled}{}", " ".repeat(to.saturating_sub(width)))
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// The table a writer reads at a glance, then the totals and the next empty slot.
pub fn table(desk: &Desk, title: &str, color: bool) -> String {
    let paint = Paint { on: color };
    let longest = desk
        .weeks
        .iter()
        .flat_map(|w| Kind::ALL.map(|k| w.slot(k).map_or(0, |e| e.slug.chars().count())))
        .max()
        .unwrap_or(0);
    let slug_width = longest.clamp(12, 26);
    let lang_widths: Vec<usize> = desk
        .languages
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let widest = desk
                .weeks
                .iter()
                .flat_map(|w| [w.essay.as_ref(), w.bulletin.as_ref()])
                .flatten()
                .map(|e| cell(e, i).1.chars().count())
                .max()
                .unwrap_or(0);
            c.chars().count().max(5).max(widest)
        })
        .collect();
    let mut out = String::new();
    let current = desk
        .weeks
        .iter()
        .find(|w| Some(w.week) == desk.current_week)
        .map_or_else(
            || match desk.current_arc {
                1 => "before the arc starts".to_string(),
                arc => format!("between arc {arc} and the next"),
            },
            |w| match w.arc {
                1 => format!("week {}", w.arc_week),
                arc => format!("arc {arc}, week {}", w.arc_week),
            },
        );
    let start = desk.weeks.first().map_or(desk.arc.start, |w| w.dates.essay);
    let which = match desk.current_arc {
        1 => String::new(),
        arc => format!("arc {arc}: "),
    };
    let _ = writeln!(
        out,
        "{} · {which}{}-week arc from {start} · today {}, {current}",
        paint.bold(title),
        desk.weeks
            .iter()
            .filter(|w| w.arc == desk.current_arc)
            .count(),
        desk.today
    );
    // The arcs before today's, a line each.
    for arc in &desk.arcs {
        let words: Vec<String> = arc
            .words
            .iter()
            .map(|(code, n)| format!("{code} {n}"))
            .collect();
        let _ = writeln!(
            out,
            "{}",
            paint.dim(&format!(
                "  arc {}: {} – {} · {} · words {}",
                arc.arc,
                arc.start,
                arc.end,
                plural(arc.texts, "text"),
                words.join(", ")
            ))
        );
    }
    out.push('\n');
    // Two header lines: the slots, then the columns of each slot.
    let slot_width = 5 + 2 + slug_width + 2 + lang_widths.iter().map(|w| w + 2).sum::<usize>();
    let mut head = format!("{:>6}  ", "week");
    let mut columns = " ".repeat(8);
    for kind in Kind::ALL {
        let weekday = match kind {
            Kind::Essay => &desk.arc.essay_weekday,
            Kind::Bulletin => &desk.arc.bulletin_weekday,
        };
        let label = format!("{} ({weekday})", kind.name());
        head.push_str(&pad(
            paint.bold(&label),
            label.chars().count(),
            slot_width + 1,
        ));
        columns.push_str(&format!("{:<5}  {:<slug_width$}  ", "date", "slug"));
        for (code, width) in desk.languages.iter().zip(&lang_widths) {
            columns.push_str(&format!("{code:<width$}  "));
        }
        columns.push(' ');
    }
    let _ = writeln!(out, "{}", head.trim_end());
    let _ = writeln!(out, "{}", paint.dim(columns.trim_end()));
    let mut year = None;
    for week in &desk.weeks {
        let this_year = week.dates.essay.format("%Y").to_string();
        if year.as_ref() != Some(&this_year) {
            let _ = writeln!(out, "  {}", paint.dim(&this_year));
            year = Some(this_year);
        }
        let marker = if desk.current_week == Some(week.week) {
            "›"
        } else {
            " "
        };
        let mut line = format!("{marker}{:>5}  ", week.arc_week);
        for kind in Kind::ALL {
            line.push_str(&format!("{}  ", week.date(kind).format("%m-%d")));
            line.push_str(&slot_cells(
                week.slot(kind),
                slug_width,
                &lang_widths,
                &paint,
            ));
            line.push(' ');
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let legend: Vec<String> = State::ALL
        .iter()
        .map(|&s| format!("{} {}", paint.state(s, short(s)), s.name()))
        .collect();
    let _ = writeln!(
        out,
        "\n{}",
        paint.dim(&format!(
            "{} (— a language the text is not written in)",
            legend.join(" · ")
        ))
    );
    let stale = |state: State| {
        desk.totals.states.values.iter().any(|c| match state {
            State::Outdated => c.outdated > 0,
            _ => c.untracked > 0,
        })
    };
    if stale(State::Outdated) {
        let _ = writeln!(out, "{}", paint.dim("outdated: the original changed after the translation; `site status --changes FILE` shows how"));
    }
    if stale(State::Untracked) {
        let _ = writeln!(out, "{}", paint.dim("untracked: no record says which version is the original; `site translated FILE` on the translation records it"));
    }
    let totals = &desk.totals;
    let _ = writeln!(
        out,
        "\n{}: {}, {}",
        plural(totals.texts, "text"),
        plural(totals.essays, "essay"),
        plural(totals.bulletins, "bulletin")
    );
    let code_width = desk
        .languages
        .iter()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    for ((code, counts), words) in totals.states.iter().zip(&totals.words.values) {
        let written = counts.published + counts.scheduled + counts.draft;
        let mut parts = Vec::new();
        for (n, state) in [
            (counts.published, State::Published),
            (counts.scheduled, State::Scheduled),
            (counts.draft, State::Draft),
        ] {
            if n > 0 {
                parts.push(paint.state(state, &format!("{n} {}", state.name())));
            }
        }
        let detail = if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        };
        let missing = if counts.missing > 0 {
            paint.state(
                State::Missing,
                &format!("{} missing", plural(counts.missing, "translation")),
            )
        } else {
            "no translation missing".to_string()
        };
        let mut stale = Vec::new();
        for (n, state) in [
            (counts.outdated, State::Outdated),
            (counts.untracked, State::Untracked),
        ] {
            if n > 0 {
                stale.push(paint.state(state, &format!("{n} {}", state.name())));
            }
        }
        let stale = if stale.is_empty() {
            String::new()
        } else {
            format!(", {}", stale.join(", "))
        };
        let _ = writeln!(
            out,
            "  {code:<code_width$}  {written} written{detail}{stale}, {missing} · {words} words"
        );
    }
    if let Some(slot) = &desk.next_empty {
        let weekday = slot.date.format("%A").to_string().to_lowercase();
        let _ = writeln!(
            out,
            "\nNext empty slot: {}, {} on {weekday} {} → {}",
            fieldnotes::site::desk::slot_name(slot),
            slot.kind.name(),
            slot.date,
            paint.bold(&format!("site new {}", slot.kind.name()))
        );
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The slug and each language's state of one slot; an empty slot says so.
fn slot_cells(entry: Option<&Entry>, slug_width: usize, widths: &[usize], paint: &Paint) -> String {
    let Some(entry) = entry else {
        let empty = "(empty)";
        let total = slug_width + 2 + widths.iter().map(|w| w + 2).sum::<usize>();
        return pad(paint.dim(empty), empty.chars().count(), total);
    };
    let slug = truncate(&entry.slug, slug_width);
    let mut cells = pad(slug.clone(), slug.chars().count(), slug_width + 2);
    for (i, width) in widths.iter().enumerate() {
        let (state, text) = cell(entry, i);
        cells.push_str(&pad(
            paint.state(state, &text),
            text.chars().count(),
            width + 2,
        ));
    }
    cells
}
