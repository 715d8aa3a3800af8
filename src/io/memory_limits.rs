//! Memory limits the system puts on this process itself, which the computer's free memory does not
//! show: a control group's limit (cgroup v1 or v2: a container, a `systemd-run -p MemoryMax=…`
//! scope, a desktop session's slice), and the address-space and data-size limits (`ulimit -v`,
//! `ulimit -d`). A run the free memory would allow but a limit would not is then refused with the
//! estimate, instead of being killed by the system part way or aborting.
//!
//! Linux only (elsewhere there are no such files and nothing is found). Every path is read under a
//! root folder, so that tests can lay out the files of a system with limits.

use std::fs;
use std::path::{Path, PathBuf};

/// Limits at or above this are "no limit" (cgroup v1 writes about 2^63 for none).
const UNLIMITED: u64 = 1 << 60;

/// The room left under the tightest limit on this process, in bytes; `None` when there is none.
pub fn room(root: &Path) -> Option<u64> {
    [cgroup_room(root), rlimit_room(root)]
        .into_iter()
        .flatten()
        .min()
}

fn read(root: &Path, path: &str) -> Option<String> {
    fs::read_to_string(root.join(path.trim_start_matches('/'))).ok()
}

fn number(text: &str) -> Option<u64> {
    text.trim().parse().ok()
}

/// A value from a `memory.stat` file.
fn stat(dir: &Path, key: &str) -> Option<u64> {
    let text = fs::read_to_string(dir.join("memory.stat")).ok()?;
    text.lines().find_map(|line| {
        let (k, v) = line.split_once(' ')?;
        (k == key).then(|| number(v)).flatten()
    })
}

/// One cgroup hierarchy with the memory controller: where it is mounted and this process's
/// folder in it.
struct Hierarchy {
    mount: PathBuf,
    own: PathBuf,
    v2: bool,
}

/// The memory hierarchies this process belongs to, from `/proc/self/cgroup` and where they are
/// mounted (`/proc/self/mountinfo`).
fn hierarchies(root: &Path) -> Vec<Hierarchy> {
    let (Some(cgroups), Some(mounts)) = (
        read(root, "/proc/self/cgroup"),
        read(root, "/proc/self/mountinfo"),
    ) else {
        return Vec::new();
    };
    // (mount point, the cgroup folder mounted there, v2?) for every cgroup mount.
    let mounted: Vec<(String, String, bool)> = mounts
        .lines()
        .filter_map(|line| {
            let (before, after) = line.split_once(" - ")?;
            let fields: Vec<&str> = before.split(' ').collect();
            let mut after = after.split(' ');
            let fstype = after.next()?;
            let options = after.nth(1).unwrap_or("");
            let (mount_root, point) = (fields.get(3)?, fields.get(4)?);
            match fstype {
                "cgroup2" => Some((point.to_string(), mount_root.to_string(), true)),
                "cgroup" if options.split(',').any(|o| o == "memory") => {
                    Some((point.to_string(), mount_root.to_string(), false))
                }
                _ => None,
            }
        })
        .collect();
    let mut found = Vec::new();
    for line in cgroups.lines() {
        let mut parts = line.splitn(3, ':');
        let (Some(_), Some(controllers), Some(path)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let v2 = controllers.is_empty();
        if !v2 && !controllers.split(',').any(|c| c == "memory") {
            continue;
        }
        for (point, mount_root, mount_v2) in &mounted {
            if *mount_v2 != v2 {
                continue;
            }
            // The process's path as seen from the mount (a container sees its own cgroup as /).
            let relative = path
                .strip_prefix(mount_root.as_str())
                .unwrap_or(path)
                .trim_start_matches('/');
            let mount = root.join(point.trim_start_matches('/'));
            let own = mount.join(relative);
            found.push(Hierarchy {
                own: if own.is_dir() { own } else { mount.clone() },
                mount,
                v2,
            });
        }
    }
    found
}

/// The room left under every memory limit of this process's cgroups and their parents.
fn cgroup_room(root: &Path) -> Option<u64> {
    let mut tightest: Option<u64> = None;
    for h in hierarchies(root) {
        let mut dir = h.own.clone();
        loop {
            if let Some(room) = level_room(&dir, h.v2) {
                tightest = Some(tightest.map_or(room, |t| t.min(room)));
            }
            if dir == h.mount || !dir.starts_with(&h.mount) {
                break;
            }
            match dir.parent() {
                Some(parent) => dir = parent.to_path_buf(),
                None => break,
            }
        }
    }
    tightest
}

/// The room under one cgroup's limit: the limit less what its processes hold, not counting the
/// file cache, which the system gives back before it would kill anything.
fn level_room(dir: &Path, v2: bool) -> Option<u64> {
    let (limit_file, usage_file, active, inactive) = if v2 {
        (
            "memory.max",
            "memory.current",
            "active_file",
            "inactive_file",
        )
    } else {
        (
            "memory.limit_in_bytes",
            "memory.usage_in_bytes",
            "total_active_file",
            "total_inactive_file",
        )
    };
    let limit = number(&fs::read_to_string(dir.join(limit_file)).ok()?)?;
    if limit >= UNLIMITED {
        return None;
    }
    let usage = fs::read_to_string(dir.join(usage_file))
        .ok()
        .and_then(|t| number(&t))
        .unwrap_or(0);
    let cache = stat(dir, active).unwrap_or(0) + stat(dir, inactive).unwrap_or(0);
    Some(limit.saturating_sub(usage.saturating_sub(cache)))
}

/// The room under the address-space and data-size limits (`ulimit -v`, `ulimit -d`): the soft
/// limit less what the process has mapped already.
fn rlimit_room(root: &Path) -> Option<u64> {
    let limits = read(root, "/proc/self/limits")?;
    let status = read(root, "/proc/self/status")?;
    let soft = |name: &str| {
        let line = limits.lines().find(|l| l.starts_with(name))?;
        number(line[name.len()..].split_whitespace().next()?)
    };
    let kilobytes = |key: &str| {
        let line = status.lines().find(|l| l.starts_with(key))?;
        number(line[key.len()..].split_whitespace().next()?).map(|kb| kb * 1024)
    };
    [
        ("Max address space", "VmSize:"),
        ("Max data size", "VmData:"),
    ]
    .into_iter()
    .filter_map(|(limit, used)| Some(soft(limit)?.saturating_sub(kilobytes(used).unwrap_or(0))))
    .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pretend system root with the given files.
    fn system(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("care-options-limits-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        for (path, text) in files {
            let path = root.join(path.trim_start_matches('/'));
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        root
    }

    const NO_RLIMITS: &str = "Limit                     Soft Limit           Hard Limit           Units\n\
        Max data size             unlimited            unlimited            bytes\n\
        Max address space         unlimited            unlimited            bytes\n";
    const STATUS: &str = "Name:\tcare-options\nVmSize:\t  204800 kB\nVmData:\t  102400 kB\n";
    const GB: u64 = 1 << 30;

    #[test]
    fn a_cgroup_v2_limit_on_the_process_scope_is_found_below_an_unlimited_root() {
        let root = system(
            "v2",
            &[
                ("/proc/self/cgroup", "0::/user.slice/run-1.scope\n"),
                (
                    "/proc/self/mountinfo",
                    "25 1 0:22 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n",
                ),
                ("/proc/self/limits", NO_RLIMITS),
                ("/proc/self/status", STATUS),
                ("/sys/fs/cgroup/user.slice/memory.max", "max\n"),
                ("/sys/fs/cgroup/user.slice/memory.current", "1000\n"),
                (
                    "/sys/fs/cgroup/user.slice/run-1.scope/memory.max",
                    &format!("{}\n", 4 * GB),
                ),
                (
                    "/sys/fs/cgroup/user.slice/run-1.scope/memory.current",
                    &format!("{}\n", GB),
                ),
                (
                    "/sys/fs/cgroup/user.slice/run-1.scope/memory.stat",
                    &format!("anon 1\nactive_file {}\ninactive_file {}\n", GB / 4, GB / 4),
                ),
            ],
        );
        // 4 GB less 1 GB in use, of which half a gigabyte is file cache.
        assert_eq!(room(&root), Some(4 * GB - GB / 2));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_parents_tighter_v1_limit_counts() {
        let root = system(
            "v1",
            &[
                (
                    "/proc/self/cgroup",
                    "5:cpu,cpuacct:/\n4:memory:/batch/job-7\n0::/\n",
                ),
                (
                    "/proc/self/mountinfo",
                    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n\
                     41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n",
                ),
                ("/proc/self/limits", NO_RLIMITS),
                ("/proc/self/status", STATUS),
                (
                    "/sys/fs/cgroup/memory/memory.limit_in_bytes",
                    "9223372036854771712\n",
                ),
                (
                    "/sys/fs/cgroup/memory/batch/memory.limit_in_bytes",
                    &format!("{}\n", 2 * GB),
                ),
                (
                    "/sys/fs/cgroup/memory/batch/memory.usage_in_bytes",
                    &format!("{}\n", GB),
                ),
                (
                    "/sys/fs/cgroup/memory/batch/job-7/memory.limit_in_bytes",
                    &format!("{}\n", 8 * GB),
                ),
                (
                    "/sys/fs/cgroup/memory/batch/job-7/memory.usage_in_bytes",
                    "0\n",
                ),
            ],
        );
        assert_eq!(room(&root), Some(GB));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn an_address_space_limit_counts_what_is_mapped_already() {
        let limits = NO_RLIMITS.replace(
            "Max address space         unlimited",
            &format!("Max address space         {}", 3 * GB),
        );
        let root = system(
            "rlimit",
            &[
                ("/proc/self/limits", &limits),
                ("/proc/self/status", STATUS),
            ],
        );
        assert_eq!(room(&root), Some(3 * GB - 204_800 * 1024));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn no_limits_no_files_no_answer() {
        let root = system(
            "none",
            &[
                ("/proc/self/limits", NO_RLIMITS),
                ("/proc/self/status", STATUS),
                ("/proc/self/cgroup", "0::/\n"),
                (
                    "/proc/self/mountinfo",
                    "25 1 0:22 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n",
                ),
            ],
        );
        assert_eq!(room(&root), None);
        assert_eq!(room(&root.join("nothing-here")), None);
        let _ = fs::remove_dir_all(root);
    }
}
