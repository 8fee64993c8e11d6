//! The CAMEO event root codes (GDELT's `EventRootCode`, 01 to 20) with
//! their names in the CAMEO codebook, and the QuadClass each belongs to:
//! relgraph's own table, compiled from the root codes of GDELT's CAMEO
//! event code list (<http://gdeltproject.org/data/lookups/CAMEO.eventcodes.txt>;
//! the codebook: <http://data.gdeltproject.org/documentation/CAMEO.Manual.1.1b3.pdf>).
//!
//! QuadClass sorts every code into four classes: 1 verbal cooperation
//! (roots 01 to 05), 2 material cooperation (06 to 09), 3 verbal conflict
//! (10 to 14), 4 material conflict (15 to 20). Classes 1 and 2 make
//! cooperative relation types, 3 and 4 hostile ones.

use crate::model::Polarity;

/// One CAMEO root code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Root {
    /// The code, 1 to 20 (written `01` to `20`).
    pub code: u8,
    /// Its name in the codebook (`EXHIBIT FORCE POSTURE`).
    pub name: &'static str,
    /// Its QuadClass, 1 to 4.
    pub quad_class: u8,
}

impl Root {
    /// The relation type id: `cameo_15`.
    pub fn type_id(&self) -> String {
        format!("cameo_{:02}", self.code)
    }

    /// The codebook name in sentence case, the relation type's label:
    /// `Exhibit force posture`.
    pub fn label(&self) -> String {
        let lower = self.name.to_lowercase();
        let mut chars = lower.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }

    /// Cooperative for QuadClass 1 and 2, hostile for 3 and 4.
    pub fn polarity(&self) -> Polarity {
        polarity_of(self.quad_class)
    }
}

/// Cooperative for QuadClass 1 and 2, hostile for 3 and 4 (and neutral for
/// anything else, which no root code has).
pub fn polarity_of(quad_class: u8) -> Polarity {
    match quad_class {
        1 | 2 => Polarity::Cooperative,
        3 | 4 => Polarity::Hostile,
        _ => Polarity::Neutral,
    }
}

/// What a QuadClass is called: `material conflict`.
pub fn quad_class_name(quad_class: u8) -> &'static str {
    match quad_class {
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => "no QuadClass",
    }
}

/// Root code `code` (1 to 20), if there is one.
///
/// ```
/// use relgraph::model::read::gdelt::cameo::root;
/// let force = root(15).unwrap();
/// assert_eq!(force.type_id(), "cameo_15");
/// assert_eq!(force.label(), "Exhibit force posture");
/// assert!(root(21).is_none());
/// ```
pub fn root(code: u8) -> Option<&'static Root> {
    ROOTS.get(usize::from(code).checked_sub(1)?)
}

/// A root code written `15`, `01`, `1` or `cameo_15`: the values of
/// `--root-codes`.
///
/// ```
/// use relgraph::model::read::gdelt::cameo::parse_root;
/// assert_eq!(parse_root("04"), Ok(4));
/// assert_eq!(parse_root("cameo_15"), Ok(15));
/// assert!(parse_root("21").is_err());
/// ```
pub fn parse_root(text: &str) -> Result<u8, String> {
    let text = text.trim();
    let digits = text
        .strip_prefix("cameo_")
        .or_else(|| text.strip_prefix("CAMEO_"))
        .unwrap_or(text);
    digits
        .parse::<u8>()
        .ok()
        .filter(|_| digits.len() <= 2)
        .and_then(root)
        .map(|root| root.code)
        .ok_or_else(|| {
            format!(
                "'{text}' is not a CAMEO root code: give 01 to 20 (15 is EXHIBIT FORCE POSTURE)"
            )
        })
}

const fn r(code: u8, name: &'static str, quad_class: u8) -> Root {
    Root {
        code,
        name,
        quad_class,
    }
}

/// The twenty root codes, in order.
pub const ROOTS: [Root; 20] = [
    r(1, "MAKE PUBLIC STATEMENT", 1),
    r(2, "APPEAL", 1),
    r(3, "EXPRESS INTENT TO COOPERATE", 1),
    r(4, "CONSULT", 1),
    r(5, "ENGAGE IN DIPLOMATIC COOPERATION", 1),
    r(6, "ENGAGE IN MATERIAL COOPERATION", 2),
    r(7, "PROVIDE AID", 2),
    r(8, "YIELD", 2),
    r(9, "INVESTIGATE", 2),
    r(10, "DEMAND", 3),
    r(11, "DISAPPROVE", 3),
    r(12, "REJECT", 3),
    r(13, "THREATEN", 3),
    r(14, "PROTEST", 3),
    r(15, "EXHIBIT FORCE POSTURE", 4),
    r(16, "REDUCE RELATIONS", 4),
    r(17, "COERCE", 4),
    r(18, "ASSAULT", 4),
    r(19, "FIGHT", 4),
    r(20, "USE UNCONVENTIONAL MASS VIOLENCE", 4),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_in_order_and_classes_follow_the_codebook() {
        for (at, root) in ROOTS.iter().enumerate() {
            assert_eq!(usize::from(root.code), at + 1);
            let expected = match root.code {
                1..=5 => 1,
                6..=9 => 2,
                10..=14 => 3,
                _ => 4,
            };
            assert_eq!(root.quad_class, expected, "{}", root.code);
        }
        assert_eq!(root(0), None);
        assert_eq!(root(9).unwrap().polarity(), Polarity::Cooperative);
        assert_eq!(root(10).unwrap().polarity(), Polarity::Hostile);
    }
}
