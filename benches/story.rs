//! Checking one story's document set at scale: 10,000 generated articles.
//!
//! `cargo bench --bench story` writes 10,000 short Markdown articles about one
//! story (the Kursk incursion of the seed articles, in template sentences of our
//! own with varied dates and figures; about 1 in 100 dates the incursion a week
//! late) into a temporary folder, then runs the release binary cargo just built:
//!
//! ```text
//! reckon check --format json --fail-on never --config rules/examples/kursk.yaml DIR
//! ```
//!
//! once with `--threads 1` and once with `--threads 2`, and prints the wall
//! time, the peak resident set (VmHWM, polled every 5 ms), and the findings by
//! rule. `RECKON_STORY_DOCS` changes the number of articles. Run without
//! `--bench` (`cargo test --benches`) it does nothing.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

#[path = "support/rng.rs"]
mod rng;
use rng::Rng;

const POLL: Duration = Duration::from_millis(5);

fn article(k: usize, rng: &mut Rng) -> String {
    let day = 2 + rng.next(9); // written 2025-01-02 … 2025-01-10
    let incursion = if rng.next(100) == 0 { 13 } else { 6 };
    let held = rng.pick(&["approximately 500", "about 480", "roughly 520", "some 500"]);
    let troops = 36_000 + 500 * rng.next(8);
    let village = rng.pick(&["Berdin", "Bolshoye Soldatskoye", "Tetkino", "Sudzha"]);
    let clashes = 20 + rng.next(40);
    let writer = rng.pick(&["Our correspondent", "A field reporter", "The desk"]);
    format!(
        "---\ndate: 2025-01-{day:02}\n---\n\n# Kursk dispatch {k}\n\n\
         Ukrainian units crossed into Kursk on August {incursion}, 2024, and have kept a foothold there since.\n\n\
         It is five months since Ukrainian units crossed into Kursk, and Kyiv is pressing again near {village}.\n\n\
         In the first weeks, Ukrainian forces seized several hundred square miles of land, and about half of that ground has since been retaken by Moscow's troops.\n\n\
         Kyiv still holds Sudzha and {held} square kilometers of Russian territory.\n\n\
         Officials in Kyiv said {troops} Russian troops were killed or wounded in Kursk.\n\n\
         The General Staff counted {clashes} clashes on the front in one day. {writer} saw 12 armored vehicles on a road 15 kilometers from the border.\n"
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        println!("benches/story.rs: not run as a benchmark (use `cargo bench --bench story`)");
        return ExitCode::SUCCESS;
    }
    let n: usize = std::env::var("RECKON_STORY_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("reckon-story-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    let mut rng = Rng(4);
    let mut bytes = 0usize;
    for k in 0..n {
        let sub = dir.join(format!("{:03}", k / 1000));
        if k % 1000 == 0 {
            if let Err(e) = std::fs::create_dir_all(&sub) {
                eprintln!("{}: {e}", sub.display());
                return ExitCode::FAILURE;
            }
        }
        let text = article(k, &mut rng);
        bytes += text.len();
        if let Err(e) = std::fs::write(sub.join(format!("a{k:05}.md")), text) {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    }
    println!(
        "{n} articles, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = root.join("rules/examples/kursk.yaml");
    let bin = Path::new(env!("CARGO_BIN_EXE_reckon"));
    for threads in ["1", "2"] {
        let out = std::env::temp_dir().join("reckon-story-out.json");
        let Ok(file) = std::fs::File::create(&out) else {
            return ExitCode::FAILURE;
        };
        let start = Instant::now();
        let mut child = match Command::new(bin)
            .args([
                "check",
                "--format",
                "json",
                "--fail-on",
                "never",
                "--threads",
                threads,
            ])
            .arg("--config")
            .arg(&config)
            .arg(&dir)
            .stdout(file)
            .stderr(Stdio::inherit())
            .spawn()
        {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{}: {e}", bin.display());
                return ExitCode::FAILURE;
            }
        };
        let status_file = format!("/proc/{}/status", child.id());
        let mut peak = 0u64;
        let status = loop {
            if let Some(k) = vm_hwm_kib(&status_file) {
                peak = peak.max(k);
            }
            match child.try_wait() {
                Ok(Some(s)) => break s,
                Ok(None) => std::thread::sleep(POLL),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            }
        };
        let secs = start.elapsed().as_secs_f64();
        if !status.success() {
            eprintln!("reckon exited with {status}");
            return ExitCode::FAILURE;
        }
        let json = std::fs::read_to_string(&out).unwrap_or_default();
        let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
        for line in json.lines() {
            if let Some(p) = line.find("\"rule\":\"") {
                let rest = &line[p + 8..];
                let rule = rest.split('"').next().unwrap_or("");
                *by_rule.entry(rule.to_string()).or_default() += 1;
            }
        }
        println!(
            "check --threads {threads}: {secs:.2} s, {:.1} MB/s, peak {:.1} MiB, findings {by_rule:?}",
            bytes as f64 / 1e6 / secs,
            peak as f64 / 1024.0
        );
    }
    ExitCode::SUCCESS
}

fn vm_hwm_kib(status_file: &str) -> Option<u64> {
    let s = std::fs::read_to_string(status_file).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
