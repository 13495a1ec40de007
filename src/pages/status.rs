//! The preview's status page (`/_status/`): the desk seen in one language, dates in its words and
//! links to the texts' pages in its tree.

use chrono::NaiveDate;
use serde::Serialize;

use crate::content::Kind;
use crate::i18n::I18n;
use crate::site::desk::{Desk, State};
use crate::site::Site;

/// The status page's view of the desk, in language `lang`: dates in its words, links to the texts'
/// pages in its tree.
#[derive(Debug, Serialize)]
pub struct PageView {
    pub desk: Desk,
    pub rows: Vec<RowView>,
    pub next: Option<NextView>,
    /// The arcs before today's, newest first.
    pub arcs: Vec<ArcView>,
    pub today_text: String,
    /// False when the preview hides drafts and scheduled texts (`--no-drafts`): they show as missing.
    pub drafts: bool,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    /// The calendar's week (unique across arcs: the row's id), and its number in its arc.
    pub id: u32,
    pub week: u32,
    /// Its arc when that is not today's (a text scheduled into the next one), else 0.
    pub arc: u32,
    /// The year, on the first row and where a new year starts.
    pub year: Option<String>,
    pub current: bool,
    pub slots: Vec<SlotView>,
}

#[derive(Debug, Serialize)]
pub struct SlotView {
    pub kind: Kind,
    pub date_iso: NaiveDate,
    pub date_text: String,
    pub text: Option<TextView>,
}

#[derive(Debug, Serialize)]
pub struct TextView {
    pub slug: String,
    pub title: String,
    pub url: String,
    /// Each language's state, in the site's order.
    pub states: Vec<StateView>,
}

#[derive(Debug, Serialize)]
pub struct StateView {
    pub code: String,
    pub state: State,
    pub file: Option<String>,
    pub words: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct NextView {
    pub week: u32,
    /// Its arc once the site has more than one, else 0.
    pub arc: u32,
    pub kind: Kind,
    pub date_text: String,
    /// The command that starts a text there.
    pub command: String,
}

#[derive(Debug, Serialize)]
pub struct ArcView {
    pub arc: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub dates_text: String,
    pub texts: usize,
}

/// The status page's context: the same desk, with what a page shows besides.
pub fn page_view(site: &Site, i18n: &I18n, lang: usize, drafts: bool) -> PageView {
    let desk = Desk::new(site);
    let mut previous_year = None;
    let rows = desk
        .weeks
        .iter()
        .map(|week| {
            let year = week.dates.essay.format("%Y").to_string();
            let shown = (previous_year.as_ref() != Some(&year)).then(|| year.clone());
            previous_year = Some(year);
            RowView {
                id: week.week,
                week: week.arc_week,
                arc: if week.arc == desk.current_arc {
                    0
                } else {
                    week.arc
                },
                year: shown,
                current: desk.current_week == Some(week.week),
                slots: Kind::ALL
                    .map(|kind| SlotView {
                        kind,
                        date_iso: week.date(kind),
                        date_text: i18n.date_short(lang, week.date(kind)),
                        text: week.slot(kind).map(|entry| {
                            let url = site
                                .text_in_slot(week.week, kind)
                                .map(|i| crate::plan::text_path(site, &site.texts[i], lang))
                                .unwrap_or_default();
                            TextView {
                                slug: entry.slug.clone(),
                                title: entry.title.clone(),
                                url,
                                states: entry
                                    .languages
                                    .iter()
                                    .enumerate()
                                    .map(|(l, (code, state))| StateView {
                                        code: code.to_string(),
                                        state: *state,
                                        file: entry.files.values[l].clone(),
                                        words: entry.words.values[l],
                                    })
                                    .collect(),
                            }
                        }),
                    })
                    .into_iter()
                    .collect(),
            }
        })
        .collect();
    let next = desk.next_empty.map(|slot| NextView {
        week: slot.arc_week,
        arc: site.week_name(slot.week).0,
        kind: slot.kind,
        date_text: i18n.date_long(lang, slot.date),
        command: format!("site new {}", slot.kind.name()),
    });
    let arcs = desk
        .arcs
        .iter()
        .rev()
        .map(|a| ArcView {
            arc: a.arc,
            start: a.start,
            end: a.end,
            dates_text: format!(
                "{} – {}",
                i18n.date_long(lang, a.start),
                i18n.date_long(lang, a.end)
            ),
            texts: a.texts,
        })
        .collect();
    PageView {
        arcs,
        today_text: i18n.date_long(lang, desk.today),
        rows,
        next,
        drafts,
        desk,
    }
}
