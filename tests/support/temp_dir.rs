//! A fresh folder under the temporary directory for one test, removed on drop:
//! shared by the command-line tests, which include this file by path.

use std::path::PathBuf;

/// A fresh folder under the temporary directory, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// `reckon-{suite}-{pid}-{test}` under the temporary directory, empty.
    pub fn in_suite(suite: &str, test: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("reckon-{suite}-{}-{test}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes `bytes` to `name` (folders made as needed); its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
