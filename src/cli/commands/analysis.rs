//! The analysis commands: `path`, `balance`, `timeline`, `rank`, `blocs`,
//! `diff`, `stats`. Each checks its options into a config, computes its
//! answer, and prints it; an empty answer is an error saying so.

use crate::analysis::balance::balance;
use crate::analysis::blocs::blocs;
use crate::analysis::diff::diff;
use crate::analysis::path::{PathOptions, shortest_paths};
use crate::analysis::rank::betweenness::{DEFAULT_SEED, betweenness_sampled};
use crate::analysis::rank::scores::{Metric, Ranking, rank, ranked};
use crate::analysis::stats::stats;
use crate::analysis::ties::PartnerGraph;
use crate::analysis::timeline::timeline;
use crate::cli::args::{
    BalanceArgs, BlocsArgs, DiffArgs, PathArgs, QueryArgs, RankArgs, StatsArgs, TimelineArgs,
};
use crate::cli::output::print_listing;
use crate::cli::session::{Globals, Session};
use crate::diagnostic::plural;
use crate::error::{Error, Usage};
use crate::graph::{Filter, RelGraph};
use crate::listing::Listing;
use crate::model::{EntityIx, PartialDate};

/// Loads the graph, builds the filter `query` asks for, computes the answer
/// with it and prints it in the format `query` asks for.
fn answer<L: Listing + 'static>(
    globals: &Globals,
    query: &QueryArgs,
    compute: impl FnOnce(&Session, &Filter) -> Result<L, Error>,
    nothing: &str,
) -> Result<(), Error> {
    answer_from(&globals.load(false)?, query, compute, nothing)
}

/// [`answer`] from a graph already loaded.
fn answer_from<L: Listing + 'static>(
    session: &Session,
    query: &QueryArgs,
    compute: impl FnOnce(&Session, &Filter) -> Result<L, Error>,
    nothing: &str,
) -> Result<(), Error> {
    let filter = session.filter(&query.filter)?;
    let found = compute(session, &filter)?;
    print_listing(&found, query.output.format, || nothing.to_owned())
}

/// What `path` was asked.
pub struct PathConfig {
    /// Where it starts.
    pub from: EntityIx,
    /// Where it ends.
    pub to: EntityIx,
    /// How to search.
    pub options: PathOptions,
}

impl PathConfig {
    /// Checks the options of `path` against the graph.
    pub fn new(session: &Session, args: &PathArgs) -> Result<Self, Error> {
        let (from, to) = (session.entity(&args.from)?, session.entity(&args.to)?);
        if from == to {
            return Err(Usage::SameEnds(session.describe(from)).into());
        }
        Ok(PathConfig {
            from,
            to,
            options: PathOptions {
                directed: args.directed,
                all: args.all,
                max_hops: args.max_hops,
                chronological: args.chronological,
                evidence: args.evidence,
            },
        })
    }

    /// Why nothing was found, as the conditions of the search.
    fn no_path(&self, session: &Session) -> Error {
        let options = &self.options;
        let mut conditions = Vec::new();
        if options.directed {
            conditions.push("following relation direction".to_owned());
        }
        if options.chronological {
            conditions.push("through relations in date order".to_owned());
        }
        if let Some(hops) = options.max_hops {
            conditions.push(format!("within {}", plural(hops, "hop")));
        }
        Error::NoPath {
            from: session.describe(self.from),
            to: session.describe(self.to),
            conditions,
        }
    }
}

/// Runs `path`.
pub fn run_path(globals: &Globals, args: PathArgs) -> Result<(), Error> {
    let compute = |session: &Session, filter: &Filter| {
        let config = PathConfig::new(session, &args)?;
        shortest_paths(
            &session.graph,
            filter,
            config.from,
            config.to,
            &config.options,
        )
        .ok_or_else(|| config.no_path(session))
    };
    answer(globals, &args.query, compute, "no path")
}

/// Runs `balance`.
pub fn run_balance(globals: &Globals, args: BalanceArgs) -> Result<(), Error> {
    let compute = |s: &Session, f: &Filter| Ok(balance(&s.graph, f, args.evidence));
    let nothing = "no triangles: no three entities are tied to each other by these relations";
    answer(globals, &args.query, compute, nothing)
}

/// Runs `timeline`.
pub fn run_timeline(globals: &Globals, args: TimelineArgs) -> Result<(), Error> {
    if let (Some(from), Some(to)) = (args.from, args.to) {
        ensure_in_order(from, to)?;
    }
    let compute = |s: &Session, f: &Filter| Ok(timeline(&s.graph, f, args.from, args.to));
    let nothing = "no relations match these filters and dates";
    let every = args.from.is_none()
        && args.to.is_none()
        && args.query.filter.is_empty()
        && globals.as_of.is_none();
    let session = globals.load_for_listing(every, "timeline")?;
    answer_from(&session, &args.query, compute, nothing)
}

/// What `rank` was asked.
pub struct RankConfig {
    /// The metric.
    pub metric: Metric,
    /// Keep only this many entities.
    pub top: Option<usize>,
    /// `--samples`: estimate betweenness from sampled sources.
    pub sampling: Option<Sampling>,
}

/// Betweenness estimated from sampled sources (`--samples K --seed S`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sampling {
    /// How many sources to draw.
    pub samples: usize,
    /// The seed of the draw.
    pub seed: u64,
}

impl RankConfig {
    /// Checks the options of `rank`: `--samples` and `--seed` only go with
    /// `--metric betweenness`, and `--seed` only with `--samples`.
    pub fn new(args: &RankArgs) -> Result<Self, Error> {
        if args.metric != Metric::Betweenness {
            let given = [
                ("--samples", args.samples.is_some()),
                ("--seed", args.seed.is_some()),
            ];
            if let Some((option, _)) = given.iter().find(|(_, given)| *given) {
                return Err(Usage::IgnoredOption {
                    option,
                    command: metric_command(args.metric),
                    why: Some(
                        "only betweenness is estimated from sampled sources; \
                         give --metric betweenness, or leave it out"
                            .to_owned(),
                    ),
                }
                .into());
            }
        }
        let sampling = match (args.samples, args.seed) {
            (None, Some(_)) => {
                return Err(Usage::IgnoredOption {
                    option: "--seed",
                    command: "rank without --samples",
                    why: Some("it seeds the draw of sources, so give --samples K too".to_owned()),
                }
                .into());
            }
            (None, None) => None,
            (Some(samples), seed) => Some(Sampling {
                samples: usize::try_from(samples).unwrap_or(usize::MAX),
                seed: seed.unwrap_or(DEFAULT_SEED),
            }),
        };
        Ok(RankConfig {
            metric: args.metric,
            top: args.top,
            sampling,
        })
    }

    /// The ranking: every metric as `rank` computes it, but betweenness
    /// estimated from sampled sources when asked.
    fn ranking(&self, graph: &RelGraph, filter: &Filter) -> Ranking {
        let Some(Sampling { samples, seed }) = self.sampling else {
            return rank(graph, filter, self.metric, self.top);
        };
        let adjacency = PartnerGraph::build(graph, filter).adjacency();
        let values = betweenness_sampled(&adjacency, samples, seed);
        Ranking::One(ranked(graph, &values, self.top))
    }
}

/// `rank` with `metric`, as the user would type it.
fn metric_command(metric: Metric) -> &'static str {
    match metric {
        Metric::Degree => "rank --metric degree",
        Metric::Strength => "rank --metric strength",
        Metric::Betweenness => "rank --metric betweenness",
        Metric::Closeness => "rank --metric closeness",
        Metric::Pagerank => "rank --metric pagerank",
        Metric::Eigenvector => "rank --metric eigenvector",
        Metric::All => "rank --metric all",
    }
}

/// Runs `rank`.
pub fn run_rank(globals: &Globals, args: RankArgs) -> Result<(), Error> {
    let config = RankConfig::new(&args)?;
    let compute = |s: &Session, f: &Filter| Ok(config.ranking(&s.graph, f));
    answer(globals, &args.query, compute, "no entities to rank")
}

/// Runs `blocs`.
pub fn run_blocs(globals: &Globals, args: BlocsArgs) -> Result<(), Error> {
    let max_blocs = args.max_blocs.map(|k| k as usize);
    let compute = |s: &Session, f: &Filter| Ok(blocs(&s.graph, f, max_blocs, args.evidence));
    answer(
        globals,
        &args.query,
        compute,
        "no entities to split into blocs",
    )
}

/// Runs `diff`: the dates must come in order, and `--as-of` makes no sense.
pub fn run_diff(globals: &Globals, args: DiffArgs) -> Result<(), Error> {
    globals.refuse_as_of(
        "diff",
        "diff compares the two dates it is given: leave out --as-of",
    )?;
    ensure_in_order(args.date1, args.date2)?;
    let (from, to) = (args.date1, args.date2);
    let compute = |s: &Session, f: &Filter| Ok(diff(&s.graph, f, from, to, args.evidence));
    let nothing = format!("nothing changed between {from} and {to} under these filters");
    answer(globals, &args.query, compute, &nothing)
}

/// Runs `stats`.
pub fn run_stats(globals: &Globals, args: StatsArgs) -> Result<(), Error> {
    let compute = |s: &Session, f: &Filter| Ok(stats(&s.graph, f));
    answer(
        globals,
        &args.query,
        compute,
        "no relations match these filters",
    )
}

/// Refuses two dates given latest first.
fn ensure_in_order(first: PartialDate, second: PartialDate) -> Result<(), Error> {
    if second.start() < first.start() {
        return Err(Usage::ReversedDates {
            first: first.to_string(),
            second: second.to_string(),
        }
        .into());
    }
    Ok(())
}
