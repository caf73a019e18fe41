//! `reckon lsp` in a real editor: Neovim (Debian's `neovim`, 0.7, which
//! `.ci/run` installs) runs headless, opens a draft, attaches reckon with
//! `vim.lsp.start_client`, and writes down the diagnostics it received; then
//! it fixes the weekday in the buffer, unsaved, and waits for them to clear.
//!
//! Without `nvim` on PATH (or in `NVIM`) the test is skipped, except under CI
//! (`CI` set), where it fails: CI must run it.

#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use temp_dir::TempDir;

fn nvim() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NVIM") {
        return Some(PathBuf::from(p));
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|d| d.join("nvim"))
        .find(|p| p.is_file())
}

/// Attaches reckon to the draft, records what Neovim received, fixes the
/// weekday without saving, and records whether the diagnostics cleared.
const SCRIPT: &str = r#"
local bin, dir, out = os.getenv('RECKON_BIN'), os.getenv('DRAFT_DIR'), os.getenv('OUT')
local lines = {}
local client = vim.lsp.start_client({ name = 'reckon', cmd = { bin, 'lsp' }, root_dir = dir })
vim.cmd('edit ' .. vim.fn.fnameescape(dir .. '/draft.md'))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client)
if not vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then
  table.insert(lines, 'no diagnostics')
end
local first = nil
for _, d in ipairs(vim.diagnostic.get(buf)) do
  first = first or d
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
  table.insert(lines, string.format('diagnostic %d:%d-%d:%d %s %s', d.lnum, d.col, d.end_lnum,
    d.end_col, code, (d.message:gsub('\n', ' | '))))
end
if first then
  vim.api.nvim_buf_set_text(buf, first.lnum, first.col, first.end_lnum, first.end_col, { 'Friday' })
  local cleared = vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  table.insert(lines, cleared and 'cleared after the edit' or 'still there after the edit')
  table.insert(lines, 'modified ' .. tostring(vim.bo[buf].modified))
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client)
vim.cmd('qa!')
"#;

#[test]
fn neovim_receives_the_diagnostics_and_sees_them_clear() {
    let Some(nvim) = nvim() else {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v.is_empty()),
            "CI is set but nvim is missing: .ci/run installs Debian's neovim"
        );
        eprintln!("SKIPPED neovim: no nvim on PATH (set NVIM=/path/to/nvim, or run .ci/run, which installs it)");
        return;
    };
    let dir = TempDir::in_suite("neovim", "draft");
    dir.write(
        "draft.md",
        "# Launch notes\n\n🚀 The rocket lifted off on Thursday, March 14, 2025, from the coastal pad.\n",
    );
    let script = dir.write("attach.lua", SCRIPT);
    let out = dir.0.join("received.txt");
    let mut child = Command::new(&nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&dir.0)
        .env("RECKON_BIN", env!("CARGO_BIN_EXE_reckon"))
        .env("DRAFT_DIR", &dir.0)
        .env("OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nvim runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let received = std::fs::read_to_string(&out).unwrap_or_default();
    // The transcript, for the record (`cargo test --test neovim -- --nocapture`).
    println!("{received}");
    let lines: Vec<&str> = received.lines().collect();
    // Neovim columns are bytes: the emoji is 4 of them, so "Thursday" starts at byte 30.
    assert!(
        lines
            .first()
            .is_some_and(|l| l.starts_with("diagnostic 2:30-2:38 weekday-mismatch Thursday is not")),
        "{received}"
    );
    assert_eq!(lines.len(), 3, "{received}");
    assert_eq!(lines[1], "cleared after the edit", "{received}");
    assert_eq!(
        lines[2], "modified true",
        "the fix came from a change, not a save"
    );
}
