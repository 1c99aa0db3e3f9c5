//! The peers' versions of the work `aws-query-xml` does, for the benchmarks
//! in `benches/parse.rs` and the equivalence test in `tests/equivalence.rs`.
//!
//! The inputs and `aws-query-xml`'s side of each work are the main crate's
//! `benches/common/` files, mounted here so that nothing is written twice.

#[path = "../../benches/common/inputs.rs"]
pub mod inputs;
#[path = "../../benches/common/ours.rs"]
pub mod ours;

pub mod floor;
pub mod quick_xml_serde;
pub mod roxmltree_dom;
pub mod smithy;
