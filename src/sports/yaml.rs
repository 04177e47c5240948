//! YAML with a nesting limit, checked before parsing: bookiesports files and the config
//! files (`bos config check`, `bos serve`) are read through [`parse`].
//!
//! The YAML parser takes time that grows faster than the input with nesting (100,000
//! levels took 30 s to reject). [`check_depth`] measures the nesting of a text in one
//! pass, without parsing it, and refuses anything deeper than [`MAX_DEPTH`]. It counts
//! block levels (indentation, and `- ` / `? ` indicators that open a collection on the
//! same line) and flow levels (`[` and `{` outside quoted scalars and comments); it may
//! count a level too many, never one too few, and real files use well under ten.

use serde::de::DeserializeOwned;

/// The deepest nesting accepted.
pub const MAX_DEPTH: usize = 64;

/// Why a text was not parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum YamlError {
    /// Nested deeper than the limit.
    #[error("line {line}: nested more than {max} levels deep")]
    TooDeep { line: usize, max: usize },
    /// The parser's own error.
    #[error("{0}")]
    Parse(String),
}

/// Parses YAML text after checking its nesting against [`MAX_DEPTH`].
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    check_depth(text, MAX_DEPTH)?;
    serde_norway::from_str(text).map_err(|e| YamlError::Parse(e.to_string()))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// Fails when `text` nests more than `max` levels deep (see the module docs).
pub fn check_depth(text: &str, max: usize) -> Result<(), YamlError> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut flow_base = 0usize;
    let mut quote = Quote::None;
    // Indentation of the line that opened a block scalar (`|`, `>`): more indented
    // lines after it are text.
    let mut block_scalar: Option<usize> = None;
    for (n, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let too_deep = || YamlError::TooDeep { line: n + 1, max };
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(parent) = block_scalar {
            if rest.trim().is_empty() || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        let mut depth;
        let mut body = rest;
        if flow == 0 && quote == Quote::None {
            if rest.trim().is_empty() || rest.starts_with('#') {
                continue;
            }
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
            depth = indents.len();
            // `- - - x`, `? - x`: each indicator opens one more collection.
            loop {
                let t = body.trim_start_matches(' ');
                match t.as_bytes() {
                    [b'-' | b'?', b' ' | b'\t', ..] | [b'-' | b'?'] => {
                        depth += 1;
                        body = &t[1..];
                    }
                    _ => break,
                }
            }
            if depth > max {
                return Err(too_deep());
            }
            flow_base = depth;
        } else {
            depth = flow_base + flow;
        }
        let bytes = body.as_bytes();
        let mut i = 0;
        let mut prev = b' ';
        // A quote opens a quoted scalar only where a scalar starts (line start after
        // the indicators, after `: `, `[`, `{`, `,`); elsewhere it is a character of a
        // plain scalar (`don't`).
        let mut scalar_start = true;
        while i < bytes.len() {
            let c = bytes[i];
            match quote {
                Quote::Single => {
                    if c == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 1;
                        } else {
                            quote = Quote::None;
                        }
                    }
                }
                Quote::Double => {
                    if c == b'\\' {
                        i += 1;
                    } else if c == b'"' {
                        quote = Quote::None;
                    }
                }
                Quote::None => match c {
                    b'#' if matches!(prev, b' ' | b'\t') => break,
                    b'\'' if scalar_start => quote = Quote::Single,
                    b'"' if scalar_start => quote = Quote::Double,
                    b'[' | b'{' => {
                        flow += 1;
                        scalar_start = true;
                        if flow_base + flow > max {
                            return Err(too_deep());
                        }
                    }
                    b']' | b'}' => flow = flow.saturating_sub(1),
                    b',' => scalar_start = true,
                    b':' if matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')) => {
                        scalar_start = true
                    }
                    b' ' | b'\t' => {}
                    _ => scalar_start = false,
                },
            }
            prev = c;
            i += 1;
        }
        depth = depth.max(flow_base + flow);
        if depth > max {
            return Err(too_deep());
        }
        if flow == 0 && quote == Quote::None {
            let t = body.split(" #").next().unwrap_or("").trim_end();
            let indicator = t
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
            if (indicator == "|" || indicator == ">") && (t.len() > 1 || indent == 0) {
                block_scalar = Some(indent);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_files_pass_and_deep_ones_are_refused_fast() {
        let ok = "a:\n  b:\n    - c: [1, {d: 'x[[[', e: \"]]\"}]\n      f: |\n        [[[[[[[[\n          {{{{{\n    - - - g\nh: don't [ care # [[[[\n";
        check_depth(ok, 8).unwrap();
        let v: serde_norway::Value = parse(ok).unwrap();
        assert!(v.get("h").is_some());
        for deep in [
            "[".repeat(100_000),
            "{a: ".repeat(100_000),
            "- ".repeat(100_000) + "x",
            (0..200)
                .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
                .collect::<String>(),
            format!("a: [\n{}\n", "[\n".repeat(10_000)),
            // An apostrophe inside a plain scalar opens no quote.
            format!("a: b 'c\nd: {}\n", "[".repeat(10_000)),
            format!("a: [http:'x, {}\n", "[".repeat(10_000)),
        ] {
            let t = std::time::Instant::now();
            let e = parse::<serde_norway::Value>(&deep).unwrap_err();
            assert!(matches!(e, YamlError::TooDeep { .. }), "{e}");
            assert!(t.elapsed() < std::time::Duration::from_secs(1));
        }
        // The limit itself: 64 flow levels pass, 65 do not.
        let at = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        check_depth(&at(63), MAX_DEPTH).unwrap();
        assert!(check_depth(&at(65), MAX_DEPTH).is_err());
    }
}
