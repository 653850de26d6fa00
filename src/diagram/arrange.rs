//! A view's layout problem in C4 terms, handed to [`crate::layout`]: which
//! boxes there are and how big, that people go on top, that a boundary
//! keeps its members together inside its frame, and that saved positions
//! are pinned. The layout itself knows nothing of C4.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use super::card::boundary_frame;
use super::contents::{NodeKind, ViewContents};
use super::theme::Theme;
use crate::geom::{Point, Size};
use crate::layout::{self, Graph, Group, Insets, Node};
use crate::model::Id;

/// The top-left corner of every node of a view, in scene units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Positions {
    pub nodes: BTreeMap<Id, Point>,
}

/// The size a node without a measured size counts as.
const DEFAULT_SIZE: Size = Size::new(200.0, 120.0);

/// What the layout of one view depends on, and nothing else: owned and
/// `Send`, so the editor can [`run`](Self::run) it on a worker thread, and
/// with a [`key`](Self::key) that changes whenever the result could.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutInput {
    /// The id of each node of [`Self::graph`], in the contents' order.
    ids: Vec<Id>,
    graph: Graph,
}

impl LayoutInput {
    /// The graph of `contents`: its nodes at `sizes` (200 × 120 when
    /// missing), people on top, each boundary a group framed as
    /// [`boundary_frame`] draws it, and the `saved` positions of the nodes
    /// shown pinned (positions of anything else are ignored).
    pub fn new(
        contents: &ViewContents,
        sizes: &BTreeMap<Id, Size>,
        saved: &BTreeMap<Id, Point>,
    ) -> Self {
        let ids: Vec<Id> = contents.nodes.iter().map(|n| n.id.clone()).collect();
        let index: HashMap<&str, usize> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let nodes = contents
            .nodes
            .iter()
            .map(|n| Node {
                size: sizes.get(&n.id).copied().unwrap_or(DEFAULT_SIZE),
                top: n.kind == NodeKind::Person,
            })
            .collect();
        let edges = contents
            .edges
            .iter()
            .filter_map(|e| Some((*index.get(e.from.as_str())?, *index.get(e.to.as_str())?)))
            .collect();
        // The layout reserves the room the C4 theme's frames take.
        let theme = Theme::C4;
        let groups = contents
            .boundaries
            .iter()
            .map(|b| {
                let frame = boundary_frame(b, &theme);
                Group {
                    members: b
                        .members
                        .iter()
                        .filter_map(|m| index.get(m.as_str()).copied())
                        .collect(),
                    insets: Insets {
                        left: frame.left,
                        top: frame.top,
                        right: frame.right,
                        bottom: frame.bottom,
                        min_width: frame.min_width,
                    },
                }
            })
            .collect();
        // In id order, so that the pins' mean offset sums in a stable order.
        let pinned = saved
            .iter()
            .filter_map(|(id, p)| Some((*index.get(id.as_str())?, *p)))
            .collect();
        Self {
            ids,
            graph: Graph {
                nodes,
                edges,
                groups,
                pinned,
            },
        }
    }

    /// Whether every node has a saved position, so running is instant.
    pub fn all_saved(&self) -> bool {
        self.graph.all_pinned()
    }

    /// A hash of everything the result depends on: the nodes, their sizes,
    /// the edges, the groups and the saved positions.
    pub fn key(&self) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.ids.hash(&mut h);
        let g = &self.graph;
        let bits = |v: f32, h: &mut std::collections::hash_map::DefaultHasher| {
            v.to_bits().hash(h);
        };
        for n in &g.nodes {
            bits(n.size.w, &mut h);
            bits(n.size.h, &mut h);
            n.top.hash(&mut h);
        }
        g.edges.hash(&mut h);
        for grp in &g.groups {
            grp.members.hash(&mut h);
            let i = &grp.insets;
            for v in [i.left, i.top, i.right, i.bottom, i.min_width] {
                bits(v, &mut h);
            }
        }
        for (i, p) in &g.pinned {
            i.hash(&mut h);
            bits(p.x, &mut h);
            bits(p.y, &mut h);
        }
        h.finish()
    }

    /// Places every node: saved positions win, the rest is laid out.
    pub fn run(&self) -> Positions {
        let mut placed = layout::arrange(&self.graph);
        // What the layout places sits on whole units, so that keeping it
        // (the first manual move in a view saves everything shown) writes
        // 359, not 358.94672; saved positions stay exactly as saved.
        let pinned: std::collections::HashSet<usize> =
            self.graph.pinned.iter().map(|(i, _)| *i).collect();
        for (i, p) in placed.iter_mut().enumerate() {
            if !pinned.contains(&i) {
                *p = Point::new(p.x.round(), p.y.round());
            }
        }
        Positions {
            nodes: self.ids.iter().cloned().zip(placed).collect(),
        }
    }
}

/// Places the nodes of `contents`: `saved` positions where given, the rest
/// by a layered layout that keeps each boundary's members together.
/// `sizes` are the node sizes ([`super::sizes`]).
pub fn layout(
    contents: &ViewContents,
    sizes: &BTreeMap<Id, Size>,
    saved: &BTreeMap<Id, Point>,
) -> Positions {
    LayoutInput::new(contents, sizes, saved).run()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::diagram::{ContentsLookup, Draft};
    use crate::model::Point;

    #[test]
    fn a_saved_position_moves_that_node_alone() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let doc = crate::store::load(&dir.join("shop.ron")).expect("sample");
        let lookup = ContentsLookup::new(&doc);
        for view in &doc.views {
            let draft = Draft::new(&lookup, view).expect("contents");
            let auto = draft.layout_input(&BTreeMap::new()).run();
            // One node saved far below everything: only it moves.
            let Some(first) = draft.contents.nodes.first() else {
                continue;
            };
            let to = Point::new(0.0, 1.0e6);
            let saved = BTreeMap::from([(first.id.clone(), to)]);
            let placed = draft.layout_input(&saved).run();
            assert_eq!(placed.nodes.get(&first.id), Some(&to), "{}", view.id);
            for (id, at) in &auto.nodes {
                if *id != first.id {
                    assert_eq!(placed.nodes.get(id), Some(at), "{}: {id} moved", view.id);
                }
            }
        }
    }
}
