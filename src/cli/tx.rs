//! `bos tx`: encode, decode, sign and verify transactions. Offline.

use clap::Subcommand;

use super::{CliError, GlobalArgs};

#[derive(Subcommand, Debug)]
pub enum TxCommand {}

impl TxCommand {
    pub fn run(self, _g: &GlobalArgs) -> Result<(), CliError> {
        match self {}
    }
}
