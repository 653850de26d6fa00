//! Undo and redo on top of [`Edit`]s.
//!
//! Each step keeps the inverse of what was applied. Consecutive moves of the
//! same elements in the same view, while a gesture is under way, merge into
//! one step: a drag of ten boxes over sixty frames is one undo. History is
//! capped and never saved.

use super::{Document, Edit, EditError, Id};

/// One undoable step.
#[derive(Clone, Debug, PartialEq)]
struct Step {
    label: String,
    /// What undoes the step.
    inverse: Edit,
    /// Set while a gesture may still extend this step.
    merge_key: Option<String>,
}

/// The undo and redo stacks of one open document.
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    cap: usize,
    /// Changes since the last save; `None` when the saved state is no
    /// longer reachable by undo/redo.
    since_save: Option<i64>,
    /// Every edit applied to the document since [`History::take_applied`],
    /// in order (undo and redo too): what a copy of the document replays
    /// to stay the same (the editor's review thread).
    applied: Vec<Edit>,
}

impl Default for History {
    fn default() -> Self {
        Self::new(1000)
    }
}

impl History {
    /// A history that keeps at most `cap` undo steps.
    pub fn new(cap: usize) -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            cap: cap.max(1),
            since_save: Some(0),
            applied: Vec::new(),
        }
    }

    /// Applies `edit` to `doc` as a new undo step with this label.
    pub fn apply(
        &mut self,
        doc: &mut Document,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        let inverse = self.applying(doc, edit)?;
        self.push(label.into(), inverse, None);
        Ok(())
    }

    /// Applies an edit, keeping a copy of it for [`History::take_applied`].
    fn applying(&mut self, doc: &mut Document, edit: Edit) -> Result<Edit, EditError> {
        let inverse = edit.clone().apply(doc)?;
        self.applied.push(edit);
        Ok(inverse)
    }

    /// The edits applied since the last call, in order.
    pub fn take_applied(&mut self) -> Vec<Edit> {
        std::mem::take(&mut self.applied)
    }

    /// Applies a move that is part of a gesture (a drag): consecutive moves of
    /// the same elements in the same view become one step until
    /// [`History::end_gesture`].
    pub fn apply_move(
        &mut self,
        doc: &mut Document,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        let key = match &edit {
            Edit::Move { view, positions } => {
                let mut ids: Vec<&Id> = positions.iter().map(|(id, _)| id).collect();
                ids.sort();
                let ids: Vec<&str> = ids.into_iter().map(String::as_str).collect();
                Some(format!("move {view} {}", ids.join(" ")))
            }
            _ => None,
        };
        self.apply_merging(doc, edit, label, key)
    }

    /// Applies an edit that merges with the previous step when both carry
    /// the same `key` and no gesture ended in between: typing in one field
    /// of the inspector is one undo step, as a drag is.
    pub fn apply_merging(
        &mut self,
        doc: &mut Document,
        edit: Edit,
        label: impl Into<String>,
        key: Option<String>,
    ) -> Result<(), EditError> {
        let inverse = self.applying(doc, edit)?;
        if let (Some(key), Some(last)) = (&key, self.undo.last())
            && last.merge_key.as_ref() == Some(key)
            && self.redo.is_empty()
        {
            // The step already holds the state from before the gesture.
            return Ok(());
        }
        self.push(label.into(), inverse, key);
        Ok(())
    }

    /// Applies `edit` as part of the last step, so that one undo takes back
    /// both (a new element's id following the name it was given). A new
    /// step when there is none to join, when something was undone since, or
    /// when the last step is what was saved.
    pub fn apply_into_last(
        &mut self,
        doc: &mut Document,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        let joinable = self.redo.is_empty() && self.since_save != Some(0);
        match self.undo.last_mut() {
            Some(last) if joinable => {
                let applied = edit.clone();
                let inverse = edit.apply(doc)?;
                self.applied.push(applied);
                let before = std::mem::replace(&mut last.inverse, Edit::Batch(Vec::new()));
                last.inverse = Edit::Batch(vec![inverse, before]);
                Ok(())
            }
            _ => self.apply(doc, edit, label),
        }
    }

    /// Ends the current gesture: the next move starts a new step.
    pub fn end_gesture(&mut self) {
        if let Some(last) = self.undo.last_mut() {
            last.merge_key = None;
        }
    }

    fn push(&mut self, label: String, inverse: Edit, merge_key: Option<String>) {
        self.redo.clear();
        if let Some(n) = self.since_save {
            // The saved state was on the redo stack: it is gone now.
            self.since_save = if n < 0 { None } else { Some(n + 1) };
        }
        self.undo.push(Step {
            label,
            inverse,
            merge_key,
        });
        if self.undo.len() > self.cap {
            self.undo.remove(0);
        }
    }

    /// Undoes the last step; returns its label, or `None` when there is none.
    pub fn undo(&mut self, doc: &mut Document) -> Option<String> {
        let step = self.undo.pop()?;
        let applied = step.inverse.clone();
        match step.inverse.apply(doc) {
            Ok(redo) => {
                self.applied.push(applied);
                self.since_save = self.since_save.map(|n| n - 1);
                let label = step.label.clone();
                self.redo.push(Step {
                    label: step.label,
                    inverse: redo,
                    merge_key: None,
                });
                Some(label)
            }
            Err(_) => {
                // Cannot happen for inverses of applied edits; drop the history
                // rather than leave it inconsistent with the document.
                self.clear();
                None
            }
        }
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, doc: &mut Document) -> Option<String> {
        let step = self.redo.pop()?;
        let applied = step.inverse.clone();
        match step.inverse.apply(doc) {
            Ok(undo) => {
                self.applied.push(applied);
                self.since_save = self.since_save.map(|n| n + 1);
                let label = step.label.clone();
                self.undo.push(Step {
                    label: step.label,
                    inverse: undo,
                    merge_key: None,
                });
                Some(label)
            }
            Err(_) => {
                self.clear();
                None
            }
        }
    }

    /// The label of the step that undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step that redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets every step (after opening another document).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.since_save = None;
    }

    /// Records that the document as it is now was saved.
    pub fn mark_saved(&mut self) {
        self.since_save = Some(0);
        self.end_gesture();
    }

    /// Whether the document differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.since_save != Some(0)
    }
}
