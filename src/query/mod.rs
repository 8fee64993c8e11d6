//! Questions asked of the graph. Each query is a function from the graph and
//! a [`Filter`](crate::graph::Filter) to a plain result that derives
//! `Serialize` and describes itself as rows ([`crate::listing`]); printing is
//! left to the export layer.

pub mod diagram;
pub mod entities;
pub mod partners;
pub mod relations;
pub mod selection;
pub mod summary;
pub mod validation;
pub mod verify;
