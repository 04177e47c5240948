//! Generates `completions/` and `man/` from the clap definitions, so they can
//! never disagree with the binary. `tests/cli/docs.rs` fails when the committed
//! files are stale; `BOS_BLESS=1 cargo test --test cli docs` rewrites them.

use clap_complete::Shell;

/// Every generated file: (path relative to the repository root, contents).
pub fn generated_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for (shell, name) in [
        (Shell::Bash, "bos.bash"),
        (Shell::Zsh, "_bos"),
        (Shell::Fish, "bos.fish"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut super::command(), "bos", &mut buf);
        files.push((format!("completions/{name}"), buf));
    }
    let mut cmd = super::command();
    cmd.build();
    man_pages(&cmd, "bos", &mut files);
    files
}

fn man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(String, Vec<u8>)>) {
    let mut buf = Vec::new();
    let page = cmd.clone().name(name.to_string());
    if clap_mangen::Man::new(page).render(&mut buf).is_ok() {
        buf.extend_from_slice(super::error::exit_codes_roff(name).as_bytes());
        files.push((format!("man/{name}.1"), buf));
    }
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}
