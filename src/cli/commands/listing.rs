//! The listing commands: `entities`, `relations`, `partners`.

use crate::cli::args::{EntitiesArgs, PartnersArgs, RelationsArgs};
use crate::cli::output::print_listing;
use crate::cli::session::{Globals, Session};
use crate::error::Error;
use crate::export::ListingFormat;
use crate::graph::Filter;
use crate::model::EntityIx;
use crate::query::entities::entities;
use crate::query::partners::{PartnerOptions, partners};
use crate::query::relations::relations;

/// Runs `entities`.
pub fn run_entities(globals: &Globals, args: EntitiesArgs) -> Result<(), Error> {
    let session = globals.load(false)?;
    let filter = session.filter(&args.query.filter)?;
    let list = entities(&session.graph, &filter);
    print_listing(&list, args.query.output.format, || {
        "no entity has a relation matching these filters".to_owned()
    })
}

/// What `relations` was asked.
pub struct RelationsConfig {
    /// Which relations.
    pub filter: Filter,
    /// Only those touching this entity.
    pub involving: Option<EntityIx>,
    /// With their quotes.
    pub evidence: bool,
    /// How to print them.
    pub format: ListingFormat,
}

impl RelationsConfig {
    /// Checks the options of `relations` against the graph.
    pub fn new(session: &Session, args: RelationsArgs) -> Result<Self, Error> {
        Ok(RelationsConfig {
            filter: session.filter(&args.query.filter)?,
            involving: args
                .involving
                .as_deref()
                .map(|name| session.entity(name))
                .transpose()?,
            evidence: args.evidence,
            format: args.query.output.format,
        })
    }
}

/// Runs `relations`.
pub fn run_relations(globals: &Globals, args: RelationsArgs) -> Result<(), Error> {
    // Listing every relation shows every record: parsed while the file is
    // read, the file is let go before the listing is made.
    let every = args.involving.is_none() && args.query.filter.is_empty() && globals.as_of.is_none();
    let session = globals.load_for_listing(every, "relations")?;
    let config = RelationsConfig::new(&session, args)?;
    let list = relations(
        &session.graph,
        &config.filter,
        config.involving,
        config.evidence,
    );
    print_listing(&list, config.format, || {
        "no relations match these filters".to_owned()
    })
}

/// What `partners` was asked.
pub struct PartnersConfig {
    /// Whose partners.
    pub entity: EntityIx,
    /// Which relations.
    pub filter: Filter,
    /// Direction and evidence.
    pub options: PartnerOptions,
    /// How to print them.
    pub format: ListingFormat,
}

impl PartnersConfig {
    /// Checks the options of `partners` against the graph; the words of an
    /// unquoted name are joined.
    pub fn new(session: &Session, args: PartnersArgs) -> Result<Self, Error> {
        Ok(PartnersConfig {
            entity: session.entity(&args.entity.join(" "))?,
            filter: session.filter(&args.query.filter)?,
            options: PartnerOptions {
                direction: args.direction,
                evidence: args.evidence,
            },
            format: args.query.output.format,
        })
    }
}

/// Runs `partners`.
pub fn run_partners(globals: &Globals, args: PartnersArgs) -> Result<(), Error> {
    let session = globals.load(false)?;
    let config = PartnersConfig::new(&session, args)?;
    let found = partners(
        &session.graph,
        config.entity,
        &config.filter,
        config.options,
    );
    print_listing(&found, config.format, || {
        format!(
            "{} has no partners matching these filters",
            session.describe(config.entity)
        )
    })
}
