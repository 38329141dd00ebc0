//! A real sandbox on ephemeral ports and a tiny HTTP/1.1 client over `TcpStream`.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

pub mod rocket_chat;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::Duration;

use sandbox::{Config, Running};
use serde_json::Value;

pub const ORIGIN: &str = "http://console.test";
pub const FOREIGN_ORIGIN: &str = "http://evil.test";

/// A sandbox with the default data, no app server, and `ORIGIN` as the allowed origin.
pub fn start() -> Running {
    start_with(|_| {})
}

pub fn start_with(adjust: impl FnOnce(&mut Config)) -> Running {
    start_configured(Config::default(), adjust)
}

/// A sandbox started with these command-line flags (e.g. `--variant ryze-list=bare`), on
/// ephemeral ports, with no app server and `ORIGIN` allowed.
pub fn start_args(args: &[&str]) -> Running {
    let command = sandbox::cli::parse(args.iter().map(|arg| (*arg).to_owned()));
    let Ok(sandbox::cli::Command::Run(config)) = command else {
        panic!("{args:?} should parse as a run: {command:?}");
    };
    start_configured(*config, |_| {})
}

fn start_configured(flags: Config, adjust: impl FnOnce(&mut Config)) -> Running {
    let mut config = Config {
        listen: "127.0.0.1:0".to_owned(),
        app_listen: "127.0.0.1:0".to_owned(),
        app_dir: PathBuf::from("/nonexistent/unplug-sandbox-app"),
        allowed_origins: Some(vec![ORIGIN.to_owned()]),
        ..flags
    };
    adjust(&mut config);
    sandbox::start(config).expect("sandbox starts")
}

/// A fixture file as JSON, read from disk (not through the sandbox's compiled-in copy).
pub fn fixture(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").join(path);
    let text = std::fs::read_to_string(&file).expect("fixture readable");
    serde_json::from_str(&text).expect("fixture is JSON")
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|error| panic!("body is not JSON ({error}): {}", self.body))
    }

    /// Asserts status and a body equal (as JSON) to a fixture.
    pub fn assert_fixture(&self, status: u16, path: &str) {
        assert_eq!(self.status, status, "status of {}", self.body);
        assert_eq!(self.json(), fixture(path), "body should be {path}");
    }
}

/// A request with some headers and an optional body; `Content-Length` is added for bodies.
pub struct Call<'a> {
    pub addr: SocketAddr,
    pub method: &'a str,
    pub path: &'a str,
    pub headers: Vec<(&'a str, &'a str)>,
    pub body: Option<&'a str>,
}

impl<'a> Call<'a> {
    pub fn new(addr: SocketAddr, method: &'a str, path: &'a str) -> Self {
        Self { addr, method, path, headers: Vec::new(), body: None }
    }

    pub fn header(mut self, name: &'a str, value: &'a str) -> Self {
        self.headers.push((name, value));
        self
    }

    pub fn body(mut self, body: &'a str) -> Self {
        self.body = Some(body);
        self
    }

    /// The raw bytes the server sent before closing.
    pub fn send_raw(&self) -> Vec<u8> {
        let mut stream = TcpStream::connect(self.addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        let mut request = format!("{} {} HTTP/1.1\r\nHost: {}\r\n", self.method, self.path, self.addr);
        for (name, value) in &self.headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(body) = self.body {
            request.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
        }
        request.push_str("\r\n");
        request.push_str(self.body.unwrap_or_default());
        stream.write_all(request.as_bytes()).expect("write");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read until close");
        bytes
    }

    /// Sends and parses; also checks that `Content-Length` matches the body received.
    pub fn send(&self) -> Reply {
        parse(&self.send_raw())
    }
}

pub fn parse(bytes: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no end of head in {text:?}"));
    let mut lines = head.split("\r\n");
    let status =
        lines.next().and_then(|line| line.split(' ').nth(1)).and_then(|code| code.parse().ok()).expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let reply = Reply { status, headers, body: body.to_owned() };
    let length: usize = reply
        .header("content-length")
        .and_then(|length| length.parse().ok())
        .expect("every response has Content-Length");
    assert_eq!(length, reply.body.len(), "Content-Length matches the body");
    assert_eq!(reply.header("connection"), Some("close"));
    reply
}

pub fn get(addr: SocketAddr, path: &str) -> Reply {
    Call::new(addr, "GET", path).send()
}

pub fn post_json(addr: SocketAddr, path: &str, body: &str) -> Reply {
    Call::new(addr, "POST", path).body(body).send()
}
