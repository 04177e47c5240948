//! A tiny HTTP approval checker for `bos` (README, "Approval checkers"): a manual
//! hold on large proposals. It answers `{"success": false, ...}` for proposals
//! with more than MAX operations, so a person looks at them first, and
//! `{"success": true}` otherwise. Standard library only.
//!
//! ```sh
//! cargo run --example http-checker -- 127.0.0.1:8020 20
//! bos approve --proposer init0 --checker http://127.0.0.1:8020/check
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

/// The number of elements of the top-level "operations" array, scanning the
/// JSON text by hand (strings and nesting respected).
fn count_operations(body: &str) -> Option<usize> {
    let start = body.find("\"operations\":")? + "\"operations\":".len();
    let rest = body[start..].trim_start();
    let mut chars = rest.chars();
    if chars.next()? != '[' {
        return None;
    }
    let (mut depth, mut count, mut seen, mut in_str, mut esc) = (1, 0, false, false, false);
    for c in chars {
        if in_str {
            match (esc, c) {
                (true, _) => esc = false,
                (false, '\\') => esc = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                seen = true
            }
            '[' | '{' => {
                depth += 1;
                seen = true
            }
            ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(if seen { count + 1 } else { 0 });
                }
            }
            ',' if depth == 1 => count += 1,
            c if !c.is_whitespace() => seen = true,
            _ => {}
        }
    }
    None
}

fn answer(body: &str, max: usize) -> String {
    match count_operations(body) {
        None => "{\"success\": false, \"reason\": \"no operations list in the request\"}".to_string(),
        Some(n) if n > max => format!(
            "{{\"success\": false, \"reason\": \"{n} operations: more than {max}, held for a person to review\"}}"
        ),
        Some(_) => "{\"success\": true}".to_string(),
    }
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8020".into());
    let max: usize = args.next().and_then(|m| m.parse().ok()).unwrap_or(50);
    let listener = TcpListener::bind(&addr)?;
    eprintln!("http-checker on http://{addr}/ holding proposals of more than {max} operations");
    for stream in listener.incoming() {
        // One bad client must not stop the checker: its error ends only its request.
        if let Err(e) = stream.and_then(|s| serve(s, max)) {
            eprintln!("http-checker: {e}");
        }
    }
    Ok(())
}

fn serve(mut stream: std::net::TcpStream, max: usize) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut len = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        let l = line.to_ascii_lowercase();
        if let Some(v) = l.strip_prefix("content-length:") {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; len.min(16 << 20)];
    reader.read_exact(&mut body)?;
    let reply = answer(&String::from_utf8_lossy(&body), max);
    write!(
        stream,
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{reply}",
        reply.len()
    )?;
    Ok(())
}
