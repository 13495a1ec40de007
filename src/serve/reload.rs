//! Live reload: a Server-Sent Events hub, and the small script every preview page gets.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// Where the script and the event stream live; no site path starts with `__site`.
pub const SCRIPT_PATH: &str = "/__site/reload.js";
pub const EVENTS_PATH: &str = "/__site/events";

/// Sends events to every open page.
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
    /// Differs per server run: a page that reconnects to a new server reloads itself.
    pub instance: String,
}

impl Hub {
    pub fn new() -> Hub {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Hub {
            clients: Mutex::new(Vec::new()),
            instance: format!("{}-{nanos}", std::process::id()),
        }
    }

    /// A new client's stream; `first` events are sent to it right away.
    pub fn subscribe(&self, first: &[(&str, &str)]) -> Receiver<String> {
        let (tx, rx) = channel();
        let _ = tx.send(frame("hello", &self.instance));
        for (event, data) in first {
            let _ = tx.send(frame(event, data));
        }
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    /// Sends one event to every client; clients that went away are dropped.
    pub fn send(&self, event: &str, data: &str) -> usize {
        let text = frame(event, data);
        let Ok(mut clients) = self.clients.lock() else {
            return 0;
        };
        clients.retain(|c| c.send(text.clone()).is_ok());
        clients.len()
    }
}

impl Default for Hub {
    fn default() -> Self {
        Hub::new()
    }
}

fn frame(event: &str, data: &str) -> String {
    let mut out = format!("event: {event}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Writes a client's events to its connection until it goes away. A comment every 15 s keeps an
/// idle stream open and finds clients that left.
pub fn stream(events: Receiver<String>, out: &mut dyn Write) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let text = match events.recv_timeout(Duration::from_secs(15)) {
            Ok(text) => text,
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(text.as_bytes())
            .and_then(|_| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// Reloads the page when it changed (keeping the scroll position), swaps stylesheets on a CSS-only
/// change, and shows build errors over the page until they are fixed.
pub const SCRIPT: &str = r#"(function () {
  var key = "site-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    addEventListener("load", function () { scrollTo(0, +saved); });
  }
  function reload() {
    sessionStorage.setItem(key, String(scrollY));
    location.reload();
  }
  var overlay = null;
  function showError(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "site-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,16,12,.94);color:#fde8d8;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.firstChild.textContent = text;
  }
  function clearError() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  var source = new EventSource("/__site/events");
  source.addEventListener("hello", function (e) {
    var seen = sessionStorage.getItem("site-instance");
    sessionStorage.setItem("site-instance", e.data);
    if (seen && seen !== e.data) reload();
  });
  source.addEventListener("reload", function (e) {
    var paths = e.data.split("\n");
    if (paths.indexOf("*") >= 0 || paths.indexOf(location.pathname) >= 0) reload();
  });
  source.addEventListener("css", function () {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("v", String(Date.now()));
      link.href = url.toString();
    });
  });
  source.addEventListener("problem", function (e) { showError(e.data); });
  source.addEventListener("ok", clearError);
})();
"#;
