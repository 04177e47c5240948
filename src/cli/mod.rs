//! Command-line interface. Placeholder until the commands land.
pub fn main() -> i32 {
    0
}
