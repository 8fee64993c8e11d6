//! Whole imports of small synthetic files: versions, guards across files,
//! malformed rows with their lines, refusal of other files, gzip, and the
//! same output whatever the number of threads.

use std::io::Write;
use std::path::PathBuf;

use super::row::tests::{row_of, row_v2};
use super::stream::CHUNK;
use super::*;
use crate::model::load::load_from;

/// Writes each file's rows (one per line) into a fresh folder.
fn files(contents: &[(&str, Vec<String>)]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let paths = contents
        .iter()
        .map(|(name, rows)| {
            let path = dir.path().join(name);
            std::fs::write(&path, rows.join("\n") + "\n").unwrap();
            path
        })
        .collect();
    (dir, paths)
}

fn imported(paths: &[PathBuf], options: &Options) -> (Document, Imported) {
    import(paths, options, None).unwrap()
}

#[test]
fn rows_of_every_version_are_read() {
    let rows = vec![
        row_of(57, &[(0, "1")]),
        row_of(58, &[(0, "2"), (17, "CHN")]),
        row_v2(&[(0, "3"), (17, "PRK")]),
    ];
    let (_dir, paths) = files(&[("mixed.CSV", rows)]);
    let (doc, imported) = imported(&paths, &Options::default());
    assert_eq!(imported.tally.rows, [1, 1, 1, 0]);
    assert_eq!(imported.tally.kept, 3);
    assert_eq!(doc.relations.len(), 3);
    assert_eq!(
        doc.sources[0].title,
        "GDELT 1.0 and 2.0 event export mixed.CSV"
    );
    let quotes: Vec<&str> = doc
        .relations
        .iter()
        .map(|r| r.evidence[0].quote.as_str())
        .collect();
    assert_eq!(
        quotes,
        [
            "http://example.com/a (GLOBALEVENTID 2)",
            "http://example.com/a (GLOBALEVENTID 3)",
            "GLOBALEVENTID 1 (the row has no SOURCEURL)",
        ]
    );
}

#[test]
fn an_event_in_two_files_counts_once_and_is_cited_from_the_first() {
    let (_dir, paths) = files(&[
        ("a.CSV", vec![row_v2(&[(0, "7")])]),
        ("b.CSV", vec![row_v2(&[(0, "7")]), row_v2(&[(0, "8")])]),
    ]);
    let (doc, imported) = imported(&paths, &Options::default());
    assert_eq!((imported.tally.kept, imported.tally.duplicates), (2, 1));
    let relation = &doc.relations[0];
    assert_eq!(relation.weight, Some(2.0));
    assert_eq!(relation.evidence.len(), 1, "one distinct SOURCEURL");
    assert_eq!(relation.evidence[0].source, "gdelt-a_CSV");
    assert_eq!(doc.sources.len(), 2);
}

#[test]
fn malformed_rows_are_placed_by_file_and_line_and_skipped() {
    let (_dir, paths) = files(&[
        (
            "a.CSV",
            vec![row_v2(&[]), String::new(), row_v2(&[(1, "2015-02-18")])],
        ),
        ("b.CSV", vec!["a\tb".to_owned(), row_v2(&[(0, "2")])]),
    ]);
    let (doc, imported) = imported(&paths, &Options::default());
    assert_eq!(imported.tally.malformed, 2);
    assert_eq!(imported.tally.kept, 2);
    assert_eq!(doc.relations.len(), 1);
    let places: Vec<(String, usize, Option<usize>)> = imported
        .malformed
        .iter()
        .map(|p| match &p.place {
            Place::Line { file, line, field } => (file.clone(), *line, *field),
            other => panic!("{other:?}"),
        })
        .collect();
    let name = |n: usize| paths[n].display().to_string();
    assert_eq!(places, [(name(0), 3, Some(2)), (name(1), 1, None)]);
    assert!(
        imported.malformed[0]
            .message
            .starts_with("SQLDATE '2015-02-18'")
    );
    assert!(
        imported
            .malformed
            .iter()
            .all(|p| p.severity == Severity::Warning)
    );
}

/// About `rows` rows of 61 fields, each a distinct event; those at the
/// given line numbers are malformed.
fn big_file(rows: usize, bad_lines: &[usize]) -> Vec<String> {
    let codes = ["RUS", "UKR", "USA", "CHN", "PRK", "KOR", "JPN", "DEU"];
    (1..=rows)
        .map(|line| {
            if bad_lines.contains(&line) {
                return format!("bad line {line}");
            }
            let id = line.to_string();
            let day = format!("2015{:02}{:02}", line % 12 + 1, line % 28 + 1);
            let url = format!("http://example.com/{}", line % 97);
            let pad = "x".repeat(200);
            row_v2(&[
                (0, &id),
                (1, &day),
                (7, codes[line % 8]),
                (
                    17,
                    codes[(line / 8) % 7 + 1 - usize::from((line / 8) % 7 + 1 == line % 8)],
                ),
                (25, if line % 3 == 0 { "0" } else { "1" }),
                (30, "-7.2"),
                (40, &pad),
                (60, &url),
            ])
        })
        .collect()
}

#[test]
fn line_numbers_stay_true_across_chunks() {
    let rows = big_file(30_000, &[3, 29_999]);
    let bytes: usize = rows.iter().map(|r| r.len() + 1).sum();
    assert!(bytes > 2 * CHUNK, "{bytes} bytes make more than two chunks");
    let (_dir, paths) = files(&[("big.CSV", rows)]);
    let (_, imported) = imported(&paths, &Options::default());
    let lines: Vec<usize> = imported
        .malformed
        .iter()
        .map(|p| match p.place {
            Place::Line { line, .. } => line,
            _ => 0,
        })
        .collect();
    assert_eq!(lines, [3, 29_999]);
    assert_eq!(imported.tally.rows_read(), 30_000);
}

#[test]
fn the_output_is_the_same_whatever_the_number_of_threads() {
    let (_dir, paths) = files(&[("big.CSV", big_file(30_000, &[]))]);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let (doc, imported) = pool.install(|| imported(&paths, &Options::default()));
        (serde_json::to_string(&doc).unwrap(), imported)
    };
    let (one, one_tally) = run(1);
    let (three, three_tally) = run(3);
    assert_eq!(one_tally, three_tally);
    assert!(one == three, "the documents differ");
    assert!(one_tally.tally.written.relations > 20);
}

#[test]
fn gzip_gives_the_same_graph() {
    let rows = big_file(3_000, &[10]);
    let (dir, paths) = files(&[("rows.CSV", rows.clone())]);
    std::fs::create_dir(dir.path().join("gzip")).unwrap();
    let gzipped = dir.path().join("gzip/rows.CSV");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder
        .write_all((rows.join("\n") + "\n").as_bytes())
        .unwrap();
    std::fs::write(&gzipped, encoder.finish().unwrap()).unwrap();
    let (plain, plain_imported) = imported(&paths, &Options::default());
    let (zipped, zipped_imported) = imported(&[gzipped], &Options::default());
    assert_eq!(plain_imported.tally, zipped_imported.tally);
    let json = |doc: &Document| serde_json::to_string(doc).unwrap();
    assert!(json(&plain) == json(&zipped), "the documents differ");
}

#[test]
fn files_that_are_not_gdelt_are_refused_by_name() {
    let (_dir, paths) = files(&[
        ("good.CSV", vec![row_v2(&[])]),
        (
            "graph.json",
            vec!["{\"title\": \"t\",".to_owned(), "}".to_owned()],
        ),
    ]);
    match import(&paths, &Options::default(), None) {
        Err(Error::NotGdelt { path, reason }) => {
            assert_eq!(path, paths[1]);
            assert!(reason.contains("JSON"), "{reason}");
        }
        other => panic!("{:?}", other.map(|_| ())),
    }
}

#[test]
fn relations_with_too_few_sources_are_left_out() {
    let (_dir, paths) = files(&[(
        "a.CSV",
        vec![
            row_v2(&[(0, "1"), (32, "1")]),
            row_v2(&[(0, "2"), (32, "2")]),
            row_v2(&[(0, "3"), (17, "USA"), (32, "2")]),
        ],
    )]);
    let options = Options {
        min_sources: 3,
        ..Options::default()
    };
    let (doc, imported) = imported(&paths, &options);
    let ids: Vec<&str> = doc.relations.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["RUS-UKR-cameo_15-2015-02"]);
    let written = imported.tally.written;
    assert_eq!((written.thin_relations, written.thin_events), (1, 1));
    assert_eq!(written.events, 2);
    assert_eq!(
        doc.relations[0].label.as_deref(),
        Some("2 events, 20 mentions, 3 sources, 2015-02")
    );
}

#[test]
fn goldstein_weights_and_yearly_periods() {
    let (_dir, paths) = files(&[(
        "a.CSV",
        vec![
            row_v2(&[(0, "1"), (1, "20150110"), (30, "-7.2")]),
            row_v2(&[(0, "2"), (1, "20151220"), (30, "-9.0")]),
        ],
    )]);
    let options = Options {
        weight: Weighting::Goldstein,
        period: Period::Year,
        ..Options::default()
    };
    let (doc, _) = imported(&paths, &options);
    let relation = &doc.relations[0];
    assert_eq!(relation.id, "RUS-UKR-cameo_15-2015");
    assert_eq!(relation.weight, Some(8.1));
    assert_eq!(
        (relation.since.as_deref(), relation.until.as_deref()),
        (Some("2015-01-10"), Some("2015-12-20"))
    );
    assert_eq!(
        relation.label.as_deref(),
        Some("2 events, mean Goldstein -8.10, 20 mentions, 4 sources, 2015")
    );
}

#[test]
fn the_reader_yields_a_valid_graph_and_its_counts() {
    let (_dir, paths) = files(&[("a.CSV", big_file(500, &[]))]);
    let options = Options::default();
    let reader = GdeltReader::new(&paths, &options);
    let dataset = load_from(&reader).unwrap();
    assert!(dataset.warnings.is_empty());
    let imported = reader.imported().unwrap();
    assert_eq!(dataset.records.len(), imported.tally.written.relations);
    let events: f64 = dataset.links.iter().map(|l| l.weight).sum();
    assert_eq!(events as u64, imported.tally.written.events);
}
