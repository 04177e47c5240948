//! Notifications: `--notify-cmd` runs a shell command with the event as JSON on
//! stdin and in environment variables; `--webhook` POSTs the event as JSON.
//! Both have a time limit, so a hung script or server never stops the watch.

use std::time::Duration;

use serde_json::Value;
use tokio::io::AsyncWriteExt;

use super::error::{Error, Result};

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
            Some(v) => v.to_string(),
            None => String::new(),
        };
        let mut child = tokio::process::Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .env("BOS_EVENT", name)
            .env("BOS_EVENT_JSON", &text)
            .env("BOS_MESSAGE", message)
            .env("BOS_WITNESS", field("witness"))
            .env("BOS_SIGNING_KEY", field("signing_key"))
            .env("BOS_FROM_KEY", field("from"))
            .env("BOS_TO_KEY", field("to"))
            .env("BOS_MISSED_IN_WINDOW", field("missed_in_window"))
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
