//! A small SMTP server on 127.0.0.1 for the tests: a real SMTP conversation, what it receives
//! kept to read back, and a way to make it go away in the middle of a batch.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rapport_core::Book;

/// The recipients (RCPT TO) and the message (DATA) of one delivery.
pub type Received = (Vec<String>, String);

/// A small SMTP server on 127.0.0.1 that keeps what it receives. After `drop_after` messages it
/// cuts the connection in the middle of the next one and refuses everything, until `healthy`.
pub struct SmtpServer {
    pub port: u16,
    pub received: Arc<Mutex<Vec<Received>>>,
    pub healthy: Arc<AtomicBool>,
}

impl SmtpServer {
    /// From now on every message is taken again.
    pub fn recover(&self) {
        self.healthy.store(true, Ordering::SeqCst);
    }

    pub fn start(drop_after: Option<usize>) -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let healthy = Arc::new(AtomicBool::new(drop_after.is_none()));
        let count = Arc::new(AtomicUsize::new(0));
        let (r, h) = (received.clone(), healthy.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let limit = if h.load(Ordering::SeqCst) {
                    None
                } else {
                    drop_after
                };
                serve(stream, &r, &count, limit);
            }
        });
        SmtpServer {
            port,
            received,
            healthy,
        }
    }
}

fn serve(
    stream: TcpStream,
    received: &Mutex<Vec<Received>>,
    count: &AtomicUsize,
    drop_after: Option<usize>,
) {
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    if drop_after.is_some_and(|n| count.load(Ordering::SeqCst) >= n) {
        return; // closes at once: the server has gone away
    }
    let mut say = |text: &str| writer.write_all(format!("{text}\r\n").as_bytes()).is_ok();
    say("220 test.local ESMTP");
    let mut recipients = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") || command.starts_with("HELO") {
            say("250-test.local\r\n250 8BITMIME");
        } else if command.starts_with("MAIL FROM") {
            recipients.clear();
            say("250 OK");
        } else if command.starts_with("RCPT TO") {
            recipients.push(line.trim_end()[8..].to_string());
            say("250 OK");
        } else if command == "DATA" {
            say("354 go on");
            if drop_after.is_some_and(|n| count.load(Ordering::SeqCst) >= n) {
                return; // the connection drops in the middle of the message
            }
            let mut data = String::new();
            loop {
                line.clear();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" {
                    break;
                }
                // A line starting with a dot is sent with one more (RFC 5321 4.5.2).
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            received.lock().unwrap().push((recipients.clone(), data));
            count.fetch_add(1, Ordering::SeqCst);
            say("250 queued");
        } else if command == "QUIT" {
            say("221 bye");
            return;
        } else if command == "RSET" || command == "NOOP" {
            say("250 OK");
        } else {
            say("502 not implemented");
        }
    }
}

pub fn use_server(book: &mut Book, port: u16) {
    book.set_setting("smtp_host", "127.0.0.1").unwrap();
    book.set_setting("smtp_port", &port.to_string()).unwrap();
    book.set_setting("smtp_security", "plain").unwrap();
}

/// A port on 127.0.0.1 nobody listens on: a mail server that is not there.
pub fn unused_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
