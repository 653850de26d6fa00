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

    for stage in [SaveStage::WriteTemp, SaveStage::Backup] {
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
