//! Incidents read one at a time from files, folders and stdin, for commands that
//! stream (`incident replay`): memory does not grow with the input.
//!
//! JSON lines (`.jsonl`, `.ndjson`, or any input whose first line is a whole JSON
//! value and that has more than one line) are read line by line; a JSON array or
//! one (pretty-printed) incident is read whole, bounded by [`input::MAX_INPUT`].
//! A line longer than [`MAX_LINE`] is reported as unreadable and skipped.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::input;

/// The longest line taken as one incident (1 MiB).
pub const MAX_LINE: usize = 1 << 20;

/// One incident read from the input, not yet checked.
pub enum Item {
    Text(String),
    Value(Value),
    Unreadable(String),
}

/// An input being read line by line; `n` is the number of the last line read.
struct Source {
    reader: Box<dyn BufRead>,
    origin: String,
    n: usize,
}

/// Every input's incidents, in order, as `(origin, item)`: `file:LINE` for a line,
/// `file[i]` for an array element, `file` for a whole-file incident.
pub struct Incidents {
    paths: VecDeque<PathBuf>,
    ready: VecDeque<(String, Item)>,
    current: Option<Source>,
}

impl Incidents {
    /// The inputs: files, folders (their .json, .jsonl and .ndjson files, sorted), `-`.
    pub fn new(inputs: &[PathBuf]) -> Incidents {
        let mut s = Incidents {
            paths: VecDeque::new(),
            ready: VecDeque::new(),
            current: None,
        };
        for p in inputs {
            if p.is_dir() {
                match std::fs::read_dir(p) {
                    Ok(rd) => {
                        let mut entries: Vec<PathBuf> = rd
                            .flatten()
                            .map(|e| e.path())
                            .filter(|p| {
                                p.is_file()
                                    && p.extension().is_some_and(|e| {
                                        e == "json" || e == "jsonl" || e == "ndjson"
                                    })
                            })
                            .collect();
                        entries.sort();
                        s.paths.extend(entries);
                    }
                    Err(e) => s.paths.push_back(unreadable_marker(p, &e.to_string())),
                }
            } else {
                s.paths.push_back(p.clone());
            }
        }
        s
    }

    /// How many incidents the inputs hold, counted cheaply (lines of line files,
    /// one per other file); `None` when an input is stdin. For a progress bar.
    pub fn estimate(inputs: &[PathBuf]) -> Option<u64> {
        let mut n = 0u64;
        for p in Incidents::new(inputs).paths {
            if p == Path::new("-") {
                return None;
            }
            let Ok(f) = File::open(&p) else {
                n += 1;
                continue;
            };
            let mut r = BufReader::with_capacity(1 << 16, f);
            let mut lines = 0u64;
            let mut last = b'\n';
            loop {
                let buf = match r.fill_buf() {
                    Ok([]) | Err(_) => break,
                    Ok(b) => b,
                };
                lines += buf.iter().filter(|&&b| b == b'\n').count() as u64;
                last = buf[buf.len() - 1];
                let len = buf.len();
                r.consume(len);
            }
            if last != b'\n' {
                lines += 1;
            }
            n += lines.max(1);
        }
        Some(n)
    }

    /// Opens the next input; queues what it starts with.
    fn open(&mut self, p: PathBuf) {
        if let Some(reason) = marker_reason(&p) {
            self.ready
                .push_back((input::origin(Some(&p)), Item::Unreadable(reason)));
            return;
        }
        let origin = input::origin(Some(&p));
        let reader: Box<dyn BufRead> = if p == Path::new("-") {
            if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                let why = "no input: give a FILE, or pipe the input and use -";
                self.ready.push_back((origin, Item::Unreadable(why.into())));
                return;
            }
            Box::new(BufReader::with_capacity(1 << 16, std::io::stdin()))
        } else {
            match File::open(&p) {
                Ok(f) => Box::new(BufReader::with_capacity(1 << 16, f)),
                Err(e) => {
                    self.ready
                        .push_back((origin, Item::Unreadable(e.to_string())));
                    return;
                }
            }
        };
        let lines_ext = p.extension().is_some_and(|e| e == "jsonl" || e == "ndjson");
        let mut src = Source {
            reader,
            origin: origin.clone(),
            n: 0,
        };
        if lines_ext {
            self.current = Some(src);
            return;
        }
        // Not named as lines: lines only when the first non-empty line is a whole
        // JSON value (not an array) and another line follows; else the whole text.
        let mut head = String::new();
        let first = loop {
            match next_line_within(&mut src, input::MAX_INPUT as usize) {
                Ok(Some((n, l))) if l.trim().is_empty() => {
                    head.push_str(&l);
                    head.push('\n');
                    let _ = n;
                }
                Ok(Some(x)) => break Some(x),
                Ok(None) => break None,
                Err(e) => {
                    self.ready.push_back((origin, Item::Unreadable(e)));
                    return;
                }
            }
        };
        let Some((n1, first)) = first else {
            self.ready.push_back((origin, Item::Text(head)));
            return;
        };
        let whole_value =
            !first.trim_start().starts_with('[') && serde_json::from_str::<Value>(&first).is_ok();
        if whole_value {
            // The next non-empty line decides: none → one incident, named by the file.
            let second = loop {
                match next_line(&mut src) {
                    Ok(Some((_, l))) if l.trim().is_empty() => {}
                    Ok(x) => break Ok(x),
                    Err(e) => break Err(e),
                }
            };
            match second {
                Ok(None) => self.ready.push_back((origin, Item::Text(first))),
                Ok(Some((n2, l2))) => {
                    self.ready
                        .push_back((format!("{origin}:{n1}"), Item::Text(first)));
                    self.ready
                        .push_back((format!("{origin}:{n2}"), Item::Text(l2)));
                    self.current = Some(src);
                }
                Err(e) => {
                    self.ready
                        .push_back((format!("{origin}:{n1}"), Item::Text(first)));
                    self.ready.push_back((origin, Item::Unreadable(e)));
                }
            }
            return;
        }
        // The whole text: one incident, or an array of them.
        let Source { reader, .. } = src;
        let mut text = head;
        text.push_str(&first);
        text.push('\n');
        let mut rest = Vec::new();
        let limit = input::MAX_INPUT.saturating_sub(text.len() as u64);
        if let Err(e) = reader.take(limit + 1).read_to_end(&mut rest) {
            self.ready
                .push_back((origin, Item::Unreadable(e.to_string())));
            return;
        }
        if rest.len() as u64 > limit {
            let why = format!("larger than {} MiB", input::MAX_INPUT >> 20);
            self.ready.push_back((origin, Item::Unreadable(why)));
            return;
        }
        match String::from_utf8(rest) {
            Ok(r) => text.push_str(&r),
            Err(e) => {
                let why = format!(
                    "invalid UTF-8 after byte {}",
                    text.len() + e.utf8_error().valid_up_to()
                );
                self.ready.push_back((origin, Item::Unreadable(why)));
                return;
            }
        }
        if text.trim_start().starts_with('[') {
            if let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&text) {
                for (i, v) in items.into_iter().enumerate() {
                    self.ready
                        .push_back((format!("{origin}[{i}]"), Item::Value(v)));
                }
                return;
            }
        }
        self.ready.push_back((origin, Item::Text(text)));
    }
}

/// The next line of a line source (without its end), or `None` at the end; a
/// line over [`MAX_LINE`] or not UTF-8 is an error naming the line.
fn next_line(src: &mut Source) -> Result<Option<(usize, String)>, String> {
    next_line_within(src, MAX_LINE)
}

/// [`next_line`] with its own cap (the first line of a file not named as lines may be
/// a whole one-line incident of any size up to [`input::MAX_INPUT`]).
fn next_line_within(src: &mut Source, cap: usize) -> Result<Option<(usize, String)>, String> {
    let Source { reader, n, .. } = src;
    let mut buf = Vec::new();
    let got = reader
        .by_ref()
        .take(cap as u64 + 1)
        .read_until(b'\n', &mut buf)
        .map_err(|e| e.to_string())?;
    if got == 0 {
        return Ok(None);
    }
    *n += 1;
    if buf.len() > cap && buf.last() != Some(&b'\n') {
        // Skip the rest of the long line.
        let mut sink = Vec::new();
        loop {
            sink.clear();
            let k = reader
                .by_ref()
                .take(1 << 16)
                .read_until(b'\n', &mut sink)
                .map_err(|e| e.to_string())?;
            if k == 0 || sink.last() == Some(&b'\n') {
                break;
            }
        }
        return Err(format!("a line longer than {} MiB", cap >> 20));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    String::from_utf8(buf)
        .map(|s| Some((*n, s)))
        .map_err(|_| "not UTF-8".to_string())
}

impl Iterator for Incidents {
    type Item = (String, Item);

    fn next(&mut self) -> Option<(String, Item)> {
        loop {
            if let Some(x) = self.ready.pop_front() {
                return Some(x);
            }
            if let Some(src) = &mut self.current {
                match next_line(src) {
                    Ok(Some((_, l))) if l.trim().is_empty() => continue,
                    Ok(Some((n, l))) => {
                        let Source { origin, .. } = src;
                        return Some((format!("{origin}:{n}"), Item::Text(l)));
                    }
                    Ok(None) => self.current = None,
                    Err(e) => {
                        let Source { origin, n, .. } = src;
                        let at = format!("{origin}:{n}");
                        return Some((at, Item::Unreadable(e)));
                    }
                }
                continue;
            }
            let p = self.paths.pop_front()?;
            self.open(p);
        }
    }
}

/// A folder that could not be listed travels in the path list as a marker.
fn unreadable_marker(p: &Path, why: &str) -> PathBuf {
    PathBuf::from(format!("\0{why}\0{}", p.display()))
}

fn marker_reason(p: &Path) -> Option<String> {
    let s = p.to_str()?;
    let rest = s.strip_prefix('\0')?;
    rest.split('\0').next().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> Vec<(String, String)> {
        let dir = std::env::temp_dir().join(format!("bos-stream-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        let out = Incidents::new(std::slice::from_ref(&p))
            .map(|(o, i)| {
                let o = o.replace(&dir.display().to_string(), "");
                let t = match i {
                    Item::Text(t) => t,
                    Item::Value(v) => v.to_string(),
                    Item::Unreadable(r) => format!("! {r}"),
                };
                (o, t)
            })
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        out
    }

    #[test]
    fn lines_arrays_and_whole_files() {
        let l = read("a.jsonl", "{\"a\":1}\n\n{\"b\":2}\r\nnot json\n");
        assert_eq!(
            l,
            vec![
                ("/a.jsonl:1".into(), "{\"a\":1}".into()),
                ("/a.jsonl:3".into(), "{\"b\":2}".into()),
                ("/a.jsonl:4".into(), "not json".into()),
            ]
        );
        // Lines detected without the extension; a lone line is named by its file.
        let l = read("b.txt", "{\"a\":1}\n{\"b\":2}");
        assert_eq!(l[0].0, "/b.txt:1");
        assert_eq!(l[1], ("/b.txt:2".into(), "{\"b\":2}".into()));
        let l = read("c.json", "\n{\"a\":1}\n");
        assert_eq!(l, vec![("/c.json".into(), "{\"a\":1}".into())]);
        let l = read("d.json", "[{\"a\":1},\n {\"b\":2}]");
        assert_eq!(l[1], ("/d.json[1]".into(), "{\"b\":2}".into()));
        let l = read("e.json", "{\n \"a\": 1\n}\n");
        assert_eq!(l.len(), 1);
        assert!(l[0].1.contains("\"a\": 1"));
        let l = read("f.json", "");
        assert_eq!(l, vec![("/f.json".into(), "".into())]);
    }

    #[test]
    fn a_long_line_is_skipped_with_a_reason_and_reading_goes_on() {
        let long = "x".repeat(MAX_LINE + 10);
        let l = read("g.jsonl", &format!("{{}}\n{long}\n{{\"c\":3}}\n"));
        assert_eq!(l.len(), 3);
        assert_eq!(l[1].0, "/g.jsonl:2");
        assert!(l[1].1.starts_with("! a line longer than"), "{:?}", l[1]);
        assert_eq!(l[2], ("/g.jsonl:3".into(), "{\"c\":3}".into()));
    }

    #[test]
    fn missing_files_are_items_with_a_reason() {
        let l: Vec<_> = Incidents::new(&[PathBuf::from("/nonexistent/x.json")]).collect();
        assert_eq!(l.len(), 1);
        assert!(matches!(l[0].1, Item::Unreadable(_)));
    }
}
