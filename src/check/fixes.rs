//! Quick fixes: for the findings whose fix is obvious, the edit that makes
//! it, and for every review finding, the edit that accepts it with a reason.
//! The editor's problems panel offers them, each one undo step.

use super::{Finding, review_api, review_data};
use crate::model::{Accepted, Document, Edit, Id, Item, Sensitivity, TableIndex};

/// A fix for one finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the button says, e.g. "Add the index".
    pub label: &'static str,
    pub edit: Edit,
    /// Then edit this item's text in place (a placeholder to replace).
    pub then_rename: Option<Id>,
}

/// The button text of the fix a rule has, if it has one; cheap, for
/// deciding what to show.
pub fn fix_label(rule: &str) -> Option<&'static str> {
    Some(match rule {
        r if r == review_data::FK_WITHOUT_INDEX.id => "Add the index",
        r if r == review_data::UNMARKED_PERSONAL.id => "Mark personal",
        r if r == review_api::UNVERSIONED.id => "Version 1.0.0",
        r if r == review_api::UNPAGINATED_LIST.id => "Paginate",
        r if r == super::architecture::NO_DESCRIPTION.id => "Describe it",
        _ => return None,
    })
}

/// The fix of a finding, if it has an obvious one and its item is still
/// as the finding describes.
pub fn quick_fix(doc: &Document, f: &Finding) -> Option<Fix> {
    let label = fix_label(f.rule)?;
    let mut item = doc.item(&f.element)?.to_owned();
    let mut then_rename = None;
    let changed = match &mut item {
        Item::Entity(e) if f.rule == review_data::FK_WITHOUT_INDEX.id => {
            let columns = e
                .foreign_keys
                .iter()
                .find(|fk| fk.columns.join(",") == f.part)?
                .columns
                .clone();
            e.indexes.push(TableIndex {
                name: None,
                columns,
                unique: false,
                predicate: None,
            });
            true
        }
        Item::Entity(e) if f.rule == review_data::UNMARKED_PERSONAL.id => {
            let field = e.fields.iter_mut().find(|x| x.name == f.part)?;
            field.sensitivity = Sensitivity::Personal;
            true
        }
        Item::Api(a) if f.rule == review_api::UNVERSIONED.id => {
            a.version = "1.0.0".into();
            true
        }
        Item::Api(a) if f.rule == review_api::UNPAGINATED_LIST.id => {
            let ep = a.endpoints.iter_mut().find(|e| e.operation_id == f.part)?;
            ep.paginated = true;
            true
        }
        Item::Relationship(r) if f.rule == super::architecture::NO_DESCRIPTION.id => {
            r.description = "Uses".into();
            then_rename = Some(r.id.clone());
            true
        }
        _ => false,
    };
    changed.then_some(Fix {
        label,
        edit: Edit::Replace { item },
        then_rename,
    })
}

/// The edit that accepts a review finding on its item, with a reason (on
/// the endpoint, for a finding about one); none for a structural finding,
/// one already accepted, or an empty reason.
pub fn accept(doc: &Document, f: &Finding, reason: &str) -> Option<Edit> {
    let reason = reason.trim();
    if reason.is_empty()
        || f.accepted.is_some()
        || super::rule(f.rule).is_none_or(super::Rule::is_structural)
    {
        return None;
    }
    let mark = Accepted {
        rule: f.rule.to_owned(),
        reason: reason.to_owned(),
    };
    let mut item = doc.item(&f.element)?.to_owned();
    let marks = match &mut item {
        Item::Api(a) if a.endpoints.iter().any(|e| e.operation_id == f.part) => {
            let ep = a.endpoints.iter_mut().find(|e| e.operation_id == f.part)?;
            &mut ep.accepted
        }
        item => item.accepted_mut()?,
    };
    marks.push(mark);
    Some(Edit::Replace { item })
}
