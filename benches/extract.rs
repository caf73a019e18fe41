//! Throughput of `reckon extract --format json` and `reckon check` (one thread
//! and two) on the shared news corpus.
//!
//! `cargo bench --bench extract` runs the release binary cargo just built on
//! `single/10mb.txt`, `10mb/` and `100mb/` of the corpus that
//! `../shared/tools/make_bench_corpus.sh` writes (built first when its
//! `MANIFEST.tsv` is missing), with stdout sent to /dev/null. For each target
//! it prints the bytes read, the median wall time of the whole process, MB/s
//! (1 MB = 1,000,000 bytes) and the peak resident set (VmHWM, polled every
//! 5 ms; reckon is single-threaded, so this is one thread's throughput).
//!
//! Settings, from the environment:
//! - `RECKON_BENCH_RUNS`: runs per target (default 3).
//! - `RECKON_BENCH_DIR`: where the corpus is (default `/tmp/reckon-bench`).
//!
//! Arguments after `--` that are not flags keep only the targets whose name
//! contains one of them (`cargo bench --bench extract -- single`).
//!
//! Without `../shared` (a clone on its own) there is nothing to measure: the
//! bench says so and exits 0. Run without `--bench` (`cargo test --benches`),
//! it does nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const TARGETS: [&str; 3] = ["single/10mb.txt", "10mb", "100mb"];
const POLL: Duration = Duration::from_millis(5);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        println!("benches/extract.rs: not run as a benchmark (use `cargo bench --bench extract`)");
        return ExitCode::SUCCESS;
    }
    let filters: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared");
    let make_corpus = shared.join("tools/make_bench_corpus.sh");
    if !make_corpus.is_file() {
        println!(
            "benches/extract.rs: {} not found; the benchmark needs the shared corpus beside the project, skipping",
            make_corpus.display()
        );
        return ExitCode::SUCCESS;
    }
    let runs: usize = match std::env::var("RECKON_BENCH_RUNS") {
        Ok(s) => match s.parse() {
            Ok(n) if n > 0 => n,
            _ => {
                eprintln!("RECKON_BENCH_RUNS must be a positive integer, not `{s}`");
                return ExitCode::from(2);
            }
        },
        Err(_) => 3,
    };
    let corpus = PathBuf::from(
        std::env::var("RECKON_BENCH_DIR").unwrap_or_else(|_| "/tmp/reckon-bench".into()),
    );
    if !corpus.join("MANIFEST.tsv").is_file() {
        println!("building the corpus in {} …", corpus.display());
        let status = Command::new("bash")
            .arg(&make_corpus)
            .arg(&corpus)
            .current_dir(root)
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!("{} failed", make_corpus.display());
            return ExitCode::FAILURE;
        }
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_reckon"));
    const COMMANDS: [(&str, &[&str]); 3] = [
        ("extract", &["extract", "--format", "json"]),
        (
            "check -j1",
            &[
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--isolated",
                "--threads",
                "1",
            ],
        ),
        (
            "check -j2",
            &[
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--isolated",
                "--threads",
                "2",
            ],
        ),
    ];
    println!(
        "{} COMMAND TARGET > /dev/null, {runs} run(s) each, median wall time",
        bin.display()
    );
    println!(
        "{:<10} {:<16} {:>13} {:>9} {:>9} {:>14}",
        "command", "target", "bytes", "median s", "MB/s", "peak RSS MiB"
    );
    let mut failed = false;
    for (name, command) in COMMANDS {
        for target in TARGETS.iter().filter(|t| {
            filters.is_empty() || filters.iter().any(|f| t.contains(f) || name.contains(f))
        }) {
            let path = corpus.join(target);
            let bytes = prose_bytes(&path);
            let mut times = Vec::with_capacity(runs);
            let mut peak_kib = 0u64;
            for _ in 0..runs {
                match run_once(bin, command, &path) {
                    Ok((t, kib)) => {
                        times.push(t);
                        peak_kib = peak_kib.max(kib);
                    }
                    Err(e) => {
                        eprintln!("{name} {target}: {e}");
                        failed = true;
                    }
                }
            }
            if times.is_empty() {
                continue;
            }
            let median = median(&mut times);
            println!(
                "{name:<10} {target:<16} {bytes:>13} {median:>9.3} {:>9.2} {:>14.1}",
                bytes as f64 / 1e6 / median,
                peak_kib as f64 / 1024.0
            );
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs reckon once on `target`; returns its wall time in seconds and its peak RSS in KiB.
fn run_once(bin: &Path, command: &[&str], target: &Path) -> Result<(f64, u64), String> {
    let start = Instant::now();
    let mut child = Command::new(bin)
        .args(command)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = vm_hwm_kib(&status_file) {
            peak = peak.max(kib);
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(POLL),
            Err(e) => return Err(format!("waiting for reckon: {e}")),
        }
    };
    let wall = start.elapsed().as_secs_f64();
    if !status.success() && status.code() != Some(1) {
        return Err(format!("reckon exited with {status}"));
    }
    Ok((wall, peak))
}

/// `VmHWM` of a `/proc/<pid>/status` file, in KiB (absent once the process is gone).
fn vm_hwm_kib(status_file: &str) -> Option<u64> {
    let status = std::fs::read_to_string(status_file).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Bytes of the files reckon reads at `path`: the file itself, or the `.md`,
/// `.markdown` and `.txt` files under a folder.
fn prose_bytes(path: &Path) -> u64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    let mut total = 0;
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(p),
                Ok(t) if t.is_file() => {
                    if matches!(
                        p.extension().and_then(|x| x.to_str()),
                        Some("md" | "markdown" | "txt")
                    ) {
                        total += e.metadata().map_or(0, |m| m.len());
                    }
                }
                _ => {}
            }
        }
    }
    total
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}
