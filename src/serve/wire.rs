//! HTTP/1.1 on a TCP connection, as much as the preview needs; a request it cannot read (not UTF-8,
//! too long, malformed) is answered 400 or 431, never with a dropped connection.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// The longest request head read: far more than any browser sends.
const HEAD_LIMIT: usize = 16 * 1024;
/// How long an idle kept-alive connection waits for its next request.
const IDLE: Duration = Duration::from_secs(60);

/// One request: its method, target and headers, and the connection to answer on.
pub struct Request {
    pub method: String,
    /// The request target as sent (`/ensaios/nomes/?x=1`).
    pub target: String,
    headers: Vec<(String, String)>,
    stream: TcpStream,
}

/// A whole response: status, headers and body (left out for `HEAD`, its length still given).
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// What answering a request did to its connection.
pub enum Answered {
    /// A response was written; the connection may carry the next request.
    Done(io::Result<()>),
    /// The handler kept the connection (an event stream).
    Taken,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Writes `response`; a `HEAD` request gets the head only.
    pub fn respond(&self, response: Response) -> Answered {
        let head_only = self.method == "HEAD";
        Answered::Done(write_response(&self.stream, &response, head_only))
    }

    /// The connection itself, for a handler that streams (Server-Sent Events, a WebSocket).
    pub fn into_stream(self) -> TcpStream {
        self.stream
    }
}

/// The listener of the preview on `address`.
pub fn bind(address: (&str, u16)) -> io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(address)?;
    let local = listener.local_addr()?;
    Ok((listener, local))
}

/// The longest pause between two failed accepts.
const LONGEST_PAUSE: Duration = Duration::from_millis(100);

/// Accepts connections forever, handing each to `serve`. An accept that fails (out of file
/// descriptors, most often: it fails again at once until a connection closes) is retried after a
/// pause that doubles up to 100 ms, so the loop waits instead of spinning a core.
pub fn accept_forever(listener: &TcpListener, mut serve: impl FnMut(TcpStream)) {
    let mut pause = Duration::ZERO;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                pause = Duration::ZERO;
                serve(stream);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => {
                pause = (pause * 2).clamp(Duration::from_millis(1), LONGEST_PAUSE);
                std::thread::sleep(pause);
            }
        }
    }
}

/// Reads the requests of one connection in turn and hands each to `handle`, until the client
/// closes it, asks to, or a request cannot be read.
pub fn serve_connection(stream: TcpStream, handle: &dyn Fn(Request) -> Answered) {
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let _ = stream.set_read_timeout(Some(IDLE));
    let mut reader = BufReader::new(reading);
    loop {
        let head = match read_head(&mut reader) {
            Ok(Some(head)) => head,
            Ok(None) => return,
            Err(status) => {
                let _ = write_response(&stream, &refusal(status), false);
                return linger(&stream, &mut reader);
            }
        };
        let Ok(answer) = stream.try_clone() else {
            return;
        };
        let Some(request) = parse(&head, answer) else {
            let _ = write_response(&stream, &refusal(400), false);
            return linger(&stream, &mut reader);
        };
        // A body is never read: a request that has one cannot be followed by another.
        let has_body = request
            .header("Content-Length")
            .is_some_and(|n| n.trim() != "0")
            || request.header("Transfer-Encoding").is_some();
        let close = has_body
            || request
                .header("Connection")
                .is_some_and(|c| c.to_ascii_lowercase().contains("close"))
            || head.first().is_some_and(|line| line.ends_with("HTTP/1.0"));
        match handle(request) {
            Answered::Done(Ok(())) if !close => continue,
            Answered::Done(_) => return linger(&stream, &mut reader),
            Answered::Taken => return,
        }
    }
}

/// Closes a connection whose client may still be sending (a body, the rest of a long head): the
/// answer is sent and the rest read and dropped, for a moment, so the client reads the answer
/// instead of a reset.
fn linger(stream: &TcpStream, reader: &mut BufReader<TcpStream>) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
    let _ = io::copy(&mut reader.by_ref().take(1 << 20), &mut io::sink());
}

/// A request head as lines, without its line ends; `None` when the client closed the connection
/// before a new request; `Err(status)` when the head cannot be taken (400, 431).
fn read_head(reader: &mut BufReader<TcpStream>) -> Result<Option<Vec<String>>, u16> {
    let mut bytes = Vec::new();
    let mut lines = Vec::new();
    loop {
        let before = bytes.len();
        let limit = (HEAD_LIMIT + 1 - before) as u64;
        match reader.by_ref().take(limit).read_until(b'\n', &mut bytes) {
            Ok(0) if before == 0 => return Ok(None),
            Ok(0) => return Err(400),
            Ok(_) => {}
            Err(_) if before == 0 => return Ok(None),
            Err(_) => return Err(400),
        }
        if bytes.len() > HEAD_LIMIT {
            return Err(431);
        }
        if !bytes.ends_with(b"\n") {
            return Err(400);
        }
        let line = &bytes[before..];
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            if lines.is_empty() {
                // Blank lines before a request are allowed (RFC 9112, section 2.2).
                bytes.clear();
                continue;
            }
            return Ok(Some(lines));
        }
        // A request target that is not UTF-8 names no page: 400, not a dropped connection.
        let text = String::from_utf8(line.to_vec()).map_err(|_| 400u16)?;
        lines.push(text);
    }
}

/// The request line and headers; `None` when they are not HTTP/1.x.
fn parse(head: &[String], stream: TcpStream) -> Option<Request> {
    let (first, rest) = head.split_first()?;
    let mut parts = first.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let valid = parts.next().is_none()
        && !method.is_empty()
        && method.bytes().all(|b| b.is_ascii_alphabetic())
        && !target.is_empty()
        && !target.contains(char::is_control)
        && version.starts_with("HTTP/1.");
    if !valid {
        return None;
    }
    let headers = rest
        .iter()
        .map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.trim().to_string(), value.trim().to_string()))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        headers,
        stream,
    })
}

/// A response to a request that could not be read.
fn refusal(status: u16) -> Response {
    let text = match status {
        431 => "the request's head is too long\n",
        _ => "the request could not be read: its path must be UTF-8, and percent-encoded\n",
    };
    Response::new(status, text.as_bytes().to_vec())
        .header("Content-Type", "text/plain; charset=utf-8")
        .header("Connection", "close")
}

fn write_response(mut stream: &TcpStream, response: &Response, head_only: bool) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if response.status != 304 && response.status != 101 {
        head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    if !head_only {
        out.extend_from_slice(&response.body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        101 => "Switching Protocols",
        200 => "OK",
        301 => "Moved Permanently",
        304 => "Not Modified",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "",
    }
}
