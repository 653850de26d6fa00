//! Saving is atomic: an interrupted save leaves the original intact, a
//! successful one keeps the previous version as FILE.bak.

use std::io;
use std::path::Path;

use archdesk::model::Document;
use archdesk::store::{self, SaveStage};

mod common;
use common::temp_dir;

fn shop_text() -> String {
    std::fs::read_to_string(common::sample("shop")).expect("sample")
}

fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_save_interrupted_after_the_temporary_file_leaves_the_original_intact() {
    let dir = temp_dir();
    let path = dir.path().join("model.ron");
    let original = shop_text();
    std::fs::write(&path, &original).expect("write");
    let new_text = store::to_ron(&Document::new("Replaced")).expect("the model turns into text");

    for stage in [SaveStage::WriteTemp, SaveStage::Backup, SaveStage::Rename] {
        let err = store::save_text_with_hook(&path, &new_text, &mut |s| {
            if s == stage {
                Err(io::Error::other("simulated power loss"))
            } else {
                Ok(())
            }
        })
        .expect_err("interrupted save fails");
        assert_eq!(err.stage, stage);
        let message = err.to_string();
        assert!(
            message.contains("model.ron") && message.contains("unchanged"),
            "{message}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            original,
            "original intact after failure at {stage:?}"
        );
        assert!(
            !leftovers(dir.path()).iter().any(|n| n.ends_with(".tmp")),
            "temporary files cleaned up: {:?}",
            leftovers(dir.path())
        );
    }
}

#[test]
fn a_save_keeps_the_previous_version_as_backup() {
    let dir = temp_dir();
    let path = dir.path().join("model.ron");
    let original = shop_text();
    std::fs::write(&path, &original).expect("write");
    let doc = Document::new("Second");
    store::save(&path, &doc).expect("save");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        store::to_ron(&doc).expect("the model turns into text")
    );
    assert_eq!(
        std::fs::read_to_string(store::backup_path(&path)).expect("bak"),
        original
    );
    assert_eq!(leftovers(dir.path()), vec!["model.ron", "model.ron.bak"]);
    assert_eq!(store::load(&path).expect("load"), doc);
}

#[test]
fn each_save_backs_up_the_version_it_replaces_and_leaves_it_untouched() {
    let dir = temp_dir();
    let path = dir.path().join("model.ron");
    std::fs::write(&path, shop_text()).expect("write");
    let first = Document::new("First");
    let second = Document::new("Second");
    store::save(&path, &first).expect("save");
    store::save(&path, &second).expect("save again");
    // The backup is the file as it was before the last save, and saving
    // did not write into it (it may share its storage with the old file).
    assert_eq!(
        std::fs::read_to_string(store::backup_path(&path)).expect("bak"),
        store::to_ron(&first).expect("the model turns into text")
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        store::to_ron(&second).expect("the model turns into text")
    );
    assert_eq!(leftovers(dir.path()), vec!["model.ron", "model.ron.bak"]);
}

#[test]
fn saving_into_a_missing_folder_fails_cleanly() {
    let dir = temp_dir();
    let path = dir.path().join("no/such/folder/model.ron");
    let err = store::save(&path, &Document::new("x")).expect_err("no folder");
    assert_eq!(err.stage, SaveStage::WriteTemp);
    assert!(
        err.to_string().starts_with(&path.display().to_string()),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_replaces_the_target_not_the_link() {
    let dir = temp_dir();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("link.ron");
    std::fs::write(&real, shop_text()).expect("write");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    store::save(&link, &Document::new("Via link")).expect("save");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(store::load(&real).expect("load").name, "Via link");
}

/// The temporary file a save writes, caught while it exists.
fn temp_of_a_save(path: &Path) -> String {
    let dir = path.parent().expect("folder").to_owned();
    let mut seen = None;
    store::save_text_with_hook(path, "(format: 1, name: \"t\")\n", &mut |s| {
        if s == SaveStage::WriteTemp {
            seen = leftovers(&dir).into_iter().find(|n| n.ends_with(".tmp"));
        }
        Ok(())
    })
    .expect("save");
    seen.expect("a temporary file during the save")
}

#[test]
fn temporary_names_cannot_be_guessed_and_a_planted_one_is_never_followed() {
    let dir = temp_dir();
    let path = dir.path().join("model.ron");
    std::fs::write(&path, shop_text()).expect("write");
    let (a, b) = (temp_of_a_save(&path), temp_of_a_save(&path));
    assert_ne!(a, b, "a new name each time");
    assert!(
        a.starts_with(".model.ron.") && a.contains(&format!(".{}.", std::process::id())),
        "{a}"
    );
    // The name the saves of the first version used, planted as a link to
    // another file: a save neither follows nor removes it.
    #[cfg(unix)]
    {
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").expect("write");
        let planted = dir
            .path()
            .join(format!(".model.ron.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("plant");
        store::save(&path, &Document::new("Saved")).expect("save");
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me");
        assert_eq!(store::load(&path).expect("load").name, "Saved");
    }
}

#[cfg(unix)]
#[test]
fn a_private_model_its_backup_and_its_recovery_copy_stay_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir();
    let path = dir.path().join("secret.ron");
    std::fs::write(&path, shop_text()).expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    store::save(&path, &Document::new("Saved")).expect("save");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&store::backup_path(&path)), 0o600);
    let recovery =
        store::recovery::write_recovery(Some(&path), &Document::new("Unsaved")).expect("recovery");
    assert_eq!(
        mode(&recovery),
        0o600,
        "the recovery copy is as private as the model"
    );
    // An export over an existing file keeps that file's mode.
    let out = dir.path().join("out.sql");
    std::fs::write(&out, "old").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    store::write_atomic(&out, "new").expect("write");
    assert_eq!(mode(&out), 0o640);
}

#[cfg(unix)]
#[test]
fn the_owner_and_group_of_a_model_are_kept() {
    use std::os::unix::fs::MetadataExt;
    let dir = temp_dir();
    let path = dir.path().join("theirs.ron");
    std::fs::write(&path, shop_text()).expect("write");
    let me = std::fs::metadata(&path).expect("meta");
    // As root (as scripts/test runs), the file belongs to someone else
    // first; otherwise to us, and must stay ours.
    let owner = if me.uid() == 0 {
        std::os::unix::fs::chown(&path, Some(65_534), Some(65_534)).expect("chown");
        (65_534, 65_534)
    } else {
        (me.uid(), me.gid())
    };
    store::save(&path, &Document::new("Saved by another")).expect("save");
    let after = std::fs::metadata(&path).expect("meta");
    assert_eq!((after.uid(), after.gid()), owner);
    assert_eq!(store::load(&path).expect("load").name, "Saved by another");
}

#[test]
fn a_save_removes_what_killed_saves_of_the_same_file_left_behind() {
    let dir = temp_dir();
    let path = dir.path().join("model.ron");
    std::fs::write(&path, shop_text()).expect("write");
    let ours = temp_of_a_save(&path);
    // A process that has ended: its pid names no running process.
    let mut child = std::process::Command::new(std::env::current_exe().expect("exe"))
        .arg("--list")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let dead = child.id();
    child.wait().expect("wait");
    let me = format!(".{}.", std::process::id());
    let stale = ours.replace(&me, &format!(".{dead}."));
    let stale_bak = stale.replace(".tmp", ".bak.tmp");
    // A live process's (pid 1 always runs), another file's, and one not ours.
    let live = ours.replace(&me, ".1.");
    let other = stale.replace(".model.ron.", ".other.ron.");
    let foreign = ".model.ron.notes.tmp".to_owned();
    for name in [&stale, &stale_bak, &live, &other, &foreign] {
        std::fs::write(dir.path().join(name), "left over").expect("plant");
    }
    store::save(&path, &Document::new("Saved")).expect("save");
    let left = leftovers(dir.path());
    assert!(
        !left.contains(&stale) && !left.contains(&stale_bak),
        "{left:?}"
    );
    for kept in [&live, &other, &foreign] {
        assert!(left.contains(kept), "{kept} stays: {left:?}");
    }
}
