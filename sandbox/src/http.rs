//! Just enough HTTP/1.1 for the sandbox, written on `std::net` so the fault knobs can control every
//! byte: one request per connection, `Connection: close` always. Requests need `Content-Length`
//! bodies; answers carry an exact `Content-Length`, except streamed ones of unknown length, which
//! are sent chunked.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use serde_json::Value;

/// Bounds that keep a stray client from holding a thread or memory for ever.
const MAX_HEAD_BYTES: u64 = 64 * 1024;
const MAX_BODY_BYTES: usize = 1024 * 1024;
const READ_TIMEOUT: Duration = Duration::from_secs(10);
/// A client that stops reading a long answer for this long is given up on.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct Request {
    pub method: String,
    /// The path as sent, still percent-encoded so an encoded `/` cannot split a segment.
    pub path: String,
    pub query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub peer: IpAddr,
    /// An `HTTP/1.0` client, which cannot take a chunked answer.
    pub http_1_0: bool,
}

impl Request {
    /// First value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// The body as JSON, or `None` when it is empty or not JSON.
    pub fn json_body(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A response with no body and no content type (preflights, CORS refusals).
    pub fn empty(status: u16) -> Self {
        Self { status, headers: Vec::new(), body: Vec::new() }
    }

    pub fn with_body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self::empty(status).with_header("Content-Type", content_type).body(body)
    }

    /// Documented JSON bytes sent exactly as they are (fixtures).
    pub fn json_text(status: u16, text: &str) -> Self {
        Self::with_body(status, "application/json", text)
    }

    pub fn json(status: u16, value: &Value) -> Self {
        Self::json_text(status, &value.to_string())
    }

    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    pub fn with_headers(mut self, headers: impl IntoIterator<Item = (String, String)>) -> Self {
        self.headers.extend(headers);
        self
    }

    fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Serialises the whole response; `Content-Length` always matches the body as it is now.
    pub fn to_bytes(&self) -> Vec<u8> {
        let length = format!("Content-Length: {}\r\n", self.body.len());
        let mut bytes = head(self.status, &self.headers, &length).into_bytes();
        bytes.extend_from_slice(&self.body);
        bytes
    }
}

/// An answer whose body is written piece by piece, so a large one is never built whole (the
/// `huge` faults).
pub struct Streamed {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body's exact length, sent as `Content-Length`; `None` sends the body chunked (to an
    /// HTTP/1.0 client: delimited by the close alone).
    pub length: Option<u64>,
    pub pieces: Box<dyn Iterator<Item = &'static [u8]> + Send>,
}

impl std::fmt::Debug for Streamed {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Streamed")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("length", &self.length)
            .finish_non_exhaustive()
    }
}

impl Streamed {
    /// Writes the head, then the pieces as they come.
    fn write_to(self, writer: &mut impl Write, http_1_0: bool) -> io::Result<()> {
        let chunked = self.length.is_none() && !http_1_0;
        let framing = match self.length {
            Some(length) => format!("Content-Length: {length}\r\n"),
            None if chunked => "Transfer-Encoding: chunked\r\n".to_owned(),
            None => String::new(),
        };
        writer.write_all(head(self.status, &self.headers, &framing).as_bytes())?;
        // An empty chunk would end a chunked body early.
        for piece in self.pieces.filter(|piece| !piece.is_empty()) {
            if chunked {
                writer.write_all(format!("{:x}\r\n", piece.len()).as_bytes())?;
                writer.write_all(piece)?;
                writer.write_all(b"\r\n")?;
            } else {
                writer.write_all(piece)?;
            }
        }
        if chunked {
            writer.write_all(b"0\r\n\r\n")?;
        }
        writer.flush()
    }
}

/// Status line and headers, with `framing` (the body's length header, if any) and
/// `Connection: close` last.
fn head(status: u16, headers: &[(String, String)], framing: &str) -> String {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(framing);
    head.push_str("Connection: close\r\n\r\n");
    head
}

/// What a handler decides to do with a connection.
#[derive(Debug)]
pub enum Outcome {
    Respond(Response),
    /// A head, then a body written in pieces.
    Stream(Streamed),
    /// Close the socket without sending a byte (the `drop` fault).
    Drop,
}

impl Outcome {
    pub fn with_headers(self, headers: Vec<(String, String)>) -> Self {
        match self {
            Self::Respond(response) => Self::Respond(response.with_headers(headers)),
            Self::Stream(mut streamed) => {
                streamed.headers.extend(headers);
                Self::Stream(streamed)
            }
            Self::Drop => Self::Drop,
        }
    }

    /// The status sent, if anything is.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Respond(response) => Some(response.status),
            Self::Stream(streamed) => Some(streamed.status),
            Self::Drop => None,
        }
    }
}

/// Accepts connections for ever, one thread each, and answers each with `handler`.
pub fn serve<F>(listener: TcpListener, handler: F)
where
    F: Fn(&Request) -> Outcome + Send + Sync + 'static,
{
    let handler = Arc::new(handler);
    for stream in listener.incoming().flatten() {
        let handler = Arc::clone(&handler);
        thread::spawn(move || answer(stream, handler.as_ref()));
    }
}

fn answer(mut stream: TcpStream, handler: &dyn Fn(&Request) -> Outcome) {
    let (outcome, http_1_0) = match read_request(&stream) {
        Ok(request) => (handler(&request), request.http_1_0),
        Err(error) => {
            let message = format!("bad request: {error}\n");
            (Outcome::Respond(Response::with_body(400, "text/plain; charset=utf-8", message)), false)
        }
    };
    // The client may already be gone, or have stopped reading; there is nobody left to tell.
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    match outcome {
        Outcome::Respond(response) => {
            let _ = stream.write_all(&response.to_bytes());
            let _ = stream.flush();
        }
        Outcome::Stream(streamed) => {
            let _ = streamed.write_to(&mut io::BufWriter::new(&stream), http_1_0);
        }
        Outcome::Drop => {}
    }
    // Dropping the stream closes the connection, with or without an answer.
}

fn read_request(stream: &TcpStream) -> io::Result<Request> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let peer = stream.peer_addr()?.ip();
    let mut reader = BufReader::new(stream);
    let mut head_budget = MAX_HEAD_BYTES;

    let request_line = read_line(&mut reader, &mut head_budget)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid("malformed request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(invalid("only HTTP/1.x is spoken here"));
    }

    let mut headers = Vec::new();
    loop {
        let line = read_line(&mut reader, &mut head_budget)?;
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').ok_or_else(|| invalid("malformed header"))?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }

    let header = |name: &str| {
        headers
            .iter()
            .find(|(key, _): &&(String, String)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    };
    if header("transfer-encoding").is_some() {
        return Err(invalid("chunked bodies are not supported; send Content-Length"));
    }
    let length = match header("content-length") {
        Some(text) => text.parse::<usize>().map_err(|_| invalid("bad Content-Length"))?,
        None => 0,
    };
    if length > MAX_BODY_BYTES {
        return Err(invalid("body too large"));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;

    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(Request {
        method: method.to_owned(),
        path: path.to_owned(),
        query: parse_query(query),
        headers,
        body,
        peer,
        http_1_0: version == "HTTP/1.0",
    })
}

/// One CRLF- (or LF-) terminated line, counted against the header budget.
fn read_line(reader: &mut impl BufRead, budget: &mut u64) -> io::Result<String> {
    let mut line = String::new();
    let read = reader.take(*budget).read_line(&mut line)?;
    if read == 0 || !line.ends_with('\n') {
        return Err(invalid("request head truncated or too large"));
    }
    *budget -= read as u64;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key, true), percent_decode(value, true))
        })
        .collect()
}

/// Decodes `%XX` escapes (and `+` as a space in query strings); bad escapes are kept literally.
pub fn percent_decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i + 1..i + 3) {
            Some(&[high, low]) if bytes[i] == b'%' => hex(high).zip(hex(low)),
            _ => None,
        };
        match (escaped, bytes[i]) {
            (Some((high, low)), _) => {
                out.push(high << 4 | low);
                i += 3;
                continue;
            }
            (None, b'+') if plus_is_space => out.push(b' '),
            (None, byte) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit).to_digit(16).and_then(|value| u8::try_from(value).ok())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::{Streamed, percent_decode};

    fn streamed(length: Option<u64>) -> Streamed {
        let pieces: [&'static [u8]; 3] = [b"{\"a\":\"", b"", b"xyz\"}"];
        Streamed {
            status: 200,
            headers: vec![("X-A".to_owned(), "1".to_owned())],
            length,
            pieces: Box::new(pieces.into_iter()),
        }
    }

    fn written(streamed: Streamed, http_1_0: bool) -> String {
        let mut bytes = Vec::new();
        streamed.write_to(&mut bytes, http_1_0).expect("written");
        String::from_utf8(bytes).expect("text")
    }

    #[test]
    fn streams_with_a_length_chunked_or_close_delimited() {
        let head = "HTTP/1.1 200 OK\r\nX-A: 1\r\n";
        assert_eq!(
            written(streamed(Some(11)), false),
            format!("{head}Content-Length: 11\r\nConnection: close\r\n\r\n{{\"a\":\"xyz\"}}")
        );
        assert_eq!(
            written(streamed(None), false),
            format!(
                "{head}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n6\r\n{{\"a\":\"\r\n5\r\nxyz\"}}\r\n0\r\n\r\n"
            )
        );
        assert_eq!(written(streamed(None), true), format!("{head}Connection: close\r\n\r\n{{\"a\":\"xyz\"}}"));
    }

    #[test]
    fn decodes_escapes_and_keeps_broken_ones() {
        assert_eq!(percent_decode("a%2Cb+c", true), "a,b c");
        assert_eq!(percent_decode("a+b", false), "a+b");
        assert_eq!(percent_decode("100%", true), "100%");
        assert_eq!(percent_decode("%zz%4", true), "%zz%4");
    }
}
