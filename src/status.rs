//! The writer's desk: where every slot of the arc stands, in every language. One model for
//! `site status` (its table and its JSON) and for the preview's status page.

use chrono::NaiveDate;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::pipeline::{self, Selection};
use crate::render::Renderer;
use crate::schedule::{Now, Status};
use crate::site::Site;

/// Where one language of a text stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Published,
    Scheduled,
    Draft,
    /// The text is not written in this language.
    Missing,
}

impl State {
    pub const ALL: [State; 4] = [
        State::Published,
        State::Scheduled,
        State::Draft,
        State::Missing,
    ];

    pub fn name(self) -> &'static str {
        match self {
            State::Published => "published",
            State::Scheduled => "scheduled",
            State::Draft => "draft",
            State::Missing => "missing",
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
    /// The arc's week today falls in; `None` before the arc starts.
    pub current_week: Option<u32>,
    pub arc: ArcInfo,
    /// Every week of the arc, and each later week that has a text.
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

#[derive(Debug, Clone, Serialize)]
pub struct Week {
    pub week: u32,
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
    /// In the default language when written in it, else in the first language it is written in.
    pub title: String,
    pub date: NaiveDate,
    pub languages: PerLanguage<State>,
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
}

impl Counts {
    fn add(&mut self, state: State) {
        if state != State::Missing {
            self.written += 1;
        }
        match state {
            State::Published => self.published += 1,
            State::Scheduled => self.scheduled += 1,
            State::Draft => self.draft += 1,
            State::Missing => self.missing += 1,
        }
    }
}

/// A slot of the arc: a week and a kind, on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub week: u32,
    pub kind: Kind,
    pub date: NaiveDate,
}

/// The site as the writer's commands see it: drafts and scheduled texts included, and whatever could
/// be read even when some files are broken.
pub struct Lenient {
    pub site: Site,
    /// The templates and translations, or why they cannot be used.
    pub renderer: Result<Renderer, Vec<Diagnostic>>,
    /// Files that could not be read or parsed, and texts left out because they collide.
    pub problems: Vec<Diagnostic>,
}

/// Loads the site with drafts, keeping what can be read; `Err` only when `site.toml` is unusable.
pub fn load(root: &std::path::Path, now: Now) -> Result<Lenient, Vec<Diagnostic>> {
    let selection = Selection {
        base_url: None,
        drafts: true,
        now,
        keep_bodies: false,
    };
    let parts = pipeline::load_parts(root, &selection)?;
    let mut problems = parts.problems;
    let (site, left_out) = Site::assemble_lenient(
        parts.config,
        parts.arc,
        parts.publishing,
        parts.posts,
        parts.assets,
    );
    problems.extend(left_out);
    Ok(Lenient {
        site,
        renderer: parts.renderer,
        problems,
    })
}

/// Today in the site's time zone, as the run's "now" sees it.
pub fn today(site: &Site) -> NaiveDate {
    let publishing = &site.publishing;
    publishing
        .now
        .with_timezone(&publishing.schedule.zone)
        .date_naive()
}

/// The first free slot of `kind` (no text of that kind that week, drafts and scheduled ones
/// included) dated on or after `from`, starting at week `first` (at least 1); `None` when every slot
/// up to the last date a text can carry is taken.
pub fn next_free(site: &Site, kind: Kind, from: NaiveDate, first: u32) -> Option<Slot> {
    (first.max(1)..=site.arc.last_week(kind)).find_map(|week| {
        let date = site.arc.checked_slot_date(week, kind)?;
        (date >= from && site.text_in_slot(week, kind).is_none()).then_some(Slot {
            week,
            kind,
            date,
        })
    })
}

/// The first empty slot of either kind on or after `from`, in date order.
pub fn next_empty(site: &Site, from: NaiveDate) -> Option<Slot> {
    let first = site.arc.week_of(from).unwrap_or(1);
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
        let today = today(site);
        let entry = |week: u32, kind: Kind| -> Option<Entry> {
            let text = &site.texts[site.text_in_slot(week, kind)?];
            let post = |l: usize| text.versions[l].map(|i| &site.posts[i]);
            Some(Entry {
                slug: text.slug.clone(),
                title: site.version(text, 0).front.title.clone(),
                date: text.date,
                languages: per(
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
        let weeks: Vec<Week> = (1..=site.last_week())
            .filter(|&week| {
                week <= site.arc.weeks
                    || Kind::ALL
                        .iter()
                        .any(|&k| site.text_in_slot(week, k).is_some())
            })
            .map(|week| Week {
                week,
                dates: Dates {
                    essay: site.arc.slot_date(week, Kind::Essay),
                    bulletin: site.arc.slot_date(week, Kind::Bulletin),
                },
                essay: entry(week, Kind::Essay),
                bulletin: entry(week, Kind::Bulletin),
            })
            .collect();
        let mut counts = vec![Counts::default(); languages];
        let mut words = vec![0; languages];
        for week in &weeks {
            for entry in Kind::ALL.iter().filter_map(|&k| week.slot(k)) {
                for (l, state) in entry.languages.values.iter().enumerate() {
                    counts[l].add(*state);
                    words[l] += entry.words.values[l].unwrap_or(0);
                }
            }
        }
        let count = |kind: Kind| site.texts.iter().filter(|t| t.kind == kind).count();
        Desk {
            today,
            current_week: site.arc.week_of(today),
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

/// The status page's view of the desk, in language `lang`: dates in its words, links to the texts'
/// pages in its tree.
#[derive(Debug, Serialize)]
pub struct PageView {
    pub desk: Desk,
    pub rows: Vec<RowView>,
    pub next: Option<NextView>,
    pub today_text: String,
    /// False when the preview hides drafts and scheduled texts (`--no-drafts`): they show as missing.
    pub drafts: bool,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    pub week: u32,
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
    pub kind: Kind,
    pub date_text: String,
    /// The command that starts a text there.
    pub command: String,
}

/// The status page's context: the same desk, with what a page shows besides.
pub fn page_view(site: &Site, i18n: &crate::i18n::I18n, lang: usize, drafts: bool) -> PageView {
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
                week: week.week,
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
        week: slot.week,
        kind: slot.kind,
        date_text: i18n.date_long(lang, slot.date),
        command: format!("site new {}", slot.kind.name()),
    });
    PageView {
        today_text: i18n.date_long(lang, desk.today),
        rows,
        next,
        drafts,
        desk,
    }
}
