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

    /// Keep a checked, binary form of the graph file in the cache folder and use it
    /// while the file is unchanged, so that questions about a large file answer at once
    /// (folder: $RELGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/relgraph, else ~/.cache/relgraph)
    #[arg(long, global = true)]
    pub cache: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the graph file and print a summary; report every problem at once
    Validate(ValidateArgs),
    /// Check every evidence quote against the plain text of its source
    Verify(VerifyArgs),
    /// List the entities, with how many relations each has
    Entities(EntitiesArgs),
    /// List relations
    Relations(RelationsArgs),
    /// List an entity's partners, each once, with every relation to it
    Partners(PartnersArgs),
    /// Write the graph as Graphviz DOT
    Dot(DotArgs),
    /// Write the graph for other diagram tools (Mermaid)
    Export(ExportArgs),
    /// Render a diagram to SVG, PNG or PDF (with Graphviz; SVG also without it)
    Render(RenderArgs),
    /// Find the shortest connection between two entities
    Path(PathArgs),
    /// Triangles of the signed partner graph: balanced or not, and why
    Balance(BalanceArgs),
    /// Relations in date order, with their evidence
    Timeline(TimelineArgs),
    /// Rank entities by centrality
    Rank(RankArgs),
    /// Split entities into the blocs that minimise frustration on the signed partner graph
    Blocs(BlocsArgs),
    /// What changed between two dates: relations, partners, ranks and blocs
    Diff(DiffArgs),
    /// Counts per type and polarity, density, components, reciprocity, dated relations
    Stats(StatsArgs),
    /// Write a report folder: report.html, report.md, every diagram as DOT and SVG, manifest.json
    Report(ReportArgs),
    /// Build a graph file from spreadsheets (CSV) or from GDELT event exports
    Import(ImportArgs),
}

/// Options of `relgraph import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What to import from.
    #[command(subcommand)]
    pub from: ImportFrom,
}

/// The formats `relgraph import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportFrom {
    /// Relations (and entities and types) from CSV files, as kept in a spreadsheet
    Csv(ImportCsvArgs),
    /// Country-to-country events from GDELT 1.0 or 2.0 exports, aggregated into relations
    Gdelt(ImportGdeltArgs),
}

/// Options of `relgraph import csv`.
#[derive(Debug, Args)]
pub struct ImportCsvArgs {
    /// The relations: a header row, then one relation per row (columns
    /// source,target,type,since,until,weight,label,quote,translation,source_id
    /// and optionally id and event); rows that share an id are one relation,
    /// one quote per row
    #[arg(value_name = "RELATIONS.csv")]
    pub relations: PathBuf,
    /// The entities (columns id,name,kind,aliases, aliases separated by ';');
    /// entities the relations name but this file lacks are created
    #[arg(long, value_name = "ENTITIES.csv")]
    pub entities: Option<PathBuf>,
    /// The relation types (columns id,label,polarity,directed,color); types the
    /// relations name but this file lacks are created neutral and undirected
    #[arg(long, value_name = "TYPES.csv")]
    pub types: Option<PathBuf>,
    /// The graph file to write (atomically; never one of the files read)
    #[arg(long, value_name = "FILE", default_value = "graph.json")]
    pub out: PathBuf,
    /// Read the column COLUMN as FIELD, in every file that has FIELD (e.g. --map
    /// From=source --map To=target; COLUMN=ignore leaves a column out); repeatable
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<crate::model::read::csv::ColumnMap>,
    /// The character between fields: , ; or tab
    #[arg(long, value_name = "DELIMITER", default_value = ",")]
    pub delimiter: crate::model::read::csv::Delimiter,
    /// Title of the graph [default: the relations file's name]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Kind of the entities created, and of listed ones with an empty kind
    /// [possible values: country, group, organization, person]
    #[arg(long, value_name = "KIND", default_value = "country",
          value_parser = crate::model::read::csv::parse_kind)]
    pub default_kind: crate::model::Kind,
    /// Create no entity or type: refuse those no file lists (an error at each
    /// cell naming one), and fail on warnings too
    #[arg(long)]
    pub strict: bool,
}

/// Options of `relgraph import gdelt`.
#[derive(Debug, Args)]
pub struct ImportGdeltArgs {
    /// GDELT event exports, read in order: GDELT 1.0 daily files (57 or 58
    /// tab-separated fields a row) or GDELT 2.0 15-minute files (61), plain or
    /// gzip (unzip .zip files first)
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<PathBuf>,
    /// The graph file to write (atomically; never one of the files read)
    #[arg(long, value_name = "FILE", default_value = "graph.json")]
    pub out: PathBuf,
    /// Only events whose two actors are both among these CAMEO country codes
    /// or names, comma-separated (RUS,PRK,UKR)
    #[arg(long, value_name = "CODES", value_delimiter = ',',
          value_parser = crate::model::read::gdelt::countries::parse_country)]
    pub countries: Option<Vec<crate::model::read::gdelt::row::Code>>,
    /// Only events with these CAMEO root codes, 01 to 20, comma-separated (15,18,19)
    #[arg(long, value_name = "CODES", value_delimiter = ',',
          value_parser = crate::model::read::gdelt::cameo::parse_root)]
    pub root_codes: Option<Vec<u8>>,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD: from its start)
    #[arg(long, value_name = "DATE")]
    pub from: Option<PartialDate>,
    /// Only events on or before this date (its whole period)
    #[arg(long, value_name = "DATE")]
    pub to: Option<PartialDate>,
    /// Leave out relations with fewer sources than N (NumSources summed over
    /// their events)
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub min_sources: u64,
    /// Keep every event, not only root events (IsRootEvent 1: those of an
    /// article's lead paragraph)
    #[arg(long)]
    pub all_events: bool,
    /// Relation weights: the number of events, or the absolute mean Goldstein
    /// score (0.01 to 10; the type's polarity, from QuadClass, gives the direction)
    #[arg(long, value_enum, ignore_case = true, value_name = "WEIGHT",
          default_value_t = crate::model::read::gdelt::Weighting::Count)]
    pub weight: crate::model::read::gdelt::Weighting,
    /// One relation per pair of countries, root code and month, or year
    #[arg(long, value_enum, ignore_case = true, value_name = "PERIOD",
          default_value_t = crate::model::read::gdelt::Period::Month)]
    pub period: crate::model::read::gdelt::Period,
    /// Fail on malformed rows (exit 1, nothing written) instead of skipping them
    #[arg(long)]
    pub strict: bool,
}

/// Options of `relgraph validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Fail on warnings too (relations without evidence)
    #[arg(long)]
    pub strict: bool,
    /// Output format: table prints the summary and the problems as diagnostics;
    /// json and csv list every problem as data (file, severity, path, line,
    /// column, message, hint)
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options of `relgraph verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Folder holding the source texts: each is looked up there by the file name
    /// of its source's "text" (a source without "text" as <source id>.txt),
    /// instead of at "text" relative to the graph file's folder
    #[arg(long, value_name = "DIR")]
    pub sources_dir: Option<PathBuf>,
    /// Output format: table prints the problems as diagnostics and a summary line;
    /// json and csv list every quote's check as data (relation, evidence, source,
    /// status, detail, closest passage, how alike, line)
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Options of `relgraph entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Relation filters (with any, only entities with a matching relation are listed) and output format.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Options of `relgraph relations`.
#[derive(Debug, Args)]
pub struct RelationsArgs {
    /// Relation filters and output format.
    #[command(flatten)]
    pub query: QueryArgs,
    /// Only relations involving this entity (id, name or alias)
    #[arg(long, value_name = "ENTITY")]
    pub involving: Option<String>,
    /// Include the evidence quotes and translations
    #[arg(long)]
    pub evidence: bool,
}

/// Options of `relgraph partners`.
#[derive(Debug, Args)]
pub struct PartnersArgs {
    /// The entity: id, name or alias, in any case (e.g. PRK, "North Korea", Pyongyang);
    /// a name of several words may also be given unquoted
    #[arg(required = true, num_args = 1.., value_name = "ENTITY")]
    pub entity: Vec<String>,
    /// Relation filters and output format.
    #[command(flatten)]
    pub query: QueryArgs,
    /// Keep relations in this direction, seen from the entity (undirected ones count both ways)
    #[arg(long, value_enum, ignore_case = true, default_value_t = DirectionFilter::Both)]
    pub direction: DirectionFilter,
    /// Include the evidence quotes and translations
    #[arg(long)]
    pub evidence: bool,
}

/// Options of `relgraph path`.
#[derive(Debug, Args)]
pub struct PathArgs {
    /// Where the path starts (id, name or alias; quote names with spaces)
    pub from: String,
    /// Where the path ends (id, name or alias; quote names with spaces)
    pub to: String,
    /// Follow relation direction (undirected relations count both ways)
    #[arg(long)]
    pub directed: bool,
    /// List every shortest path, not only the first
    #[arg(long)]
    pub all: bool,
    /// Give up beyond this many hops
    #[arg(long, value_name = "N")]
    pub max_hops: Option<usize>,
    /// Only paths whose relations' dates do not go backwards (undated relations are not used)
    #[arg(long)]
    pub chronological: bool,
    /// Include the evidence quotes and translations
    #[arg(long)]
    pub evidence: bool,
    /// Relation filters and output format.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Options of `relgraph balance`.
#[derive(Debug, Args)]
pub struct BalanceArgs {
    /// Include the evidence quotes and translations
    #[arg(long)]
    pub evidence: bool,
    /// Relation filters and output format.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Options of `relgraph timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only relations that began on or after this date
    #[arg(long, value_name = "DATE")]
    pub from: Option<PartialDate>,
    /// Only relations that began on or before this date (its whole period)
    #[arg(long, value_name = "DATE")]
    pub to: Option<PartialDate>,
    /// Relation filters and output format.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Options of `relgraph rank`.
#[derive(Debug, Args)]
pub struct RankArgs {
    /// The centrality metric
    #[arg(long, value_enum, ignore_case = true, default_value_t = Metric::Pagerank)]
    pub metric: Metric,
    /// Keep only the first N entities
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Estimate betweenness from K source entities drawn at random instead of all of them:
    /// much faster on large graphs, with a standard error of at most 1/(2*sqrt(K)); exact when K
    /// is at least the number of entities (only with --metric betweenness)
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u64).range(1..))]
    pub samples: Option<u64>,
    /// Seed of the draw of --samples: the same seed draws the same sources, on any machine
    /// [default: 0]
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Relation filters and output format.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Options of `relgraph blocs`.
#[derive(Debug, Args)]
pub struct BlocsArgs {
    /// Include the evidence quotes and translations
    #[arg(long)]
    pub evidence: bool,
    /// At most this many blocs among entities with ties (isolated entities stay alone)
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..))]
    pub max_blocs: Option<u32>,
    /// Relation filters and output format.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Options of `relgraph diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Include the evidence quotes and translations
    #[arg(long)]
    pub evidence: bool,
    /// The earlier snapshot (YYYY, YYYY-MM or YYYY-MM-DD)
    pub date1: PartialDate,
    /// The later snapshot
    pub date2: PartialDate,
    /// Relation filters and output format.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Options of `relgraph stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Relation filters and output format.
    #[command(flatten)]
    pub query: QueryArgs,
}

/// Options of `relgraph report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folder to write into (created if missing)
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out_dir: PathBuf,
    /// Title of the report and its diagrams [default: the graph's title]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Give up on Graphviz after this many seconds per diagram
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,
    /// Write into a folder that holds files but no relgraph report, or over
    /// report files changed since relgraph wrote them (other files are kept)
    #[arg(long)]
    pub force: bool,
    /// Fail when a diagram cannot be drawn, instead of leaving it out with a warning
    #[arg(long)]
    pub strict: bool,
    /// Draw every diagram again [default: keep the folder's drawings whose DOT is
    /// unchanged, when drawn by Graphviz or by the renderer drawing now]
    #[arg(long)]
    pub redraw: bool,
    /// Relation filters: the report covers only the relations they admit.
    #[command(flatten)]
    pub filter: FilterArgs,
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
    /// One edge per pair and direction, listing its relation types, coloured by net
    /// polarity [default when more than 3 relations join two entities or more than
    /// 24 are drawn]
    #[arg(long, conflicts_with = "expand")]
    pub merge: bool,
    /// One edge per relation, coloured by relation type, even when that is hard to read
    #[arg(long)]
    pub expand: bool,
    /// Layout direction [default: LR]
    #[arg(long, value_enum, ignore_case = true)]
    pub rankdir: Option<RankDir>,
    /// Title above the diagram [default: the graph's title]
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// Options of `relgraph export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The output format
    #[arg(long, value_enum, ignore_case = true)]
    pub format: ExportFormat,
    /// With --format csv: whose column names to write [default: plain]
    #[arg(long, value_enum, ignore_case = true)]
    pub flavor: Option<CsvFlavor>,
    /// What to export (--merge, --expand, --rankdir and --title apply to Mermaid only).
    #[command(flatten)]
    pub diagram: DiagramArgs,
}

/// Options of `relgraph render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Render this DOT file instead of drawing the graph (no graph file is read;
    /// options that choose what to draw do not apply)
    #[arg(long = "in", value_name = "FILE.dot")]
    pub input: Option<PathBuf>,
    /// Image format [default: from the --out extension (.svg, .png or .pdf), else svg]
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<ImageFormat>,
    /// Graphviz layout engine [default: dot, or sfdp above 200 edges]
    #[arg(long, value_enum, ignore_case = true)]
    pub layout: Option<Layout>,
    /// Give up on Graphviz after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,
    /// What to draw, as for `dot`.
    #[command(flatten)]
    pub dot: DotArgs,
}

/// Formats for other tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// A Mermaid flowchart, for Markdown.
    Mermaid,
    /// relgraph's own graph file, normalised: the selected entities and
    /// relations with the types, sources and conflicts they need
    Json,
    /// GraphML, for NetworkX, igraph, yEd and Gephi: every attribute declared
    Graphml,
    /// GEXF 1.3, for Gephi: colours per type, relations dated for its timeline
    Gexf,
    /// A folder of CSV files (entities.csv, relations.csv, types.csv), for
    /// spreadsheets, `import csv`, Neo4j (--flavor neo4j) and Kumu (--flavor kumu);
    /// needs --out FOLDER
    Csv,
    /// A Cypher script that recreates the graph in Neo4j or another openCypher database
    Cypher,
}

pub use crate::export::graph_csv::CsvFlavor;

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
    #[arg(long, value_enum, ignore_case = true, value_name = "GROUPS")]
    pub color_by: Option<ColorBy>,
    /// Draw groups as clusters
    #[arg(long, value_enum, ignore_case = true, value_name = "GROUPS")]
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

impl FilterArgs {
    /// Whether no filter is given.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty() && self.polarity.is_none()
    }
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
    #[arg(long, value_enum, ignore_case = true, default_value_t = ListingFormat::Table)]
    pub format: ListingFormat,
}
