//! Finding the inputs: paths from the command line or stdin, folders walked
//! recursively in sorted order (so output order is stable), streamed one path
//! at a time. A path that cannot be read is still yielded, so that it gets an
//! error record instead of vanishing. Symlinked folders are followed once;
//! a loop is cut and reported.

use std::collections::HashSet;
use std::io::BufRead;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Extensions taken from folders unless every file is asked for.
/// (`.md` is read when named, but not picked up from folders, where it is
/// nearly always a README rather than an agreement.)
const AGREEMENT_EXTENSIONS: &[&str] = &["pdf", "txt", "text"];

/// One input: the path to read and a problem found while walking (if any).
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub path: PathBuf,
    /// Set when walking already knows the path cannot be read.
    pub problem: Option<String>,
}

/// Streams inputs from roots given as arguments (or read from stdin).
pub struct Walker {
    roots: Box<dyn Iterator<Item = PathBuf>>,
    /// Folders being walked: each a sorted list of entries still to visit.
    stack: Vec<std::vec::IntoIter<PathBuf>>,
    seen_dirs: HashSet<(u64, u64)>,
    all_files: bool,
}

impl Walker {
    pub fn new(roots: Box<dyn Iterator<Item = PathBuf>>, all_files: bool) -> Walker {
        Walker {
            roots,
            stack: Vec::new(),
            seen_dirs: HashSet::new(),
            all_files,
        }
    }

    /// Reads one path per line from a reader (blank lines skipped).
    pub fn lines(reader: impl BufRead + 'static) -> Box<dyn Iterator<Item = PathBuf>> {
        Box::new(
            reader
                .lines()
                .map_while(Result::ok)
                .filter(|l| !l.trim().is_empty())
                .map(|l| PathBuf::from(l.trim_end_matches('\r'))),
        )
    }

    fn wanted(&self, p: &Path) -> bool {
        if p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'))
        {
            return false;
        }
        self.all_files
            || p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| AGREEMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
    }

    /// Enters a folder; returns a problem if it cannot be listed.
    fn enter(&mut self, dir: &Path) -> Option<String> {
        let meta = match std::fs::metadata(dir) {
            Ok(m) => m,
            Err(e) => return Some(e.to_string()),
        };
        if !self.seen_dirs.insert((meta.dev(), meta.ino())) {
            return None; // a symlink loop or a folder given twice: walk it once
        }
        match std::fs::read_dir(dir) {
            Ok(rd) => {
                let mut entries: Vec<PathBuf> =
                    rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
                entries.sort();
                self.stack.push(entries.into_iter());
                None
            }
            Err(e) => Some(e.to_string()),
        }
    }
}

impl Iterator for Walker {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(top) = self.stack.last_mut() {
                match top.next() {
                    Some(p) => {
                        if p.is_dir() {
                            if let Some(problem) = self.enter(&p) {
                                return Some(Input {
                                    path: p,
                                    problem: Some(format!("cannot list folder: {problem}")),
                                });
                            }
                        } else if self.wanted(&p) {
                            return Some(Input {
                                path: p,
                                problem: None,
                            });
                        }
                        continue;
                    }
                    None => {
                        self.stack.pop();
                        continue;
                    }
                }
            }
            let root = self.roots.next()?;
            if root.is_dir() {
                if let Some(problem) = self.enter(&root) {
                    return Some(Input {
                        path: root,
                        problem: Some(format!("cannot list folder: {problem}")),
                    });
                }
                continue;
            }
            // a named file is always read, whatever its extension; a missing one gets an error record
            return Some(Input {
                path: root,
                problem: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("licscan-inputs-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn folders_are_walked_recursively_in_sorted_order() {
        let d = tmpdir("walk");
        std::fs::create_dir_all(d.join("b")).unwrap();
        for f in ["b/z.txt", "a.pdf", "c.TXT", "notes.docx", ".hidden.txt"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let got: Vec<String> = Walker::new(Box::new(vec![d.clone()].into_iter()), false)
            .map(|i| i.path.strip_prefix(&d).unwrap().display().to_string())
            .collect();
        assert_eq!(got, vec!["a.pdf", "b/z.txt", "c.TXT"]);
    }

    #[test]
    fn a_missing_named_file_is_still_yielded() {
        let got: Vec<Input> = Walker::new(
            Box::new(vec![PathBuf::from("/no/such/file.txt")].into_iter()),
            false,
        )
        .collect();
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn a_symlink_loop_is_walked_once() {
        let d = tmpdir("loop");
        std::fs::write(d.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(&d, d.join("again")).unwrap();
        let n = Walker::new(Box::new(vec![d.clone()].into_iter()), false).count();
        assert_eq!(n, 1);
    }
}
