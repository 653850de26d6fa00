//! The everyday features, each driven as a person would: the command
//! palette, Find, the outline, the problems panel, rubber-band selection,
//! nudging, Duplicate and Cut, F2, Alt+Up, Auto-arrange, the inspector's
//! "+ Endpoint", "+ Foreign key" and "+ Index", settings that are
//! remembered, and the autosave timer.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};

use super::menus::filter_outline;
use super::{
    ArchdeskApp, GRID, ctrl, drag, fit, harness, node, open_view, sample, screen_rects, selected,
    type_and_enter,
};
use crate::store;
use crate::ui::testing::harness_keeping;

fn shop() -> Harness<'static, ArchdeskApp> {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    fit(&mut h);
    h
}

/// Types into the palette (or any focused field) and presses Enter.
fn type_enter(h: &mut Harness<'_, ArchdeskApp>, text: &str) {
    h.event(egui::Event::Text(text.to_owned()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
}

/// Clicks the button (a menu, an outline row) with exactly this name.
fn click(h: &mut Harness<'_, ArchdeskApp>, label: &str) {
    h.get(by().role(Role::Button).label(label)).click();
    h.run_steps(3);
}

/// Clicks a menu entry by its name (its shortcut follows it) with this role.
fn entry(h: &mut Harness<'_, ArchdeskApp>, role: Role, label: &str) {
    h.get(by().role(role).label_contains(label)).click();
    h.run_steps(3);
}

#[test]
fn the_command_palette_runs_a_command_typed_by_name() {
    let mut h = shop();
    assert!(!h.state().settings.dark);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_steps(2);
    assert!(
        h.query_by_label("Command palette…").is_some() || h.state().palette.is_some(),
        "the palette is open"
    );
    type_enter(&mut h, "dark theme");
    assert!(
        h.state().palette.is_none(),
        "Enter ran the command and closed it"
    );
    assert!(h.state().settings.dark, "the theme is dark");
    assert_eq!(h.ctx.theme(), egui::Theme::Dark, "and the window shows it");

    // Escape closes it without running anything.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run_steps(2);
    h.event(egui::Event::Text("light".into()));
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().palette.is_none());
    assert!(h.state().settings.dark, "nothing ran");
}

#[test]
fn find_goes_to_an_item_in_another_view_and_selects_it() {
    let mut h = shop();
    assert_eq!(h.state().current_view.as_deref(), Some("shop-containers"));
    ctrl(&mut h, Key::F);
    // The users table is drawn only in the user database's entities view.
    type_enter(&mut h, "users");
    assert_eq!(
        h.state().current_view.as_deref(),
        Some("user-db-entities"),
        "the view that shows it opened"
    );
    assert_eq!(selected(&h).as_deref(), Some("users"));
    let screen = h.state().canvas.screen().expect("drawn");
    let rect = screen_rects(&h)["users"];
    assert!(screen.intersects(rect), "it is in sight: {rect:?}");
}

#[test]
fn clicking_an_outline_row_selects_the_item_and_shows_it_in_the_inspector() {
    let mut h = shop();
    filter_outline(&mut h, "session");
    h.get(by().role(Role::Button).label_contains("Session cache"))
        .click();
    h.run_steps(3);
    assert_eq!(selected(&h).as_deref(), Some("session-cache"));
    let name = h.get_by_role_and_label(Role::TextInput, "Name");
    assert_eq!(name.value().as_deref(), Some("Session cache"));
}

#[test]
fn clicking_a_finding_selects_its_element() {
    let mut h = harness(None);
    h.run_steps(4);
    h.get_by_label("+ Service").click();
    h.run_steps(2);
    type_and_enter(&mut h, "Billing service");
    // Nothing selected; the finding says the service has no technology.
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.state().selection.is_empty());
    h.get(by().role(Role::Link).label("Billing service"))
        .click();
    h.run_steps(3);
    assert_eq!(selected(&h).as_deref(), Some("billing-service"));
}

#[test]
fn a_rubber_band_selects_the_boxes_it_encloses() {
    let mut h = shop();
    let rects = screen_rects(&h);
    let (a, b) = (rects["user-service"], rects["user-db"]);
    let band = a.union(b).expand(12.0);
    // The band starts on bare canvas.
    assert!(rects.values().all(|r| !r.contains(band.left_top())));
    drag(&mut h, band.left_top(), band.right_bottom());
    let inside: std::collections::BTreeSet<String> = rects
        .iter()
        .filter(|(_, r)| band.contains_rect(**r))
        .map(|(id, _)| id.clone())
        .collect();
    assert!(inside.contains("user-service") && inside.contains("user-db"));
    assert_eq!(h.state().selection, inside);
}

#[test]
fn arrows_nudge_by_the_grid_and_shift_arrows_by_one_unit() {
    let mut h = shop();
    node(&h, "Session cache").click();
    h.run_steps(2);
    let before = screen_rects(&h);
    let zoom = h.state().canvas.zoom();
    let place = |h: &Harness<'_, ArchdeskApp>| {
        h.state()
            .doc
            .view("shop-containers")
            .and_then(|v| v.positions.get("session-cache").copied())
            .expect("a saved place")
    };
    // Where the automatic layout drew it, in scene units.
    let drawn = before["session-cache"].min - before["order-service"].min;
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    let first = place(&h);
    // Off the grid, it lands on the next grid line to the right; the other
    // axis does not move.
    assert_eq!(first.x % GRID, 0.0, "{first:?}");
    let moved = screen_rects(&h)["session-cache"].min - before["session-cache"].min;
    assert!(
        moved.x > 0.0 && moved.x <= GRID * zoom + 0.01 && moved.y.abs() <= zoom,
        "{moved:?}, drawn at {drawn:?}"
    );
    h.key_press(Key::ArrowRight);
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    h.run_steps(2);
    let last = place(&h);
    assert_eq!((last.x, last.y), (first.x + GRID, first.y + 1.0));
    let after = screen_rects(&h);
    for (id, r) in &before {
        if id != "session-cache" {
            assert_eq!(after[id], *r, "{id} stayed put");
        }
    }
    for _ in 0..3 {
        ctrl(&mut h, Key::Z);
    }
    assert_eq!(screen_rects(&h), before, "three undos put it back");
}

#[test]
fn duplicate_makes_a_distinct_copy_and_cut_takes_it_to_the_clipboard() {
    let mut h = shop();
    node(&h, "Session cache").click();
    h.run_steps(2);
    let n = h.state().doc.containers.len();
    // Offsets from one box, which a pan does not change.
    let offsets = |h: &Harness<'_, ArchdeskApp>| {
        let r = screen_rects(h);
        let o = r["order-service"].min;
        r.into_iter()
            .map(|(id, b)| (id, b.min - o))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let shown = offsets(&h);
    ctrl(&mut h, Key::D);
    h.run_steps(2);
    let copy = selected(&h).expect("the copy is selected");
    assert_ne!(copy, "session-cache");
    let doc = &h.state().doc;
    assert_eq!(doc.containers.len(), n + 1);
    assert_eq!(
        doc.container(&copy).expect("exists").name,
        "Session cache (copy)"
    );
    assert!(screen_rects(&h).contains_key(&copy), "drawn in this view");
    let now = offsets(&h);
    for (id, o) in &shown {
        if let Some(n) = now.get(id) {
            assert!((*n - *o).length() < 0.01, "{id} moved from {o:?} to {n:?}");
        }
    }

    h.event(egui::Event::Cut);
    h.run_steps(3);
    assert!(h.state().doc.container(&copy).is_none(), "cut removes it");
    let copied = h
        .state()
        .canvas
        .last_copied
        .clone()
        .expect("on the clipboard");
    assert!(copied.contains("Session cache (copy)"), "{copied}");
    h.event(egui::Event::Paste(copied));
    h.run_steps(3);
    assert!(
        h.state()
            .doc
            .containers
            .iter()
            .any(|c| c.name == "Session cache (copy)"),
        "paste brings it back"
    );
}

#[test]
fn f2_renames_the_selected_element() {
    let mut h = shop();
    node(&h, "Session cache").click();
    h.run_steps(2);
    h.key_press(Key::F2);
    h.run_steps(2);
    assert!(h.state().canvas.rename.is_some(), "renaming in place");
    type_and_enter(&mut h, "Session store");
    let doc = &h.state().doc;
    assert_eq!(
        doc.container("session-cache").expect("same id").name,
        "Session store"
    );
    assert!(h.query_by_label("Session store").is_some(), "drawn so");
}

#[test]
fn alt_up_climbs_to_the_enclosing_view() {
    let mut h = shop();
    open_view(&mut h, "order-service-components");
    for up in ["shop-containers", "shop-context", "landscape"] {
        h.key_press_modifiers(Modifiers::ALT, Key::ArrowUp);
        h.run_steps(3);
        assert_eq!(h.state().current_view.as_deref(), Some(up));
    }
}

#[test]
fn auto_arrange_from_the_view_menu_places_everything_without_overlap() {
    let mut h = shop();
    let view = || "shop-containers";
    let saved =
        |h: &Harness<'_, ArchdeskApp>| h.state().doc.view(view()).map_or(0, |v| v.positions.len());
    assert_eq!(saved(&h), 0);
    click(&mut h, "View");
    entry(&mut h, Role::Button, "Auto-arrange view");
    h.run_steps(4);
    let shown = screen_rects(&h);
    assert_eq!(saved(&h), shown.len(), "every element has its place now");
    let boxes: Vec<_> = shown.values().collect();
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            assert!(!a.intersects(**b), "{a:?} overlaps {b:?}");
        }
    }
    ctrl(&mut h, Key::Z);
    assert_eq!(saved(&h), 0, "one undo step");
}

#[test]
fn the_inspector_adds_an_endpoint_a_foreign_key_and_an_index() {
    let mut h = shop();
    let api = "catalog-api";
    let endpoints = |h: &Harness<'_, ArchdeskApp>| {
        h.state()
            .doc
            .apis
            .iter()
            .find(|a| a.id == api)
            .map_or(0, |a| a.endpoints.len())
    };
    let n = endpoints(&h);
    filter_outline(&mut h, "Catalog API");
    h.get(by().role(Role::Button).label_contains("Catalog API"))
        .click();
    h.run_steps(3);
    assert_eq!(selected(&h).as_deref(), Some(api));
    h.get_by_role_and_label(Role::Button, "+ Endpoint")
        .scroll_to_me();
    h.run_steps(4);
    h.get_by_role_and_label(Role::Button, "+ Endpoint").click();
    h.run_steps(3);
    assert_eq!(endpoints(&h), n + 1);
    ctrl(&mut h, Key::Z);
    assert_eq!(endpoints(&h), n, "undone");

    filter_outline(&mut h, "orders");
    let entity = h
        .state()
        .doc
        .entities
        .iter()
        .find(|e| e.name == "orders")
        .map(|e| (e.id.clone(), e.foreign_keys.len(), e.indexes.len()))
        .expect("an orders table");
    h.get(by().role(Role::Button).label("orders")).click();
    h.run_steps(3);
    assert_eq!(selected(&h), Some(entity.0.clone()));
    let counts = |h: &Harness<'_, ArchdeskApp>| {
        let e = h.state().doc.entity(&entity.0).expect("exists");
        (e.foreign_keys.len(), e.indexes.len())
    };
    for label in ["+ Foreign key", "+ Index"] {
        h.get_by_role_and_label(Role::Button, label).scroll_to_me();
        h.run_steps(4);
        h.get_by_role_and_label(Role::Button, label).click();
        h.run_steps(3);
    }
    assert_eq!(counts(&h), (entity.1 + 1, entity.2 + 1));
    ctrl(&mut h, Key::Z);
    ctrl(&mut h, Key::Z);
    assert_eq!(counts(&h), (entity.1, entity.2), "both undone");
}

#[test]
fn settings_are_remembered_from_one_run_to_the_next() {
    let dir = tempfile::tempdir().expect("dir");
    let model = dir.path().join("shop.ron");
    std::fs::copy(sample("shop.ron"), &model).expect("copy");
    let settings = dir.path().join("config").join("settings.ron");
    {
        let mut h = harness_keeping(&model, &settings);
        h.run_steps(4);
        assert!(h.state().settings.grid);
        click(&mut h, "View");
        entry(&mut h, Role::CheckBox, "Grid");
        click(&mut h, "View");
        entry(&mut h, Role::CheckBox, "Problems panel");
        assert!(settings.exists(), "written when changed");
    }
    let mut h = harness_keeping(&model, &settings);
    h.run_steps(4);
    let s = &h.state().settings;
    assert!(
        !s.grid && !s.show_problems,
        "grid and problems panel stay off"
    );
    assert!(
        h.query_by_label_contains("Problems").is_none(),
        "the panel is not shown"
    );
    click(&mut h, "File");
    click(&mut h, "Open Recent");
    let listed = std::fs::canonicalize(&model).expect("exists");
    assert!(
        h.query_by_label(&listed.display().to_string()).is_some(),
        "the model is in Open Recent"
    );
}

#[test]
fn unsaved_work_is_autosaved_after_thirty_seconds() {
    let dir = tempfile::tempdir().expect("dir");
    let model = dir.path().join("shop.ron");
    std::fs::copy(sample("shop.ron"), &model).expect("copy");
    let settings = dir.path().join("settings.ron");
    let recovery = store::recovery::recovery_path(Some(&model));
    let mut h = harness_keeping(&model, &settings);
    h.run_steps(4);
    fit(&mut h);
    node(&h, "Session cache").click();
    h.run_steps(2);
    h.key_press(Key::F2);
    h.run_steps(2);
    type_and_enter(&mut h, "Session store");
    // Frames are 1/30 s apart: 28 s later, no copy yet.
    h.run_steps(28 * 30);
    assert!(!recovery.exists(), "not before 30 s");
    h.run_steps(3 * 30);
    let text = std::fs::read_to_string(&recovery).expect("a recovery copy after 30 s");
    assert!(text.contains("Session store"), "it holds the unsaved work");
    assert!(
        !std::fs::read_to_string(&model)
            .expect("model")
            .contains("Session store"),
        "the model file is untouched"
    );
    ctrl(&mut h, Key::S);
    h.run_steps(2);
    assert!(!recovery.exists(), "saving removes the copy");
}

#[test]
fn outline_groups_open_and_close_by_their_arrows() {
    let mut h = shop();
    let component = "Order controller";
    let service = "Session cache  ·  cache";
    // Containers start closed, systems open.
    assert!(h.query_by_label(component).is_none());
    assert!(h.query_by_label(service).is_some());
    click(&mut h, "Open Order service  ·  service");
    assert!(h.query_by_label(component).is_some(), "its components show");
    click(&mut h, "Close Order service  ·  service");
    assert!(h.query_by_label(component).is_none(), "and hide again");
    // A section closes by its name as well as by its arrow.
    let systems = format!("Software systems ({})", h.state().doc.systems.len());
    h.get_by_label(&systems).click();
    h.run_steps(3);
    assert!(h.query_by_label(service).is_none(), "the section is closed");
    click(&mut h, &format!("Open {systems}"));
    assert!(h.query_by_label(service).is_some(), "open again");
    // Clicking a group's name reveals it, as any row does.
    click(&mut h, "Order service  ·  service");
    assert_eq!(selected(&h).as_deref(), Some("order-service"));
}

#[test]
fn a_big_outline_makes_widgets_only_for_the_rows_in_sight() {
    let doc = crate::generate::model(7, 3_000);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("big.ron");
    std::fs::write(&path, store::to_ron(&doc).expect("text")).expect("write");
    let mut h = harness(Some(&path));
    h.run_steps(4);
    // The outline's rows: selectable buttons left of the canvas.
    let canvas = h.state().canvas.screen().expect("drawn");
    let rows = |h: &Harness<'_, ArchdeskApp>| {
        h.get_all_by_role(Role::Button)
            .filter(|n| n.rect().max.x <= canvas.left() && n.rect().min.y > 60.0)
            .count()
    };
    let shown = rows(&h);
    let items = doc.people.len() + doc.systems.len() + doc.containers.len() + doc.views.len();
    assert!(items > 1_000, "{items} items");
    // About one row per 20 points of the panel's height.
    assert!(
        shown > 10 && shown < 80,
        "{shown} rows have widgets, of {items} items"
    );
    // The last system is reached by scrolling, and drawn then.
    let last = doc.systems.last().expect("systems").name.clone();
    let listed = |h: &Harness<'_, ArchdeskApp>| {
        h.get_all_by_role(Role::Button).any(|n| {
            n.rect().max.x <= canvas.left()
                && n.accesskit_node()
                    .label()
                    .is_some_and(|l| l.contains(&last))
        })
    };
    assert!(!listed(&h), "out of sight at first");
    for _ in 0..400 {
        h.hover_at(egui::pos2(canvas.left() / 2.0, 400.0));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
        if listed(&h) {
            break;
        }
    }
    assert!(listed(&h), "scrolled to, it is drawn");
}

#[test]
fn the_changes_panel_lists_what_changed_since_the_saved_file() {
    let dir = tempfile::tempdir().expect("dir");
    let model = dir.path().join("shop.ron");
    std::fs::copy(sample("shop.ron"), &model).expect("copy");
    let mut h = harness(Some(&model));
    h.run_steps(4);
    fit(&mut h);
    click(&mut h, "View");
    entry(&mut h, Role::CheckBox, "Changes panel");
    assert!(h.state().settings.show_changes);
    assert!(h.query_by_label("no changes").is_some());
    // A rename and a removal.
    node(&h, "Session cache").click();
    h.run_steps(2);
    h.key_press(Key::F2);
    h.run_steps(2);
    type_and_enter(&mut h, "Session store");
    node(&h, "Inventory service").click();
    h.run_steps(2);
    h.key_press(Key::Delete);
    // The comparison waits for a pause in the editing: half a second.
    h.run_steps(15);
    let renamed = "Renamed container Session store (was Session cache)";
    assert!(h.query_by_label(renamed).is_some(), "the rename is listed");
    assert!(
        h.query_by_label("name: \"Session cache\" -> \"Session store\"")
            .is_some(),
        "with the property that changed"
    );
    // On the canvas, what changed is tagged.
    assert_eq!(
        node(&h, "Session store").value().as_deref(),
        Some("changed")
    );
    assert_eq!(node(&h, "Cart service").value(), None, "untouched");
    let removed = h.get_by_label("Removed container Inventory service");
    assert!(
        removed.accesskit_node().is_disabled(),
        "what is gone cannot be selected"
    );
    // A click on a change selects the item.
    h.key_press(Key::Escape);
    h.run_steps(2);
    h.get_by_label(renamed).click();
    h.run_steps(3);
    assert_eq!(selected(&h).as_deref(), Some("session-cache"));
    // A new element is tagged as new.
    h.get_by_label("+ Service").click();
    h.run_steps(2);
    type_and_enter(&mut h, "Audit service");
    h.run_steps(15);
    assert_eq!(node(&h, "Audit service").value().as_deref(), Some("new"));
    // Saved: nothing left to list, nothing tagged.
    ctrl(&mut h, Key::S);
    h.run_steps(15);
    assert!(h.query_by_label("no changes").is_some());
    assert!(h.query_by_label(renamed).is_none());
    assert_eq!(node(&h, "Audit service").value(), None);
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

#[test]
fn the_changes_panel_compares_with_a_commit_picked_from_the_history() {
    let dir = tempfile::tempdir().expect("dir");
    let repo = dir.path();
    let model = repo.join("shop.ron");
    git(repo, &["init", "-q"]);
    std::fs::copy(sample("shop.ron"), &model).expect("copy");
    git(repo, &["add", "shop.ron"]);
    git(repo, &["commit", "-q", "-m", "The shop as sampled"]);
    let text = std::fs::read_to_string(&model).expect("read");
    std::fs::write(
        &model,
        text.replacen("name: \"Session cache\"", "name: \"Session store\"", 1),
    )
    .expect("write");
    git(repo, &["commit", "-q", "-am", "Rename the session cache"]);

    let mut h = harness(Some(&model));
    h.run_steps(4);
    click(&mut h, "View");
    entry(&mut h, Role::CheckBox, "Changes panel");
    assert!(h.query_by_label("no changes").is_some(), "as saved");
    h.get_by_role_and_label(Role::ComboBox, "Compare with")
        .click();
    h.run_steps(3);
    // Newest first: the rename, then the first commit.
    let first = h
        .get(
            by().role(Role::Button)
                .label_contains("The shop as sampled"),
        )
        .accesskit_node()
        .label()
        .expect("listed");
    assert!(
        h.query(by().label_contains("Rename the session cache"))
            .is_some()
    );
    h.get_by_label(&first).click();
    h.run_steps(15);
    assert!(
        h.query_by_label("Renamed container Session store (was Session cache)")
            .is_some(),
        "the change since that commit"
    );
    // Back to the saved file.
    h.get_by_role_and_label(Role::ComboBox, "Compare with")
        .click();
    h.run_steps(3);
    h.get_by_label("the saved file").click();
    h.run_steps(15);
    assert!(h.query_by_label("no changes").is_some());
}

#[test]
fn a_renamed_operation_id_says_what_it_was() {
    let mut h = shop();
    filter_outline(&mut h, "Catalog API");
    h.get(by().role(Role::Button).label_contains("Catalog API"))
        .click();
    h.run_steps(3);
    let header = "GET /products/{product_id}";
    h.get_by_label(header).scroll_to_me();
    h.run_steps(4);
    h.get_by_label(header).click();
    h.run_steps(3);
    let field = h.get(by().role(Role::TextInput).value("getProduct"));
    field.scroll_to_me();
    h.run_steps(4);
    h.get(by().role(Role::TextInput).value("getProduct"))
        .focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("readProduct".into()));
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);
    let api = h
        .state()
        .doc
        .apis
        .iter()
        .find(|a| a.id == "catalog-api")
        .expect("api");
    let ep = api
        .endpoints
        .iter()
        .find(|e| e.operation_id == "readProduct")
        .expect("renamed");
    assert_eq!(ep.was.as_deref(), Some("getProduct"));
}
