//! The JSON of Buttondown's email API: an email as create and update take it, an email as the list
//! gives it, and an error answer.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};

use super::Sending;
use crate::send::outgoing::Email;
use crate::send::plan::Held;

/// The leading comment that states the body's editor mode, as api-emails-create documents it for HTML.
pub const EDITOR_MODE: &str = "<!-- buttondown-editor-mode: fancy -->";

/// What marks an email as one edition of this site.
#[derive(Debug, Clone)]
pub struct Metadata {
    pub text: String,
    pub lang: String,
    pub edition: String,
}

impl Metadata {
    /// The metadata a held email carries (empty where it has none).
    pub fn of(held: &Held) -> Metadata {
        Metadata {
            text: held.text.clone().unwrap_or_default(),
            lang: held.lang.clone().unwrap_or_default(),
            edition: held.edition.clone().unwrap_or_default(),
        }
    }
}

/// An email of the provider's JSON, as the plan reads it.
pub(super) fn held_of(v: &Value) -> Held {
    let text = |key: &str| v[key].as_str().map(String::from);
    let meta = |key: &str| v["metadata"][key].as_str().map(String::from);
    Held {
        id: id_of(v),
        slug: text("slug"),
        modified: text("modification_date"),
        status: text("status").unwrap_or_default(),
        publish_date: v["publish_date"]
            .as_str()
            .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
            .map(|d| d.with_timezone(&Utc)),
        site: meta("site"),
        text: meta("text"),
        lang: meta("lang"),
        edition: meta("edition"),
    }
}

/// A subscriber tag from the list of tags: (name, id); `None` without either.
pub(super) fn tag_of(v: &Value) -> Option<(String, String)> {
    let name = v["name"].as_str()?;
    (!v["id"].is_null()).then(|| (name.to_string(), id_of(v)))
}

/// An object's `id`, a string whatever JSON type it came as.
fn id_of(v: &Value) -> String {
    match &v["id"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The code and words of an error answer: `{"code", "detail"}`, or a 422's list of problems.
pub(super) fn error_of(text: &str) -> (Option<String>, String) {
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return (None, text.trim().chars().take(200).collect());
    };
    let code = v["code"].as_str().map(String::from);
    let detail = match &v["detail"] {
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                let place: Vec<String> = i["loc"]
                    .as_array()
                    .map(|l| {
                        l.iter()
                            .map(|p| p.as_str().map_or(p.to_string(), String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                format!(
                    "{} ({})",
                    i["msg"]
                        .as_str()
                        .or(i["type"].as_str())
                        .unwrap_or("invalid"),
                    place.join(".")
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    (code, detail)
}

/// `: words` of an error answer, for a message.
pub(super) fn words(text: &str) -> String {
    let (code, detail) = error_of(text);
    match (code, detail.is_empty()) {
        (Some(code), _) => format!(": {code}: {detail}"),
        (None, false) => format!(": {detail}"),
        (None, true) => String::new(),
    }
}

/// The JSON of an email, as Buttondown's create and update take it: for the subscribers with the
/// tag whose id is `audience`, or for all.
pub fn email(
    email: &Email,
    audience: Option<&str>,
    edition: &Metadata,
    site: &str,
    sending: Sending,
) -> Value {
    let mut body = Map::new();
    body.insert("subject".into(), email.subject.clone().into());
    // api-emails-create, "Body format detection": a body is Markdown or HTML by Buttondown's guess,
    // unless it starts with an editor mode comment; `fancy` is the one it documents for HTML.
    body.insert("body".into(), format!("{EDITOR_MODE}{}", email.body).into());
    body.insert("slug".into(), email.slug.clone().into());
    body.insert("description".into(), email.description.clone().into());
    body.insert("canonical_url".into(), email.canonical_url.clone().into());
    if let Some(image) = &email.image {
        body.insert("image".into(), image.clone().into());
    }
    // The edition is a whole document with its own footer: no template around it.
    body.insert("template".into(), "naked".into());
    let filters = audience.map_or_else(Vec::new, |id| {
        vec![json!({ "field": "subscriber.tags", "operator": "contains", "value": id })]
    });
    body.insert(
        "filters".into(),
        json!({ "filters": filters, "groups": [], "predicate": "and" }),
    );
    body.insert(
        "metadata".into(),
        json!({
            "site": site,
            "text": edition.text,
            "lang": edition.lang,
            "edition": edition.edition,
        }),
    );
    match sending {
        Sending::At(at) => {
            body.insert("status".into(), "scheduled".into());
            body.insert(
                "publish_date".into(),
                at.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
            );
        }
        Sending::Now => {
            body.insert("status".into(), "about_to_send".into());
        }
    }
    Value::Object(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_give_their_code_and_words() {
        assert_eq!(
            error_of(
                r#"{"code": "email_duplicate", "detail": "An email with that slug exists.", "metadata": {}}"#
            ),
            (
                Some("email_duplicate".into()),
                "An email with that slug exists.".into()
            )
        );
        assert_eq!(
            error_of(
                r#"{"detail": [{"type": "extra_forbidden", "loc": ["body", "colour"], "msg": "Extra inputs are not permitted"}]}"#
            ),
            (None, "Extra inputs are not permitted (body.colour)".into())
        );
        assert_eq!(error_of("Bad Gateway"), (None, "Bad Gateway".into()));
    }

    #[test]
    fn an_email_is_read_from_the_providers_json() {
        let held = held_of(&json!({
            "id": "em_1", "slug": "nomes-en", "status": "scheduled",
            "publish_date": "2026-02-03T10:00:00.000000+00:00",
            "metadata": {"site": "https://o.example/", "text": "nomes", "lang": "en", "edition": "ab"}
        }));
        assert_eq!(held.id, "em_1");
        assert_eq!(
            held.publish_date.map(|d| d.to_rfc3339()),
            Some("2026-02-03T10:00:00+00:00".into())
        );
        assert_eq!(held.lang.as_deref(), Some("en"));
        assert!(held.editable());
    }
}
