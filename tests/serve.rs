//! `site serve` on a temporary copy of a fixture: pages over HTTP, live-reload events, the error
//! overlay, texts appearing and going, and paths that try to leave the site. Every wait is on an
//! event with a generous timeout, never a fixed sleep.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use common::TestSite;

const PATIENCE: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    address: String,
    site: TestSite,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Server {
    fn start() -> Server {
        Server::start_fixture("basic", &[])
    }

    fn start_fixture(name: &str, args: &[&str]) -> Server {
        Server::start_site(TestSite::fixture(name), args)
    }

    /// Serves `site` as it is, broken or not.
    fn start_site(site: TestSite, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_site"))
            .args(["--root"])
            .arg(site.root())
            .args(["serve", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut first = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut first).unwrap();
        // Keep reading what the server prints, as a terminal would.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let address = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        Server {
            child,
            address,
            site,
        }
    }

    /// One raw request (the path is sent exactly as given, unnormalised).
    fn request(&self, method: &str, path: &str, extra: &str) -> Reply {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n{extra}\r\n",
            self.address
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, "")
    }

    /// Live-reload events as (event, data), read on a thread of their own.
    fn events(&self) -> Receiver<(String, String)> {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(stream, "GET /__site/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            let (mut event, mut data) = (String::new(), Vec::new());
            for line in reader.lines() {
                let Ok(line) = line else { return };
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    data.push(d.to_string());
                } else if line.is_empty() && !event.is_empty() {
                    if tx
                        .send((std::mem::take(&mut event), data.join("\n")))
                        .is_err()
                    {
                        return;
                    }
                    data.clear();
                }
            }
        });
        let (first, _) = rx
            .recv_timeout(PATIENCE)
            .expect("the event stream says hello");
        assert_eq!(first, "hello");
        rx
    }
}

/// Waits for an event named `name` whose data satisfies `want`; other events are skipped.
fn wait_for(
    events: &Receiver<(String, String)>,
    name: &str,
    want: impl Fn(&str) -> bool,
) -> String {
    let deadline = Instant::now() + PATIENCE;
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match events.recv_timeout(left) {
            Ok((event, data)) if event == name && want(&data) => return data,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no `{name}` event arrived in {PATIENCE:?}");
}

fn page_text(reply: &Reply, selector: &str) -> Vec<String> {
    common::texts(&scraper::Html::parse_document(&reply.body), selector)
}

#[test]
fn serves_pages_with_the_reload_script_types_404_head_and_etags() {
    let server = Server::start();
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    let doc = scraper::Html::parse_document(&home.body);
    assert_eq!(
        common::attrs(&doc, "script", "src"),
        vec!["/__site/reload.js"]
    );
    assert_eq!(
        server.get("/css/site.css").header("Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        server.get("/feed.xml").header("Content-Type"),
        Some("application/xml; charset=utf-8")
    );
    let folder = server.get("/en/arc");
    assert_eq!(
        folder.status, 301,
        "a folder without its slash is redirected"
    );
    assert_eq!(folder.header("Location"), Some("/en/arc/"));
    let missing = server.get("/nao/existe/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        page_text(&missing, ".not-found h1"),
        vec!["Página não encontrada"]
    );
    let head = server.request("HEAD", "/arco/", "");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let etag = home.header("ETag").unwrap().to_string();
    let again = server.request("GET", "/", &format!("If-None-Match: {etag}\r\n"));
    assert_eq!(again.status, 304);
    // Drafts are shown in preview, marked.
    let draft = server.get("/boletins/rascunho/");
    assert_eq!(page_text(&draft, ".draft-label"), vec!["Rascunho"]);
    assert!(!server.site.out().exists(), "serve never writes public/");
}

#[test]
fn paths_that_leave_the_site_get_404() {
    let server = Server::start();
    std::fs::write(server.site.root().join("secret.txt"), "do not serve").unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/ensaios/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/static/../../secret.txt",
        "//etc/passwd",
        "/site.toml",
        "/content/essays/primeira.pt-BR.md",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(
            !reply.body.contains("do not serve") && !reply.body.contains("root:"),
            "{path}"
        );
    }
}

/// Sends `bytes` as a request and reads the status line's code.
fn raw_status(server: &Server, bytes: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(bytes).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw);
    let code = text.split(' ').nth(1);
    code.and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"))
}

#[test]
fn folders_redirect_to_their_slash_and_paths_to_their_clean_form() {
    let server = Server::start_fixture("delivery", &[]);
    for (path, location) in [
        ("/ensaios/figuras", "/ensaios/figuras/"),
        ("/ensaios/figuras?lido=1", "/ensaios/figuras/?lido=1"),
        ("/ensaios//figuras/", "/ensaios/figuras/"),
        ("/ensaios/./figuras", "/ensaios/figuras/"),
        ("//ensaios///figuras//", "/ensaios/figuras/"),
        (
            "/en//essays/figuras/diagrama.png",
            "/en/essays/figuras/diagrama.png",
        ),
        ("/en", "/en/"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 301, "{path}");
        assert_eq!(reply.header("Location"), Some(location), "{path}");
        assert_eq!(server.request("HEAD", path, "").status, 301, "{path}");
    }
    // A clean path that leads nowhere is not redirected to: it is the site's 404.
    assert_eq!(server.get("/nada//aqui").status, 404);
    // A real client follows the redirect, and the page's relative image then loads from its folder.
    let base = format!("http://{}", server.address);
    let page = ureq::get(&format!("{base}/ensaios/figuras"))
        .call()
        .unwrap();
    use ureq::ResponseExt;
    assert_eq!(
        page.get_uri().to_string(),
        format!("{base}/ensaios/figuras/")
    );
    let html = page.into_body().read_to_string().unwrap();
    let doc = scraper::Html::parse_document(&html);
    let src = common::attrs(&doc, ".post-body img", "src")
        .into_iter()
        .find(|s| !s.starts_with('/'))
        .expect("a relative image");
    assert_eq!(src, "diagrama.png");
    let image = ureq::get(&format!("{base}/ensaios/figuras/{src}"))
        .call()
        .unwrap();
    assert_eq!(image.headers()["content-type"], "image/png");
}

#[test]
fn bad_requests_get_400_and_other_methods_405() {
    let server = Server::start();
    // A path that is not UTF-8: raw, and percent-encoded.
    assert_eq!(
        raw_status(
            &server,
            b"GET /ensaios/\xff\xfe/ HTTP/1.1\r\nHost: x\r\n\r\n"
        ),
        400
    );
    assert_eq!(server.get("/ensaios/%FF/").status, 400);
    assert_eq!(
        server.get("/ensaios/ol%C3%A1/").status,
        404,
        "UTF-8 is fine"
    );
    assert_eq!(raw_status(&server, b"NONSENSE\r\n\r\n"), 400);
    let long = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(20_000));
    assert_eq!(raw_status(&server, long.as_bytes()), 431);
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let reply = server.request(method, "/", "Content-Length: 0\r\n");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("Allow"), Some("GET, HEAD"), "{method}");
    }
    // A real client's POST with a body is answered too.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let reply = agent
        .post(&format!("http://{}/assinar/", server.address))
        .send("email=a@b.example")
        .unwrap();
    assert_eq!(reply.status(), 405);
    assert_eq!(reply.headers()["allow"], "GET, HEAD");
    // The server is still there after all of it, and keeps a connection for several requests.
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(stream, "GET /css/site.css HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert_eq!(text.matches("HTTP/1.1 200 OK").count(), 2, "{text}");
}

#[test]
fn a_body_edit_reloads_and_serves_the_new_text() {
    let server = Server::start();
    let events = server.events();
    assert_eq!(
        page_text(&server.get("/ensaios/primeira/"), ".post-body del"),
        vec!["uma"]
    );
    let path = "content/essays/primeira.pt-BR.md";
    let edited = server
        .site
        .read_source(path)
        .replace("~~uma~~", "~~a velha~~");
    server.site.write(path, &edited);
    let data = wait_for(&events, "reload", |d| {
        d.lines().any(|l| l == "/ensaios/primeira/")
    });
    assert!(
        data.lines().any(|l| l == "/en/essays/primeira/"),
        "both languages' views: {data}"
    );
    assert!(
        !data.lines().any(|l| l == "/arco/"),
        "a body edit does not touch the arc: {data}"
    );
    assert_eq!(
        page_text(&server.get("/ensaios/primeira/"), ".post-body del"),
        vec!["a velha"]
    );
}

#[test]
fn broken_front_matter_shows_the_overlay_and_keeps_the_last_good_page() {
    let server = Server::start();
    let events = server.events();
    let path = "content/essays/primeira.pt-BR.md";
    let good = server.site.read_source(path);
    server.site.write(
        path,
        &good.replace(
            "title = \"A primeira régua\"",
            "tittle = \"A primeira régua\"",
        ),
    );
    let problem = wait_for(&events, "problem", |_| true);
    assert!(
        problem.contains("--> content/essays/primeira.pt-BR.md:2:1"),
        "{problem}"
    );
    assert!(problem.contains("did you mean `title`?"), "{problem}");
    let page = server.get("/ensaios/primeira/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page_text(&page, "h1.post-title"),
        vec!["A primeira régua"],
        "the last good page is served"
    );
    // A page opened now gets the overlay at once.
    let late = server.events();
    assert!(wait_for(&late, "problem", |_| true).contains("primeira.pt-BR.md:2:1"));
    server
        .site
        .write(path, &good.replace("A primeira régua", "A régua nova"));
    wait_for(&events, "ok", |_| true);
    wait_for(&events, "reload", |d| {
        d.lines().any(|l| l == "/ensaios/primeira/")
    });
    assert_eq!(
        page_text(&server.get("/ensaios/primeira/"), "h1.post-title"),
        vec!["A régua nova"]
    );
    assert!(page_text(&server.get("/arco/1/"), "#w1 td a").contains(&"A régua nova".to_string()));
}

#[test]
fn added_renamed_and_deleted_texts_follow_in_the_arc() {
    let server = Server::start();
    let events = server.events();
    let text =
        "+++\ntitle = \"Semana três\"\ndate = 2025-08-19\nsummary = \"Nova.\"\n+++\n\nCorpo.\n";
    server.site.write("content/essays/tres.pt-BR.md", text);
    wait_for(&events, "reload", |d| d.lines().any(|l| l == "/arco/"));
    assert_eq!(server.get("/ensaios/tres/").status, 200);
    assert_eq!(
        page_text(&server.get("/arco/1/"), "#w3 td a"),
        vec!["Semana três"]
    );
    assert_eq!(
        page_text(&server.get("/en/essays/tres/"), ".only-in"),
        vec!["Available only in Portuguese."]
    );

    std::fs::rename(
        server.site.root().join("content/essays/tres.pt-BR.md"),
        server.site.root().join("content/essays/terceira.pt-BR.md"),
    )
    .unwrap();
    wait_for(&events, "reload", |d| d.lines().any(|l| l == "/arco/"));
    assert_eq!(
        server.get("/ensaios/tres/").status,
        404,
        "no stale page stays reachable"
    );
    assert_eq!(server.get("/ensaios/terceira/").status, 200);
    assert_eq!(
        common::attrs(
            &scraper::Html::parse_document(&server.get("/arco/1/").body),
            "#w3 td a",
            "href"
        ),
        vec!["/ensaios/terceira/"]
    );

    server.site.remove("content/essays/terceira.pt-BR.md");
    wait_for(&events, "reload", |d| d.lines().any(|l| l == "/arco/"));
    assert_eq!(server.get("/ensaios/terceira/").status, 404);
    // Its day long gone, the emptied week reads as one not written.
    assert_eq!(page_text(&server.get("/arco/1/"), "#w3 .missed").len(), 2);
}

#[test]
fn a_css_change_swaps_stylesheets_and_a_template_change_reloads_everything() {
    let server = Server::start();
    let events = server.events();
    let css = server.site.read_source("static/css/site.css");
    server.site.write(
        "static/css/site.css",
        &format!("{css}\n.new-rule {{ color: red; }}\n"),
    );
    wait_for(&events, "css", |_| true);
    assert!(server.get("/css/site.css").body.contains(".new-rule"));
    let footer = server.site.read_source("templates/partials/footer.html");
    server.site.write(
        "templates/partials/footer.html",
        &footer.replace(
            "<footer class=\"site-footer\">",
            "<footer class=\"site-footer\" data-changed>",
        ),
    );
    wait_for(&events, "reload", |d| d == "*");
    let doc = scraper::Html::parse_document(&server.get("/en/subscribe/").body);
    assert_eq!(common::count(&doc, "footer[data-changed]"), 1);
    // A page template touches only its own pages.
    let arc = server.site.read_source("templates/arc.html");
    server.site.write(
        "templates/arc.html",
        &arc.replace(
            "<section class=\"arc arc-page\">",
            "<section class=\"arc arc-page\" data-changed>",
        ),
    );
    let data = wait_for(&events, "reload", |d| d.lines().any(|l| l == "/arco/"));
    let paths: Vec<&str> = data.lines().collect();
    // Today's arc and every arc's own page, in both languages, and nothing else.
    assert!(
        paths.contains(&"/arco/1/") && paths.contains(&"/en/arc/"),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("/arco/") || p.starts_with("/en/arc/")),
        "{paths:?}"
    );
    assert_eq!(
        common::count(
            &scraper::Html::parse_document(&server.get("/en/arc/").body),
            "section[data-changed]"
        ),
        1
    );
}

#[test]
fn a_template_error_keeps_the_old_templates_and_shows_the_overlay() {
    let server = Server::start();
    let events = server.events();
    let good = server.site.read_source("templates/post.html");
    server.site.write(
        "templates/post.html",
        &good.replace("title=post.title ~", "title=post.nope ~"),
    );
    let problem = wait_for(&events, "problem", |_| true);
    assert!(
        problem.contains("templates/post.html") && problem.contains("post.nope"),
        "{problem}"
    );
    let page = server.get("/ensaios/primeira/");
    assert_eq!(page.status, 200, "the last good templates keep serving");
    assert_eq!(page_text(&page, "h1.post-title"), vec!["A primeira régua"]);
    server.site.write("templates/post.html", &good);
    wait_for(&events, "ok", |_| true);
}

#[test]
fn a_good_edit_reloads_while_another_file_is_broken() {
    let server = Server::start();
    let events = server.events();
    server
        .site
        .write("content/essays/quebrado.md", "+++\ntitle = \n");
    wait_for(&events, "problem", |p| {
        p.contains("content/essays/quebrado.md")
    });
    let path = "content/essays/primeira.pt-BR.md";
    server.site.write(
        path,
        &server
            .site
            .read_source(path)
            .replace("~~uma~~", "~~outra~~"),
    );
    wait_for(&events, "reload", |d| {
        d.lines().any(|l| l == "/ensaios/primeira/")
    });
    assert_eq!(
        page_text(&server.get("/ensaios/primeira/"), ".post-body del"),
        vec!["outra"]
    );
    server.site.remove("content/essays/quebrado.md");
    wait_for(&events, "ok", |_| true);
}

#[test]
fn pages_get_events_over_a_websocket() {
    let server = Server::start();
    let mut stream = TcpStream::connect(&server.address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET /__site/events HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        server.address
    )
    .unwrap();
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    assert!(head.starts_with("HTTP/1.1 101"), "{head}");
    // The example key and answer of RFC 6455, section 1.3.
    assert!(head.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), "{head}");
    let mut frame_head = [0u8; 2];
    reader.read_exact(&mut frame_head).unwrap();
    assert_eq!(frame_head[0], 0x81, "a final text frame");
    let mut payload = vec![0u8; usize::from(frame_head[1])];
    reader.read_exact(&mut payload).unwrap();
    let event: serde_json::Value = serde_json::from_slice(&payload).unwrap();
    assert_eq!(event["event"], "hello");
}

#[test]
fn a_scheduled_text_is_previewed_marked_with_its_hour() {
    let server = Server::start_fixture("delivery", &["--now", "2026-01-12T12:00"]);
    let page = server.get("/ensaios/amanha/");
    assert_eq!(page.status, 200);
    let doc = scraper::Html::parse_document(&page.body);
    assert_eq!(
        common::text(&doc, ".draft-label"),
        "Agendado para 13 de janeiro de 2026, às 07:00"
    );
    assert_eq!(
        common::attr(&doc, "meta[name=robots]", "content"),
        "noindex"
    );
    let en = scraper::Html::parse_document(&server.get("/en/essays/amanha/").body);
    assert_eq!(
        common::text(&en, ".draft-label"),
        "Scheduled for January 13, 2026, at 07:00"
    );
    // The preview links within itself, though the site lives below /bancada/.
    let home = scraper::Html::parse_document(&server.get("/").body);
    assert_eq!(common::attr(&home, "a.brand", "href"), "/");
}

#[test]
fn a_texts_files_are_served_and_watched() {
    let server = Server::start_fixture("delivery", &["--now", "2026-01-20T08:00"]);
    let events = server.events();
    for path in [
        "/ensaios/figuras/diagrama.png",
        "/en/essays/figuras/diagrama.png",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("Content-Type"), Some("image/png"), "{path}");
    }
    // A new picture named before it exists: an error at its line, then gone when the file arrives.
    let essay = "content/essays/figuras.pt-BR.md";
    let text = server.site.read_source(essay);
    server.site.write(
        essay,
        &text.replace(
            "Cada ensaio tem",
            "![A bancada nova](nova.svg)\n\nCada ensaio tem",
        ),
    );
    let problem = wait_for(&events, "problem", |d| d.contains("nova.svg"));
    assert!(
        problem.contains("`nova.svg` is not in the text's folder content/essays/figuras/"),
        "{problem}"
    );
    server.site.write(
        "content/essays/figuras/nova.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60"/></svg>"#,
    );
    wait_for(&events, "ok", |_| true);
    let page = scraper::Html::parse_document(&server.get("/ensaios/figuras/").body);
    assert_eq!(
        common::attrs(&page, "img[src='nova.svg']", "width"),
        vec!["120"]
    );
    assert_eq!(server.get("/en/essays/figuras/nova.svg").status, 200);
}

#[test]
fn a_broken_link_shows_in_the_overlay_until_it_is_fixed() {
    let server = Server::start_fixture("delivery", &["--now", "2026-01-20T08:00"]);
    let events = server.events();
    let bulletin = "content/bulletins/bancada-nova.pt-BR.md";
    let text = server.site.read_source(bulletin);
    server.site.write(
        bulletin,
        &text.replace("Fim da semana.", "Fim da [semana](/boletins/outra/)."),
    );
    let problem = wait_for(&events, "problem", |d| d.contains("/boletins/outra/"));
    assert!(problem.contains("bancada-nova.pt-BR.md:40:17"), "{problem}");
    assert!(problem.contains("goes nowhere"), "{problem}");
    // A page opened now is told at once, as it connects.
    wait_for(&server.events(), "problem", |d| {
        d.contains("/boletins/outra/")
    });
    server.site.write(bulletin, &text);
    wait_for(&events, "ok", |_| true);
}

#[test]
fn a_broken_text_at_start_up_leaves_the_rest_served() {
    let site = TestSite::fixture("basic");
    let path = "content/essays/primeira.pt-BR.md";
    let good = site.read_source(path);
    site.write(path, &good.replace("title = ", "tittle = "));
    let server = Server::start_site(site, &[]);
    let events = server.events();
    let problem = wait_for(&events, "problem", |_| true);
    assert!(
        problem.contains("--> content/essays/primeira.pt-BR.md:2:1"),
        "{problem}"
    );
    assert!(problem.contains("did you mean `title`?"), "{problem}");
    // Every other page is there; the broken text's Portuguese version is left out.
    assert_eq!(server.get("/boletins/boletim-um/").status, 200);
    assert_eq!(server.get("/arco/").status, 200);
    assert_eq!(
        page_text(&server.get("/ensaios/primeira/"), "h1.post-title"),
        vec!["The first ruler"],
        "the text shows in the language that parsed"
    );
    server.site.write(path, &good);
    wait_for(&events, "ok", |_| true);
    wait_for(&events, "reload", |d| {
        d.lines().any(|l| l == "/ensaios/primeira/")
    });
    assert_eq!(
        page_text(&server.get("/ensaios/primeira/"), "h1.post-title"),
        vec!["A primeira régua"]
    );
}

#[test]
fn a_broken_site_toml_at_start_up_serves_the_error_until_fixed() {
    let site = TestSite::fixture("basic");
    let good = site.read_source("site.toml");
    site.write(
        "site.toml",
        &good.replace("weeks = 4", "weeks = \"quatro\""),
    );
    let server = Server::start_site(site, &[]);
    let events = server.events();
    for path in ["/", "/arco/", "/css/site.css"] {
        let reply = server.get(path);
        assert_eq!(reply.status, 500, "{path}");
        let doc = scraper::Html::parse_document(&reply.body);
        let pre = common::text(&doc, "pre");
        assert!(pre.contains("--> site.toml:9:9"), "{pre}");
        assert!(
            pre.contains("`weeks` takes a whole number of 0 or more, not text in quotes"),
            "{pre}"
        );
        assert!(
            pre.contains("help: write the number in digits, without quotes: `weeks = …`"),
            "{pre}"
        );
        assert_eq!(
            common::attrs(&doc, "script", "src"),
            vec!["/__site/reload.js"],
            "the page recovers by itself"
        );
    }
    assert!(wait_for(&events, "problem", |_| true).contains("site.toml"));
    server.site.write("site.toml", &good);
    wait_for(&events, "reload", |d| d == "*");
    assert_eq!(server.get("/").status, 200);
    assert_eq!(page_text(&server.get("/arco/1/"), "#w1 td a").len(), 2);
    assert_eq!(server.get("/css/site.css").status, 200);
}

#[test]
fn broken_templates_at_start_up_answer_an_error_page_until_fixed() {
    let site = TestSite::fixture("basic");
    let good = site.read_source("templates/base.html");
    site.write(
        "templates/base.html",
        &good.replace("{% endblock content %}", ""),
    );
    let server = Server::start_site(site, &[]);
    let events = server.events();
    let reply = server.get("/ensaios/primeira/");
    assert_eq!(reply.status, 500);
    let pre = common::text(&scraper::Html::parse_document(&reply.body), "pre");
    assert!(pre.contains("templates"), "{pre}");
    assert!(pre.contains("help: fix the template"), "{pre}");
    server.site.write("templates/base.html", &good);
    wait_for(&events, "reload", |d| d == "*");
    assert_eq!(
        page_text(&server.get("/ensaios/primeira/"), "h1.post-title"),
        vec!["A primeira régua"]
    );
}

#[test]
fn the_status_page_follows_every_edit() {
    let server = Server::start_fixture("basic", &["--now", "2025-08-13T12:00"]);
    let events = server.events();
    let page = server.get("/_status/");
    assert_eq!(page.status, 200);
    let doc = scraper::Html::parse_document(&page.body);
    assert_eq!(common::text(&doc, "h1"), "Situação do arco");
    assert_eq!(
        common::attr(&doc, "meta[name=robots]", "content"),
        "noindex"
    );
    assert_eq!(
        common::texts(&doc, "#w2 [data-kind=bulletin] li"),
        vec!["pt-BR rascunho", "en faltando"]
    );
    assert_eq!(common::texts(&doc, "#w3 .status-empty").len(), 2);
    let en = scraper::Html::parse_document(&server.get("/en/_status/").body);
    assert_eq!(common::text(&en, "h1"), "Arc status");
    // The draft's marker links the status page; a build has neither.
    let draft = scraper::Html::parse_document(&server.get("/boletins/rascunho/").body);
    assert_eq!(common::attr(&draft, "a.status-link", "href"), "/_status/");
    server.site.write(
        "content/essays/tres.pt-BR.md",
        "+++\ntitle = \"Semana três\"\ndate = 2025-08-19\nsummary = \"Nova.\"\ndraft = true\n+++\n\nCorpo.\n",
    );
    wait_for(&events, "reload", |d| d.lines().any(|l| l == "/_status/"));
    let doc = scraper::Html::parse_document(&server.get("/_status/").body);
    assert_eq!(
        common::texts(&doc, "#w3 [data-kind=essay] li"),
        vec!["pt-BR rascunho", "en faltando"]
    );
    server.site.build(&["--drafts"]);
    assert!(!server.site.exists("_status/index.html"));
    assert_eq!(
        common::count(
            &server.site.html("boletins/rascunho/index.html"),
            "a.status-link"
        ),
        0
    );
}

#[test]
fn the_status_page_shows_todays_arc_and_sums_up_the_earlier_ones() {
    // The basic fixture's arcs are 4 weeks: 2025-09-10 is in arc 2's week 2.
    let server = Server::start_fixture("basic", &["--now", "2025-09-10T12:00"]);
    let doc = scraper::Html::parse_document(&server.get("/_status/").body);
    assert_eq!(
        common::texts(&doc, ".status-page h2"),
        vec!["Em números", "Arco 2", "Arcos anteriores"]
    );
    let earlier = common::texts(&doc, ".status-arcs li");
    assert_eq!(earlier.len(), 1, "{earlier:?}");
    assert!(
        earlier[0].starts_with("Arco 1 · 5 de agosto de 2025 – 29 de agosto de 2025 · "),
        "{earlier:?}"
    );
    assert!(
        common::text(&doc, ".status-next").starts_with("Próxima vaga: arco 2, semana 2, "),
        "{}",
        common::text(&doc, ".status-next")
    );
    // Rows are arc 2's weeks, numbered in it; their ids stay unique across arcs.
    assert_eq!(common::texts(&doc, ".status-table tbody th").len(), 4);
    assert_eq!(common::count(&doc, "#w6.status-current"), 1);
}

#[test]
fn the_preview_offers_search_cards_and_tags() {
    let server = Server::start_fixture("delivery", &["--now", "2026-01-20T08:00"]);
    // The index is built when first asked for, and the request for it waits for it.
    let deadline = Instant::now() + PATIENCE;
    let entry = loop {
        let reply = server.get("/pagefind/pagefind-entry.json");
        if reply.status == 200 {
            break reply;
        }
        assert!(
            Instant::now() < deadline,
            "no search index after {PATIENCE:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let entry: serde_json::Value = serde_json::from_str(&entry.body).unwrap();
    assert_eq!(entry["languages"]["pt-br"]["page_count"], 3);
    assert_eq!(server.get("/en/pagefind/pagefind.js").status, 200);
    let search = scraper::Html::parse_document(&server.get("/busca/").body);
    assert_eq!(
        common::attr(&search, "form.search-form", "data-bundle"),
        "/pagefind/"
    );
    let card = server.get("/ensaios/figuras/card.png");
    assert_eq!(
        (card.status, card.header("Content-Type")),
        (200, Some("image/png"))
    );
    let tag = server.get("/marcadores/imagens/");
    assert_eq!(page_text(&tag, "h1"), vec!["Marcador: imagens"]);
}

#[test]
fn the_preview_indexes_a_new_text_for_search() {
    let server = Server::start_fixture("delivery", &["--now", "2026-01-20T08:00"]);
    let count = |server: &Server| -> Option<u64> {
        let reply = server.get("/pagefind/pagefind-entry.json");
        let entry: serde_json::Value = serde_json::from_str(&reply.body).ok()?;
        entry["languages"]["pt-br"]["page_count"].as_u64()
    };
    let deadline = Instant::now() + PATIENCE;
    while count(&server) != Some(3) {
        assert!(Instant::now() < deadline, "no search index");
        std::thread::sleep(Duration::from_millis(50));
    }
    server.site.write(
        "content/essays/nova.pt-BR.md",
        "+++\ntitle = \"Uma nova\"\ndate = 2026-01-20\nsummary = \"Nova.\"\n+++\n\nUm texto novo.\n",
    );
    // The edit marks the index out of date; the next request for it waits for the new one.
    let deadline = Instant::now() + PATIENCE;
    while count(&server) != Some(4) {
        assert!(
            Instant::now() < deadline,
            "the new text never reached the index"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_template_loop_saved_shows_the_error_and_serve_keeps_serving() {
    let server = Server::start();
    let events = server.events();
    let good = server.site.read_source("templates/partials/footer.html");
    server.site.write(
        "templates/partials/footer.html",
        &format!("{good}{{% include \"partials/footer.html\" %}}\n"),
    );
    let problem = wait_for(&events, "problem", |_| true);
    assert!(
        problem.contains("templates/partials/footer.html") && problem.contains("includes itself"),
        "{problem}"
    );
    let page = server.get("/ensaios/primeira/");
    assert_eq!(page.status, 200, "the last good templates keep serving");
    // A macro that calls itself, the same.
    let macros = server.site.read_source("templates/partials/macros.html");
    server.site.write("templates/partials/footer.html", &good);
    wait_for(&events, "ok", |_| true);
    server.site.write(
        "templates/partials/macros.html",
        &format!("{macros}{{% macro again() %}}{{{{ self::again() }}}}{{% endmacro %}}\n"),
    );
    let problem = wait_for(&events, "problem", |_| true);
    assert!(problem.contains("calls itself"), "{problem}");
    assert_eq!(server.get("/ensaios/primeira/").status, 200);
    server.site.write("templates/partials/macros.html", &macros);
    wait_for(&events, "ok", |_| true);
}

/// The CPU time (user and system, in clock ticks) the process `pid` has used.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command's name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

#[test]
fn out_of_file_descriptors_the_server_waits_and_recovers() {
    let server = Server::start();
    assert_eq!(server.get("/").status, 200);
    let pid = server.child.id().to_string();
    // util-linux's prlimit lowers the running server's soft limit below the descriptors it has
    // open: every accept fails until the limit is raised again, while connections wait in the
    // listen queue.
    let limit = |n: &str| {
        Command::new("prlimit")
            .args(["--pid", &pid, &format!("--nofile={n}:")])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !limit("3") {
        eprintln!("prlimit is not available: the test cannot lower the server's limit");
        return;
    }
    let waiting: Vec<TcpStream> = (0..4)
        .map(|_| TcpStream::connect(&server.address).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let (before, started) = (cpu_ticks(server.child.id()), Instant::now());
    std::thread::sleep(Duration::from_secs(2));
    let ticks = cpu_ticks(server.child.id()) - before;
    let used = ticks as f64 / 100.0 / started.elapsed().as_secs_f64();
    assert!(
        used < 0.2,
        "the server used {:.0} % of a core while out of descriptors",
        used * 100.0
    );
    drop(waiting);
    assert!(limit("1024"));
    assert_eq!(server.get("/").status, 200, "it answers again");
}

/// Edits `primeira`'s body and adds a text, and waits for each to be served: the proof that
/// content/ is watched.
fn content_is_watched(server: &Server, events: &Receiver<(String, String)>, mark: &str) {
    let path = "content/essays/primeira.pt-BR.md";
    let edited = server
        .site
        .read_source(path)
        .replace("~~uma~~", &format!("~~{mark}~~"));
    server.site.write(path, &edited);
    wait_for(events, "reload", |d| {
        d.lines().any(|l| l == "/ensaios/primeira/")
    });
    assert_eq!(
        page_text(&server.get("/ensaios/primeira/"), ".post-body del"),
        vec![mark]
    );
    let text = format!(
        "+++\ntitle = \"Semana {mark}\"\ndate = 2025-08-19\nsummary = \"Nova.\"\n+++\n\nCorpo.\n"
    );
    server
        .site
        .write(&format!("content/essays/{mark}.pt-BR.md"), &text);
    wait_for(events, "reload", |d| d.lines().any(|l| l == "/arco/"));
    assert_eq!(server.get(&format!("/ensaios/{mark}/")).status, 200);
}

#[test]
fn a_folder_removed_and_made_again_is_watched_again() {
    let server = Server::start();
    let events = server.events();
    let status = Command::new("sh")
        .current_dir(server.site.root())
        .args([
            "-c",
            "cp -r content saved && rm -rf content && cp -r saved content",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for(&events, "reload", |_| true);
    content_is_watched(&server, &events, "outra");
    // And again, the folder moved into place rather than copied.
    let status = Command::new("sh")
        .current_dir(server.site.root())
        .args(["-c", "rm -rf content && mv saved content"])
        .status()
        .unwrap();
    assert!(status.success());
    wait_for(&events, "reload", |d| d.lines().any(|l| l == "/arco/"));
    assert_eq!(
        server.get("/ensaios/outra/").status,
        404,
        "saved/ has no `outra`"
    );
    content_is_watched(&server, &events, "terceira");
}

#[test]
fn a_folder_made_after_the_start_is_watched() {
    let site = TestSite::fixture("basic");
    let saved = site.root().join("saved");
    std::fs::rename(site.root().join("content"), &saved).unwrap();
    let server = Server::start_site(site, &[]);
    let events = server.events();
    assert_eq!(server.get("/ensaios/primeira/").status, 404);
    std::fs::rename(&saved, server.site.root().join("content")).unwrap();
    wait_for(&events, "reload", |d| {
        d.lines().any(|l| l == "/arco/" || l == "*")
    });
    assert_eq!(server.get("/ensaios/primeira/").status, 200);
    content_is_watched(&server, &events, "outra");
}

#[test]
fn a_fluent_variable_not_given_shows_in_the_overlay() {
    let server = Server::start();
    let events = server.events();
    let ftl = server.site.read_source("i18n/en.ftl");
    server.site.write(
        "i18n/en.ftl",
        &ftl.replace("nav-arc = The arc", "nav-arc = The { $nope } arc"),
    );
    wait_for(&events, "reload", |_| true);
    // Found as the page is rendered; the page's reload script then hears it.
    assert_eq!(server.get("/en/").status, 200);
    let events = server.events();
    let problem = wait_for(&events, "problem", |_| true);
    assert!(
        problem.contains("i18n/en.ftl:14:1") && problem.contains("`$nope`"),
        "{problem}"
    );
}
