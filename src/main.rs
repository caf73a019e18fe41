/// mimalloc: reckon allocates many small, short-lived values per mention, and
/// glibc's allocator spent a measurable share of extraction on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    reckon::cli::main()
}
