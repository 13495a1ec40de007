//! The writer's desk: where every slot of the arc stands, in every language, and which slot is free
//! next. One model for `site status` (its table and its JSON), `site new` and the preview's status page.

use chrono::NaiveDate;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::translation::{original, standing, Standing};
use super::{Site, Text};
use crate::content::Kind;
use crate::schedule::Status;

/// Where one language of a text stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Published,
    Scheduled,
    Draft,
    /// The text is not written in this language.
    Missing,
    /// A translation whose original changed after it was recorded (`site translated`), whether it
    /// is published, scheduled or a draft.
    Outdated,
    /// A version beside others with no record of which is the original.
    Untracked,
}

impl State {
    pub const ALL: [State; 6] = [
        State::Published,
        State::Scheduled,
        State::Draft,
        State::Missing,
        State::Outdated,
        State::Untracked,
    ];

    pub fn name(self) -> &'static str {
        match self {
            State::Published => "published",
            State::Scheduled => "scheduled",
            State::Draft => "draft",
            State::Missing => "missing",
            State::Outdated => "outdated",
            State::Untracked => "untracked",
        }
    }
}

impl From<Status> for State {
    fn from(status: Status) -> State {
        match status {
            Status::Published => State::Published,
            Status::Scheduled => State::Scheduled,
            Status::Draft => State::Draft,
        }
    }
}

/// Values per language, written as a map from language code in the site's order.
#[derive(Debug, Clone)]
pub struct PerLanguage<T> {
    pub codes: Vec<String>,
    pub values: Vec<T>,
}

impl<T> PerLanguage<T> {
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.codes.iter().map(String::as_str).zip(&self.values)
    }
}

impl<T: Serialize> Serialize for PerLanguage<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.codes.len()))?;
        for (code, value) in self.iter() {
            map.serialize_entry(code, value)?;
        }
        map.end()
    }
}

/// The whole desk, as `site status --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Desk {
    /// The site's language codes, the default first.
    pub languages: Vec<String>,
    /// Today in the site's time zone.
    pub today: NaiveDate,
    /// The calendar's week today falls in (see `Week::week`); `None` before the first arc or
    /// between two.
    pub current_week: Option<u32>,
    /// Today's arc (the one just ended, between two).
    pub current_arc: u32,
    pub arc: ArcInfo,
    /// The arcs before today's, one line each.
    pub arcs: Vec<ArcSummary>,
    /// Every week of today's arc, and each later week that has a text.
    pub weeks: Vec<Week>,
    pub totals: Totals,
    /// The first slot on or after today that holds no text.
    pub next_empty: Option<Slot>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArcInfo {
    pub start: NaiveDate,
    pub weeks: u32,
    pub essay_weekday: String,
    pub bulletin_weekday: String,
}

/// An arc before today's, summed up.
#[derive(Debug, Clone, Serialize)]
pub struct ArcSummary {
    pub arc: u32,
    pub start: NaiveDate,
    /// The day of its last slot.
    pub end: NaiveDate,
    pub texts: usize,
    /// Words written in each language.
    pub words: PerLanguage<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Week {
    /// The calendar's number of the week, counted across arcs (what `site new --week` takes).
    pub week: u32,
    /// Its arc, and its number in that arc (what pages show).
    pub arc: u32,
    pub arc_week: u32,
    /// The date of each slot: essay and bulletin.
    pub dates: Dates,
    pub essay: Option<Entry>,
    pub bulletin: Option<Entry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dates {
    pub essay: NaiveDate,
    pub bulletin: NaiveDate,
}

/// The text in a slot.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub slug: String,
    /// The language of the original: the only one written, or where the records lead; `None` for
    /// an untracked pair.
    pub original: Option<String>,
    /// In the default language when written in it, else in the first language it is written in.
    pub title: String,
    pub date: NaiveDate,
    pub languages: PerLanguage<State>,
    /// Each language's publication alone (published, scheduled, draft or missing), which
    /// `languages` shows as outdated or untracked when the translation is.
    pub publication: PerLanguage<State>,
    /// The file of each language the text is written in.
    pub files: PerLanguage<Option<String>>,
    pub words: PerLanguage<Option<usize>>,
}

impl Week {
    pub fn slot(&self, kind: Kind) -> Option<&Entry> {
        match kind {
            Kind::Essay => self.essay.as_ref(),
            Kind::Bulletin => self.bulletin.as_ref(),
        }
    }

    pub fn date(&self, kind: Kind) -> NaiveDate {
        match kind {
            Kind::Essay => self.dates.essay,
            Kind::Bulletin => self.dates.bulletin,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub texts: usize,
    pub essays: usize,
    pub bulletins: usize,
    /// Words written in each language.
    pub words: PerLanguage<usize>,
    /// Texts not (yet) written in each language.
    pub translations_missing: PerLanguage<usize>,
    /// How many texts stand in each state, per language.
    pub states: PerLanguage<Counts>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    /// Published, scheduled and drafts together.
    pub written: usize,
    pub published: usize,
    pub scheduled: usize,
    pub draft: usize,
    pub missing: usize,
    /// Of those written, the translations whose original changed since (also counted above by
    /// whether they are published, scheduled or drafts).
    pub outdated: usize,
    /// Of those written, the versions with no record beside others.
    pub untracked: usize,
}

impl Counts {
    /// Counts a version by whether it is published (`status`, `None` when missing) and where it
    /// stands as a translation (`state`).
    fn add(&mut self, status: Option<Status>, state: State) {
        match status {
            None => self.missing += 1,
            Some(status) => {
                self.written += 1;
                match status {
                    Status::Published => self.published += 1,
                    Status::Scheduled => self.scheduled += 1,
                    Status::Draft => self.draft += 1,
                }
            }
        }
        match state {
            State::Outdated => self.outdated += 1,
            State::Untracked => self.untracked += 1,
            _ => {}
        }
    }
}

/// The state a version shows: outdated or untracked before its publication state, which a
/// translation that still matches its original keeps.
fn state_of(site: &Site, text: &Text, lang: usize) -> State {
    let Some(p) = text.versions[lang] else {
        return State::Missing;
    };
    match standing(site, text, lang) {
        Some(Standing::Outdated { .. }) => State::Outdated,
        Some(Standing::Untracked) => State::Untracked,
        _ => site.posts[p].status.into(),
    }
}

/// A slot of the arc: a week and a kind, on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// The calendar's week (see `Week::week`), its arc and its number in that arc.
    pub week: u32,
    pub arc: u32,
    pub arc_week: u32,
    pub kind: Kind,
    pub date: NaiveDate,
}

/// A slot's week as the terminal says it: "week 3", or "arc 2, week 3" past the first arc.
pub fn slot_name(slot: &Slot) -> String {
    match slot.arc {
        1 => format!("week {}", slot.arc_week),
        arc => format!("arc {arc}, week {}", slot.arc_week),
    }
}

/// The first free slot of `kind` (no text of that kind that week, drafts and scheduled ones
/// included) dated on or after `from`, starting at week `first` (at least 1); `None` when every slot
/// up to the last date a text can carry is taken.
pub fn next_free(site: &Site, kind: Kind, from: NaiveDate, first: u32) -> Option<Slot> {
    (first.max(1)..=site.arc.last_week(kind)).find_map(|week| {
        let date = site.arc.checked_slot_date(week, kind)?;
        let (arc, arc_week) = site.arc.local(week);
        (date >= from && site.text_in_slot(week, kind).is_none()).then_some(Slot {
            week,
            arc,
            arc_week,
            kind,
            date,
        })
    })
}

/// The first empty slot of either kind on or after `from`, in date order.
pub fn next_empty(site: &Site, from: NaiveDate) -> Option<Slot> {
    let first = site.arc.week_from(from);
    Kind::ALL
        .into_iter()
        .filter_map(|kind| next_free(site, kind, from, first))
        .min_by_key(|slot| (slot.date, slot.kind))
}

impl Desk {
    /// The desk of `site` (loaded with drafts and scheduled texts, or it shows them as missing).
    pub fn new(site: &Site) -> Desk {
        let config = &site.config;
        let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
        fn per<T>(codes: &[String], values: Vec<T>) -> PerLanguage<T> {
            PerLanguage {
                codes: codes.to_vec(),
                values,
            }
        }
        let languages = codes.len();
        let today = site.today();
        let entry = |week: u32, kind: Kind| -> Option<Entry> {
            let text = &site.texts[site.text_in_slot(week, kind)?];
            let post = |l: usize| text.versions[l].map(|i| &site.posts[i]);
            Some(Entry {
                slug: text.slug.clone(),
                original: original(site, text).map(|l| codes[l].clone()),
                title: site.version(text, 0).front.title.clone(),
                date: text.date,
                languages: per(
                    &codes,
                    (0..languages).map(|l| state_of(site, text, l)).collect(),
                ),
                publication: per(
                    &codes,
                    (0..languages)
                        .map(|l| post(l).map_or(State::Missing, |p| p.status.into()))
                        .collect(),
                ),
                files: per(
                    &codes,
                    (0..languages)
                        .map(|l| {
                            post(l).map(|p| p.source.path.to_string_lossy().replace('\\', "/"))
                        })
                        .collect(),
                ),
                words: per(
                    &codes,
                    (0..languages)
                        .map(|l| post(l).map(|p| p.body.words))
                        .collect(),
                ),
            })
        };
        // Today's arc in full, and any later week holding a text; earlier arcs are summed up.
        let current_arc = site.current_arc();
        let season = site.arc.season_of_number(current_arc);
        // Texts are in calendar order: the later weeks come sorted, once per text.
        let later = site
            .texts
            .iter()
            .map(|t| t.week)
            .filter(|&w| w > season.last());
        let mut shown: Vec<u32> = (season.first..=season.last()).chain(later).collect();
        shown.dedup();
        let weeks: Vec<Week> = shown
            .into_iter()
            .map(|week| {
                let (arc, arc_week) = site.arc.local(week);
                Week {
                    week,
                    arc,
                    arc_week,
                    dates: Dates {
                        essay: site.arc.slot_date(week, Kind::Essay),
                        bulletin: site.arc.slot_date(week, Kind::Bulletin),
                    },
                    essay: entry(week, Kind::Essay),
                    bulletin: entry(week, Kind::Bulletin),
                }
            })
            .collect();
        // The totals count every text of the site, shown above or summed up in an earlier arc.
        let mut counts = vec![Counts::default(); languages];
        let mut words = vec![0; languages];
        let mut arcs: Vec<ArcSummary> = Vec::new();
        for text in &site.texts {
            let (arc, _) = site.arc.local(text.week);
            let summary = (arc < current_arc).then(|| {
                if arcs.last().is_none_or(|a| a.arc != arc) {
                    let s = site.arc.season_of_number(arc);
                    arcs.push(ArcSummary {
                        arc,
                        start: s.start,
                        end: Kind::ALL
                            .map(|k| site.arc.slot_date(s.last(), k))
                            .into_iter()
                            .max()
                            .unwrap_or(s.start),
                        texts: 0,
                        words: per(&codes, vec![0; languages]),
                    });
                }
                arcs.len() - 1
            });
            if let Some(a) = summary {
                arcs[a].texts += 1;
            }
            for l in 0..languages {
                let status = text.versions[l].map(|p| site.posts[p].status);
                counts[l].add(status, state_of(site, text, l));
                let written = text.versions[l].map_or(0, |p| site.posts[p].body.words);
                words[l] += written;
                if let Some(a) = summary {
                    arcs[a].words.values[l] += written;
                }
            }
        }
        let count = |kind: Kind| site.texts.iter().filter(|t| t.kind == kind).count();
        Desk {
            today,
            current_week: site.arc.week_of(today),
            current_arc,
            arcs,
            arc: ArcInfo {
                start: site.arc.start,
                weeks: site.arc.weeks,
                essay_weekday: crate::arc::weekday_name(site.arc.essay_weekday).to_string(),
                bulletin_weekday: crate::arc::weekday_name(site.arc.bulletin_weekday).to_string(),
            },
            weeks,
            totals: Totals {
                texts: site.texts.len(),
                essays: count(Kind::Essay),
                bulletins: count(Kind::Bulletin),
                words: per(&codes, words),
                translations_missing: per(&codes, counts.iter().map(|c| c.missing).collect()),
                states: per(&codes, counts),
            },
            next_empty: next_empty(site, today),
            languages: codes,
        }
    }
}
