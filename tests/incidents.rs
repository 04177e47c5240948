//! Incident intake against the data-proxy samples (tests/data/incidents, copied from
//! ../shared/incidents) with the project's examples/sports and, when ../shared is present,
//! the real bookiesports data.

use std::path::{Path, PathBuf};

use bos::incidents::{format, validate, Error, Intake, Normalizer, Unmatched};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/incidents")
        .join(rel)
}

fn samples() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data("dataproxy-samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 15);
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn examples() -> Intake {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sports");
    Intake::new(Normalizer::new(bos::sports::load(&dir).unwrap()))
}

fn beatrice() -> Option<Intake> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/bookiesports/beatrice"
    ));
    if !dir.is_dir() {
        println!("skipped: ../shared/bookiesports/beatrice is absent");
        return None;
    }
    Some(Intake::new(Normalizer::new(
        bos::sports::load(dir).unwrap(),
    )))
}

#[test]
fn samples_pass_the_schema() {
    for (name, text) in samples() {
        validate::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn samples_normalize_with_the_examples_and_reproduce_their_unique_strings() {
    let intake = examples();
    for (name, text) in samples() {
        let given = validate::parse(&text).unwrap().unique_string.unwrap();
        let mut i = validate::parse(&text).unwrap();
        intake
            .normalizer()
            .normalize(&mut i)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(format::unique_string(&i).unwrap(), given, "{name}");
        let done = intake.process_text(&text).unwrap();
        assert_eq!(done.unique_string.as_deref(), Some(given.as_str()));
        let id = given.split("__").take(5).collect::<Vec<_>>().join("__");
        assert_eq!(done.id_string.as_deref(), Some(id.as_str()), "{name}");
    }
}

#[test]
fn samples_are_outside_every_real_window() {
    let Some(intake) = beatrice() else { return };
    for (name, text) in samples() {
        match intake.process_text(&text) {
            Err(Error::NotNormalizable {
                what: Unmatched::EventGroup,
                reason,
                ..
            }) => assert!(
                reason.contains("is outside the date window of every matching event group"),
                "{name}: {reason}"
            ),
            other => panic!("{name}: expected an event-group window rejection, got {other:?}"),
        }
    }
}

#[test]
fn generated_sample_normalizes_against_beatrice() {
    let Some(intake) = beatrice() else { return };
    let text = std::fs::read_to_string(data("sample-1000.jsonl")).unwrap();
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        let inc = intake
            .process_text(line)
            .unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
        assert!([
            "Basketball",
            "Soccer",
            "Ice Hockey",
            "AmericanFootball",
            "Baseball"
        ]
        .contains(&inc.id.sport.as_str()));
        n += 1;
    }
    assert_eq!(n, 1000);
}

#[test]
fn aliases_names_case_whitespace_and_windows() {
    let intake = examples();
    let mk = |sport: &str, eg: &str, start: &str, home: &str, away: &str| {
        serde_json::json!({"id": {"sport": sport, "event_group_name": eg, "start_time": start,
                                  "home": home, "away": away},
                           "call": "create", "arguments": {"season": "2019"}})
    };
    let i = intake
        .process_value(mk(
            " basketball ",
            "nbaregularseason",
            "2019-01-25T01:03:00Z",
            "was",
            " GOLDEN STATE ",
        ))
        .unwrap();
    assert_eq!(
        (
            i.id.sport.as_str(),
            i.id.event_group_name.as_str(),
            i.id.home.as_str(),
            i.id.away.as_str()
        ),
        (
            "Basketball",
            "NBA Regular Season",
            "Washington Wizards",
            "Golden State Warriors"
        )
    );
    // Rounded (BOS-204) and derived strings follow.
    assert_eq!(i.id.start_time.as_deref(), Some("2019-01-25T01:00:00Z"));
    assert_eq!(
        i.unique_string.as_deref(),
        Some("2019-01-25t010000z__basketball__nba-regular-season__washington-wizards__golden-state-warriors__create__2019")
    );
    // Sport alias and a name in another sport's file do not cross sports.
    let e = intake
        .process_value(mk(
            "Football",
            "La Liga",
            "2019-02-24T19:45:00Z",
            "Levante",
            "Washington Wizards",
        ))
        .unwrap_err();
    assert!(
        matches!(e, Error::NotNormalizable { what: Unmatched::Participant, ref key, .. } if key == "sports/Soccer/LaLiga/Washington Wizards"),
        "{e}"
    );
    // Window bounds are inclusive.
    assert!(intake
        .process_value(mk(
            "Soccer",
            "LaLiga",
            "2019-06-01T00:00:00Z",
            "Levante",
            "Real Madrid"
        ))
        .is_ok());
    assert!(intake
        .process_value(mk(
            "Soccer",
            "LaLiga",
            "2019-06-01T00:00:01Z",
            "Levante",
            "Real Madrid"
        ))
        .is_err());
    // An unknown sport, an unknown event group of a known sport.
    for (sport, group, unmatched) in [
        ("Curling", "X", Unmatched::Sport),
        ("Soccer", "EPL", Unmatched::EventGroup),
    ] {
        let e = intake
            .process_value(mk(sport, group, "2019-01-25T01:00:00Z", "a", "b"))
            .unwrap_err();
        assert!(
            matches!(e, Error::NotNormalizable { what, .. } if what == unmatched),
            "{sport}/{group}: {e}"
        );
    }
}

#[test]
fn home_and_away_naming_one_team_by_name_and_alias_are_refused() {
    let v = serde_json::json!({"id": {"sport": "Basketball", "event_group_name": "NBA Regular Season",
                                      "start_time": "2019-01-25T01:00:00Z",
                                      "home": "was", "away": "Washington Wizards"},
                               "call": "create", "arguments": {"season": "2019"}});
    match examples().process_value(v) {
        Err(Error::SameTeam { home, away, team }) => {
            assert_eq!(
                (home.as_str(), away.as_str()),
                ("was", "Washington Wizards")
            );
            assert_eq!(team, "Washington Wizards");
        }
        other => panic!("expected SameTeam, got {other:?}"),
    }
}

#[test]
fn spec_examples_of_unique_strings() {
    let intake = examples();
    let base = |call: &str, args: serde_json::Value| {
        let v = serde_json::json!({"id": {"sport": "Basketball", "event_group_name": "NBA", "start_time": "2019-01-25T01:00:00Z",
                                          "home": "Washington Wizards", "away": "Golden State Warriors"},
                                   "call": call, "arguments": args});
        intake.process_value(v).unwrap().unique_string.unwrap()
    };
    let id = "2019-01-25t010000z__basketball__nba-regular-season__washington-wizards__golden-state-warriors";
    assert_eq!(
        base(
            "create",
            serde_json::json!({"season": "2018/2019", "unsure": true})
        ),
        format!("{id}__create__20182019-true")
    );
    assert_eq!(
        base(
            "dynamic_bmgs",
            serde_json::json!({"types": [{"type": "ou", "value": "235.5"},
            {"type": "1x2_hc", "value": "-2", "participant": "Washington Wizards"}]})
        ),
        format!("{id}__dynamic_bmgs__1x2_hc--2-washington-wizards-ou-2355-")
    );
    assert_eq!(
        base("canceled", serde_json::json!({})),
        format!("{id}__canceled")
    );
    assert_eq!(
        base(
            "result",
            serde_json::json!({"home_score": "101", "away_score": "97"})
        ),
        format!("{id}__result__101-97")
    );
    assert_eq!(
        base(
            "unknown",
            serde_json::json!({"x": null, "y": "", "z": false})
        ),
        format!("{id}__unknown__none-false")
    );
}
