//! Loading bookiesports folders: the project's examples and the real data in ../shared.

use std::path::{Path, PathBuf};

fn shared() -> Option<PathBuf> {
    let p = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/bookiesports"
    ));
    if p.is_dir() {
        Some(p.to_path_buf())
    } else {
        println!("skipped: ../shared/bookiesports is absent");
        None
    }
}

#[test]
fn real_chains_load_and_validate() {
    let Some(dir) = shared() else { return };
    for chain in ["alice", "beatrice"] {
        let c = bos::sports::load(&dir.join(chain)).unwrap_or_else(|e| panic!("{chain}: {e}"));
        assert_eq!(c.name, chain);
        let names: Vec<&str> = c.sports.iter().map(|s| s.identifier.as_str()).collect();
        assert_eq!(
            names,
            [
                "AmericanFootball",
                "Baseball",
                "Basketball",
                "Ice Hockey",
                "Soccer"
            ]
        );
        let soccer = c.sports.iter().find(|s| s.identifier == "Soccer").unwrap();
        // Only listed event groups are loaded.
        let egs: Vec<&str> = soccer
            .event_groups
            .iter()
            .map(|e| e.folder.as_str())
            .collect();
        assert_eq!(egs, ["EPL", "SLL", "SER-A", "Bundesliga"]);
        assert_eq!(soccer.bmgs.len(), 8);
        let nba = &c.sports[2].event_groups[0];
        assert_eq!(nba.identifier, "NBA Regular Season");
        assert_eq!(nba.leadtime_max, Some(14.0));
        assert!(nba.start_date.is_some() && nba.finish_date.is_some());
    }
}

#[test]
fn examples_load_and_validate() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/sports"));
    let c = bos::sports::load(dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(c.sports.len() >= 2);
}

#[test]
fn every_problem_is_reported_with_file_and_key() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("index.yaml"), "chain_id: '*'\n").unwrap();
    let s = d.join("Darts");
    std::fs::create_dir_all(s.join("PDC")).unwrap();
    std::fs::create_dir_all(s.join("bettingmarketgroups")).unwrap();
    std::fs::write(
        s.join("index.yaml"),
        "identifier: Darts\nname: {de: Dart}\nid: x\neventgroups: [PDC, Missing]\n",
    )
    .unwrap();
    std::fs::write(
        s.join("PDC/index.yaml"),
        "identifier: PDC\nname: {en: PDC}\nid:\nparticipants: Players\nbettingmarketgroups: [ML]\neventscheme: {name: {en: x}}\n",
    )
    .unwrap();
    std::fs::write(
        s.join("bettingmarketgroups/ML.yaml"),
        "description: {en: ML}\nasset: TEST\ndynamic: maybe\nnumber_betting_markets: 2\nis_live: Yes\nrules: R\nbettingmarkets: []\n",
    )
    .unwrap();
    let err = bos::sports::load(d).unwrap_err();
    let bos::sports::Error::Invalid { problems, .. } = err else {
        panic!("{err}")
    };
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let has = |file: &str, key: &str| {
        assert!(
            problems
                .iter()
                .any(|p| p.file.ends_with(file) && p.key == key),
            "no problem {file} {key} in {text:#?}"
        )
    };
    has("Darts/index.yaml", "name.en");
    has("Darts/index.yaml", "id");
    has("Darts/index.yaml", "eventgroups[1]");
    has("PDC/index.yaml", "participants");
    has("ML.yaml", "asset");
    has("ML.yaml", "dynamic");
    has("ML.yaml", "rules");
}
