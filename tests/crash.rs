//! Saves killed at random moments: a child process saves a model over and
//! over, alternating two versions, and is killed (SIGKILL) after a random
//! delay, many times. After every kill the file is one of the two versions,
//! whole; after the next save nothing is left behind but the model and its
//! backup; and the model keeps its permissions (and, as root, its owner).
//!
//! `cargo test --test crash` kills 40 times. For the long run of
//! docs/RELIABILITY.md: `ARCHDESK_CRASH_KILLS=1000 cargo test --release --test crash`.

#![cfg(unix)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use archdesk::model::Document;
use archdesk::store;

mod common;

/// The environment variable that makes this test binary the saving child.
const CHILD: &str = "ARCHDESK_CRASH_CHILD";

/// The two versions the child saves in turn: big enough that a save takes
/// a while (so kills land inside one), and different everywhere.
fn versions() -> [Document; 2] {
    let base = common::load_sample("shop");
    let mut a = base.clone();
    a.name = "Version A".into();
    let mut b = base;
    b.name = "Version B".into();
    b.description = "B".repeat(200_000);
    [a, b]
}

#[test]
fn crash_child() {
    // Only as the child: save forever, until killed.
    let Some(path) = std::env::var_os(CHILD) else {
        return;
    };
    let [a, b] = versions();
    for i in 0_u64.. {
        let doc = if i % 2 == 0 { &a } else { &b };
        let _ = store::save(Path::new(&path), doc);
    }
}

/// A random number from the standard library's per-process hash keys.
fn random(bound: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(bound);
    h.finish() % bound.max(1)
}

#[test]
fn saves_killed_at_random_moments_leave_a_whole_model_and_no_leftovers() {
    let kills: u32 = std::env::var("ARCHDESK_CRASH_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let dir = common::temp_dir();
    let path = dir.path().join("model.ron");
    let [a, b] = versions();
    let texts = [
        store::to_ron(&a).expect("text"),
        store::to_ron(&b).expect("text"),
    ];
    std::fs::write(&path, &texts[0]).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let root = std::fs::metadata(&path).expect("meta").uid() == 0;
    if root {
        std::os::unix::fs::chown(&path, Some(65_534), Some(65_534)).expect("chown");
    }
    let owner = {
        let m = std::fs::metadata(&path).expect("meta");
        (m.uid(), m.gid())
    };
    let exe = std::env::current_exe().expect("the test binary");
    // How many kills found each version: both, or the child never saved.
    let mut found = [0_u32; 2];
    // Kills that landed inside a save: its temporary file was left behind.
    let mut inside = 0_u32;
    for kill in 0..kills {
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the saving child");
        // Up to 150 ms: the first saves and then any moment of one.
        std::thread::sleep(Duration::from_micros(5_000 + random(150_000)));
        child.kill().expect("kill");
        child.wait().expect("reap");
        let now = std::fs::read_to_string(&path).expect("the model is there");
        assert!(
            texts.contains(&now),
            "after kill {kill} the model is neither version ({} bytes)",
            now.len()
        );
        found[usize::from(now == texts[1])] += 1;
        let left_temp = std::fs::read_dir(dir.path())
            .expect("list")
            .any(|e| e.is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".tmp")));
        inside += u32::from(left_temp);
        let meta = std::fs::metadata(&path).expect("meta");
        assert_eq!(
            meta.permissions().mode() & 0o777,
            0o600,
            "after kill {kill}"
        );
        assert_eq!((meta.uid(), meta.gid()), owner, "after kill {kill}");
    }
    // The next save clears what the killed ones left.
    store::save(&path, &a).expect("a clean save");
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["model.ron", "model.ron.bak"], "no leftovers");
    assert!(
        found[1] > 0,
        "the killed saves wrote the other version too: {found:?}"
    );
    assert!(inside > 0, "some kills landed inside a save");
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "{kills} kills ({inside} inside a save): 0 torn models ({} A, {} B), 0 leftovers, mode and owner kept",
            found[0], found[1]
        );
    }
}
