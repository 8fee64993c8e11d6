//! The command line, as clap-derive structs. Each option is documented by its
//! doc comment, which is also its `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::analysis::rank::scores::Metric;
use crate::export::ListingFormat;
use crate::model::{PartialDate, Polarity};
use crate::query::diagram::RankDir;
use crate::query::partners::DirectionFilter;
use crate::render::{ImageFormat, Layout};

/// Evidence-backed relationship graphs: query partners, validate data, draw diagrams.
#[derive(Debug, Parser)]
#[command(name = "relgraph", version, about, max_term_width = 100)]
pub struct Cli {
    /// Graph file to read [default: ./graph.json if it exists, else the copy embedded at build time]
    #[arg(long, global = true, value_name = "FILE")]
    pub graph: Option<PathBuf>,

    /// Only relations active at some point during this period (YYYY, YYYY-MM or YYYY-MM-DD);
    /// a relation without `since` counts as active from the start, one without `until` as ongoing
    #[arg(long, global = true, value_name = "DATE")]
    pub as_of: Option<PartialDate>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the graph file and print a summary; report every problem at once
    Validate {
        /// Fail on warnings too (relations without evidence)
        #[arg(long)]
        strict: bool,
    },
    /// List the entities, with how many relations each has
    Entities {
        /// Output format.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// List relations
    Relations {
        /// Relation filters and output format.
        #[command(flatten)]
        query: QueryArgs,
        /// Only relations involving this entity (id, name or alias)
        #[arg(long, value_name = "ENTITY")]
        involving: Option<String>,
        /// Include the evidence quotes and translations
        #[arg(long)]
        evidence: bool,
    },
    /// List an entity's partners, each once, with every relation to it
    Partners {
        /// The entity: id, name or alias, in any case (e.g. PRK, "North Korea", Pyongyang)
        entity: String,
        /// Relation filters and output format.
        #[command(flatten)]
        query: QueryArgs,
        /// Keep relations in this direction, seen from the entity (undirected ones count both ways)
        #[arg(long, value_enum, default_value_t = DirectionFilter::Both)]
        direction: DirectionFilter,
        /// Include the evidence quotes and translations
        #[arg(long)]
        evidence: bool,
    },
    /// Write the graph as Graphviz DOT
    Dot(DotArgs),
    /// Write the graph for other diagram tools (Mermaid)
    Export(ExportArgs),
    /// Render a diagram to SVG, PNG or PDF (with Graphviz; SVG also without it)
    Render(RenderArgs),
    /// Find the shortest connection between two entities
    Path {
        /// Where the path starts (id, name or alias)
        from: String,
        /// Where the path ends (id, name or alias)
        to: String,
        /// Follow relation direction (undirected relations count both ways)
        #[arg(long)]
        directed: bool,
        /// List every shortest path, not only the first
        #[arg(long)]
        all: bool,
        /// Give up beyond this many hops
        #[arg(long, value_name = "N")]
        max_hops: Option<usize>,
        /// Only paths whose relations' dates do not go backwards (undated relations are not used)
        #[arg(long)]
        chronological: bool,
        /// Include the evidence quotes and translations
        #[arg(long)]
        evidence: bool,
        /// Relation filters and output format.
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Triangles of the signed partner graph: balanced or not, and why
    Balance {
        /// Include the evidence quotes and translations
        #[arg(long)]
        evidence: bool,
        /// Relation filters and output format.
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Relations in date order, with their evidence
    Timeline {
        /// Only relations that began on or after this date
        #[arg(long, value_name = "DATE")]
        from: Option<PartialDate>,
        /// Only relations that began on or before this date (its whole period)
        #[arg(long, value_name = "DATE")]
        to: Option<PartialDate>,
        /// Relation filters and output format.
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Rank entities by centrality
    Rank {
        /// The centrality metric
        #[arg(long, value_enum, default_value_t = Metric::Pagerank)]
        metric: Metric,
        /// Keep only the first N entities
        #[arg(long, value_name = "N")]
        top: Option<usize>,
        /// Relation filters and output format.
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Split entities into the blocs that minimise frustration on the signed partner graph
    Blocs {
        /// Include the evidence quotes and translations
        #[arg(long)]
        evidence: bool,
        /// At most this many blocs among entities with ties (isolated entities stay alone)
        #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..))]
        max_blocs: Option<u32>,
        /// Relation filters and output format.
        #[command(flatten)]
        query: QueryArgs,
    },
    /// What changed between two dates: relations, partners, ranks and blocs
    Diff {
        /// Include the evidence quotes and translations
        #[arg(long)]
        evidence: bool,
        /// The earlier snapshot (YYYY, YYYY-MM or YYYY-MM-DD)
        date1: PartialDate,
        /// The later snapshot
        date2: PartialDate,
        /// Relation filters and output format.
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Counts per type and polarity, density, components, reciprocity, dated relations
    Stats {
        /// Relation filters and output format.
        #[command(flatten)]
        query: QueryArgs,
    },
    /// Write a report folder: report.html, report.md, every diagram as DOT and SVG, manifest.json
    Report {
        /// Folder to write into (created if missing)
        #[arg(long, value_name = "DIR", default_value = "output")]
        out_dir: PathBuf,
        /// Title of the report and its diagrams [default: the graph's title]
        #[arg(long, value_name = "TEXT")]
        title: Option<String>,
        /// Give up on Graphviz after this many seconds per diagram
        #[arg(long, value_name = "SECONDS", default_value_t = 60)]
        timeout: u64,
    },
}

/// What a diagram shows and where it goes: shared by `dot` and `export`.
#[derive(Debug, Args)]
pub struct DiagramArgs {
    /// Write to this file (atomically, parent folders created) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Relation filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Draw only this entity and its partners (id, name or alias)
    #[arg(long, value_name = "ENTITY")]
    pub ego: Option<String>,
    /// With --ego: how many hops out from the entity
    #[arg(long, value_name = "N", default_value_t = 1, requires = "ego")]
    pub radius: usize,
    /// One edge per pair and direction, listing its relation types, coloured by net polarity
    #[arg(long)]
    pub merge: bool,
    /// Layout direction
    #[arg(long, value_enum, default_value_t = RankDir::Lr)]
    pub rankdir: RankDir,
    /// Title above the diagram [default: the graph's title]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// Options of `relgraph export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The diagram format
    #[arg(long, value_enum)]
    pub format: DiagramFormat,
    /// What to draw.
    #[command(flatten)]
    pub diagram: DiagramArgs,
}

/// Options of `relgraph render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Render this DOT file instead of drawing the graph
    #[arg(long = "in", value_name = "FILE.dot")]
    pub input: Option<PathBuf>,
    /// Image format [default: from the --out extension, else svg]
    #[arg(long, value_enum)]
    pub format: Option<ImageFormat>,
    /// Graphviz layout engine [default: dot, or sfdp above 200 edges]
    #[arg(long, value_enum)]
    pub layout: Option<Layout>,
    /// Give up on Graphviz after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,
    /// What to draw, as for `dot`.
    #[command(flatten)]
    pub dot: DotArgs,
}

/// Diagram formats for other tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagramFormat {
    /// A Mermaid flowchart, for Markdown.
    Mermaid,
}

/// Options of `relgraph dot`.
#[derive(Debug, Args)]
pub struct DotArgs {
    /// What to draw.
    #[command(flatten)]
    pub diagram: DiagramArgs,
    /// Leave out the legend
    #[arg(long)]
    pub no_legend: bool,
    /// Fill nodes by group (the blocs of `relgraph blocs`)
    #[arg(long, value_enum, value_name = "GROUPS")]
    pub color_by: Option<ColorBy>,
    /// Draw groups as clusters
    #[arg(long, value_enum, value_name = "GROUPS")]
    pub cluster_by: Option<ClusterBy>,
}

/// Node groups that can be shown by colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorBy {
    /// The blocs that minimise frustration.
    Bloc,
}

/// Node groups that can be drawn as clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ClusterBy {
    /// The blocs that minimise frustration.
    Bloc,
    /// Entity kinds.
    Kind,
}

/// Relation filters shared by listing and drawing commands.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only relations of this type (id or label); repeat for several
    #[arg(long = "type", value_name = "TYPE")]
    pub types: Vec<String>,
    /// Only relations of this polarity [possible values: cooperative, hostile, neutral]
    #[arg(long, value_name = "POLARITY")]
    pub polarity: Option<Polarity>,
}

/// Relation filters and output format, shared by listing and analysis commands.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// Relation filters.
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Output format of listing commands.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListingFormat::Table)]
    pub format: ListingFormat,
}
