//! Running the reckon binary with a time limit: a reckon that hangs (blocks on
//! a FIFO, loops on a hostile input) fails the test instead of hanging it.
//! Shared by the command-line tests, which include this file by path.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

type Drain = std::thread::JoinHandle<Vec<u8>>;

/// Starts reckon in `dir` with `args`, its output read by threads so that a
/// large output cannot fill a pipe and stall it.
fn spawn(dir: &Path, args: &[&str]) -> (std::process::Child, Drain, Drain) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("reckon"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = pipe.read_to_end(&mut v);
            v
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    (child, stdout, stderr)
}

/// Runs reckon in `dir` with `args` and `stdin`, killing it (and failing the
/// test) after `limit`.
pub fn reckon_within(limit: Duration, dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let (mut child, stdout, stderr) = spawn(dir, args);
    // Writing stdin from a thread: a reckon that does not read it cannot block the test.
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
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

/// Runs reckon like [`reckon_within`] and also returns its peak resident
/// memory in bytes, as the kernel counted it for the process (`ru_maxrss`).
#[allow(dead_code)] // not every test file that includes this one uses it
pub fn reckon_peak_memory(limit: Duration, dir: &Path, args: &[&str]) -> (Output, u64) {
    use std::os::unix::process::ExitStatusExt;
    let (mut child, stdout, stderr) = spawn(dir, args);
    drop(child.stdin.take());
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let start = Instant::now();
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: wait4 writes a status and a rusage we own; the pid is our child's.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(done >= 0, "wait4: {}", std::io::Error::last_os_error());
        if done == pid {
            break (status, usage);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("reckon {args:?} did not finish in {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let output = Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    };
    // Linux counts ru_maxrss in KiB.
    (output, u64::try_from(usage.ru_maxrss).unwrap() * 1024)
}
