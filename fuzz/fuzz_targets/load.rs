//! The graph loader on arbitrary bytes: a dataset or an error, never a
//! panic; every error renders, as text and as data.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relgraph::Error;
use relgraph::graph::RelGraph;
use relgraph::model::load::parse;

fuzz_target!(|data: &[u8]| {
    match parse("fuzz.json", data) {
        Ok(dataset) => {
            let _ = dataset.warnings.render();
            let _ = RelGraph::new(dataset);
        }
        Err(Error::Invalid(diagnostics)) => {
            let _ = diagnostics.render();
            let _ = diagnostics.located();
        }
        Err(other) => panic!("loading bytes failed with {other}"),
    }
});
