//! A bounded loopback load generator for `bos serve` (issue: acknowledged incidents per
//! second, latency percentiles, the server's peak memory).
//!
//! ```sh
//! cargo build --release
//! target/release/bos serve --sports examples/sports --db /tmp/load.sqlite -d --proposer init0 \
//!     --node ws://127.0.0.1:9 --now 2019-01-01T00:00:00Z --config examples/serve/load.yaml &
//! cargo run --release --example serve_load -- --url http://127.0.0.1:8010 --count 40000 --pid $!
//! cargo run --release --example serve_load -- --url http://127.0.0.1:8010 --rate 2000 --count 20000 --pid $!
//! ```
//!
//! `--rate 0` (the default) sends as fast as `--concurrency` connections allow; `--rate N`
//! paces requests at N per second (open loop). Every request carries a valid NBA `create`
//! incident from a distinct provider, so each one is a new stored incident. Only loopback
//! URLs are accepted, and `--count` bounds the run.

use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn incident(i: usize, run: u128) -> String {
    let pairs = [("ATL", "BOS"), ("GSW", "WAS")];
    let (h, a) = pairs[i % 2];
    let day = 2 + (i / 2) % 8;
    format!(
        r#"{{"id":{{"sport":"Basketball","event_group_name":"NBA","start_time":"2019-01-{day:02}T00:30:00Z","home":"{h}","away":"{a}"}},"call":"create","arguments":{{"season":"2018/2019"}},"timestamp":"2019-01-01T00:00:00Z","provider_info":{{"name":"load-{run}-{i}","pushed":"2019-01-01T00:00:00Z"}}}}"#
    )
}

fn proc_status(pid: &str, key: &str) -> Option<String> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with(key))
        .map(|l| l[key.len()..].trim().to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let url = arg(&args, "--url").unwrap_or_else(|| "http://127.0.0.1:8010".into());
    let host = url
        .trim_start_matches("http://")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    if !(host == "127.0.0.1" || host == "localhost" || host == "[::1]") {
        eprintln!("serve_load only targets loopback (got {url})");
        std::process::exit(2);
    }
    let count: usize = arg(&args, "--count")
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000)
        .min(1_000_000);
    let rate: f64 = arg(&args, "--rate")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.0);
    let conc: usize = arg(&args, "--concurrency")
        .and_then(|s| s.parse().ok())
        .unwrap_or(64)
        .clamp(1, 1024);
    let pid = arg(&args, "--pid");
    let target = format!("{}/trigger", url.trim_end_matches('/'));
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let (lat, ok, failed, elapsed) = rt.block_on(async move {
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
            let (c, t, body) = (client.clone(), target.clone(), incident(i, run));
            handles.push(tokio::spawn(async move {
                let t0 = Instant::now();
                let r = c
                    .post(&t)
                    .header("content-type", "application/json")
                    .body(body)
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
        let (mut ok, mut failed) = (0usize, 0usize);
        for h in handles {
            if let Ok((d, good)) = h.await {
                if good {
                    ok += 1;
                    lat.push(d);
                } else {
                    failed += 1;
                }
            }
        }
        (lat, ok, failed, start.elapsed())
    });
    let mut lat = lat;
    lat.sort();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    println!(
        "sent {count}, acknowledged {ok}, failed {failed} in {:.2} s: {:.0} acknowledged/s (rate {}, concurrency {conc})",
        elapsed.as_secs_f64(),
        ok as f64 / elapsed.as_secs_f64(),
        if rate > 0.0 { format!("{rate}/s") } else { "max".into() }
    );
    println!(
        "latency ms: p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    if let Some(pid) = pid {
        println!(
            "server {pid}: peak RSS {}, RSS now {}",
            proc_status(&pid, "VmHWM:").unwrap_or_else(|| "?".into()),
            proc_status(&pid, "VmRSS:").unwrap_or_else(|| "?".into())
        );
    }
}
