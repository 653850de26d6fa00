//! Edits and undo: every change goes through an `Edit` that checks the
//! document's invariants and returns its inverse; removing an element takes
//! what depends on it along (or refuses); history merges drags.

use std::path::Path;

use archdesk::model::{
    Container, ContainerKind, Document, Edit, EditError, History, Item, Person, Point, Relationship,
};
use archdesk::store;
use proptest::prelude::*;

mod common;
use common::load_sample;

#[test]
fn insert_checks_ids_and_references_and_undo_restores() {
    let mut doc = load_sample("shop");
    let before = store::to_ron(&doc).expect("the model turns into text");
    let c = Container::new(
        "search-service",
        "shop",
        "Search service",
        ContainerKind::Service,
    );
    let inverse = Edit::add(&doc, Item::Container(c.clone()))
        .apply(&mut doc)
        .expect("insert");
    assert!(doc.container("search-service").is_some());
    inverse.apply(&mut doc).expect("undo");
    assert_eq!(
        store::to_ron(&doc).expect("the model turns into text"),
        before
    );

    let dup = Container::new("order-service", "shop", "Dup", ContainerKind::Service);
    assert_eq!(
        Edit::add(&doc, Item::Container(dup)).apply(&mut doc),
        Err(EditError::DuplicateId("order-service".into()))
    );
    let bad = Container::new("Search", "shop", "x", ContainerKind::Service);
    assert!(matches!(
        Edit::add(&doc, Item::Container(bad)).apply(&mut doc),
        Err(EditError::InvalidId(_))
    ));
    let dangling = Container::new("x", "no-such-system", "x", ContainerKind::Service);
    assert!(matches!(
        Edit::add(&doc, Item::Container(dangling)).apply(&mut doc),
        Err(EditError::DanglingReference { .. })
    ));
    // A container's system must be a software system, not a person.
    let wrong = Container::new("x", "customer", "x", ContainerKind::Service);
    assert!(matches!(
        Edit::add(&doc, Item::Container(wrong)).apply(&mut doc),
        Err(EditError::WrongReference { .. })
    ));
    assert_eq!(
        store::to_ron(&doc).expect("the model turns into text"),
        before,
        "refused edits change nothing"
    );
}

#[test]
fn remove_refuses_while_referenced_and_cascade_takes_dependents() {
    let mut doc = load_sample("shop");
    let before = store::to_ron(&doc).expect("the model turns into text");
    let err = Edit::Remove {
        id: "order-db".into(),
    }
    .apply(&mut doc)
    .expect_err("referenced");
    assert!(matches!(err, EditError::StillReferenced { .. }), "{err}");

    let cascade = Edit::remove_cascade(&doc, "order-service").expect("cascade");
    let inverse = cascade.apply(&mut doc).expect("apply cascade");
    assert!(doc.container("order-service").is_none());
    for gone in [
        "order-controller",
        "checkout",
        "outbox-relay",
        "order-api",
        "order-service-components",
        "gateway-orders",
        "relay-orders",
    ] {
        assert!(
            doc.item(gone).is_none(),
            "{gone} should have gone with its container"
        );
    }
    // Event types it produced keep existing, without it as producer.
    let placed = doc
        .events
        .iter()
        .find(|e| e.id == "order-placed")
        .expect("event stays");
    assert!(placed.producers.is_empty());
    // The database stays: it is not part of the service.
    assert!(doc.container("order-db").is_some());
    // Nothing dangles.
    let reparsed = store::parse(
        &store::to_ron(&doc).expect("the model turns into text"),
        Path::new("after.ron"),
    );
    assert!(reparsed.is_ok(), "{:?}", reparsed.err());

    inverse.apply(&mut doc).expect("undo cascade");
    assert_eq!(
        store::to_ron(&doc).expect("the model turns into text"),
        before
    );
}

#[test]
fn removing_a_database_takes_its_entities_and_cuts_foreign_keys_among_them() {
    let mut doc = load_sample("shop");
    let before = store::to_ron(&doc).expect("the model turns into text");
    let inverse = Edit::remove_cascade(&doc, "inventory-db")
        .expect("cascade")
        .apply(&mut doc)
        .expect("apply");
    for gone in ["stock-items", "reservations", "inventory-db-rw"] {
        assert!(doc.item(gone).is_none(), "{gone} should be gone");
    }
    inverse.apply(&mut doc).expect("undo");
    assert_eq!(
        store::to_ron(&doc).expect("the model turns into text"),
        before
    );
}

#[test]
fn cascade_refuses_what_cannot_be_cut() {
    let doc = load_sample("shop");
    // Fields of kept entities are typed with this enum.
    let err = Edit::remove_cascade(&doc, "order-status").expect_err("used enum");
    assert!(err.to_string().contains("orders"), "{err}");
    // The catalog API's bodies draw on products.
    let err = Edit::remove_cascade(&doc, "products").expect_err("used entity");
    assert!(err.to_string().contains("catalog-api"), "{err}");
    // Removing a database would take entities that an API still serves.
    let err = Edit::remove_cascade(&doc, "order-db").expect_err("entities in use");
    assert!(err.to_string().contains("order-api"), "{err}");
}

#[test]
fn a_failing_batch_changes_nothing() {
    let mut doc = load_sample("shop");
    let before = store::to_ron(&doc).expect("the model turns into text");
    let batch = Edit::Batch(vec![
        Edit::add(&doc, Item::Person(Person::new("auditor", "Auditor"))),
        Edit::Remove {
            id: "no-such-id".into(),
        },
    ]);
    assert!(batch.apply(&mut doc).is_err());
    assert_eq!(
        store::to_ron(&doc).expect("the model turns into text"),
        before
    );
}

#[test]
fn moves_in_one_gesture_are_one_undo_step() {
    let mut doc = load_sample("shop");
    let mut history = History::default();
    let ids = ["order-service", "order-db", "payment-service"];
    for step in 1..=10 {
        let positions = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                (
                    (*id).to_owned(),
                    Some(Point::new(step as f32 * 10.0, i as f32 * 100.0)),
                )
            })
            .collect();
        history
            .apply_move(
                &mut doc,
                Edit::Move {
                    view: "shop-containers".into(),
                    positions,
                },
                "Move 3 elements",
            )
            .expect("move");
    }
    history.end_gesture();
    let view = doc.view("shop-containers").expect("view");
    assert_eq!(
        view.positions.get("order-db"),
        Some(&Point::new(100.0, 100.0))
    );
    assert!(history.is_dirty());
    assert_eq!(history.undo(&mut doc).as_deref(), Some("Move 3 elements"));
    assert!(
        doc.view("shop-containers")
            .expect("view")
            .positions
            .is_empty(),
        "one undo restores the start"
    );
    assert!(!history.can_undo());
    assert!(!history.is_dirty());
    history.redo(&mut doc).expect("redo");
    assert_eq!(
        doc.view("shop-containers").expect("view").positions.len(),
        3
    );

    // A second drag after the gesture ended is a step of its own.
    let again = vec![("order-db".to_owned(), Some(Point::new(0.0, 0.0)))];
    history
        .apply_move(
            &mut doc,
            Edit::Move {
                view: "shop-containers".into(),
                positions: again,
            },
            "Move",
        )
        .expect("move");
    history.undo(&mut doc);
    assert_eq!(
        doc.view("shop-containers")
            .expect("view")
            .positions
            .get("order-db"),
        Some(&Point::new(100.0, 100.0))
    );
}

#[test]
fn history_tracks_the_saved_state() {
    let mut doc = load_sample("shop");
    let mut h = History::default();
    assert!(!h.is_dirty());
    h.apply(
        &mut doc,
        Edit::SetInfo {
            name: "Shop 2".into(),
            description: String::new(),
        },
        "Rename model",
    )
    .expect("edit");
    assert!(h.is_dirty());
    h.mark_saved();
    assert!(!h.is_dirty());
    h.undo(&mut doc);
    assert!(h.is_dirty());
    h.redo(&mut doc);
    assert!(!h.is_dirty());
    h.undo(&mut doc);
    // A new edit after undoing past the save loses the saved state for good.
    h.apply(
        &mut doc,
        Edit::SetInfo {
            name: "Other".into(),
            description: String::new(),
        },
        "Rename",
    )
    .expect("edit");
    h.undo(&mut doc);
    assert!(h.is_dirty());
}

/// One random thing an architect might do, resolved against the document.
fn edit_for(doc: &Document, (what, a, b, word): &(u8, usize, usize, String)) -> Option<Edit> {
    let elements: Vec<String> = doc
        .people
        .iter()
        .map(|p| p.id.clone())
        .chain(doc.systems.iter().map(|s| s.id.clone()))
        .chain(doc.containers.iter().map(|c| c.id.clone()))
        .chain(doc.components.iter().map(|c| c.id.clone()))
        .collect();
    let pick = |n: usize| elements.get(n % elements.len().max(1)).cloned();
    Some(match what % 8 {
        0 => Edit::add(
            doc,
            Item::Person(Person::new(doc.unique_id(word), word.clone())),
        ),
        1 => {
            let system = &doc.systems.get(a % doc.systems.len().max(1))?.id;
            let kind = ContainerKind::ALL[b % ContainerKind::ALL.len()];
            let c = Container::new(doc.unique_id(word), system.clone(), word.clone(), kind);
            Edit::Insert {
                at: a % (doc.containers.len() + 1),
                item: Item::Container(c),
            }
        }
        2 => {
            let mut r =
                Relationship::new(doc.unique_id(&format!("rel-{word}")), pick(*a)?, pick(*b)?);
            r.description = format!("Uses ({word})");
            Edit::add(doc, Item::Relationship(r))
        }
        3 => Edit::remove_cascade(doc, &pick(*a)?).ok()?,
        4 => {
            let mut c = doc.containers.get(a % doc.containers.len().max(1))?.clone();
            c.name = format!("{} {word}", c.name);
            c.technology = word.clone();
            Edit::Replace {
                item: Item::Container(c),
            }
        }
        5 => {
            // A place for an element the view shows.
            let view = doc.views.get(a % doc.views.len().max(1))?;
            let shown = archdesk::diagram::ViewContents::of(doc, view).ok()?;
            let id = shown.nodes.get(b % shown.nodes.len().max(1))?.id.clone();
            let view = &view.id;
            Edit::Move {
                view: view.clone(),
                positions: vec![(id, Some(Point::new(*a as f32 % 2000.0, *b as f32 % 1500.0)))],
            }
        }
        6 => Edit::SetInfo {
            name: word.clone(),
            description: format!("{word} 🦀 \"quoted\""),
        },
        _ => {
            let mut e = doc.entities.get(a % doc.entities.len().max(1))?.clone();
            e.fields.push(archdesk::model::Field::new(
                format!("{word}_{b}"),
                archdesk::model::FieldType::Text,
            ));
            Edit::Replace {
                item: Item::Entity(e),
            }
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Apply random edits (each one valid: it must apply), save, undo
    /// everything: each undo brings back the file as it was before its own
    /// step, down to the original byte for byte; redo everything: the
    /// edited file comes back.
    #[test]
    fn undo_everything_restores_the_file(steps in prop::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), "[a-z]{1,10}"), 1..25)) {
        let mut doc = load_sample("shop");
        let original = store::to_ron(&doc).expect("the model turns into text");
        let mut history = History::new(10_000);
        // The file before each applied step.
        let mut before: Vec<String> = Vec::new();
        for step in &steps {
            let Some(edit) = edit_for(&doc, step) else { continue };
            let text = store::to_ron(&doc).expect("the model turns into text");
            let label = format!("{edit:?}");
            let applied = history.apply(&mut doc, edit, "step");
            prop_assert!(applied.is_ok(), "{label}: {:?}", applied.err());
            before.push(text);
            // Every state reached by edits is a loadable file.
            let text = store::to_ron(&doc).expect("the model turns into text");
            prop_assert!(store::parse(&text, Path::new("step.ron")).is_ok());
        }
        prop_assert!(!before.is_empty() || steps.len() < 3, "edits were made");
        let edited = store::to_ron(&doc).expect("the model turns into text");
        for expected in before.iter().rev() {
            prop_assert!(history.undo(&mut doc).is_some());
            prop_assert_eq!(&store::to_ron(&doc).expect("the model turns into text"), expected);
        }
        prop_assert!(!history.can_undo());
        prop_assert_eq!(&store::to_ron(&doc).expect("the model turns into text"), &original);
        for _ in 0..before.len() {
            prop_assert!(history.redo(&mut doc).is_some());
        }
        prop_assert_eq!(store::to_ron(&doc).expect("the model turns into text"), edited);
    }
}

#[test]
fn history_keeps_a_thousand_steps_and_stays_dirty_past_them() {
    let mut doc = load_sample("shop");
    let mut h = History::default();
    h.mark_saved();
    for i in 0..1_005 {
        h.apply(
            &mut doc,
            Edit::SetInfo {
                name: format!("Name {i}"),
                description: String::new(),
            },
            "Rename",
        )
        .expect("edit");
    }
    let mut undone = 0;
    while h.undo(&mut doc).is_some() {
        undone += 1;
    }
    assert_eq!(undone, 1_000, "the history keeps 1,000 steps");
    assert_eq!(doc.name, "Name 4", "the oldest five are gone");
    assert!(
        h.is_dirty(),
        "the saved model is out of reach: still unsaved"
    );
    // Back within reach: saved, then an edit and its undo is clean again.
    h.mark_saved();
    h.apply(
        &mut doc,
        Edit::SetInfo {
            name: "Again".into(),
            description: String::new(),
        },
        "Rename",
    )
    .expect("edit");
    assert!(h.is_dirty());
    h.undo(&mut doc);
    assert!(!h.is_dirty());
}

#[test]
fn renaming_an_id_updates_every_reference_and_undo_restores_the_file() {
    let mut doc = load_sample("shop");
    // A saved position too, which must follow the id.
    let view = doc
        .views
        .iter()
        .position(|v| v.id == "shop-containers")
        .expect("view");
    doc.views[view]
        .positions
        .insert("order-db".into(), Point::new(40.0, 60.0));
    let before = store::to_ron(&doc).expect("text");
    let inverse = Edit::RenameId {
        from: "order-db".into(),
        to: "orders-store".into(),
    }
    .apply(&mut doc)
    .expect("rename");
    let after = store::to_ron(&doc).expect("text");
    assert!(
        !after.contains("\"order-db\""),
        "no reference to the old id is left"
    );
    assert!(doc.container("orders-store").is_some());
    assert!(
        doc.entities
            .iter()
            .filter(|e| e.store == "orders-store")
            .count()
            >= 2
    );
    assert_eq!(
        doc.views[view].positions.get("orders-store"),
        Some(&Point::new(40.0, 60.0))
    );
    // Still a valid model, and in the same order.
    store::parse(&after, Path::new("renamed.ron")).expect("loads");
    assert_eq!(after.replace("\"orders-store\"", "\"order-db\""), before);
    inverse.apply(&mut doc).expect("undo");
    assert_eq!(store::to_ron(&doc).expect("text"), before);
    // A taken or malformed id is refused, and nothing changes.
    for (to, want) in [
        ("order-service", "already taken"),
        ("Order DB", "not a valid id"),
    ] {
        let err = Edit::RenameId {
            from: "order-db".into(),
            to: to.into(),
        }
        .apply(&mut doc)
        .expect_err("refused");
        assert!(err.to_string().contains(want), "{err}");
    }
    assert_eq!(store::to_ron(&doc).expect("text"), before);
}

#[test]
fn an_edit_joined_to_the_last_step_is_undone_with_it() {
    let original = load_sample("shop");
    let mut doc = original.clone();
    let mut h = History::default();
    let mut service = doc.container("order-service").expect("sample").clone();
    service.name = "Orders".into();
    h.apply(
        &mut doc,
        Edit::Replace {
            item: Item::Container(service),
        },
        "Rename",
    )
    .expect("rename");
    let rename_id = || Edit::RenameId {
        from: "order-service".into(),
        to: "orders-backend".into(),
    };
    h.apply_into_last(&mut doc, rename_id(), "Rename id")
        .expect("joins");
    assert_eq!(
        doc.container("orders-backend").expect("renamed").name,
        "Orders"
    );
    assert_eq!(h.undo_label(), Some("Rename"), "one step");
    h.undo(&mut doc);
    assert_eq!(doc, original, "both undone");
    assert!(!h.can_undo());
    h.redo(&mut doc);
    assert!(doc.container("orders-backend").is_some(), "both redone");

    // The saved state is never changed behind the dirty flag: after a save
    // the joined edit is a step of its own.
    let mut doc = original.clone();
    let mut h = History::default();
    h.apply(
        &mut doc,
        Edit::SetInfo {
            name: "Shop 2".into(),
            description: String::new(),
        },
        "Rename model",
    )
    .expect("edit");
    h.mark_saved();
    h.apply_into_last(&mut doc, rename_id(), "Rename id")
        .expect("applies");
    assert!(h.is_dirty());
    assert_eq!(h.undo_label(), Some("Rename id"));
}
