//! HTTP for the preview: resolving request paths to output paths (never to the file system),
//! redirects to clean paths, content types, the site's 404, ETags, and the live-reload routes.

use std::hash::{Hash, Hasher};
use std::io::Write as _;
use std::sync::Arc;

use super::cache::Entry;
use super::reload::{self, EVENTS_PATH, SCRIPT, SCRIPT_PATH};
use super::wire::{Answered, Request, Response};
use super::{search, State};
use crate::plan::{Page, PageKind};

pub fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        _ => "application/octet-stream",
    }
}

/// Answers one request: the reload script and events, a page or file of the site, the site's 404,
/// or a redirect to a path's clean form, as GitHub Pages answers it.
pub fn handle(state: &Arc<State>, request: Request) -> Answered {
    if request.method != "GET" && request.method != "HEAD" {
        let response = Response::new(405, b"only GET and HEAD are answered here\n".to_vec())
            .header("Allow", "GET, HEAD")
            .header("Content-Type", "text/plain; charset=utf-8")
            .header("Connection", "close");
        return request.respond(response);
    }
    let url = request.target.clone();
    let (path, query) = match url.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (url.as_str(), None),
    };
    let path = path.split('#').next().unwrap_or("");
    if path == SCRIPT_PATH {
        let response = Response::new(200, SCRIPT.as_bytes().to_vec())
            .header("Content-Type", "text/javascript; charset=utf-8")
            .header("Cache-Control", "no-store");
        return request.respond(response);
    }
    if path == EVENTS_PATH {
        let problems = state.problems_text();
        let first: Vec<(&str, &str)> = match &problems {
            Some(text) => vec![("problem", text.as_str())],
            None => vec![],
        };
        let events = state.hub.subscribe(&first);
        match request.header("Sec-WebSocket-Key").map(str::to_string) {
            Some(key) => {
                let response = Response::new(101, Vec::new())
                    .header("Upgrade", "websocket")
                    .header("Connection", "Upgrade")
                    .header("Sec-WebSocket-Accept", &reload::websocket_accept(&key));
                if let Answered::Done(Ok(())) = request.respond(response) {
                    reload::stream_websocket(events, &mut request.into_stream());
                }
            }
            None => reload::stream_sse(events, &mut request.into_stream()),
        }
        return Answered::Taken;
    }
    if crate::url::percent_decode(path).is_none() {
        let response = Response::new(
            400,
            b"the path is not UTF-8 once percent-decoded\n".to_vec(),
        )
        .header("Content-Type", "text/plain; charset=utf-8");
        return request.respond(response);
    }
    let unopened = state.workspace.read().is_ok_and(|w| w.is_none());
    let (status, key, body) = if unopened {
        // No page can be built: every request is answered with the problem, and recovers by itself.
        let text = state.problems_text().unwrap_or_default();
        (500, "index.html".to_string(), Err(text))
    } else {
        let key = crate::url::request_path(&url);
        if let Some(key) = &key {
            prepare_search(state, key);
        }
        let clean = clean_path(path);
        let found = key.as_deref().and_then(|key| {
            let folder = format!("{key}/index.html");
            match find(state, key) {
                Some(found) => Some((found, clean.clone())),
                // A folder asked for without its slash: relative links on its page resolve from
                // the folder only once the address ends in one.
                None if !key.ends_with("index.html") => {
                    find(state, &folder).map(|f| (f, format!("{clean}/")))
                }
                None => None,
            }
        });
        match found {
            Some((_, location)) if location != path => {
                let location = match query {
                    Some(q) => format!("{location}?{q}"),
                    None => location,
                };
                let response = Response::new(301, Vec::new())
                    .header("Location", &location)
                    .header("Cache-Control", "no-store");
                return request.respond(response);
            }
            Some(((key, body), _)) => (200, key, body),
            None => match find(state, "404.html") {
                Some((key, body)) => (404, key, body),
                None => (404, "404.txt".into(), Ok(Arc::new(b"not found".to_vec()))),
            },
        }
    };
    let body = match body {
        Ok(b) => b,
        Err(problem) => {
            // An HTML page with the reload script, so the overlay shows and the page recovers
            // by itself once the problem is fixed.
            if !unopened {
                state.hub.send("problem", &problem);
            }
            print_once(&problem);
            let response = Response::new(
                if status == 404 { 404 } else { 500 },
                inject_script(error_page(&problem).as_bytes()),
            )
            .header("Content-Type", "text/html; charset=utf-8")
            .header("Cache-Control", "no-store");
            return request.respond(response);
        }
    };
    let ctype = content_type(&key);
    let body = if ctype.starts_with("text/html") {
        Arc::new(inject_script(&body))
    } else {
        body
    };
    let etag = etag(&body);
    let fresh = request.header("If-None-Match") == Some(etag.as_str());
    let (status, body) = if fresh && status == 200 {
        (304, Vec::new())
    } else {
        (status, body.to_vec())
    };
    let response = Response::new(status, body)
        .header("Content-Type", ctype)
        .header("ETag", &etag)
        .header("Cache-Control", "no-cache");
    request.respond(response)
}

/// A path with its empty and `.` segments dropped (`/ensaios//nomes/` → `/ensaios/nomes/`), still
/// percent-encoded as sent.
fn clean_path(path: &str) -> String {
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    let mut clean = format!("/{}", segments.join("/"));
    if path.ends_with('/') && !segments.is_empty() {
        clean.push('/');
    }
    clean
}

/// A search page starts the index being built when it is out of date; the index's own files wait for it.
fn prepare_search(state: &Arc<State>, key: &str) {
    let wants = match state.workspace.read() {
        Ok(w) => w
            .as_ref()
            .map_or(search::Wants::Nothing, |w| search::wants(&w.site, key)),
        Err(_) => return,
    };
    match wants {
        search::Wants::Nothing => {}
        search::Wants::Page => search::ensure(state),
        search::Wants::Bundle => {
            search::ensure(state);
            search::wait(state);
        }
    }
}

/// A page's bytes, or the text of the error that stopped it rendering.
type Found = Result<Arc<Vec<u8>>, String>;

/// The bytes for an output path (rendering a stale page now).
fn find(state: &State, key: &str) -> Option<(String, Found)> {
    if let Some(found) = status_page(state, key) {
        return Some((key.to_string(), found));
    }
    let (page, generation) = {
        let cache = state.cache.lock().ok()?;
        match cache.get(key)? {
            Entry::File(bytes) | Entry::Page(_, Some(bytes)) => {
                return Some((key.to_string(), Ok(bytes.clone())));
            }
            Entry::Page(page, None) => (*page, cache.generation),
        }
    };
    let slot = state.workspace.read().ok()?;
    let workspace = slot.as_ref()?;
    let result = workspace
        .renderer
        .render(&workspace.site, &page)
        .map(Arc::new);
    drop(slot);
    Some(match result {
        Ok(bytes) => {
            if let Ok(mut cache) = state.cache.lock() {
                cache.store(key, generation, bytes.clone());
            }
            (key.to_string(), Ok(bytes))
        }
        Err(d) => (key.to_string(), Err(d.render(false))),
    })
}

/// The status page, when `key` is one of its languages: rendered on each request from the current
/// site, so it is never stale (it is small, and only the writer opens it).
fn status_page(state: &State, key: &str) -> Option<Found> {
    let slot = state.workspace.read().ok()?;
    let workspace = slot.as_ref()?;
    let site = &workspace.site;
    let page = (0..site.config.languages.len())
        .map(|lang| Page {
            lang,
            kind: PageKind::Status,
        })
        .find(|p| p.file_path(site) == key)?;
    Some(
        workspace
            .renderer
            .render(site, &page)
            .map(Arc::new)
            .map_err(|d| d.render(false)),
    )
}

/// Prints what a page that cannot be built shows in the browser to the terminal too, once until
/// the problem changes (a browser retrying must not flood it).
fn print_once(problem: &str) {
    static LAST: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());
    let Ok(mut last) = LAST.lock() else {
        return;
    };
    if *last != problem {
        *last = problem.to_string();
        // A closed terminal must not take the server down: write, don't `eprintln!`.
        let _ = writeln!(std::io::stderr(), "{problem}");
    }
}

/// The page answered when a page cannot be built: the problems as the terminal shows them,
/// wrapped to any screen's width.
fn error_page(problems: &str) -> String {
    let escaped = crate::escape::html(problems);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>site serve: this page cannot be built</title>\n<style>body{{margin:0;padding:1rem;font-family:system-ui,sans-serif}}pre{{white-space:pre-wrap;overflow-wrap:anywhere;font-size:0.85rem}}</style>\n</head>\n<body>\n<main>\n<h1>This page cannot be built</h1>\n<pre class=\"site-error\">{escaped}</pre>\n</main>\n</body>\n</html>\n"
    )
}

/// Adds the live-reload script before `</body>` (preview only; `site build` never does this).
fn inject_script(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn etag(body: &[u8]) -> String {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"{:016x}-{}\"", hasher.finish(), body.len())
}
