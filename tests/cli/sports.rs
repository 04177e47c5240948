//! `bos sports`: check and list, and how the sports folder is found.

use crate::support::bos;

fn examples() -> String {
    format!("{}/examples/sports", env!("CARGO_MANIFEST_DIR"))
}

/// Runs bos with a clean environment for the sports lookup.
fn bos_env(args: &[&str], envs: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = crate::support::bos_command();
    c.args(args)
        .env_remove("BOS_SPORTS")
        .env_remove("BOS_DB")
        .env_remove("XDG_CONFIG_HOME");
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_examples() {
    let r = bos(&["sports", "check", &examples()]).ok();
    assert!(r.stdout.contains("valid (3 sports"), "{}", r.stdout);
    let j = bos(&["--json", "sports", "check", &examples()]).ok().json();
    assert_eq!(j["valid"], true);
}

#[test]
fn check_lists_every_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("index.yaml"), "chain_id: '*'\n").unwrap();
    std::fs::create_dir_all(d.join("Darts")).unwrap();
    std::fs::write(
        d.join("Darts/index.yaml"),
        "identifier: Dart\nname: {en: Darts}\nid: 1.2\neventgroups: [PDC]\n",
    )
    .unwrap();
    let r = bos(&["sports", "check", d.to_str().unwrap()]).fails(1, "3 problem(s)");
    assert!(
        r.stdout.contains("Darts/index.yaml: identifier:"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Darts/index.yaml: id:"));
    assert!(r.stdout.contains("Darts/index.yaml: eventgroups[0]:"));
    let r = bos(&["--json", "sports", "check", d.to_str().unwrap()]);
    assert_eq!(r.json()["problems"].as_array().unwrap().len(), 3);
    bos(&["sports", "check", "/nonexistent"]).fails(1, "not a bookiesports chain folder");
}

#[test]
fn list_tree_and_json() {
    let r = bos(&[
        "--sports",
        &examples(),
        "sports",
        "list",
        "--sport",
        "football",
    ])
    .ok();
    assert!(r.stdout.contains("Soccer"));
    assert!(r.stdout.contains("LaLiga [SLL]"));
    assert!(r.stdout.contains("bmg Soccer_MO_1"));
    assert!(!r.stdout.contains("Basketball"));
    let j = bos(&["--json", "sports", "list", &examples()]).ok().json();
    assert_eq!(j.as_array().unwrap().len(), 3);
    assert_eq!(j[0]["event_groups"][0]["identifier"], "NBA Regular Season");
    bos(&["sports", "list", &examples(), "--sport", "curling"]).fails(1, "no sport");
}

#[test]
fn sports_folder_lookup_order() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().to_str().unwrap();
    // None: a usage error that says how to set it.
    let (code, _, err) = bos_env(&["sports", "list"], &[("XDG_CONFIG_HOME", cfg)]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--sports DIR") && err.contains("BOS_SPORTS") && err.contains("config.yaml"),
        "{err}"
    );
    // Config file, relative to itself.
    std::fs::create_dir_all(tmp.path().join("bos")).unwrap();
    std::fs::write(
        tmp.path().join("bos/config.yaml"),
        format!("sports: {}\nother_key: ignored\n", examples()),
    )
    .unwrap();
    let (code, out, _) = bos_env(&["sports", "list"], &[("XDG_CONFIG_HOME", cfg)]);
    assert_eq!(code, 0);
    assert!(out.contains("Basketball"));
    // BOS_SPORTS beats the config file.
    let (code, _, err) = bos_env(
        &["sports", "list"],
        &[("XDG_CONFIG_HOME", cfg), ("BOS_SPORTS", "/nonexistent")],
    );
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent"), "{err}");
}
