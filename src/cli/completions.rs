//! `bos completions SHELL`.

use clap_complete::Shell;

use super::CliError;

/// Print a shell completion script to stdout
#[derive(clap::Args, Debug)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

impl CompletionsArgs {
    pub fn run(self) -> Result<(), CliError> {
        let mut cmd = super::command();
        clap_complete::generate(self.shell, &mut cmd, "bos", &mut std::io::stdout());
        Ok(())
    }
}
