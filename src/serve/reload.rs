//! Live reload: an event hub, its two transports (WebSocket for pages, Server-Sent Events for
//! simple clients), and the small script every preview page gets.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// Where the script and the event stream live; no site path starts with `__site`.
pub const SCRIPT_PATH: &str = "/__site/reload.js";
pub const EVENTS_PATH: &str = "/__site/events";

/// One event: its name and its text.
pub type Event = (String, String);

/// Sends events to every open page.
pub struct Hub {
    clients: Mutex<Vec<Sender<Event>>>,
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

    /// A new client's events; `first` ones are sent to it right away.
    pub fn subscribe(&self, first: &[(&str, &str)]) -> Receiver<Event> {
        let (tx, rx) = channel();
        let _ = tx.send(("hello".into(), self.instance.clone()));
        for (event, data) in first {
            let _ = tx.send((event.to_string(), data.to_string()));
        }
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    /// Sends one event to every client; clients that went away are dropped.
    pub fn send(&self, event: &str, data: &str) -> usize {
        let Ok(mut clients) = self.clients.lock() else {
            return 0;
        };
        clients.retain(|c| c.send((event.to_string(), data.to_string())).is_ok());
        clients.len()
    }
}

impl Default for Hub {
    fn default() -> Self {
        Hub::new()
    }
}

/// How often an idle connection is pinged, which also finds clients that left.
const PING: Duration = Duration::from_secs(15);

/// Server-Sent Events: writes a client's events until it goes away.
pub fn stream_sse(events: Receiver<Event>, out: &mut dyn Write) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if out
        .write_all(head.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let text = match events.recv_timeout(PING) {
            Ok((event, data)) => sse_frame(&event, &data),
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

fn sse_frame(event: &str, data: &str) -> String {
    let mut out = format!("event: {event}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// The `Sec-WebSocket-Accept` answer to a client's `Sec-WebSocket-Key` (RFC 6455, section 4.2.2).
pub fn websocket_accept(key: &str) -> String {
    use base64::Engine;
    let mut sha = sha1_smol::Sha1::new();
    sha.update(key.trim().as_bytes());
    sha.update(b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11");
    base64::engine::general_purpose::STANDARD.encode(sha.digest().bytes())
}

/// WebSocket, after the upgrade: each event is one text frame of JSON `{"event", "data"}`.
/// Pages use this one: a browser opens at most six HTTP connections to a host, and event streams
/// held by open preview tabs would use them all up; WebSockets are not counted against that.
pub fn stream_websocket(events: Receiver<Event>, out: &mut dyn Write) {
    loop {
        let frame = match events.recv_timeout(PING) {
            Ok((event, data)) => ws_frame(
                0x1,
                serde_json::json!({ "event": event, "data": data })
                    .to_string()
                    .as_bytes(),
            ),
            Err(RecvTimeoutError::Timeout) => ws_frame(0x9, b""),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out.write_all(&frame).and_then(|_| out.flush()).is_err() {
            return;
        }
    }
}

/// An unmasked, final server frame with `opcode` (1 text, 9 ping).
fn ws_frame(opcode: u8, payload: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x80 | opcode];
    match payload.len() {
        n if n < 126 => frame.push(n as u8),
        n if n <= usize::from(u16::MAX) => {
            frame.push(126);
            frame.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            frame.push(127);
            frame.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    frame.extend_from_slice(payload);
    frame
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
  var handlers = {
    hello: function (data) {
      var seen = sessionStorage.getItem("site-instance");
      sessionStorage.setItem("site-instance", data);
      if (seen && seen !== data) reload();
    },
    reload: function (data) {
      var paths = data.split("\n");
      if (paths.indexOf("*") >= 0 || paths.indexOf(location.pathname) >= 0) reload();
    },
    css: function () {
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
        var url = new URL(link.href);
        url.searchParams.set("v", String(Date.now()));
        link.href = url.toString();
      });
    },
    problem: showError,
    ok: clearError
  };
  var socket = null;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/__site/events");
    socket.onmessage = function (m) {
      var e = JSON.parse(m.data);
      if (handlers[e.event]) handlers[e.event](e.data);
    };
    // The server restarted or went away: try again; `hello` tells a new server from the old.
    socket.onclose = function () { setTimeout(connect, 500); };
  }
  connect();
  addEventListener("pagehide", function () { socket.onclose = null; socket.close(); });
  addEventListener("pageshow", function (e) { if (e.persisted) location.reload(); });
})();
"#;
