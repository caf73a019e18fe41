//! Running the reckon binary with a time limit: a reckon that hangs (blocks on
//! a FIFO, loops on a hostile input) fails the test instead of hanging it.
//! Shared by the command-line tests, which include this file by path.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs reckon in `dir` with `args` and `stdin`, killing it (and failing the
/// test) after `limit`.
pub fn reckon_within(limit: Duration, dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("reckon"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Writing stdin from a thread: a reckon that does not read it cannot block the test.
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    // Read by threads, so a large output cannot fill a pipe and stall reckon.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = pipe.read_to_end(&mut v);
            v
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "reckon {args:?} did not finish in {limit:?}\nstderr: {}",
                String::from_utf8_lossy(&stderr.join().unwrap())
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// A configuration or lexicon that cannot be used stops the run: nothing is
/// printed on standard output, and standard error says nothing was checked.
#[allow(dead_code)] // not every test file that includes this one uses it
pub fn nothing_was_checked(out: &Output) {
    let (said, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(said.is_empty(), "{said}");
    assert!(err.contains("nothing was checked"), "{err}");
}
