//! The Altegio disable webhook: recorded, then POSTed to the callback URL from a background thread
//! (the uninstall answer must not wait for the partner's receiver), plus the receiving side used by
//! `/__sandbox/callback`.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::{Value, json};

use crate::lock::lock;

const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Default)]
pub struct WebhookLog {
    next_id: u64,
    sent: Vec<Sent>,
    received: Vec<Value>,
}

#[derive(Debug)]
struct Sent {
    id: u64,
    url: Option<String>,
    payload: Value,
    result: String,
}

impl WebhookLog {
    pub fn record_received(&mut self, entry: Value) {
        self.received.push(entry);
    }

    pub fn to_json(&self) -> Value {
        let sent: Vec<Value> = self
            .sent
            .iter()
            .map(|sent| json!({"url": sent.url, "payload": sent.payload, "result": sent.result}))
            .collect();
        json!({ "sent": sent, "received": self.received })
    }

    pub fn clear(&mut self) {
        self.sent.clear();
        self.received.clear();
    }

    fn set_result(&mut self, id: u64, result: String) {
        // The entry is gone if a reset happened meanwhile; the result then has no one to tell.
        if let Some(sent) = self.sent.iter_mut().find(|sent| sent.id == id) {
            sent.result = result;
        }
    }
}

/// Records `payload` and, when a callback URL is configured, delivers it in the background.
pub fn send(log: &Arc<Mutex<WebhookLog>>, url: Option<&str>, payload: Value) {
    let mut guard = lock(log);
    let id = guard.next_id;
    guard.next_id += 1;
    let result = match url {
        Some(_) => "pending".to_owned(),
        None => "not sent: no --callback-url".to_owned(),
    };
    guard.sent.push(Sent { id, url: url.map(str::to_owned), payload: payload.clone(), result });
    drop(guard);

    if let Some(url) = url {
        let log = Arc::clone(log);
        let url = url.to_owned();
        thread::spawn(move || {
            let result = match post(&url, &payload.to_string()) {
                Ok(status) => format!("delivered: HTTP {status}"),
                Err(error) => format!("failed: {error}"),
            };
            lock(&log).set_result(id, result);
        });
    }
}

/// One POST over a plain `TcpStream`, as Altegio sends it; returns the receiver's status code.
fn post(url: &str, body: &str) -> io::Result<u16> {
    let rest =
        url.strip_prefix("http://").ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "only http:// URLs"))?;
    let (authority, path) = rest.find('/').map_or((rest, "/"), |at| rest.split_at(at));
    let address = if authority.contains(':') { authority.to_owned() } else { format!("{authority}:80") };
    let socket = address
        .to_socket_addrs()?
        .next()
        .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "callback host not found"))?;

    let mut stream = TcpStream::connect_timeout(&socket, DELIVERY_TIMEOUT)?;
    stream.set_read_timeout(Some(DELIVERY_TIMEOUT))?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nContent-Type: application/json\r\nAccept: application/vnd.api.v2+json\r\nUser-Agent: unplug-sandbox\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes())?;

    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let status_line = response.split(|byte| *byte == b'\n').next().unwrap_or_default();
    String::from_utf8_lossy(status_line)
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "no HTTP status line"))
}
