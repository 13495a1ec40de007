//! A local stand-in for Buttondown's email API on 127.0.0.1, for `tests/send.rs`: the documented subset
//! `site send` uses, kept as strict as the documentation reads (docs.buttondown.com: api-emails-create,
//! -update, -status, -filters, api-pagination, api-filtering, api-error-codes, api-rate-limits,
//! api-authentication, api-versioning 2026-04-01).
//!
//! - `Authorization: Token KEY` on every request, else 401 `{"detail"}`;
//! - `GET /v1/emails`: `status` (repeatable), `excluded_fields=body`, `page` (from 1) with `next`,
//!   `previous`, `count`, `results`; a page past the end is 404;
//! - `POST /v1/emails`: unknown fields are a 422 with a `detail` list; `subject_invalid`,
//!   `status_invalid`, `publish_date_missing`/`_invalid`, `slug_invalid` (not a Django slug),
//!   `email_duplicate` (the slug is taken), a 422 for a tag filter whose value is not a known tag's
//!   id (a tag's name included: "Tag filters must be valid tag identifiers", as the API answers), and
//!   `sending_requires_confirmation` for `about_to_send` without `X-Buttondown-Live-Dangerously: true`
//!   (once per key); the default status is `draft`;
//! - `GET`, `PATCH`, `DELETE /v1/emails/{id}` (a deleted email is gone from lists and lookups);
//! - `GET /v1/tags`: each tag's `id` (see `tag_id`) and `name`, paged like the emails;
//! - `X-Idempotency-Key` (api-idempotency-keys): a POST or PATCH whose key was seen before gets the
//!   first answer again and changes nothing (one still being served is waited for first);
//! - on demand: `{authorization}` in an answer (a refusal's words) replaced by the request's
//!   `Authorization` header, as a server that echoes it would; the answer of the N-th create lost after the email was stored (a 500 in its place, as
//!   a proxy that fails after the write would answer), slugs taken numbered instead of refused (as
//!   Buttondown's web app does: `nomes-en-2`), answers injected ahead of the next requests (429 with `Retry-After`, 5xx), a 4xx for one
//!   slug, a create applied but its answer held back (until released), and lists held until several
//!   arrive (two runs at once).
#![allow(dead_code)]

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

/// The fields `POST /v1/emails` takes (EmailInput in the API's OpenAPI description).
const CREATE_FIELDS: [&str; 20] = [
    "attachments",
    "publish_date",
    "subject",
    "slug",
    "description",
    "canonical_url",
    "image",
    "body",
    "archival_mode",
    "email_type",
    "status",
    "metadata",
    "secondary_id",
    "filters",
    "template",
    "commenting_mode",
    "related_email_ids",
    "featured",
    "should_trigger_pay_per_email_billing",
    "suppression_reason",
];
const STATUSES: [&str; 14] = [
    "draft",
    "managed_by_rss",
    "about_to_send",
    "scheduled",
    "in_flight",
    "paused",
    "deleted",
    "errored",
    "sent",
    "imported",
    "throttled",
    "resending",
    "transactional",
    "suppressed",
];

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    /// Path and query.
    pub url: String,
    pub authorization: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
    pub status: u16,
    /// The error code answered, if any.
    pub code: Option<String>,
    /// The first answer given again, for a repeated idempotency key.
    pub replayed: bool,
}

#[derive(Default)]
pub struct State {
    pub key: String,
    pub emails: Vec<Value>,
    pub seen: Vec<Seen>,
    /// Results per page (Buttondown: 100).
    pub page_size: usize,
    /// The names of the subscriber tags that exist (their ids: `tag_id`).
    pub tags: Vec<String>,
    /// Answers given to the next requests instead of serving them: (status, Retry-After).
    pub faults: VecDeque<(u16, Option<u64>)>,
    /// The faults wait until this many requests were served.
    pub faults_after: usize,
    /// A create of this slug is refused: (status, code, detail).
    pub refuse: BTreeMap<String, (u16, String, String)>,
    /// Hold back the answer of the N-th successful create until `release`.
    pub hold_create: Option<usize>,
    creates: usize,
    holding: bool,
    released: bool,
    /// Lose the answer of the N-th successful create: the email is made, the client hears a 500.
    pub lose_create: Option<usize>,
    /// Number a slug that is taken (`slug-2`…) instead of refusing the create.
    pub duplicate_slugs: bool,
    /// The first answer to each idempotency key, and the keys being served.
    replies: BTreeMap<String, Answer>,
    in_flight: std::collections::BTreeSet<String>,
    /// Hold list requests until this many have come (then let every one go).
    pub list_barrier: usize,
    lists: usize,
    confirmed: bool,
    next_id: u64,
}

pub struct Fake {
    /// `http://127.0.0.1:PORT/v1`: what `[email] api_base` is set to.
    pub base: String,
    shared: Arc<(Mutex<State>, Condvar)>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl Fake {
    pub fn start(key: &str) -> Fake {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a loopback port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let base = format!("http://127.0.0.1:{port}/v1");
        let shared = Arc::new((
            Mutex::new(State {
                key: key.into(),
                page_size: 100,
                tags: vec!["pt-BR".into(), "en".into()],
                ..State::default()
            }),
            Condvar::new(),
        ));
        let (s, sh, b) = (server.clone(), shared.clone(), base.clone());
        let thread = std::thread::spawn(move || {
            for request in s.incoming_requests() {
                let (sh, b) = (sh.clone(), b.clone());
                std::thread::spawn(move || serve(request, &sh, &b));
            }
        });
        Fake {
            base,
            shared,
            server,
            thread: Some(thread),
        }
    }

    /// Changes the state (settings, injected faults) under the lock.
    pub fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        let mut state = self.shared.0.lock().unwrap();
        let out = f(&mut state);
        self.shared.1.notify_all();
        out
    }

    /// Every email held, deleted ones included.
    pub fn emails(&self) -> Vec<Value> {
        self.with(|s| s.emails.clone())
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.with(|s| s.seen.clone())
    }

    /// What Buttondown does at an email's hour: `scheduled` → `sent`.
    pub fn mark(&self, slug: &str, status: &str) {
        self.with(|s| {
            let email = s
                .emails
                .iter_mut()
                .find(|e| e["slug"] == slug)
                .unwrap_or_else(|| panic!("no email {slug}"));
            email["status"] = status.into();
        });
    }

    /// Waits until a create's answer is being held back; false after `timeout`.
    pub fn wait_for_hold(&self, timeout: Duration) -> bool {
        let (lock, cvar) = &*self.shared;
        let state = lock.lock().unwrap();
        let (state, _) = cvar
            .wait_timeout_while(state, timeout, |s| !s.holding)
            .unwrap();
        state.holding
    }

    pub fn release(&self) {
        self.with(|s| s.released = true);
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.release();
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(mut request: tiny_http::Request, shared: &(Mutex<State>, Condvar), base: &str) {
    let mut text = String::new();
    let _ = request.as_reader().read_to_string(&mut text);
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let mut seen = Seen {
        method: request.method().as_str().to_uppercase(),
        url: request.url().to_string(),
        authorization: header("Authorization"),
        headers: request
            .headers()
            .iter()
            .map(|h| {
                (
                    h.field.as_str().as_str().to_string(),
                    h.value.as_str().to_string(),
                )
            })
            .collect(),
        body: serde_json::from_str(&text).ok(),
        status: 0,
        code: None,
        replayed: false,
    };
    let dangerously = header("X-Buttondown-Live-Dangerously").as_deref() == Some("true");
    let key = header("X-Idempotency-Key").filter(|_| seen.method != "GET");
    let (status, answer, retry_after) = answer(shared, &mut seen, &text, dangerously, base, key);
    seen.status = status;
    seen.code = answer
        .as_ref()
        .and_then(|a| a["code"].as_str().map(String::from));
    let authorization = seen.authorization.clone().unwrap_or_default();
    shared.0.lock().unwrap().seen.push(seen);
    // A server that echoes what it was sent: `{authorization}` in an answer is the request's header.
    let body = answer
        .map(|a| a.to_string())
        .unwrap_or_default()
        .replace("{authorization}", &authorization);
    let mut response = tiny_http::Response::from_string(body).with_status_code(status);
    if status != 204 {
        response
            .add_header(tiny_http::Header::from_bytes("Content-Type", "application/json").unwrap());
    }
    if let Some(seconds) = retry_after {
        response
            .add_header(tiny_http::Header::from_bytes("Retry-After", seconds.to_string()).unwrap());
    }
    let _ = request.respond(response);
}

type Answer = (u16, Option<Value>, Option<u64>);

fn error(status: u16, code: &str, detail: &str) -> Answer {
    (
        status,
        Some(json!({"code": code, "detail": detail, "metadata": {}})),
        None,
    )
}

fn unknown_fields(body: &Map<String, Value>, allowed: &[&str]) -> Option<Answer> {
    let extra: Vec<Value> = body
        .keys()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|k| json!({"type": "extra_forbidden", "loc": ["body", k], "msg": "Extra inputs are not permitted"}))
        .collect();
    (!extra.is_empty()).then(|| (422, Some(json!({ "detail": extra })), None))
}

fn answer(
    shared: &(Mutex<State>, Condvar),
    seen: &mut Seen,
    text: &str,
    dangerously: bool,
    base: &str,
    key: Option<String>,
) -> Answer {
    let (lock, cvar) = shared;
    let mut state = lock.lock().unwrap();
    let due = state.seen.len() >= state.faults_after;
    if let Some((status, retry_after)) = due.then(|| state.faults.pop_front()).flatten() {
        let detail = match status {
            429 => "Request was throttled.",
            _ => "The server is having a moment.",
        };
        return (status, Some(json!({ "detail": detail })), retry_after);
    }
    if seen.authorization.as_deref() != Some(&format!("Token {}", state.key)) {
        return (401, Some(json!({"detail": "Invalid token."})), None);
    }
    let Some(key) = key else {
        return route(state, cvar, seen, text, dangerously, base).1;
    };
    while state.in_flight.contains(&key) {
        state = cvar
            .wait_timeout(state, Duration::from_millis(50))
            .unwrap()
            .0;
    }
    if let Some(first) = state.replies.get(&key) {
        seen.replayed = true;
        return first.clone();
    }
    state.in_flight.insert(key.clone());
    let creates = state.creates;
    let (mut state, answer) = route(state, cvar, seen, text, dangerously, base);
    state.in_flight.remove(&key);
    state.replies.insert(key, answer.clone());
    cvar.notify_all();
    let made = state.creates > creates;
    if made && state.lose_create == Some(state.creates) {
        return (500, Some(json!({"detail": "Server Error (500)"})), None);
    }
    answer
}

/// A request served (its key new, or without one): the state after it, and the answer.
fn route<'a>(
    mut state: std::sync::MutexGuard<'a, State>,
    cvar: &Condvar,
    seen: &Seen,
    text: &str,
    dangerously: bool,
    base: &str,
) -> (std::sync::MutexGuard<'a, State>, Answer) {
    let (path, query) = seen.url.split_once('?').unwrap_or((&seen.url, ""));
    let query: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect();
    let id = path
        .strip_prefix("/v1/emails/")
        .map(|s| s.trim_end_matches('/'));
    let answer = match (seen.method.as_str(), path, id) {
        ("GET", "/v1/emails" | "/v1/emails/", _) => {
            let first = !query.iter().any(|(k, v)| k == "page" && v != "1");
            if first && state.list_barrier > 0 {
                state.lists += 1;
                cvar.notify_all();
                let deadline = Instant::now() + Duration::from_secs(20);
                while state.lists < state.list_barrier && Instant::now() < deadline {
                    state = cvar
                        .wait_timeout(state, Duration::from_millis(50))
                        .unwrap()
                        .0;
                }
            }
            list(&state, &query, base)
        }
        ("GET", "/v1/tags" | "/v1/tags/", _) => tags(&state, &query, base),
        ("POST", "/v1/emails" | "/v1/emails/", _) => {
            let Ok(Value::Object(body)) = serde_json::from_str::<Value>(text) else {
                return (
                    state,
                    error(400, "email_invalid", "The body is not a JSON object."),
                );
            };
            let answer = create(&mut state, body, dangerously);
            if answer.0 == 201 {
                state.creates += 1;
                if state.hold_create == Some(state.creates) {
                    state.holding = true;
                    cvar.notify_all();
                    while !state.released {
                        state = cvar
                            .wait_timeout(state, Duration::from_millis(50))
                            .unwrap()
                            .0;
                    }
                }
            }
            answer
        }
        (method, _, Some(id)) if !id.is_empty() => {
            let Some(index) = state
                .emails
                .iter()
                .position(|e| e["id"] == id && e["status"] != "deleted")
            else {
                return (state, (404, Some(json!({"detail": "Not found."})), None));
            };
            match method {
                "GET" => (200, Some(state.emails[index].clone()), None),
                "DELETE" => {
                    state.emails[index]["status"] = "deleted".into();
                    (204, None, None)
                }
                "PATCH" => {
                    let Ok(Value::Object(body)) = serde_json::from_str::<Value>(text) else {
                        return (
                            state,
                            error(400, "email_invalid", "The body is not a JSON object."),
                        );
                    };
                    update(&mut state, index, body)
                }
                _ => (405, Some(json!({"detail": "Method not allowed."})), None),
            }
        }
        _ => (404, Some(json!({"detail": "Not found."})), None),
    };
    (state, answer)
}

fn list(state: &State, query: &[(String, String)], base: &str) -> Answer {
    let statuses: Vec<&str> = query
        .iter()
        .filter(|(k, _)| k == "status")
        .map(|(_, v)| v.as_str())
        .collect();
    let without_body = query
        .iter()
        .any(|(k, v)| k == "excluded_fields" && v == "body");
    let matching: Vec<Value> = state
        .emails
        .iter()
        .filter(|e| match statuses.is_empty() {
            true => e["status"] != "deleted",
            false => statuses.iter().any(|s| e["status"] == *s),
        })
        .cloned()
        .map(|mut e| {
            if without_body {
                e.as_object_mut().unwrap().remove("body");
            }
            e
        })
        .collect();
    paged(state, query, &format!("{base}/emails"), &matching)
}

/// The page of `items` that `query` asks for (`page`, from 1), with links to the pages beside it at
/// `url` (keeping the query's other parameters); 404 past the end.
fn paged(state: &State, query: &[(String, String)], url: &str, items: &[Value]) -> Answer {
    let page: usize = query
        .iter()
        .find(|(k, _)| k == "page")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(1);
    let size = state.page_size.max(1);
    let pages = items.len().div_ceil(size).max(1);
    if page == 0 || page > pages {
        return (404, Some(json!({"detail": "Invalid page."})), None);
    }
    let others: Vec<String> = query
        .iter()
        .filter(|(k, _)| k != "page")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let link = |n: usize| {
        let mut q = others.clone();
        q.push(format!("page={n}"));
        format!("{url}?{}", q.join("&"))
    };
    let results: Vec<Value> = items
        .iter()
        .skip((page - 1) * size)
        .take(size)
        .cloned()
        .collect();
    (
        200,
        Some(json!({
            "results": results,
            "next": (page < pages).then(|| link(page + 1)),
            "previous": (page > 1).then(|| link(page - 1)),
            "count": items.len(),
        })),
        None,
    )
}

/// The id the stand-in gives the tag named `name`: shaped like Buttondown's (a UUID), never a name.
pub fn tag_id(name: &str) -> String {
    // FNV-1a: the same name, the same id, in every run.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        hash >> 32,
        (hash >> 16) & 0xffff,
        hash & 0xfff,
        (hash >> 4) & 0xfff,
        hash & 0xffff_ffff_ffff
    )
}

fn tags(state: &State, query: &[(String, String)], base: &str) -> Answer {
    let tags: Vec<Value> = state
        .tags
        .iter()
        .map(|name| {
            json!({"id": tag_id(name), "name": name, "color": "#888888", "description": "",
                   "creation_date": "2026-01-05T12:00:00Z", "secondary_id": 1})
        })
        .collect();
    paged(state, query, &format!("{base}/tags"), &tags)
}

fn slug_ok(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn date_ok(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|d| chrono::DateTime::parse_from_rfc3339(d).is_ok())
}

/// The filter group's shape, and its tags known: an error answer if not.
fn check_filters(state: &State, filters: &Value) -> Option<Answer> {
    let shape = || {
        (
            422,
            Some(
                json!({"detail": [{"type": "model_attributes_type", "loc": ["body", "filters"], "msg": "Input should be a valid filter group"}]}),
            ),
            None,
        )
    };
    let Some(group) = filters.as_object() else {
        return Some(shape());
    };
    let leaves = group.get("filters").and_then(Value::as_array);
    let groups = group.get("groups").and_then(Value::as_array);
    let predicate = group.get("predicate").and_then(Value::as_str);
    let (Some(leaves), Some(groups), Some("and" | "or")) = (leaves, groups, predicate) else {
        return Some(shape());
    };
    for leaf in leaves {
        let (Some(field), Some(_), Some(value)) = (
            leaf["field"].as_str(),
            leaf["operator"].as_str(),
            leaf["value"].as_str(),
        ) else {
            return Some(shape());
        };
        if field == "subscriber.tags" && !state.tags.iter().any(|t| tag_id(t) == value) {
            return Some(error(
                422,
                "tag_invalid",
                "Tag filters must be valid tag identifiers.",
            ));
        }
    }
    groups.iter().find_map(|g| check_filters(state, g))
}

fn create(state: &mut State, body: Map<String, Value>, dangerously: bool) -> Answer {
    if let Some(a) = unknown_fields(&body, &CREATE_FIELDS) {
        return a;
    }
    if body
        .get("subject")
        .and_then(Value::as_str)
        .is_none_or(|s| s.trim().is_empty())
    {
        return error(400, "subject_invalid", "The subject is missing.");
    }
    let status = body
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("draft")
        .to_string();
    if !["draft", "scheduled", "about_to_send"].contains(&status.as_str()) {
        return error(
            400,
            "status_invalid",
            &format!("An email cannot be created as {status}."),
        );
    }
    if status == "about_to_send" && !dangerously && !state.confirmed {
        return error(
            400,
            "sending_requires_confirmation",
            "Sending at once needs the X-Buttondown-Live-Dangerously: true header, once.",
        );
    }
    match body.get("publish_date") {
        None | Some(Value::Null) if status == "scheduled" => {
            return error(
                400,
                "publish_date_missing",
                "A scheduled email needs a publish date.",
            )
        }
        Some(d) if !d.is_null() && !date_ok(d) => {
            return error(
                400,
                "publish_date_invalid",
                "The publish date is not a date.",
            )
        }
        _ => {}
    }
    let mut slug = body.get("slug").and_then(Value::as_str).map(String::from);
    let taken = |state: &State, slug: &str| {
        state
            .emails
            .iter()
            .any(|e| e["slug"] == slug && e["status"] != "deleted")
    };
    if let Some(given) = slug.clone() {
        if !slug_ok(&given) || given.len() > 100 {
            return error(
                400,
                "slug_invalid",
                &format!("`{given}` is not a valid slug."),
            );
        }
        if state.duplicate_slugs && taken(state, &given) {
            let free = (2..)
                .map(|n| format!("{given}-{n}"))
                .find(|s| !taken(state, s))
                .expect("a free number");
            slug = Some(free);
        }
    }
    if let Some(slug) = &slug {
        if taken(state, slug) {
            return error(
                400,
                "email_duplicate",
                &format!("An email with the slug {slug} already exists."),
            );
        }
        if let Some((status, code, detail)) = state.refuse.get(slug).cloned() {
            return error(status, &code, &detail);
        }
    }
    if let Some(a) = body.get("filters").and_then(|f| check_filters(state, f)) {
        return a;
    }
    if status == "about_to_send" {
        state.confirmed = true;
    }
    state.next_id += 1;
    let id = format!("3f2b8c1e-0000-4000-8000-{:012x}", state.next_id);
    let now = chrono::Utc::now().to_rfc3339();
    let mut email = json!({
        "id": id,
        "creation_date": now,
        "modification_date": now,
        "subject": "",
        "body": "",
        "slug": slug,
        "description": "",
        "canonical_url": "",
        "image": "",
        "metadata": {},
        "filters": {"filters": [], "groups": [], "predicate": "and"},
        "publish_date": null,
        "source": "api",
        "absolute_url": format!("https://buttondown.com/oficina/archive/{}/", slug.clone().unwrap_or_default()),
    });
    for (k, v) in body {
        email[k.as_str()] = v;
    }
    email["slug"] = slug.clone().into();
    email["status"] = status.clone().into();
    if status == "about_to_send" {
        email["publish_date"] = now.into();
    }
    state.emails.push(email.clone());
    (201, Some(email), None)
}

fn update(state: &mut State, index: usize, body: Map<String, Value>) -> Answer {
    if let Some(a) = unknown_fields(&body, &CREATE_FIELDS) {
        return a;
    }
    if let Some(status) = body.get("status") {
        if !status.as_str().is_some_and(|s| STATUSES.contains(&s)) {
            return error(400, "status_invalid", "Not a status.");
        }
    }
    if let Some(d) = body.get("publish_date") {
        if !d.is_null() && d != "none" && !date_ok(d) {
            return error(
                400,
                "publish_date_invalid",
                "The publish date is not a date.",
            );
        }
    }
    if let Some(slug) = body.get("slug").and_then(Value::as_str) {
        let id = state.emails[index]["id"].clone();
        if !slug_ok(slug) {
            return error(400, "slug_invalid", "Not a valid slug.");
        }
        if state
            .emails
            .iter()
            .any(|e| e["slug"] == slug && e["id"] != id && e["status"] != "deleted")
        {
            return error(400, "slug_invalid", "The slug is already in use.");
        }
    }
    if let Some(a) = body.get("filters").and_then(|f| check_filters(state, f)) {
        return a;
    }
    let mut email = state.emails[index].clone();
    for (k, v) in body {
        email[k.as_str()] = if v == "none" && k == "publish_date" {
            Value::Null
        } else {
            v
        };
    }
    if email["status"] == "scheduled" && email["publish_date"].is_null() {
        return error(
            400,
            "publish_date_missing",
            "A scheduled email needs a publish date.",
        );
    }
    email["modification_date"] = chrono::Utc::now().to_rfc3339().into();
    state.emails[index] = email.clone();
    (200, Some(email.clone()), None)
}
