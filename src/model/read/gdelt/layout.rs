//! Where each field relgraph reads is in a GDELT event row, by version.
//!
//! A GDELT event export is tab-separated, one event per line, without a
//! header. The version is told by the number of fields on each line, as the
//! GDELT Event Codebook V2.0 describes them
//! (<http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf>):
//!
//! | fields | version | what differs |
//! |---|---|---|
//! | 57 | GDELT 1.0, daily files before April 2013 | no `SOURCEURL` |
//! | 58 | GDELT 1.0, daily files from April 2013 | `SOURCEURL` last |
//! | 61 | GDELT 2.0, 15-minute files from February 2015 | each of the three geographies has an `ADM2Code` more |
//!
//! The fields relgraph reads, 0-based (the first 35 fields are the same in
//! both versions; only the last two move):
//!
//! | field | index | used for |
//! |---|---|---|
//! | `GLOBALEVENTID` | 0 | counting each event once; evidence |
//! | `SQLDATE` | 1 | the event's day (YYYYMMDD): period, `since`, `until`, `--from`/`--to` |
//! | `Actor1CountryCode` | 7 | the relation's source |
//! | `Actor2CountryCode` | 17 | the relation's target |
//! | `IsRootEvent` | 25 | root events only, unless `--all-events` |
//! | `EventRootCode` | 28 | the relation type (`cameo_01` to `cameo_20`) |
//! | `QuadClass` | 29 | checked against the root code (it decides the polarity) |
//! | `GoldsteinScale` | 30 | `--weight goldstein` |
//! | `NumMentions` | 31 | the label |
//! | `NumSources` | 32 | the label and `--min-sources` |
//! | `DATEADDED` | 56 (1.0), 59 (2.0) | the `published` date of the file's source entry |
//! | `SOURCEURL` | 57 (1.0, 58 fields), 60 (2.0) | evidence |

/// The GDELT Event Codebook, which documents every field.
pub const CODEBOOK: &str =
    "http://data.gdeltproject.org/documentation/GDELT-Event_Codebook-V2.0.pdf";

/// `GLOBALEVENTID`: the event's unique number.
pub const GLOBALEVENTID: usize = 0;
/// `SQLDATE`: the day of the event, YYYYMMDD.
pub const SQLDATE: usize = 1;
/// `Actor1CountryCode`: CAMEO country code of the first actor.
pub const ACTOR1_COUNTRY: usize = 7;
/// `Actor2CountryCode`: CAMEO country code of the second actor.
pub const ACTOR2_COUNTRY: usize = 17;
/// `IsRootEvent`: 1 when the event is in an article's lead paragraph.
pub const IS_ROOT_EVENT: usize = 25;
/// `EventRootCode`: the CAMEO root code, 01 to 20.
pub const EVENT_ROOT_CODE: usize = 28;
/// `QuadClass`: 1 to 4.
pub const QUAD_CLASS: usize = 29;
/// `GoldsteinScale`: -10 to 10.
pub const GOLDSTEIN_SCALE: usize = 30;
/// `NumMentions`: mentions of the event in the 15 minutes it was first seen.
pub const NUM_MENTIONS: usize = 31;
/// `NumSources`: sources that mentioned it then.
pub const NUM_SOURCES: usize = 32;

/// A GDELT version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Version {
    /// GDELT 1.0 (57 or 58 fields).
    V1,
    /// GDELT 2.0 (61 fields).
    V2,
}

impl Version {
    /// `GDELT 1.0` or `GDELT 2.0`.
    pub fn name(self) -> &'static str {
        match self {
            Version::V1 => "GDELT 1.0",
            Version::V2 => "GDELT 2.0",
        }
    }
}

/// The layout of a row with a given number of fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The version.
    pub version: Version,
    /// How many fields.
    pub fields: usize,
    /// Index of `DATEADDED`.
    pub date_added: usize,
    /// Index of `SOURCEURL`, when rows have it.
    pub source_url: Option<usize>,
}

impl Layout {
    /// The layout of a row of `fields` fields, if it is a GDELT one.
    ///
    /// ```
    /// use relgraph::model::read::gdelt::layout::{Layout, Version};
    /// assert_eq!(Layout::of(61).unwrap().source_url, Some(60));
    /// assert_eq!(Layout::of(57).unwrap().version, Version::V1);
    /// assert!(Layout::of(59).is_none());
    /// ```
    pub fn of(fields: usize) -> Option<Layout> {
        let (version, date_added, source_url) = match fields {
            57 => (Version::V1, 56, None),
            58 => (Version::V1, 56, Some(57)),
            61 => (Version::V2, 59, Some(60)),
            _ => return None,
        };
        Some(Layout {
            version,
            fields,
            date_added,
            source_url,
        })
    }
}
