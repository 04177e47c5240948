//! Pluggable approval checks: before `bos` approves a proposal, each configured
//! checker (a command fed JSON on stdin, or a URL sent a POST) must answer
//! `{"success": true}`. `{"success": false, "reason": "..."}` refuses. A checker
//! that cannot be run, times out, fails or answers anything else *errs*, and
//! its `on_error` decides (default: skip the approval).
//!
//! What a checker receives:
//!
//! ```json
//! {"proposal": "1.10.3", "proposer": "1.2.8", "approver": "init0", "own": false,
//!  "operations": [[56, {...}], ...],
//!  "names": {"1.21.0": "NBA Regular Season", ...},
//!  "incidents": [{...}, ...]}
//! ```
//!
//! `operations` are the node-form proposed operations; `names` the English names
//! of the chain objects they refer to; `incidents` the stored incidents that led
//! `bos` to agree (empty for the proposer's own proposals).

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;

/// What to do when a checker errs (not when it refuses).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OnError {
    /// Approve anyway.
    Approve,
    /// Leave the proposal unapproved (the default).
    #[default]
    Skip,
}

/// One checker, as the config file's `checkers:` list spells it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checker {
    pub name: String,
    /// A shell command; the JSON is on its stdin, the answer on its stdout.
    #[serde(default)]
    pub command: Option<String>,
    /// An HTTP(S) URL; the JSON is POSTed, the answer is the body.
    #[serde(default)]
    pub url: Option<String>,
    /// Seconds to wait (default 10).
    #[serde(default = "default_timeout")]
    pub timeout: f64,
    #[serde(default)]
    pub on_error: OnError,
    /// Also check the proposer's own proposals before approving them.
    #[serde(default)]
    pub own: bool,
}

fn default_timeout() -> f64 {
    10.0
}

impl Checker {
    /// Parses `--checker SPEC`: a JSON object like a config entry, a URL, or a
    /// shell command (named after its first word).
    pub fn parse_spec(spec: &str) -> Result<Checker, String> {
        let s = spec.trim();
        if s.starts_with('{') {
            let c: Checker = serde_json::from_str(s).map_err(|e| format!("--checker {s}: {e}"))?;
            return c.validated();
        }
        let url = s.starts_with("http://") || s.starts_with("https://");
        let name = if url {
            s.to_string()
        } else {
            s.split_whitespace()
                .next()
                .and_then(|w| w.rsplit('/').next())
                .unwrap_or("checker")
                .to_string()
        };
        Checker {
            name,
            command: (!url).then(|| s.to_string()),
            url: url.then(|| s.to_string()),
            timeout: default_timeout(),
            on_error: OnError::Skip,
            own: false,
        }
        .validated()
    }

    /// Checks that exactly one of `command` and `url` is set and the timeout is sane.
    pub fn validated(self) -> Result<Checker, String> {
        match (&self.command, &self.url) {
            (Some(c), None) if !c.trim().is_empty() => {}
            (None, Some(u)) if u.starts_with("http://") || u.starts_with("https://") => {}
            _ => {
                return Err(format!(
                    "checker {:?}: give exactly one of `command` and `url` (http:// or https://)",
                    self.name
                ))
            }
        }
        if !(self.timeout > 0.0 && self.timeout <= 3600.0) {
            return Err(format!(
                "checker {:?}: timeout must be between 0 and 3600 seconds",
                self.name
            ));
        }
        Ok(self)
    }
}

/// What the checkers said about one proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every checker agreed (or erred with `on_error: approve`). The notes say
    /// which erred.
    Approve(Vec<String>),
    /// The first refusal or skipping error, with the checker's name.
    Refuse { checker: String, reason: String },
}

enum Answer {
    Yes,
    No(String),
    Err(String),
}

fn read_answer(text: &str) -> Answer {
    let v: Value = match serde_json::from_str(text.trim()) {
        Ok(v) => v,
        Err(_) => {
            let shown: String = text.trim().chars().take(120).collect();
            return Answer::Err(format!(
                "answered {shown:?}, not JSON like {{\"success\": true}}"
            ));
        }
    };
    match v.get("success").and_then(Value::as_bool) {
        Some(true) => Answer::Yes,
        Some(false) => Answer::No(
            v.get("reason")
                .and_then(Value::as_str)
                .unwrap_or("no reason given")
                .to_string(),
        ),
        None => Answer::Err(format!("answered {v} without a boolean \"success\"")),
    }
}

async fn ask_command(cmd: &str, payload: &[u8], timeout: Duration) -> Answer {
    let mut child = match tokio::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
    {
        Ok(c) => c,
        Err(e) => return Answer::Err(format!("cannot start: {e}")),
    };
    let mut stdin = child.stdin.take();
    let data = payload.to_vec();
    let run = async move {
        if let Some(s) = stdin.as_mut() {
            // A checker may answer without reading all of its input.
            let _ = s.write_all(&data).await;
            let _ = s.shutdown().await;
        }
        drop(stdin);
        child.wait_with_output().await
    };
    match tokio::time::timeout(timeout, run).await {
        Err(_) => Answer::Err(format!("no answer within {} s", timeout.as_secs_f64())),
        Ok(Err(e)) => Answer::Err(format!("failed: {e}")),
        Ok(Ok(out)) => {
            let text = String::from_utf8_lossy(&out.stdout);
            match read_answer(&text) {
                Answer::Err(e) if !out.status.success() => {
                    let err: String = String::from_utf8_lossy(&out.stderr)
                        .trim()
                        .chars()
                        .take(200)
                        .collect();
                    Answer::Err(format!(
                        "exited with {} ({e}){}",
                        out.status,
                        if err.is_empty() {
                            String::new()
                        } else {
                            format!("; stderr: {err}")
                        }
                    ))
                }
                a => a,
            }
        }
    }
}

async fn ask_url(url: &str, payload: &[u8], timeout: Duration) -> Answer {
    let client = match reqwest::Client::builder().timeout(timeout).build() {
        Ok(c) => c,
        Err(e) => return Answer::Err(format!("cannot make an HTTP client: {e}")),
    };
    let r = client
        .post(url)
        .header("content-type", "application/json")
        .body(payload.to_vec())
        .send()
        .await;
    match r {
        Err(e) if e.is_timeout() => {
            Answer::Err(format!("no answer within {} s", timeout.as_secs_f64()))
        }
        Err(e) => Answer::Err(format!("POST failed: {e}")),
        Ok(resp) => {
            let status = resp.status();
            match resp.text().await {
                Err(e) => Answer::Err(format!("reading the answer failed: {e}")),
                Ok(text) => match read_answer(&text) {
                    Answer::Err(e) if !status.is_success() => {
                        Answer::Err(format!("HTTP {status} ({e})"))
                    }
                    a => a,
                },
            }
        }
    }
}

/// Asks every checker, in order, about `payload`; stops at the first refusal.
pub async fn check(checkers: &[Checker], payload: &Value) -> Outcome {
    let body = payload.to_string().into_bytes();
    let mut notes = Vec::new();
    for c in checkers {
        let t = Duration::from_secs_f64(c.timeout);
        let a = match (&c.command, &c.url) {
            (Some(cmd), _) => ask_command(cmd, &body, t).await,
            (None, Some(u)) => ask_url(u, &body, t).await,
            (None, None) => Answer::Err("neither command nor url".into()),
        };
        match a {
            Answer::Yes => {}
            Answer::No(reason) => {
                return Outcome::Refuse {
                    checker: c.name.clone(),
                    reason,
                }
            }
            Answer::Err(e) => match c.on_error {
                OnError::Approve => notes.push(format!(
                    "checker {} erred ({e}); approving as its on_error says",
                    c.name
                )),
                OnError::Skip => {
                    return Outcome::Refuse {
                        checker: c.name.clone(),
                        reason: format!("checker erred: {e}"),
                    }
                }
            },
        }
    }
    Outcome::Approve(notes)
}

/// The payload for one proposal.
pub fn payload(
    proposal: &Value,
    approver: &str,
    own: bool,
    names: &serde_json::Map<String, Value>,
    incidents: &[Value],
) -> Value {
    let ops: Vec<Value> = proposal["proposed_transaction"]["operations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    json!({
        "proposal": proposal["id"],
        "proposer": proposal["proposer"],
        "approver": approver,
        "own": own,
        "operations": ops,
        "names": names,
        "incidents": incidents,
    })
}

/// The object ids (`1.x.y`, not proposals) an operation list refers to.
pub fn referenced_ids(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let parts: Vec<&str> = s.split('.').collect();
            if parts.len() == 3
                && parts[0] == "1"
                && parts[1] != "10"
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                && !out.contains(s)
            {
                out.push(s.clone());
            }
        }
        Value::Array(a) => a.iter().for_each(|x| referenced_ids(x, out)),
        Value::Object(m) => m.values().for_each(|x| referenced_ids(x, out)),
        _ => {}
    }
}
