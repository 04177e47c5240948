//! Notifications: `--notify-cmd` runs a shell command with the event as JSON on
//! stdin and in environment variables; `--webhook` POSTs the event as JSON.
//! Both have a time limit, so a hung script or server never stops the watch.
//! A [`Queue`] delivers them one at a time, in the order they were made.
//!
//! Every notification sets the same variables, [`VARIABLES`], each from the
//! field of the event JSON named beside it (empty when the event has none;
//! the watcher always fills `witness`, `signing_key`, `missed_in_window`).

use std::time::Duration;

use serde_json::Value;
use tokio::io::AsyncWriteExt;

use super::error::{Error, Result};

/// The environment of `--notify-cmd`: variable and the event JSON field it holds.
pub const VARIABLES: [(&str, &str); 11] = [
    ("BOS_EVENT", "event"),
    ("BOS_WITNESS", "witness"),
    ("BOS_SIGNING_KEY", "signing_key"),
    ("BOS_MISSED_IN_WINDOW", "missed_in_window"),
    ("BOS_HEAD_BLOCK", "head_block_number"),
    ("BOS_NODE", "node"),
    ("BOS_FROM_KEY", "from"),
    ("BOS_TO_KEY", "to"),
    ("BOS_TS", "ts"),
    ("BOS_MESSAGE", ""),
    ("BOS_EVENT_JSON", ""),
];

/// One notification waiting in a [`Queue`].
struct Job {
    event: Value,
    name: String,
    message: String,
}

/// Delivers notifications one at a time, in order, on a task of its own.
pub struct Queue {
    tx: Option<tokio::sync::mpsc::UnboundedSender<Job>>,
    worker: Option<tokio::task::JoinHandle<()>>,
}

impl Queue {
    /// Starts the worker; `on_error` gets every failed delivery.
    pub fn start(notifier: Notifier, on_error: impl Fn(Error) + Send + 'static) -> Queue {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Job>();
        let worker = tokio::spawn(async move {
            while let Some(job) = rx.recv().await {
                for e in notifier.send(&job.event, &job.name, &job.message).await {
                    on_error(e);
                }
            }
        });
        Queue {
            tx: Some(tx),
            worker: Some(worker),
        }
    }

    /// Queues one notification.
    pub fn push(&self, event: Value, name: &str, message: String) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job {
                event,
                name: name.to_string(),
                message,
            });
        }
    }

    /// Delivers what is queued, then stops.
    pub async fn finish(&mut self) {
        self.tx.take();
        if let Some(w) = self.worker.take() {
            let _ = w.await;
        }
    }
}

/// Where notifications go.
#[derive(Clone, Debug, Default)]
pub struct Notifier {
    /// Run with `sh -c`.
    pub command: Option<String>,
    /// POST target (http:// or https://).
    pub webhook: Option<String>,
    /// Time limit of each delivery.
    pub timeout: Duration,
    http: Option<reqwest::Client>,
}

impl Notifier {
    pub fn new(
        command: Option<String>,
        webhook: Option<String>,
        timeout: Duration,
    ) -> Result<Self> {
        let http = match &webhook {
            None => None,
            Some(url) => {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(Error::Notify {
                        via: url.clone(),
                        reason: "not an http:// or https:// URL".into(),
                    });
                }
                Some(
                    reqwest::Client::builder()
                        .timeout(timeout)
                        .build()
                        .map_err(|e| Error::Notify {
                            via: url.clone(),
                            reason: e.to_string(),
                        })?,
                )
            }
        };
        Ok(Notifier {
            command,
            webhook,
            timeout,
            http,
        })
    }

    /// True when nothing is configured.
    pub fn is_empty(&self) -> bool {
        self.command.is_none() && self.webhook.is_none()
    }

    /// Delivers one event (its JSON form, its name and a one-line message) to
    /// every target; returns the failures.
    pub async fn send(&self, event: &Value, name: &str, message: &str) -> Vec<Error> {
        let mut errors = Vec::new();
        if let Some(cmd) = &self.command {
            if let Err(e) = self.run_command(cmd, event, name, message).await {
                errors.push(e);
            }
        }
        if let (Some(url), Some(http)) = (&self.webhook, &self.http) {
            if let Err(e) = post(http, url, event).await {
                errors.push(e);
            }
        }
        errors
    }

    async fn run_command(&self, cmd: &str, event: &Value, name: &str, message: &str) -> Result<()> {
        let fail = |reason: String| Error::Notify {
            via: "--notify-cmd".into(),
            reason,
        };
        let text = event.to_string();
        let field = |k: &str| match event.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(v) => v.to_string(),
        };
        let mut command = tokio::process::Command::new("sh");
        command.arg("-c").arg(cmd);
        for (var, key) in VARIABLES {
            let value = match var {
                "BOS_EVENT" => name.to_string(),
                "BOS_MESSAGE" => message.to_string(),
                "BOS_EVENT_JSON" => text.clone(),
                _ => field(key),
            };
            command.env(var, value);
        }
        let mut child = command
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| fail(format!("cannot run sh: {e}")))?;
        let run = async {
            if let Some(mut stdin) = child.stdin.take() {
                // A command that does not read stdin is fine.
                let _ = stdin.write_all(text.as_bytes()).await;
                let _ = stdin.write_all(b"\n").await;
            }
            child.wait().await
        };
        match tokio::time::timeout(self.timeout, run).await {
            Ok(Ok(status)) if status.success() => Ok(()),
            Ok(Ok(status)) => Err(fail(format!("{cmd:?} exited with {status}"))),
            Ok(Err(e)) => Err(fail(e.to_string())),
            Err(_) => Err(fail(format!(
                "{cmd:?} did not finish within {:.0} s (killed)",
                self.timeout.as_secs_f64()
            ))),
        }
    }
}

async fn post(http: &reqwest::Client, url: &str, event: &Value) -> Result<()> {
    let fail = |reason: String| Error::Notify {
        via: url.to_string(),
        reason,
    };
    let r = http
        .post(url)
        .header("content-type", "application/json")
        .body(event.to_string())
        .send()
        .await
        .map_err(|e| fail(e.to_string()))?;
    if r.status().is_success() {
        Ok(())
    } else {
        Err(fail(format!("the server answered {}", r.status())))
    }
}
