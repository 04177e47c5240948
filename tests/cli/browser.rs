//! A small headless-Chromium driver over the DevTools protocol (CDP), on the websocket
//! client the crate already has (tokio-tungstenite): start the browser, open a page,
//! navigate, run JavaScript, click, take screenshots. Enough for the console's tests
//! without a WebDriver server or a large browser-automation crate.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

use crate::support::Proc;

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// The Chromium binary, or why there is none.
pub fn chromium() -> Result<PathBuf, String> {
    if let Ok(p) = std::env::var("BOS_CHROMIUM") {
        return Ok(PathBuf::from(p));
    }
    for name in [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ] {
        for dir in std::env::var("PATH").unwrap_or_default().split(':') {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err("no Chromium on PATH (Debian: apt-get install chromium; or set BOS_CHROMIUM)".into())
}

pub struct Browser {
    _proc: Proc,
    _profile: tempfile::TempDir,
    rt: tokio::runtime::Runtime,
    ws: Ws,
    session: String,
    next: u64,
}

impl Browser {
    /// Starts headless Chromium and opens one page.
    pub fn start() -> Result<Browser, String> {
        let bin = chromium()?;
        let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
        let mut child = Command::new(&bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                "--window-size=1280,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", bin.display()))?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let proc = Proc(child);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !sent {
                    if let Some(u) = line.split("DevTools listening on ").nth(1) {
                        let _ = tx.send(u.trim().to_string());
                        sent = true;
                    }
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| "Chromium did not print its DevTools address".to_string())?;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let ws = rt
            .block_on(tokio_tungstenite::connect_async(url.as_str()))
            .map_err(|e| e.to_string())?
            .0;
        let mut b = Browser {
            _proc: proc,
            _profile: profile,
            rt,
            ws,
            session: String::new(),
            next: 0,
        };
        let t = b.call("Target.createTarget", json!({"url": "about:blank"}))?;
        let target = t["targetId"].as_str().ok_or("no targetId")?.to_string();
        let s = b.call(
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        )?;
        b.session = s["sessionId"].as_str().ok_or("no sessionId")?.to_string();
        b.call("Page.enable", json!({}))?;
        b.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(b)
    }

    /// One CDP command (on the page's session once attached); its result.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        let ws = &mut self.ws;
        self.rt.block_on(async {
            ws.send(Message::Text(msg.to_string().into()))
                .await
                .map_err(|e| e.to_string())?;
            let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
            loop {
                let m = tokio::time::timeout_at(deadline, ws.next())
                    .await
                    .map_err(|_| format!("{method}: no answer"))?
                    .ok_or("the browser closed the connection")?
                    .map_err(|e| e.to_string())?;
                let Message::Text(t) = m else { continue };
                let v: Value = serde_json::from_str(t.as_str()).map_err(|e| e.to_string())?;
                if v["id"] == json!(id) {
                    if !v["error"].is_null() {
                        return Err(format!("{method}: {}", v["error"]));
                    }
                    return Ok(v["result"].clone());
                }
            }
        })
    }

    /// Runs JavaScript in the page; its value.
    pub fn eval(&mut self, js: &str) -> Value {
        let r = self
            .call(
                "Runtime.evaluate",
                json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
            )
            .unwrap_or_else(|e| panic!("{js}: {e}"));
        if !r["exceptionDetails"].is_null() {
            panic!("{js}: {}", r["exceptionDetails"]);
        }
        r["result"]["value"].clone()
    }

    /// Waits until the page marked by [`Browser::mark`] is replaced and loaded.
    fn wait_loaded(&mut self) {
        let t = Instant::now();
        loop {
            let v = self
                .call(
                    "Runtime.evaluate",
                    json!({"expression": "window.__old === undefined && document.readyState === 'complete'", "returnByValue": true}),
                )
                .map(|r| r["result"]["value"].clone())
                .unwrap_or(Value::Null);
            if v == json!(true) {
                return;
            }
            assert!(t.elapsed() < Duration::from_secs(60), "page did not load");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn mark(&mut self) {
        self.eval("window.__old = 1");
    }

    pub fn goto(&mut self, url: &str) {
        self.mark();
        self.call("Page.navigate", json!({"url": url})).unwrap();
        self.wait_loaded();
    }

    /// Clicks the element and waits for the page it leads to.
    pub fn click(&mut self, selector: &str) {
        self.mark();
        let sel = serde_json::to_string(selector).unwrap();
        let found = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return false; e.click(); return true; }})()"
        ));
        assert_eq!(found, json!(true), "no element {selector}");
        self.wait_loaded();
    }

    /// Sets a form field's value (and fires `change`).
    pub fn set(&mut self, selector: &str, value: &str) {
        let sel = serde_json::to_string(selector).unwrap();
        let val = serde_json::to_string(value).unwrap();
        let ok = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return false; e.value = {val}; e.dispatchEvent(new Event('change')); return e.value === {val}; }})()"
        ));
        assert_eq!(ok, json!(true), "cannot set {selector} to {value}");
    }

    pub fn text(&mut self) -> String {
        self.eval("document.body.innerText")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn url(&mut self) -> String {
        self.eval("location.href")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// A PNG of the whole page under `target/console/NAME.png`.
    pub fn screenshot(&mut self, name: &str) -> PathBuf {
        let h = self
            .eval("Math.min(document.documentElement.scrollHeight, 6000)")
            .as_u64()
            .unwrap_or(900)
            .max(300);
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": h, "deviceScaleFactor": 1, "mobile": false}),
        )
        .unwrap();
        let r = self
            .call("Page.captureScreenshot", json!({"format": "png"}))
            .unwrap();
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        )
        .unwrap();
        let png = base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap_or_default())
            .unwrap();
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/console");
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(format!("{name}.png"));
        std::fs::write(&p, png).unwrap();
        p
    }
}
