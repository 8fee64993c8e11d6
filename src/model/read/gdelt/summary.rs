//! What an import says at its end: rows read, kept, dropped by each guard
//! and malformed, and what was written.

use super::filter::Guard;
use super::{Options, Tally};
use crate::diagnostic::plural;

/// The summary of an import, one fact a line, with a final line break;
/// `out` names the file written, `None` when nothing was.
///
/// ```text
/// read:      2271 rows from 1 file
///            2271 GDELT 2.0
///            0 malformed (skipped)
/// dropped:   1177 not root events (--all-events keeps them)
/// …
/// ```
pub fn summary(tally: &Tally, options: &Options, out: Option<&str>) -> String {
    let mut lines = Lines::default();
    lines.fact(
        "read",
        format!(
            "{} from {}",
            plural(tally.rows_read() as usize, "row"),
            plural(tally.files, "file")
        ),
    );
    let [v1_old, v1, v2, _] = tally.rows;
    if v1_old + v1 > 0 {
        lines.more(format!(
            "{} GDELT 1.0 ({v1_old} of them without SOURCEURL)",
            v1_old + v1
        ));
    }
    if v2 > 0 || v1_old + v1 == 0 {
        lines.more(format!("{v2} GDELT 2.0"));
    }
    lines.more(format!("{} malformed (skipped)", tally.malformed));
    dropped(&mut lines, tally, options);
    lines.fact("kept", plural(tally.kept as usize, "event"));
    let written = &tally.written;
    lines.more(format!(
        "{} of them in {} with fewer than {} (--min-sources)",
        written.thin_events,
        plural(written.thin_relations as usize, "relation"),
        plural(options.min_sources as usize, "source")
    ));
    let what = match out {
        Some(out) => format!(
            "{out}: {} ({}), {} ({}, {}), {}, {}",
            plural(written.relations, "relation"),
            plural(written.events as usize, "event"),
            counted(written.countries + written.groups, "entity", "entities"),
            counted(written.countries, "country", "countries"),
            plural(written.groups, "group"),
            plural(written.types, "relation type"),
            plural(written.sources, "source"),
        ),
        None => "nothing".to_owned(),
    };
    lines.fact("wrote", what);
    lines.text
}

/// `1 entity`, `2 entities`.
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// One line per guard (the filters only when asked for).
fn dropped(lines: &mut Lines, tally: &Tally, options: &Options) {
    let root = if options.all_events {
        "not root events (none: --all-events keeps them)"
    } else {
        "not root events (--all-events keeps them)"
    };
    let mut first = true;
    for guard in Guard::ALL {
        let what = match guard {
            Guard::NotRoot => root,
            Guard::NoCountry => "without a country for both actors",
            Guard::SelfDyad => "between a country and itself",
            Guard::Countries if options.countries.is_some() => "outside --countries",
            Guard::RootCodes if options.root_codes.is_some() => "outside --root-codes",
            Guard::Dates if options.from.is_some() || options.to.is_some() => "outside --from/--to",
            _ => continue,
        };
        let line = format!("{} {what}", tally.dropped_by(guard));
        if std::mem::take(&mut first) {
            lines.fact("dropped", line);
        } else {
            lines.more(line);
        }
    }
    lines.more(format!(
        "{} repeated GLOBALEVENTIDs (each event counts once)",
        tally.duplicates
    ));
}

/// Lines of `label: fact`, with further facts aligned under the first.
#[derive(Default)]
struct Lines {
    text: String,
}

const WIDTH: usize = 11;

impl Lines {
    fn fact(&mut self, label: &str, fact: String) {
        let label = format!("{label}:");
        self.text.push_str(&format!("{label:WIDTH$}{fact}\n"));
    }

    fn more(&mut self, fact: String) {
        self.text.push_str(&format!("{:WIDTH$}{fact}\n", ""));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read::gdelt::build::Written;

    #[test]
    fn every_count_is_said() {
        let tally = Tally {
            files: 1,
            rows: [0, 0, 10, 2],
            malformed: 2,
            dropped: [3, 2, 1, 0, 0, 0],
            duplicates: 1,
            kept: 3,
            written: Written {
                countries: 2,
                groups: 1,
                relations: 2,
                types: 2,
                sources: 1,
                thin_relations: 1,
                thin_events: 1,
                events: 2,
            },
        };
        let text = summary(&tally, &Options::default(), Some("g.json"));
        assert_eq!(
            text,
            "read:      12 rows from 1 file\n\
             \x20          10 GDELT 2.0\n\
             \x20          2 malformed (skipped)\n\
             dropped:   3 not root events (--all-events keeps them)\n\
             \x20          2 without a country for both actors\n\
             \x20          1 between a country and itself\n\
             \x20          1 repeated GLOBALEVENTIDs (each event counts once)\n\
             kept:      3 events\n\
             \x20          1 of them in 1 relation with fewer than 1 source (--min-sources)\n\
             wrote:     g.json: 2 relations (2 events), 3 entities (2 countries, 1 group), 2 relation types, 1 source\n"
        );
        let filtered = Options {
            root_codes: Some(vec![15]),
            ..Options::default()
        };
        let text = summary(&tally, &filtered, None);
        assert!(text.contains("0 outside --root-codes\n"), "{text}");
        assert!(!text.contains("--countries"), "{text}");
        assert!(text.ends_with("wrote:     nothing\n"), "{text}");
    }
}
