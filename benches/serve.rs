//! `bos serve` intake under load: acknowledged incidents per second (each one
//! committed to disk before its 200), latency at a paced rate, bad input refused
//! per second, and the server's peak memory.
//!
//! Run: `cargo bench --bench serve` (uses `wrk` when it is on PATH, as the issue's
//! figures do: 2 threads x 32 connections, 10 s; without it, the built-in closed
//! loop of 32 connections). Per binary it prints:
//! * `durable`: valid `create` incidents, each from a new provider (so each is a
//!   new stored incident and a queued job), as fast as 32 connections allow;
//! * `paced 2000/s`: the same at 2,000 requests per second for 10 s (open loop):
//!   p50/p99/max latency;
//! * `bad input`: malformed JSON, refused with 400;
//! * the server's peak RSS (VmHWM);
//! * before each binary's runs, `host`: canonical signatures per second on one core,
//!   a fixed CPU yardstick. The shared machines' speed moves by up to 1.6x with no
//!   CPU time stolen to show for it; compare figures measured at a like yardstick.
//!
//! `BOS_BEFORE=/path/to/an/older/bos` measures that binary too, alternating, so
//! that before and after come from one run on the same (noisy) machine.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WRK_DURABLE: &str = r#"
local counter = 0
local tid = 0
local thread_id = 0
function setup(thread)
  thread:set("tid", thread_id)
  thread_id = thread_id + 1
end
local teams = {{"ATL","BOS"},{"GSW","WAS"}}
request = function()
  counter = counter + 1
  local p = teams[(counter % 2) + 1]
  local day = 2 + math.floor(counter / 2) % 8
  local body = string.format('{"id":{"sport":"Basketball","event_group_name":"NBA","start_time":"2019-01-%02dT00:30:00Z","home":"%s","away":"%s"},"call":"create","arguments":{"season":"2018/2019"},"timestamp":"2019-01-01T00:00:00Z","provider_info":{"name":"wrk-%s-%d-%d","pushed":"2019-01-01T00:00:00Z"}}', day, p[1], p[2], RUN, tid, counter)
  return wrk.format("POST", "/trigger", {["Content-Type"]="application/json"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("P99MS %.3f\n", latency:percentile(99)/1000))
end
"#;

const WRK_BAD: &str = r#"
request = function()
  return wrk.format("POST", "/trigger", {["Content-Type"]="application/json"}, '{"id": {"sport": "Basketball", not json')
end
done = function(summary, latency, requests)
  io.write(string.format("P99MS %.3f\n", latency:percentile(99)/1000))
end
"#;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

struct Server {
    child: Child,
    url: String,
    db: PathBuf,
}

impl Server {
    fn start(bin: &Path, root: &Path) -> Server {
        let port = free_port();
        let db = std::env::temp_dir().join(format!(
            "bos-bench-serve-{}-{port}.sqlite",
            std::process::id()
        ));
        let child = Command::new(bin)
            .current_dir(root)
            .args(["serve", "--sports", "examples/sports", "--db"])
            .arg(&db)
            .args([
                "-d",
                "--proposer",
                "init0",
                "--node",
                "ws://127.0.0.1:9",
                "--now",
                "2019-01-01T00:00:00Z",
                "--config",
                "examples/serve/load.yaml",
                "--no-console",
                "--listen",
            ])
            .arg(format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("bos serve");
        let url = format!("http://127.0.0.1:{port}");
        let t = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                t.elapsed() < Duration::from_secs(30),
                "bos serve did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { child, url, db }
    }

    fn peak_mb(&self) -> f64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|v| v.parse::<f64>().ok())
            })
            .map_or(0.0, |kb| kb / 1024.0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", self.db.display()));
        }
    }
}

/// `wrk -t2 -c32 -d10s` with `script`: (requests/s, non-2xx count, p99 ms).
fn wrk(url: &str, script: &str, run: &str) -> Option<(f64, u64, f64)> {
    let path = std::env::temp_dir().join(format!("bos-bench-{}-{run}.lua", std::process::id()));
    std::fs::write(&path, script.replace("RUN", &format!("\"{run}\""))).ok()?;
    let out = Command::new("wrk")
        .args(["-t2", "-c32", "-d10s", "-s"])
        .arg(&path)
        .arg(url)
        .output()
        .ok()?;
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<f64>().ok())
    };
    Some((
        field("Requests/sec:")?,
        field("Non-2xx or 3xx responses:").unwrap_or(0.0) as u64,
        field("P99MS")?,
    ))
}

fn body(i: usize, run: &str) -> String {
    let (h, a) = [("ATL", "BOS"), ("GSW", "WAS")][i % 2];
    let day = 2 + (i / 2) % 8;
    format!(
        r#"{{"id":{{"sport":"Basketball","event_group_name":"NBA","start_time":"2019-01-{day:02}T00:30:00Z","home":"{h}","away":"{a}"}},"call":"create","arguments":{{"season":"2018/2019"}},"timestamp":"2019-01-01T00:00:00Z","provider_info":{{"name":"bench-{run}-{i}","pushed":"2019-01-01T00:00:00Z"}}}}"#
    )
}

/// `count` POSTs, at `rate`/s (open loop) or as fast as `conc` connections allow
/// (`rate` 0): (acknowledged/s, failed, sorted latencies).
fn load(url: &str, count: usize, rate: f64, conc: usize, run: &str) -> (f64, usize, Vec<Duration>) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let target = format!("{url}/trigger");
    let run = run.to_string();
    rt.block_on(async move {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(conc)
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        let sem = std::sync::Arc::new(tokio::sync::Semaphore::new(conc));
        let start = Instant::now();
        let mut handles = Vec::with_capacity(count);
        for i in 0..count {
            if rate > 0.0 {
                let due = start + Duration::from_secs_f64(i as f64 / rate);
                tokio::time::sleep_until(due.into()).await;
            }
            let permit = sem.clone().acquire_owned().await.expect("semaphore");
            let (c, t, b) = (client.clone(), target.clone(), body(i, &run));
            handles.push(tokio::spawn(async move {
                let t0 = Instant::now();
                let r = c
                    .post(&t)
                    .header("content-type", "application/json")
                    .body(b)
                    .send()
                    .await;
                let ok = match r {
                    Ok(r) => r.status().as_u16() == 200 && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                drop(permit);
                (t0.elapsed(), ok)
            }));
        }
        let mut lat = Vec::with_capacity(count);
        let mut failed = 0;
        for h in handles {
            match h.await {
                Ok((d, true)) => lat.push(d),
                _ => failed += 1,
            }
        }
        let rate = lat.len() as f64 / start.elapsed().as_secs_f64();
        lat.sort();
        (rate, failed, lat)
    })
}

fn pct(lat: &[Duration], p: f64) -> f64 {
    lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut bins = vec![("this build", PathBuf::from(env!("CARGO_BIN_EXE_bos")))];
    if let Ok(b) = std::env::var("BOS_BEFORE") {
        bins.insert(0, ("BOS_BEFORE", PathBuf::from(b)));
    }
    let has_wrk = Command::new("wrk")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !has_wrk {
        println!("wrk is not on PATH: the durable and bad-input figures use the built-in load (32 connections)");
    }
    for round in 1..=2 {
        for (name, bin) in &bins {
            println!(
                "[{round}] {name}: host: {:.0} canonical signatures/s on one core",
                support::host_yardstick()
            );
            let s = Server::start(bin, &root);
            let run = format!("{}-{round}-{}", std::process::id(), name.len());
            let durable = if has_wrk {
                wrk(&s.url, WRK_DURABLE, &run).map(|(r, bad, p99)| {
                    format!(
                        "{r:.0} acknowledged/s, p99 {p99:.1} ms, non-200 {bad} (wrk 2x32, 10 s)"
                    )
                })
            } else {
                let (r, failed, lat) = load(&s.url, 100_000, 0.0, 32, &run);
                Some(format!(
                    "{r:.0} acknowledged/s, p99 {:.1} ms, failed {failed} (32 connections)",
                    pct(&lat, 0.99)
                ))
            };
            println!(
                "[{round}] {name}: durable: {}",
                durable.unwrap_or_else(|| "wrk failed".into())
            );
            let (r, failed, lat) = load(&s.url, 20_000, 2000.0, 256, &format!("{run}-paced"));
            println!(
                "[{round}] {name}: paced 2000/s: {r:.0} acknowledged/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, failed {failed}",
                pct(&lat, 0.5),
                pct(&lat, 0.99),
                pct(&lat, 1.0)
            );
            if has_wrk {
                if let Some((r, bad, p99)) = wrk(&s.url, WRK_BAD, &format!("{run}-bad")) {
                    println!("[{round}] {name}: bad input: {r:.0} refused/s (non-200 {bad}), p99 {p99:.1} ms");
                }
            }
            println!("[{round}] {name}: serve peak RSS {:.1} MB", s.peak_mb());
        }
    }
}
