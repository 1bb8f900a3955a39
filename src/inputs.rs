//! Finding the inputs: paths from the command line or stdin, folders walked
//! recursively and streamed one path at a time. By default each folder's
//! entries are sorted by name (so output order is stable), which holds one
//! folder's names in memory at a time; `Order::Filesystem` streams entries in
//! the order the OS lists them and holds nothing, for folders with millions
//! of files. A path that cannot be read is still yielded, so that it gets an
//! error record instead of vanishing. Symlinked folders are followed once; a
//! loop is cut.

use std::collections::HashSet;
use std::ffi::OsString;
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

/// The order in which a folder's entries are visited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Order {
    /// By name, so runs over the same folders give records in the same order.
    #[default]
    Sorted,
    /// As the file system lists them: nothing is held in memory.
    Filesystem,
}

/// A folder being walked.
enum Listing {
    /// Names still to visit, sorted (the folder's path is kept once).
    Sorted(PathBuf, std::vec::IntoIter<OsString>),
    Streamed(std::fs::ReadDir),
}

impl Listing {
    fn next_path(&mut self) -> Option<PathBuf> {
        match self {
            Listing::Sorted(dir, names) => names.next().map(|n| dir.join(n)),
            // An entry that cannot be read is skipped: there is no name to report.
            Listing::Streamed(rd) => rd.find_map(|e| e.ok()).map(|e| e.path()),
        }
    }
}

/// Streams inputs from roots given as arguments (or read from stdin).
pub struct Walker {
    roots: Box<dyn Iterator<Item = PathBuf>>,
    /// Folders being walked, innermost last.
    stack: Vec<Listing>,
    seen_dirs: HashSet<(u64, u64)>,
    all_files: bool,
    order: Order,
}

impl Walker {
    pub fn new(roots: Box<dyn Iterator<Item = PathBuf>>, all_files: bool) -> Walker {
        Walker {
            roots,
            stack: Vec::new(),
            seen_dirs: HashSet::new(),
            all_files,
            order: Order::Sorted,
        }
    }

    /// Sets the order of each folder's entries.
    pub fn order(mut self, order: Order) -> Walker {
        self.order = order;
        self
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
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return Some(e.to_string()),
        };
        self.stack.push(match self.order {
            Order::Sorted => {
                let mut names: Vec<OsString> =
                    rd.filter_map(|e| e.ok().map(|e| e.file_name())).collect();
                names.sort();
                Listing::Sorted(dir.to_path_buf(), names.into_iter())
            }
            Order::Filesystem => Listing::Streamed(rd),
        });
        None
    }
}

impl Iterator for Walker {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(top) = self.stack.last_mut() {
                match top.next_path() {
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
    fn filesystem_order_yields_the_same_files() {
        let d = tmpdir("fs-order");
        std::fs::create_dir_all(d.join("sub/deeper")).unwrap();
        for f in [
            "b.txt",
            "a.pdf",
            "sub/c.txt",
            "sub/deeper/d.text",
            "skip.docx",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let walk = |order| {
            let mut got: Vec<PathBuf> = Walker::new(Box::new(vec![d.clone()].into_iter()), false)
                .order(order)
                .map(|i| i.path)
                .collect();
            got.sort();
            got
        };
        assert_eq!(walk(Order::Filesystem), walk(Order::Sorted));
        assert_eq!(walk(Order::Filesystem).len(), 4);
    }

    #[test]
    fn an_unlistable_folder_is_yielded_with_its_problem() {
        use std::os::unix::fs::PermissionsExt;
        let d = tmpdir("locked");
        std::fs::create_dir_all(d.join("locked")).unwrap();
        std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
        let listable = std::fs::read_dir(d.join("locked")).is_ok(); // root can list anything
        let got: Vec<Input> = Walker::new(Box::new(vec![d.clone()].into_iter()), false).collect();
        std::fs::set_permissions(d.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
        if listable {
            assert!(got.is_empty());
        } else {
            assert_eq!(got.len(), 1);
            assert!(got[0]
                .problem
                .as_deref()
                .unwrap()
                .starts_with("cannot list folder"));
        }
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
