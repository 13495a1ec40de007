//! `site send`: hands each edition due in the window to the sending service (Buttondown), scheduled for
//! its hour, in its language, exactly once; corrections update what is still scheduled.
//!
//! Exactly once rests on the provider, not on a local list: every email carries a slug per text and
//! language, so a run that overlaps another or follows a killed one finds the email there (in the
//! listing, or as a duplicate refused at creation) instead of making a second one. A provider need not
//! refuse a slug it has (Buttondown's web app numbers it), so every create also carries an idempotency
//! key derived from the request (a lost answer retried, or made again by a later run, returns the first
//! answer), and a create answered with another slug is put back to draft and reported.

pub mod buttondown;
pub mod naked;
pub mod outgoing;
pub mod plan;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::config::EmailConfig;
use crate::diagnostics::Diagnostic;
use crate::schedule::Now;
use crate::site::load::{load, Selection};
use crate::view::Tools;
use buttondown::{ApiKey, Client, Failure, Metadata, Sending};
use outgoing::{Outgoing, Window};
use plan::{Action, Held, Step};

pub struct Options {
    pub now: Now,
    /// The public address, when it is not `base_url` (as for the build).
    pub base_url: Option<String>,
    pub dry_run: bool,
    pub key: ApiKey,
}

/// What a run did, or would do, row by row.
pub struct Report {
    pub api_base: String,
    pub zone: Tz,
    pub window: Window,
    pub dry_run: bool,
    pub rows: Vec<Row>,
    /// Problems of single editions (a refusal); the run went on with the others.
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// One email: the plan's step and what became of it.
pub struct Row {
    pub step: Step,
    pub outcome: Outcome,
    /// The language of the edition, when it is not the readers' (`other_language = "original"`).
    pub edition_lang: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A dry run, or nothing to do.
    Planned,
    Created,
    /// Made by another run meanwhile (the provider refused a duplicate).
    AlreadyThere,
    Updated,
    Withdrawn,
    /// The provider made the email under another slug (its own numbering of a slug it already had):
    /// that copy was put back to draft, so it is never sent.
    Renamed(String),
    Failed(String),
    /// An earlier failure stopped the run.
    NotAttempted,
}

impl Report {
    /// Whether this row's email is with the provider as it should be.
    pub fn handed_over(row: &Row) -> bool {
        matches!(
            (&row.step.action, &row.outcome),
            (
                _,
                Outcome::Created | Outcome::AlreadyThere | Outcome::Updated | Outcome::Withdrawn
            ) | (
                Action::Unchanged { .. } | Action::Sent { .. },
                Outcome::Planned
            )
        )
    }
}

/// Plans the run and, unless it is dry, carries it out. `Err` when nothing could be planned.
pub fn send(root: &Path, options: Options) -> Result<Report, Vec<Diagnostic>> {
    let selection = Selection {
        base_url: options.base_url.clone(),
        drafts: true,
        now: options.now,
        keep_bodies: false,
    };
    let loaded = load(root, &selection)?;
    let tools = Tools::new(&loaded.interface, &loaded.highlighter, root);
    let config = &loaded.site.config;
    let settings = config.email.clone().unwrap_or_default();
    let site_id = config.base_url.clone();
    let window = Window::around(loaded.site.publishing.now, settings.schedule_ahead_days);
    // Every edition goes out naked: without its unsubscribe tag Buttondown must not have it.
    let toml = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    if let Some(refusal) = naked::problem(config, &toml, true) {
        return Err(vec![refusal]);
    }
    let found = outgoing::find(&tools, &loaded.site, &settings, &window)?;
    if let Some(o) = found
        .outgoing
        .iter()
        .find(|o| !naked::has_tag(&o.email.body))
    {
        return Err(vec![Diagnostic::error(
            &o.source,
            format!(
                "the email edition of “{}” has no `{{{{ unsubscribe_url }}}}` link: Buttondown sends it naked, and a naked email must carry that tag",
                o.email.subject
            ),
        )
        .help("the email template (templates/email/) must link to `{{ unsubscribe_url }}`, as the default template does; see it with `site email SLUG`")]);
    }
    let client = Client::new(&settings.api_base, options.key, &site_id);
    let held = client
        .list()
        .map_err(|f| vec![failure(&f, &settings, None)])?;
    // Buttondown addresses readers by a tag's id; the site (and the subscription form) by its name.
    let tags = match found.outgoing.iter().any(|o| o.email.tag.is_some()) {
        true => client
            .tags()
            .map_err(|f| vec![failure(&f, &settings, None)])?,
        false => Vec::new(),
    };
    let due: Vec<plan::Due> = found.outgoing.iter().map(|o| o.due.clone()).collect();
    let steps = plan::plan(&site_id, &due, &found.absent, &held, window.now);
    let mut report = Report {
        api_base: settings.api_base.clone(),
        zone: loaded.site.publishing.schedule.zone,
        window,
        dry_run: options.dry_run,
        rows: Vec::new(),
        problems: Vec::new(),
        warnings: found.warnings,
    };
    let mut stopped = false;
    for step in steps {
        let out = step.due.map(|i| &found.outgoing[i]);
        // The readers' tag, by id; `Err` with its name when Buttondown has no such tag.
        let audience = match out.and_then(|o| o.email.tag.as_deref()) {
            None => Ok(None),
            Some(name) => tag_id(&tags, name).map(Some).ok_or(name),
        };
        let outcome = match (&step.action, options.dry_run, stopped) {
            (Action::Conflict { .. }, _, _) => {
                let o = out.expect("a conflict is about a due edition");
                report.problems.push(
                    Diagnostic::error(
                        &o.source,
                        format!(
                            "an email with the slug `{}` is in {} and `site send` did not make it",
                            o.email.slug, settings.api_base
                        ),
                    )
                    .help(
                        "rename or delete that email in Buttondown; `site send` never touches it",
                    ),
                );
                Outcome::Failed("slug taken".into())
            }
            (Action::Create { .. } | Action::Update { .. }, dry_run, _) if audience.is_err() => {
                let (o, name) = (out.expect("a due edition"), audience.unwrap_err());
                report.problems.push(no_tag(o, &step, name, &settings));
                match dry_run {
                    true => Outcome::Planned,
                    false => Outcome::Failed("no such tag".into()),
                }
            }
            (Action::Unchanged { .. } | Action::Sent { .. }, _, _) | (_, true, _) => {
                Outcome::Planned
            }
            (_, false, true) => Outcome::NotAttempted,
            (action, false, false) => {
                let audience = audience.unwrap_or(None);
                match carry_out(&client, action, out, audience, &held, window.now) {
                    Ok(Outcome::Renamed(slug)) => {
                        let o = out.expect("only a create is renamed");
                        let slug = client.shown(&slug);
                        report.problems.push(renamed(o, &step, &slug, &settings));
                        Outcome::Renamed(slug)
                    }
                    Ok(outcome) => outcome,
                    Err(f) => {
                        stopped = !matches!(f, Failure::Refused { .. });
                        report
                            .problems
                            .push(failure(&f, &settings, out.map(|o| (o, &step))));
                        Outcome::Failed(match &f {
                            Failure::Refused { code, status, .. } => {
                                code.clone().unwrap_or_else(|| format!("HTTP {status}"))
                            }
                            Failure::Denied { status, .. } => format!("key refused ({status})"),
                            Failure::Unavailable(_) => "no answer".into(),
                        })
                    }
                }
            }
        };
        let edition_lang = out
            .filter(|o| o.edition_lang != step.lang)
            .map(|o| o.edition_lang.clone());
        report.rows.push(Row {
            step,
            outcome,
            edition_lang,
        });
    }
    Ok(report)
}

/// The id of the tag named `name`: the tag of that name, or else the only one whose name differs from
/// it in case alone.
fn tag_id<'a>(tags: &'a [(String, String)], name: &str) -> Option<&'a str> {
    let exact = tags.iter().find(|(n, _)| n == name);
    let folded = || {
        let lower = name.to_lowercase();
        let mut alike = tags.iter().filter(|(n, _)| n.to_lowercase() == lower);
        alike.next().filter(|_| alike.next().is_none())
    };
    exact.or_else(folded).map(|(_, id)| id.as_str())
}

/// The edition `o` cannot be addressed: Buttondown has no tag `name`.
fn no_tag(o: &Outgoing, step: &Step, name: &str, settings: &EmailConfig) -> Diagnostic {
    Diagnostic::error(
        &o.source,
        format!(
            "{} has no subscriber tag `{name}`, so the email of “{}” cannot go to the {} readers alone",
            settings.api_base, o.email.subject, step.lang
        ),
    )
    .help(format!(
        "create the tag `{name}` in Buttondown (the subscription form gives it to each new {} reader), or change `[subscribe] tag` in site.toml; the other editions went ahead",
        step.lang
    ))
}

/// The edition `o` was made under the slug `got`, not its own: that copy is withdrawn.
fn renamed(o: &Outgoing, step: &Step, got: &str, settings: &EmailConfig) -> Diagnostic {
    Diagnostic::error(
        &o.source,
        format!(
            "{} made the email of “{}” to the {} readers under the slug `{got}`, not `{}`: another email has that slug; the copy was put back to draft, so it is not sent",
            settings.api_base, o.email.subject, step.lang, o.email.slug
        ),
    )
    .help(format!(
        "look in Buttondown for the email with the slug `{}`: rename or delete it if `site send` did not make it, delete the draft `{got}`, then run `site send` again",
        o.email.slug
    ))
}

/// One step against the provider (`held`: what it held when the run began), for the subscribers with
/// the tag whose id is `audience`.
fn carry_out(
    client: &Client,
    action: &Action,
    out: Option<&Outgoing>,
    audience: Option<&str>,
    held: &[Held],
    now: DateTime<Utc>,
) -> Result<Outcome, Failure> {
    let found = |id: &str| held.iter().find(|h| h.id == id);
    let edition = |o: &Outgoing| Metadata {
        text: o.due.text.clone(),
        lang: o.due.lang.clone(),
        edition: o.due.edition.clone(),
    };
    let sending = |o: &Outgoing| match o.due.at > now {
        true => Sending::At(o.due.at),
        false => Sending::Now,
    };
    match (action, out) {
        (Action::Create { .. }, Some(o)) => {
            match client.create(&o.email, audience, &edition(o), sending(o)) {
                // A provider that numbers a slug it already has instead of refusing it (as Buttondown's
                // web app does) made a second copy: back to draft before its hour.
                Ok(made) if made.slug.as_deref() != Some(o.email.slug.as_str()) => {
                    client.withdraw(&made)?;
                    Ok(Outcome::Renamed(made.slug.unwrap_or_default()))
                }
                Ok(_) => Ok(Outcome::Created),
                Err(f) if matches!(f.code(), Some("email_duplicate" | "slug_invalid")) => {
                    already_there(client, o, audience, &edition(o), sending(o), f)
                }
                Err(f) => Err(f),
            }
        }
        (Action::Update { id, .. }, Some(o)) => match found(id) {
            Some(h) => client
                .update(h, &o.email, audience, &edition(o), sending(o))
                .map(|_| Outcome::Updated),
            None => Ok(Outcome::Planned),
        },
        (Action::Withdraw { id, .. }, _) => match found(id) {
            Some(h) => client.withdraw(h).map(|_| Outcome::Withdrawn),
            None => Ok(Outcome::Planned),
        },
        _ => Ok(Outcome::Planned),
    }
}

/// A create refused as a duplicate: another run made it meanwhile (or a retry of a create whose answer
/// was lost). Find it by its slug and bring it up to date; when no email has the slug, the refusal stands.
fn already_there(
    client: &Client,
    o: &Outgoing,
    audience: Option<&str>,
    edition: &Metadata,
    sending: Sending,
    refusal: Failure,
) -> Result<Outcome, Failure> {
    let held = client.list()?;
    let Some(there) = held
        .iter()
        .find(|h| h.slug.as_deref() == Some(o.email.slug.as_str()))
    else {
        return Err(refusal);
    };
    let ours =
        there.text.as_deref() == Some(&o.due.text) && there.lang.as_deref() == Some(&o.due.lang);
    if !ours {
        return Err(refusal);
    }
    let same = there.edition.as_deref() == Some(&o.due.edition)
        && match sending {
            Sending::At(at) => there.publish_date == Some(at) && there.status == "scheduled",
            Sending::Now => there.status != "draft",
        };
    if same || !Held::editable(there) {
        return Ok(Outcome::AlreadyThere);
    }
    client
        .update(there, &o.email, audience, edition, sending)
        .map(|_| Outcome::Updated)
}

/// A failure as the writer reads it: which edition, the provider's code, and what to do.
fn failure(f: &Failure, settings: &EmailConfig, about: Option<(&Outgoing, &Step)>) -> Diagnostic {
    let api = PathBuf::from(&settings.api_base);
    let what = about.map_or_else(String::new, |(o, s)| {
        let edition = match o.edition_lang == s.lang {
            true => String::new(),
            false => format!(", the {} edition", o.edition_lang),
        };
        format!(
            " the email of “{}” to the {} readers{edition}",
            o.email.subject, s.lang
        )
    });
    match f {
        Failure::Refused {
            status,
            code,
            detail,
        } => {
            let file = about.map_or(api, |(o, _)| o.source.clone());
            let code = code.as_deref().unwrap_or("no code");
            Diagnostic::error(
                &file,
                format!("Buttondown refused{what} (HTTP {status}, {code}): {detail}"),
            )
            .help(help_for(code, about.map(|(o, _)| o)))
        }
        Failure::Denied { status, detail } => Diagnostic::error(
            Path::new("BUTTONDOWN_API_KEY"),
            format!("Buttondown refused the API key (HTTP {status}): {detail}"),
        )
        .help("check the key in Buttondown (Settings → API → Keys: it needs `email_access` write, `sending_access` write and `subscriber_access` read, for the tags) and the BUTTONDOWN_API_KEY secret that holds it"),
        Failure::Unavailable(why) => Diagnostic::error(
            &api,
            format!("Buttondown did not take{}: {why}", match what.is_empty() {
                true => " the request".to_string(),
                false => what,
            }),
        )
        .help("run `site send` again later: what was handed over stays, and nothing is made twice"),
    }
}

fn help_for(code: &str, out: Option<&Outgoing>) -> String {
    let slug = out.map_or("SLUG", |o| o.due.text.as_str());
    match code {
        "body_invalid" | "body_contains_frontmatter" => {
            format!(
                "look at the edition with `site email {slug}`; fix the text or templates/email/"
            )
        }
        "subject_invalid" => "check the text's title: it is the email's subject".into(),
        "tag_invalid" => match out.and_then(|o| o.email.tag.as_deref()) {
            Some(tag) => format!(
                "create the tag `{tag}` in Buttondown, or change `[subscribe] tag` in site.toml"
            ),
            None => "check `[subscribe] tag` in site.toml".into(),
        },
        "canonical_url_invalid" => {
            "check `base_url` (or --base-url): it makes the page's address".into()
        }
        "sending_requires_confirmation" => {
            "Buttondown asks to confirm sending at once; run `site send` again".into()
        }
        _ => {
            "see https://docs.buttondown.com/api-error-codes; the other editions went ahead".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tag_id;

    #[test]
    fn a_tag_is_found_by_its_name_then_by_its_name_in_any_case() {
        let tags = |names: &[&str]| -> Vec<(String, String)> {
            names
                .iter()
                .enumerate()
                .map(|(i, n)| (n.to_string(), format!("id-{i}")))
                .collect()
        };
        assert_eq!(tag_id(&tags(&["en", "pt-BR"]), "pt-BR"), Some("id-1"));
        assert_eq!(tag_id(&tags(&["EN", "pt-br"]), "pt-BR"), Some("id-1"));
        assert_eq!(
            tag_id(&tags(&["pt-br", "PT-BR", "pt-BR"]), "pt-BR"),
            Some("id-2")
        );
        assert_eq!(
            tag_id(&tags(&["pt-br", "PT-BR"]), "pt-BR"),
            None,
            "which one?"
        );
        assert_eq!(tag_id(&tags(&["en"]), "pt-BR"), None);
    }
}
