//! Nodes that misbehave, for failover tests: a listener that accepts
//! connections and never answers (a stuck or overloaded node), and a TCP proxy
//! in front of a real node that can be told to hang mid-session.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// A node that accepts TCP connections and never sends a byte.
pub struct HungNode {
    pub url: String,
    /// The accepted sockets, kept open.
    _held: Arc<Mutex<Vec<TcpStream>>>,
}

/// Starts a [`HungNode`] on a free loopback port.
pub fn hung_node() -> HungNode {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("ws://{}", l.local_addr().unwrap());
    let held = Arc::new(Mutex::new(Vec::new()));
    let keep = held.clone();
    std::thread::spawn(move || {
        for s in l.incoming() {
            match s {
                Ok(s) => keep.lock().unwrap().push(s),
                Err(_) => return,
            }
        }
    });
    HungNode { url, _held: held }
}

/// A TCP proxy to a node; [`Proxy::hang`] makes it swallow every byte both
/// ways (connections stay open, nothing is answered), [`Proxy::resume`] makes
/// new connections work again.
pub struct Proxy {
    pub url: String,
    hung: Arc<AtomicBool>,
}

impl Proxy {
    pub fn hang(&self) {
        self.hung.store(true, Ordering::SeqCst);
    }
    pub fn resume(&self) {
        self.hung.store(false, Ordering::SeqCst);
    }
}

/// A proxy to the websocket URL `upstream` (`ws://host:port`).
pub fn proxy(upstream: &str) -> Proxy {
    let target = upstream
        .trim_start_matches("ws://")
        .trim_end_matches('/')
        .to_string();
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("ws://{}", l.local_addr().unwrap());
    let hung = Arc::new(AtomicBool::new(false));
    let flag = hung.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in l.incoming() {
            let Ok(client) = s else { return };
            if flag.load(Ordering::SeqCst) {
                held.push(client);
                continue;
            }
            let Ok(server) = TcpStream::connect(&target) else {
                continue;
            };
            let _ = client.set_nodelay(true);
            let _ = server.set_nodelay(true);
            for (from, to) in [
                (client.try_clone().unwrap(), server.try_clone().unwrap()),
                (server, client),
            ] {
                let flag = flag.clone();
                std::thread::spawn(move || pump(from, to, &flag));
            }
        }
    });
    Proxy { url, hung }
}

/// Copies bytes until either side closes; while hung, bytes are dropped.
fn pump(mut from: TcpStream, mut to: TcpStream, hung: &AtomicBool) {
    let mut buf = [0u8; 16384];
    let mut dropping = false;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        // Once a connection has swallowed bytes its stream is broken: it stays silent.
        dropping |= hung.load(Ordering::SeqCst);
        if dropping {
            continue;
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    if !dropping {
        let _ = to.shutdown(std::net::Shutdown::Both);
    }
}
