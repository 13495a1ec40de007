//! What `site send` does to each edition: the editions due in the window against what the sending
//! service holds → create, update, unchanged, sent, withdraw. Pure: no clock, no network.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

/// An edition due in the window: one text, for the readers of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub text: String,
    /// The readers' language code.
    pub lang: String,
    /// The provider's slug of this email: unique per text and language, so a second copy cannot be made.
    pub slug: String,
    /// The publish instant.
    pub at: DateTime<Utc>,
    /// The fingerprint of everything handed over but the date and status.
    pub edition: String,
}

/// Why a text and language of the site are not due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// The text (or this translation) is a draft.
    Draft,
    /// Its instant is outside the window.
    Outside(DateTime<Utc>),
    /// It is not written in this language (and `other_language` is `skip`).
    NotWritten,
}

/// An email the provider holds, as far as the plan needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub id: String,
    pub slug: Option<String>,
    /// When it last changed (`modification_date`): which version of it a change applies to.
    pub modified: Option<String>,
    pub status: String,
    pub publish_date: Option<DateTime<Utc>>,
    /// From the email's metadata, when `site send` made it.
    pub site: Option<String>,
    pub text: Option<String>,
    pub lang: Option<String>,
    pub edition: Option<String>,
}

impl Held {
    /// Still the provider's to send later, and ours to change: a draft or a scheduled email.
    pub fn editable(&self) -> bool {
        matches!(self.status.as_str(), "draft" | "scheduled")
    }
}

/// What happens to one email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Hand it over; `now` when its hour has passed (a run that came late): sent at once.
    Create {
        now: bool,
    },
    Update {
        id: String,
        why: Change,
    },
    Unchanged {
        id: String,
    },
    /// Handed over and past changing (sent, sending, paused…): never touched again. `changed` when
    /// the edition changed since.
    Sent {
        id: String,
        status: String,
        changed: bool,
    },
    /// A scheduled email of a text no longer due: back to draft, so it is not sent.
    Withdraw {
        id: String,
        why: Option<Absent>,
    },
    /// The slug is taken by an email `site send` did not make.
    Conflict {
        id: String,
    },
}

/// Why a held email is updated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A withdrawn (draft) email is due again.
    Rescheduled,
    /// The instant changed (and maybe the edition).
    Moved {
        from: Option<DateTime<Utc>>,
    },
    Edition,
}

/// One row of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub text: String,
    pub lang: String,
    /// When it goes out (or went, or was to go).
    pub at: Option<DateTime<Utc>>,
    pub action: Action,
    /// Index into the `due` list, for the steps that hand an edition over.
    pub due: Option<usize>,
}

/// The plan for `due` (every edition in the window), knowing what the provider `held` and why the
/// site's other texts and languages are not due (`absent`). `site` names this site in the metadata.
pub fn plan(
    site: &str,
    due: &[Due],
    absent: &BTreeMap<(String, String), Absent>,
    held: &[Held],
    now: DateTime<Utc>,
) -> Vec<Step> {
    let mut matched = vec![false; held.len()];
    let mut steps = Vec::new();
    for (i, d) in due.iter().enumerate() {
        let ours =
            |h: &Held| h.text.as_deref() == Some(&d.text) && h.lang.as_deref() == Some(&d.lang);
        // The email with this slug first: the provider's own uniqueness names it.
        let found = held
            .iter()
            .position(|h| h.slug.as_deref() == Some(&d.slug))
            .or_else(|| held.iter().position(|h| ours(h) && mine(site, h)));
        let action = match found {
            None => Action::Create { now: d.at <= now },
            Some(j) => {
                matched[j] = true;
                let h = &held[j];
                if !ours(h) {
                    Action::Conflict { id: h.id.clone() }
                } else {
                    compare(d, h)
                }
            }
        };
        steps.push(Step {
            text: d.text.clone(),
            lang: d.lang.clone(),
            at: Some(d.at),
            action,
            due: Some(i),
        });
    }
    for (h, _) in held.iter().zip(&matched).filter(|(_, m)| !**m) {
        let (Some(text), Some(lang)) = (&h.text, &h.lang) else {
            continue;
        };
        if h.status != "scheduled" || !mine(site, h) {
            continue;
        }
        steps.push(Step {
            text: text.clone(),
            lang: lang.clone(),
            at: h.publish_date,
            action: Action::Withdraw {
                id: h.id.clone(),
                why: absent.get(&(text.clone(), lang.clone())).copied(),
            },
            due: None,
        });
    }
    steps.sort_by(|a, b| (a.at, &a.text, &a.lang).cmp(&(b.at, &b.text, &b.lang)));
    steps
}

/// An email this site's `site send` made: its metadata names the site.
fn mine(site: &str, h: &Held) -> bool {
    h.site.as_deref() == Some(site)
}

/// A held email of this edition: what it needs.
fn compare(d: &Due, h: &Held) -> Action {
    let id = h.id.clone();
    if !h.editable() {
        return Action::Sent {
            id,
            status: h.status.clone(),
            changed: h.edition.as_deref() != Some(&d.edition),
        };
    }
    if h.status == "draft" {
        return Action::Update {
            id,
            why: Change::Rescheduled,
        };
    }
    if h.publish_date != Some(d.at) {
        return Action::Update {
            id,
            why: Change::Moved {
                from: h.publish_date,
            },
        };
    }
    if h.edition.as_deref() != Some(&d.edition) {
        return Action::Update {
            id,
            why: Change::Edition,
        };
    }
    Action::Unchanged { id }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://oficina.example/";

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn due(text: &str, lang: &str, when: &str, edition: &str) -> Due {
        Due {
            text: text.into(),
            lang: lang.into(),
            slug: format!("{text}-{}", lang.to_lowercase()),
            at: at(when),
            edition: edition.into(),
        }
    }

    fn held(d: &Due, status: &str, when: Option<&str>, edition: &str) -> Held {
        Held {
            id: format!("id-{}", d.slug),
            slug: Some(d.slug.clone()),
            modified: None,
            status: status.into(),
            publish_date: when.map(at),
            site: Some(SITE.into()),
            text: Some(d.text.clone()),
            lang: Some(d.lang.clone()),
            edition: Some(edition.into()),
        }
    }

    fn actions(steps: &[Step]) -> Vec<(String, Action)> {
        steps
            .iter()
            .map(|s| (format!("{}/{}", s.text, s.lang), s.action.clone()))
            .collect()
    }

    const NOW: &str = "2026-02-01T13:00:00Z";

    #[test]
    fn nothing_held_creates_each_edition_and_sends_a_late_one_at_once() {
        let due = [
            due("pontes", "pt-BR", "2026-02-03T10:00:00Z", "a"),
            due("ontem", "en", "2026-01-31T10:00:00Z", "b"),
        ];
        let steps = plan(SITE, &due, &BTreeMap::new(), &[], at(NOW));
        assert_eq!(
            actions(&steps),
            vec![
                ("ontem/en".into(), Action::Create { now: true }),
                ("pontes/pt-BR".into(), Action::Create { now: false }),
            ]
        );
        assert_eq!(steps[0].due, Some(1));
    }

    #[test]
    fn a_held_email_is_left_updated_or_never_touched() {
        let same = due("a", "pt-BR", "2026-02-03T10:00:00Z", "e1");
        let edited = due("b", "pt-BR", "2026-02-04T10:00:00Z", "e2");
        let moved = due("c", "pt-BR", "2026-02-06T10:00:00Z", "e3");
        let sent = due("d", "pt-BR", "2026-02-01T10:00:00Z", "e4");
        let back = due("e", "en", "2026-02-07T10:00:00Z", "e5");
        let held = [
            held(&same, "scheduled", Some("2026-02-03T10:00:00Z"), "e1"),
            held(&edited, "scheduled", Some("2026-02-04T10:00:00Z"), "old"),
            held(&moved, "scheduled", Some("2026-02-05T10:00:00Z"), "e3"),
            held(&sent, "sent", Some("2026-02-01T10:00:00Z"), "old"),
            held(&back, "draft", None, "e5"),
        ];
        let due = [same, edited, moved, sent, back];
        let steps = plan(SITE, &due, &BTreeMap::new(), &held, at(NOW));
        assert_eq!(
            actions(&steps),
            vec![
                (
                    "d/pt-BR".into(),
                    Action::Sent {
                        id: "id-d-pt-br".into(),
                        status: "sent".into(),
                        changed: true
                    }
                ),
                (
                    "a/pt-BR".into(),
                    Action::Unchanged {
                        id: "id-a-pt-br".into()
                    }
                ),
                (
                    "b/pt-BR".into(),
                    Action::Update {
                        id: "id-b-pt-br".into(),
                        why: Change::Edition
                    }
                ),
                (
                    "c/pt-BR".into(),
                    Action::Update {
                        id: "id-c-pt-br".into(),
                        why: Change::Moved {
                            from: Some(at("2026-02-05T10:00:00Z"))
                        }
                    }
                ),
                (
                    "e/en".into(),
                    Action::Update {
                        id: "id-e-en".into(),
                        why: Change::Rescheduled
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_scheduled_email_no_longer_due_is_withdrawn_and_nothing_else_is() {
        let gone = due("rascunho", "pt-BR", "2026-02-03T10:00:00Z", "e");
        let old = due("velho", "pt-BR", "2026-01-20T10:00:00Z", "e");
        let parked = due("parado", "en", "2026-02-10T10:00:00Z", "e");
        let mut foreign = held(&parked, "scheduled", Some("2026-02-10T10:00:00Z"), "e");
        foreign.site = Some("https://another.example/".into());
        foreign.slug = Some("outro".into());
        let held = [
            held(&gone, "scheduled", Some("2026-02-03T10:00:00Z"), "e"),
            held(&old, "sent", Some("2026-01-20T10:00:00Z"), "e"),
            held(&parked, "draft", None, "e"),
            foreign,
        ];
        let absent =
            BTreeMap::from([(("rascunho".to_string(), "pt-BR".to_string()), Absent::Draft)]);
        let steps = plan(SITE, &[], &absent, &held, at(NOW));
        assert_eq!(
            actions(&steps),
            vec![(
                "rascunho/pt-BR".into(),
                Action::Withdraw {
                    id: "id-rascunho-pt-br".into(),
                    why: Some(Absent::Draft)
                }
            )]
        );
    }

    #[test]
    fn a_slug_taken_by_another_email_is_a_conflict() {
        let d = due("nomes", "en", "2026-02-03T10:00:00Z", "e");
        let mut other = held(&d, "scheduled", Some("2026-02-03T10:00:00Z"), "e");
        other.site = None;
        other.text = None;
        other.lang = None;
        let steps = plan(SITE, &[d], &BTreeMap::new(), &[other], at(NOW));
        assert_eq!(
            actions(&steps),
            vec![(
                "nomes/en".into(),
                Action::Conflict {
                    id: "id-nomes-en".into()
                }
            )]
        );
    }

    #[test]
    fn a_second_email_of_ours_for_the_same_edition_is_withdrawn() {
        let d = due("nomes", "en", "2026-02-03T10:00:00Z", "e");
        let mut stray = held(&d, "scheduled", Some("2026-02-03T10:00:00Z"), "e");
        stray.id = "stray".into();
        stray.slug = Some("nomes-english".into());
        let keep = held(&d, "scheduled", Some("2026-02-03T10:00:00Z"), "e");
        let steps = plan(SITE, &[d], &BTreeMap::new(), &[stray, keep], at(NOW));
        let got = actions(&steps);
        assert!(got.contains(&(
            "nomes/en".into(),
            Action::Unchanged {
                id: "id-nomes-en".into()
            }
        )));
        assert!(got.contains(&(
            "nomes/en".into(),
            Action::Withdraw {
                id: "stray".into(),
                why: None
            }
        )));
    }
}
