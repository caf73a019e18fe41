//! Command line (work in progress).

/// Entry point used by `main.rs`.
pub fn main() -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
