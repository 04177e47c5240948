//! The console of `bos serve`: its login, anti-forgery tokens and read-only mode over
//! raw HTTP, and every page driven in headless Chromium (skipped, saying why, when there
//! is no Chromium). Screenshots go to `target/console/`.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::browser::Browser;
use crate::support::serve::{drain, http, start_serve};
use crate::support::{bos, track_once};

const PW: &str = "correct horse battery staple";

/// The value of `name="KEY" value="..."` in a page.
fn hidden(body: &str, key: &str) -> String {
    let pat = format!("name=\"{key}\" value=\"");
    let i = body
        .find(&pat)
        .unwrap_or_else(|| panic!("no {key} in {body}"))
        + pat.len();
    body[i..].split('"').next().unwrap().to_string()
}

/// The `NAME=value` of a Set-Cookie header.
fn set_cookie(head: &str, name: &str) -> String {
    head.lines()
        .filter_map(|l| l.strip_prefix("set-cookie: "))
        .find(|l| l.starts_with(&format!("{name}=")))
        .map(|l| l.split(';').next().unwrap().to_string())
        .unwrap_or_else(|| panic!("no cookie {name} in {head}"))
}

/// Logs in over raw HTTP; the session cookie and the session's anti-forgery token.
fn login(addr: &str) -> (String, String) {
    let (code, head, body) = http(addr, "GET", "/login", &[], b"");
    assert_eq!(code, 200);
    let lc = set_cookie(&head, "bos_login");
    let token = hidden(&body, "login_token");
    let form = format!("login_token={token}&next=%2F&password=correct+horse+battery+staple");
    let ct = ("Content-Type", "application/x-www-form-urlencoded");
    // Without the login form's own token: 403.
    let (code, _, _) = http(addr, "POST", "/login", &[ct], form.as_bytes());
    assert_eq!(code, 403);
    // A wrong password: 401, and no session.
    let log_in = |form: &str| {
        http(
            addr,
            "POST",
            "/login",
            &[ct, ("Cookie", &lc)],
            form.as_bytes(),
        )
    };
    let bad = form.replace("staple", "stapler");
    let (code, head, body) = log_in(&bad);
    assert_eq!(code, 401);
    assert!(body.contains("wrong password"), "{body}");
    assert!(!head.contains("bos_console="), "{head}");
    let (code, head, _) = log_in(&form);
    assert_eq!(code, 303, "{head}");
    let cookie = set_cookie(&head, "bos_console");
    let (code, _, body) = http(addr, "GET", "/proposals", &[("Cookie", &cookie)], b"");
    assert_eq!(code, 200, "{body}");
    (cookie, hidden(&body, "csrf"))
}

#[test]
fn console_login_tokens_and_read_only() {
    let srv = start_serve(&["--devnet"], &[("BOS_CONSOLE_PASSWORD", PW)]);
    let a = srv.addr.as_str();
    let ct = ("Content-Type", "application/x-www-form-urlencoded");
    // Without a login: every page and action answers 401.
    for p in [
        "/",
        "/?filter=attention",
        "/event/1.22.0",
        "/proposals",
        "/manual",
        "/couch",
        "/charts",
        "/charts/missed.svg",
    ] {
        let (code, _, body) = http(a, "GET", p, &[], b"");
        assert_eq!(code, 401, "GET {p}");
        assert!(!body.contains(PW));
    }
    for p in [
        "/proposals/1.10.0/approve",
        "/proposals/1.10.0/hold",
        "/manual/add",
        "/manual/propose",
        "/couch",
        "/logout",
    ] {
        assert_eq!(http(a, "POST", p, &[ct], b"csrf=x").0, 401, "POST {p}");
        assert_eq!(http(a, "POST", p, &[], b"").0, 401, "POST {p} (no form)");
    }
    // The API is unchanged.
    assert_eq!(http(a, "GET", "/isalive", &[], b"").0, 200);
    let (cookie, csrf) = login(a);
    let c = ("Cookie", cookie.as_str());
    let (code, head, body) = http(a, "GET", "/", &[c], b"");
    assert_eq!(code, 200);
    assert!(body.contains("bos console") && !body.contains(PW));
    assert!(head.contains("content-security-policy"), "{head}");
    assert!(head.contains("x-frame-options: deny"), "{head}");
    // A form without its anti-forgery token, with a wrong one, or from another site: 403.
    let (code, _, body) = http(a, "POST", "/proposals/1.10.0/hold", &[c, ct], b"note=x");
    assert_eq!(code, 403, "{body}");
    assert!(body.contains("anti-forgery"), "{body}");
    assert_eq!(
        http(a, "POST", "/proposals/1.10.0/hold", &[c, ct], b"csrf=00").0,
        403
    );
    assert_eq!(http(a, "POST", "/manual/add", &[c], b"").0, 403);
    let good = format!("csrf={csrf}&note=x");
    let evil = ("Origin", "http://evil.example");
    assert_eq!(
        http(
            a,
            "POST",
            "/proposals/1.10.0/hold",
            &[c, ct, evil],
            good.as_bytes()
        )
        .0,
        403
    );
    // With it: done, then back to the page.
    let (code, head, _) = http(
        a,
        "POST",
        "/proposals/1.10.0/hold",
        &[c, ct],
        good.as_bytes(),
    );
    assert_eq!(code, 303, "{head}");
    assert!(head.contains("location: /proposals"), "{head}");
    let (_, _, body) = http(a, "GET", "/proposals", &[c], b"");
    assert!(body.contains("1.10.0 is on hold"), "{body}");
    // Logging out ends the session.
    let out = format!("csrf={csrf}");
    assert_eq!(http(a, "POST", "/logout", &[c, ct], out.as_bytes()).0, 303);
    assert_eq!(http(a, "GET", "/", &[c], b"").0, 401);
    drop(srv);

    // Read-only: pages work, actions answer 403. A service that does not broadcast
    // (-d signs only, -x does not sign): the console's sender could not send
    // anything, so it offers no action either. (flag, what the page says, the
    // action tried, what its refusal says)
    for (flag, page, action, refusal) in [
        ("--console-read-only", "Read-only", "hold", "read-only"),
        ("-d", "does not broadcast", "approve", ""),
        ("-x", "does not broadcast", "approve", ""),
    ] {
        let srv = start_serve(&["--devnet", flag], &[("BOS_CONSOLE_PASSWORD", PW)]);
        let (cookie, csrf) = login(&srv.addr);
        let c = ("Cookie", cookie.as_str());
        let (_, _, body) = http(&srv.addr, "GET", "/proposals", &[c], b"");
        assert!(body.contains(page), "{flag}: {body}");
        let good = format!("csrf={csrf}");
        let path = format!("/proposals/1.10.0/{action}");
        let (code, _, body) = http(&srv.addr, "POST", &path, &[c, ct], good.as_bytes());
        assert_eq!(code, 403, "{flag}: {body}");
        assert!(body.contains(refusal), "{flag}: {body}");
    }

    // --no-console: `/` is bos-auto's 404 again.
    let off = start_serve(
        &["--devnet", "--no-console"],
        &[("BOS_CONSOLE_PASSWORD", PW)],
    );
    assert_eq!(http(&off.addr, "GET", "/", &[], b"").0, 404);
    assert_eq!(off.info["console"], Value::Null);
}

/// Waits until `f` holds, or fails with `what`.
fn until(what: &str, limit: Duration, mut f: impl FnMut() -> bool) {
    let t = Instant::now();
    while !f() {
        assert!(t.elapsed() < limit, "timed out: {what}");
        std::thread::sleep(Duration::from_millis(300));
    }
}

#[test]
fn console_in_a_browser() {
    let mut b = match Browser::start() {
        Ok(b) => b,
        Err(why) => {
            eprintln!("skipped: the console's browser test needs headless Chromium: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bos.sqlite").display().to_string();
    let srv = start_serve(&["--devnet", "--db", &db], &[("BOS_CONSOLE_PASSWORD", PW)]);
    let url = srv.info["url"].as_str().unwrap().to_string();
    let node = srv.info["node"].as_str().unwrap().to_string();
    let ex = format!("{}/examples/serve", env!("CARGO_MANIFEST_DIR"));

    // Log in.
    b.goto(&format!("{url}/proposals"));
    assert!(b.text().contains("Log in"), "{}", b.text());
    b.screenshot("01-login");
    b.set("#password", PW);
    b.click("#login button");
    assert!(b.url().ends_with("/proposals"), "{}", b.url());

    // A replayed lifecycle: the create (two providers) and the start of play.
    srv.send_and_drain(&format!("{ex}/nba-game.jsonl"));
    let later = std::fs::read_to_string(format!("{ex}/nba-game-later.jsonl")).unwrap();
    let in_progress = dir.path().join("in_progress.jsonl");
    std::fs::write(&in_progress, later.lines().next().unwrap()).unwrap();
    let ev = "2019-01-10t003000z__basketball__nba-regular-season__atlanta-hawks__boston-celtics";
    until("the game in play", Duration::from_secs(60), || {
        bos(&[
            "incident",
            "send",
            &in_progress.display().to_string(),
            "--to",
            &url,
        ])
        .ok();
        drain(&srv.addr, Duration::from_secs(60));
        b.goto(&format!("{url}/?filter=in_play"));
        b.text().contains("Boston Celtics @ Atlanta Hawks")
    });
    let text = b.text();
    assert!(text.contains("in_progress"), "{text}");
    b.click("#tree-all, a[href='/?filter=all']");
    b.screenshot("02-tree");
    // The event page: chain object, jobs, the incident timeline per call and provider.
    b.goto(&format!("{url}/event/{ev}"));
    let text = b.text();
    for want in [
        "On chain: 1.22.",
        "Incident timeline",
        "create",
        "in_progress",
        "p1",
        "p2",
        "agrees",
        "done",
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }
    let chain_event = b
        .eval("document.querySelector('a[href^=\"/event/1.22.\"]').getAttribute('href')")
        .as_str()
        .unwrap()
        .to_string();
    b.goto(&format!("{url}{chain_event}"));
    assert!(
        b.text().contains(ev),
        "the chain event links back to its incidents"
    );
    b.screenshot("03-event");

    // Manual intervention: finish the game and resolve the moneyline, as one held proposal.
    b.goto(&format!("{url}/manual"));
    b.eval("document.querySelector('#f-event-status select[name=status]').value = 'finished'");
    b.set("#f-event-status input[name=home_score]", "99");
    b.set("#f-event-status input[name=away_score]", "83");
    b.click("#f-event-status button");
    assert!(b.text().contains("added: event 1.22."), "{}", b.text());
    let picked = b.eval(
        "(() => { const o = [...document.querySelectorAll('#f-resolve option')].find(o => o.textContent.startsWith('Atlanta Hawks wins')); if (!o) return null; o.selected = true; return o.value; })()",
    );
    assert!(
        picked.is_string(),
        "no moneyline market for Atlanta Hawks: {}",
        b.text()
    );
    b.click("#f-resolve button");
    let text = b.text();
    assert!(text.contains("added: resolve"), "{text}");
    b.screenshot("04-manual-cart");
    b.click("#propose button");
    let text = b.text();
    assert!(text.contains("on hold until you approve"), "{text}");
    let pid = text
        .split("proposed ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap()
        .to_string();

    // The approval loop leaves the held proposal alone, round after round.
    let seen = |srv: &crate::support::serve::Serve| {
        let (_, _, body) = http(&srv.addr, "GET", "/isalive", &[], b"");
        let v: Value = serde_json::from_str(&body).unwrap();
        v["background"]["approvals"]["last"]["time"].clone()
    };
    let first = seen(&srv);
    until("two more approval rounds", Duration::from_secs(60), || {
        seen(&srv) != first
    });
    let second = seen(&srv);
    until("another approval round", Duration::from_secs(60), || {
        seen(&srv) != second
    });
    b.goto(&format!("{url}/proposals"));
    let text = b.text();
    assert!(text.contains(&pid) && text.contains("HELD since"), "{text}");
    assert!(
        text.contains("set event") && text.contains("Atlanta Hawks\u{201d} wins"),
        "{text}"
    );
    assert!(text.contains("needs 1 more approval"), "{text}");
    let shown = bos(&["proposals", "--node", &node, "--db", &db]).ok();
    assert!(shown.stdout.contains("HELD since"), "{}", shown.stdout);
    b.screenshot("05-proposals-held");

    // Approve it in the console: it executes.
    b.click(&format!("#p-{} button.approve", pid.replace('.', "\\.")));
    let text = b.text();
    assert!(text.contains("executed"), "{text}");
    b.goto(&format!("{url}/?filter=all"));
    let text = b.text();
    assert!(text.contains("99:83"), "{text}");
    b.screenshot("06-after-approval");

    // Couch Potato: a create incident typed in the form, queued in this service.
    b.goto(&format!("{url}/couch"));
    b.set("#couch select[name=call]", "create");
    b.set("#couch input[name=start]", "2019-01-20T01:00");
    b.set("#couch input[name=season]", "2018/2019");
    b.set("#couch input[name=provider]", "couch-1");
    b.screenshot("07-couch");
    b.click("#couch button[type=submit]");
    let text = b.text();
    assert!(text.contains("this service: queued"), "{text}");
    assert!(text.contains("couch-1"), "{text}");

    // Charts: what `bos track` recorded into this store, live.
    for _ in 0..2 {
        track_once("init0", &node, &db);
    }
    b.goto(&format!("{url}/charts?since=1d"));
    until("the chart drawn", Duration::from_secs(20), || {
        b.eval("(() => { const i = document.querySelector('#chart-missed'); return !!i && i.complete && i.naturalWidth > 0; })()") == Value::Bool(true)
    });
    // The series are named by what they are, and the session cookie is out of scripts' reach.
    let svg = b.eval("fetch('/charts/missed.svg?since=1d').then(r => r.text())");
    assert!(
        svg.as_str()
            .unwrap()
            .contains("witness init0: total missed"),
        "{svg}"
    );
    let js = b.eval("document.cookie");
    assert!(
        !js.as_str().unwrap_or_default().contains("bos_console"),
        "{js}"
    );
    b.screenshot("08-charts");
}
