//! The partial-date parser: what parses prints back the same and stands for
//! a period that starts no later than it ends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relgraph::model::PartialDate;

fuzz_target!(|text: &str| {
    if let Ok(date) = text.parse::<PartialDate>() {
        let printed = date.to_string();
        assert_eq!(printed.parse::<PartialDate>(), Ok(date), "{text:?}");
        assert_eq!(printed, text, "a date parses only from its own form");
        assert!(date.start() <= date.end(), "{text:?}");
    }
});
