//! Buttondown's email API over HTTP (ureq): list, create, update, with retries and its errors.
//!
//! What this relies on, from Buttondown's public API reference (docs.buttondown.com: api-authentication,
//! api-emails-create / -update / -status / -filters, api-pagination, api-filtering, api-error-codes,
//! api-rate-limits, api-versioning, and the OpenAPI types its `buttondown/cli` is generated from):
//! - every request carries `Authorization: Token <key>`; this client pins `X-API-Version: 2026-04-01`;
//! - `GET /v1/emails` pages by `page` (a `next` URL until `null`), filters by `status` (repeatable) and
//!   leaves the body out with `excluded_fields=body`; an email has `id`, `slug`, `status`,
//!   `publish_date` and `metadata`;
//! - `POST /v1/emails` takes `subject`, `body`, `slug`, `description`, `canonical_url`, `image`,
//!   `metadata`, `template`, `status` (`scheduled` with a `publish_date`, or `about_to_send`, which in
//!   that version needs `X-Buttondown-Live-Dangerously: true`) and `filters` (`subscriber.tags`
//!   `contains` a tag); `PATCH /v1/emails/{id}` takes the same fields;
//! - a tag filter's `value` is the tag's id, not its name: the reference's example shows a word, but
//!   the API refuses names with a 422, "Tag filters must be valid tag identifiers" (reported by other
//!   API clients); `GET /v1/tags` lists each tag's `id` and `name`, paged like the emails;
//! - errors are `{"code", "detail"}` (a 422 has a list in `detail`); `email_duplicate` ("an email with
//!   the same identifiers already exists") and `slug_invalid` ("invalid or already in use") are read as
//!   "maybe already there": the caller looks the slug up;
//! - 429 carries `Retry-After` in seconds; 429, 5xx and timeouts are worth retrying;
//! - `X-Idempotency-Key` (api-idempotency-keys): "a repeated request with the same key returns the same
//!   response as if it was sent only once", a string of up to 200 characters. Every POST and PATCH
//!   carries one derived from what it does (see `idempotency_key`), so a retry of a create whose answer
//!   was lost gets the first answer instead of making a second email, even where slugs are not unique.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::outgoing::Email;
use super::plan::Held;
use wire::{error_of, held_of, tag_of, words};
pub use wire::{Metadata, EDITOR_MODE};

mod key;
mod wire;

pub use key::{shown, ApiKey};

/// The API version this client speaks.
const API_VERSION: &str = "2026-04-01";
/// The statuses listed: every email that may be ours, not the deleted ones.
const STATUSES: [&str; 10] = [
    "draft",
    "scheduled",
    "about_to_send",
    "in_flight",
    "throttled",
    "resending",
    "sent",
    "paused",
    "errored",
    "suppressed",
];
/// Pages followed at most: a loop guard, far beyond any newsletter's archive at 100 a page.
const MAX_PAGES: usize = 1000;

/// The `X-Idempotency-Key` of a request that changes something: a digest of the site, the text, the
/// readers' language, the edition's fingerprint and the operation (with whatever else makes the request
/// what it is: the instant, the email's id and the version it changes). The same request, retried or
/// made again by a later run, carries the same key; any other request, another one.
pub fn idempotency_key(site: &str, edition: &Metadata, operation: &str) -> String {
    let parts = [
        site,
        &edition.text,
        &edition.lang,
        &edition.edition,
        operation,
    ];
    // Joined with a byte no part holds, so two different requests cannot join to the same text.
    let digest = sha1_smol::Sha1::from(parts.join("\u{1f}")).digest();
    // Well under the 200 characters the documentation allows.
    format!("site-send-{digest}")
}

/// When an email goes out.
#[derive(Debug, Clone, Copy)]
pub enum Sending {
    At(DateTime<Utc>),
    /// Its hour has passed: at once.
    Now,
}

/// What went wrong with a request, once retries are spent.
#[derive(Debug, Clone)]
pub enum Failure {
    /// A 4xx about this request: the provider's code (when it gave one) and words.
    Refused {
        status: u16,
        code: Option<String>,
        detail: String,
    },
    /// 401 or 403: the key is wrong or lacks a permission; every request would fail alike.
    Denied { status: u16, detail: String },
    /// Timeouts, 429 or 5xx after every attempt, or an answer that makes no sense.
    Unavailable(String),
}

impl Sending {
    /// The sending as a word of an idempotency key.
    fn word(&self) -> String {
        match self {
            Sending::At(at) => format!("at {}", at.to_rfc3339()),
            Sending::Now => "now".into(),
        }
    }
}

/// Which email a change is to, and the version of it that it changes: a later change to the same
/// email (withdrawn, then scheduled again) is another request, with another key.
fn changing(from: &Held) -> String {
    format!(
        "{} {}",
        from.id,
        from.modified.as_deref().unwrap_or(&from.status)
    )
}

impl Failure {
    /// The provider's code, for the "maybe already there" answers.
    pub fn code(&self) -> Option<&str> {
        match self {
            Failure::Refused { code, .. } => code.as_deref(),
            _ => None,
        }
    }
}

/// How often and how long to try again.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub attempts: u32,
    /// The first wait without a `Retry-After`; each next one doubles.
    pub first: Duration,
    /// A longer `Retry-After` than this is not waited for.
    pub longest: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            attempts: 4,
            first: Duration::from_secs(1),
            longest: Duration::from_secs(120),
        }
    }
}

pub struct Client {
    agent: ureq::Agent,
    /// `https://api.buttondown.com/v1`, without a trailing slash.
    base: String,
    key: ApiKey,
    retry: Retry,
    /// Which site's metadata marks an email as made by this site.
    site: String,
}

impl Client {
    pub fn new(base: &str, key: ApiKey, site: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(30)))
            .http_status_as_error(false)
            // The API does not redirect; a redirect must not carry the key anywhere.
            .max_redirects(0)
            .build()
            .into();
        Client {
            agent,
            base: base.trim_end_matches('/').to_string(),
            key,
            retry: Retry::default(),
            site: site.to_string(),
        }
    }

    /// Every email the provider holds (but the deleted), following the pages.
    pub fn list(&self) -> Result<Vec<Held>, Failure> {
        let mut url = format!("{}/emails?", self.base);
        for status in STATUSES {
            url.push_str(&format!("status={status}&"));
        }
        url.push_str("excluded_fields=body");
        Ok(self.pages(url, "emails")?.iter().map(held_of).collect())
    }

    /// Every subscriber tag: (name, id).
    pub fn tags(&self) -> Result<Vec<(String, String)>, Failure> {
        let tags = self.pages(format!("{}/tags", self.base), "tags")?;
        Ok(tags.iter().filter_map(tag_of).collect())
    }

    /// The `results` of a listing at `url` and of every page after it.
    fn pages(&self, mut url: String, what: &str) -> Result<Vec<Value>, Failure> {
        let mut all = Vec::new();
        for _ in 0..MAX_PAGES {
            let mut page = self.call("GET", &url, None, false, None)?;
            let Some(results) = page["results"].as_array_mut() else {
                return Err(Failure::Unavailable(format!(
                    "the list of {what} at {url} has no `results`"
                )));
            };
            all.append(results);
            match page["next"].as_str() {
                None => return Ok(all),
                // The key goes only where the configured API is.
                Some(next) if next.starts_with(&format!("{}/", self.base)) => url = next.into(),
                Some(next) => {
                    return Err(Failure::Unavailable(format!(
                        "the next page of {what} is elsewhere ({next}); the key is only sent to {}",
                        self.base
                    )))
                }
            }
        }
        Err(Failure::Unavailable(format!(
            "the list of {what} goes on past {MAX_PAGES} pages"
        )))
    }

    /// Hands `email` over, to the subscribers with the tag whose id is `audience` (to every
    /// subscriber when `None`).
    pub fn create(
        &self,
        email: &Email,
        audience: Option<&str>,
        edition: &Metadata,
        sending: Sending,
    ) -> Result<Held, Failure> {
        let body = wire::email(email, audience, edition, &self.site, sending);
        let now = matches!(sending, Sending::Now);
        let url = format!("{}/emails", self.base);
        let key = idempotency_key(&self.site, edition, &format!("create {}", sending.word()));
        self.call("POST", &url, Some(&body), now, Some(&key))
            .map(|v| held_of(&v))
    }

    /// Brings the held email `from` up to `email`.
    pub fn update(
        &self,
        from: &Held,
        email: &Email,
        audience: Option<&str>,
        edition: &Metadata,
        sending: Sending,
    ) -> Result<Held, Failure> {
        let body = wire::email(email, audience, edition, &self.site, sending);
        let url = format!("{}/emails/{}", self.base, from.id);
        let operation = format!("update {} {}", changing(from), sending.word());
        let key = idempotency_key(&self.site, edition, &operation);
        self.call("PATCH", &url, Some(&body), false, Some(&key))
            .map(|v| held_of(&v))
    }

    /// Back to draft: a draft is never sent, and keeps its slug for when the text is due again.
    pub fn withdraw(&self, from: &Held) -> Result<Held, Failure> {
        let url = format!("{}/emails/{}", self.base, from.id);
        let body = json!({ "status": "draft" });
        let edition = Metadata::of(from);
        let key = idempotency_key(
            &self.site,
            &edition,
            &format!("withdraw {}", changing(from)),
        );
        self.call("PATCH", &url, Some(&body), false, Some(&key))
            .map(|v| held_of(&v))
    }

    /// A server's words, as a message may show them.
    pub fn shown(&self, text: &str) -> String {
        shown(text, Some(&self.key))
    }

    /// `call`, its failure's words made safe to print (`shown`).
    fn call(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
        sends_now: bool,
        key: Option<&str>,
    ) -> Result<Value, Failure> {
        self.call_raw(method, url, body, sends_now, key)
            .map_err(|f| match f {
                Failure::Refused {
                    status,
                    code,
                    detail,
                } => Failure::Refused {
                    status,
                    code: code.map(|c| self.shown(&c)),
                    detail: self.shown(&detail),
                },
                Failure::Denied { status, detail } => Failure::Denied {
                    status,
                    detail: self.shown(&detail),
                },
                Failure::Unavailable(why) => Failure::Unavailable(self.shown(&why)),
            })
    }

    /// One request, tried again on timeouts, 429 and 5xx (with the same idempotency key); the
    /// answer's JSON.
    fn call_raw(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
        sends_now: bool,
        key: Option<&str>,
    ) -> Result<Value, Failure> {
        let mut last = String::new();
        // Named without its query in messages: the listing's filters say nothing to the writer.
        let shown = url.split('?').next().unwrap_or(url);
        for attempt in 0..self.retry.attempts {
            let answer = self.once(method, url, body, sends_now, key);
            let wait = match answer {
                Ok((status, _, text)) if (200..300).contains(&status) => {
                    return match text.trim().is_empty() {
                        true => Ok(Value::Null),
                        false => serde_json::from_str(&text).map_err(|e| {
                            Failure::Unavailable(format!(
                                "{method} {shown}: the answer is not JSON: {e}"
                            ))
                        }),
                    };
                }
                Ok((status, retry_after, text)) if status == 429 || status >= 500 => {
                    last = format!("HTTP {status}{}", words(&text));
                    retry_after
                }
                Ok((status @ (401 | 403), _, text)) => {
                    return Err(Failure::Denied {
                        status,
                        detail: error_of(&text).1,
                    })
                }
                Ok((status, _, text)) => {
                    let (code, detail) = error_of(&text);
                    return Err(Failure::Refused {
                        status,
                        code,
                        detail,
                    });
                }
                Err(e) => {
                    last = e;
                    None
                }
            };
            if attempt + 1 == self.retry.attempts {
                break;
            }
            let wait = wait.unwrap_or(self.retry.first * 2u32.pow(attempt));
            if wait > self.retry.longest {
                return Err(Failure::Unavailable(format!(
                    "{method} {shown}: {last}, and asked to wait {} s",
                    wait.as_secs()
                )));
            }
            std::thread::sleep(wait);
        }
        Err(Failure::Unavailable(format!(
            "{method} {shown}: {last} ({} attempts)",
            self.retry.attempts
        )))
    }

    /// One request: (status, Retry-After, body), or why there was no answer.
    fn once(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
        sends_now: bool,
        key: Option<&str>,
    ) -> Result<(u16, Option<Duration>, String), String> {
        let auth = format!("Token {}", self.key.0);
        let answer = match (method, body) {
            ("GET", _) => self
                .agent
                .get(url)
                .header("Authorization", &auth)
                .header("X-API-Version", API_VERSION)
                .header("Accept", "application/json")
                .call(),
            (_, body) => {
                let request = match method {
                    "POST" => self.agent.post(url),
                    _ => self.agent.patch(url),
                };
                let request = request
                    .header("Authorization", &auth)
                    .header("X-API-Version", API_VERSION)
                    .header("Accept", "application/json")
                    .content_type("application/json");
                let request = match sends_now {
                    // Sending at once is what this email is for: the one-time confirmation Buttondown asks.
                    true => request.header("X-Buttondown-Live-Dangerously", "true"),
                    false => request,
                };
                let request = match key {
                    Some(key) => request.header("X-Idempotency-Key", key),
                    None => request,
                };
                request.send(body.map(Value::to_string).unwrap_or_default())
            }
        };
        let mut response = answer.map_err(|e| match e {
            ureq::Error::Timeout(_) => "no answer in time".to_string(),
            e => format!("no answer: {e}"),
        })?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text = response
            .body_mut()
            .read_to_string()
            .map_err(|e| format!("the answer broke off: {e}"))?;
        Ok((status, retry_after, text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_never_shown() {
        let key = ApiKey::new("  secret-123 ".into()).unwrap();
        assert_eq!(format!("{key:?}"), "ApiKey(…)");
        assert!(ApiKey::new("  ".into()).is_none());
    }
}
