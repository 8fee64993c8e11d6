//! Which relations a command looks at: by type, polarity and date.

use crate::model::{Dataset, PartialDate, Polarity, RelationIx, TypeIx};

/// A predicate on relations, built once from the command line.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Keep only these relation types; all when empty.
    pub types: Vec<TypeIx>,
    /// Keep only relations of this polarity.
    pub polarity: Option<Polarity>,
    /// Keep only relations active at some point during this period.
    pub as_of: Option<PartialDate>,
}

impl Filter {
    /// Whether relation `index` passes.
    pub fn admits(&self, data: &Dataset, index: RelationIx) -> bool {
        let link = data.link(index);
        if !self.types.is_empty() && !self.types.contains(&link.relation_type) {
            return false;
        }
        if let Some(polarity) = self.polarity
            && data.type_at(link.relation_type).polarity != polarity
        {
            return false;
        }
        match self.as_of {
            Some(period) => active_during(link.since, link.period_end(), period),
            None => true,
        }
    }

    /// The relations this filter admits, in file order.
    pub fn admitted<'d>(&'d self, data: &'d Dataset) -> impl Iterator<Item = RelationIx> + 'd {
        data.relation_indices().filter(|&i| self.admits(data, i))
    }

    /// Whether any criterion is set.
    pub fn is_active(&self) -> bool {
        !self.types.is_empty() || self.polarity.is_some() || self.as_of.is_some()
    }
}

/// Whether a relation from `since` to `until` overlaps `period`.
///
/// A relation without `since` is active from the start of time; one without
/// `until` is ongoing.
///
/// ```
/// use relgraph::graph::filter::active_during;
///
/// let date = |text: &str| text.parse().ok();
/// // Sanctions from February 2022, still in force, were active during 2022.
/// assert!(active_during(date("2022-02"), None, "2022".parse().unwrap()));
/// // ...but not during 2021.
/// assert!(!active_during(date("2022-02"), None, "2021".parse().unwrap()));
/// ```
pub fn active_during(
    since: Option<PartialDate>,
    until: Option<PartialDate>,
    period: PartialDate,
) -> bool {
    let started = since.is_none_or(|s| s.start() <= period.end());
    let not_ended = until.is_none_or(|u| u.end() >= period.start());
    started && not_ended
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn as_of_keeps_relations_overlapping_the_period() {
        let since = Some(date("2022-02"));
        let until = Some(date("2023"));
        assert!(active_during(since, until, date("2022")));
        assert!(active_during(since, until, date("2022-02-28")));
        assert!(active_during(since, until, date("2023-12-31")));
        assert!(!active_during(since, until, date("2022-01")));
        assert!(!active_during(since, until, date("2024")));
        assert!(active_during(None, None, date("1900")));
        assert!(active_during(None, until, date("1900")));
        assert!(!active_during(since, None, date("2021")));
    }

    #[test]
    fn filters_combine() {
        let g = small();
        let kept =
            |filter: &Filter| -> Vec<u32> { filter.admitted(&g.data).map(|i| i.0).collect() };
        assert_eq!(kept(&Filter::default()), [0, 1, 2]);
        let cooperative = Filter {
            polarity: Some(Polarity::Cooperative),
            ..Filter::default()
        };
        assert_eq!(kept(&cooperative), [0, 2]);
        let sanctions = Filter {
            types: vec![TypeIx(1)],
            ..Filter::default()
        };
        assert_eq!(kept(&sanctions), [1]);
        let in_2019 = Filter {
            as_of: Some(date("2019")),
            ..Filter::default()
        };
        assert_eq!(kept(&in_2019), [2]);
    }
}
