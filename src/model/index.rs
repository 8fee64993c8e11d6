//! Typed indices into a [`Dataset`](super::Dataset)'s lists: an entity, a
//! relation and a relation type are numbered by their position in the file,
//! and each kind of number has its own type, so one cannot be used for another.
//!
//! ```
//! use relgraph::model::EntityIx;
//!
//! let third = EntityIx::new(2);
//! assert_eq!(third.index(), 2);
//! assert_eq!(EntityIx::all(3).collect::<Vec<_>>(), [EntityIx(0), EntityIx(1), third]);
//! ```

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The index for position `index` (loading bounds every list below `u32::MAX`).
            pub fn new(index: usize) -> Self {
                $name(index as u32)
            }

            /// The position in its list.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// Every index of a list of `count` items, in order.
            pub fn all(count: usize) -> impl DoubleEndedIterator<Item = Self> + ExactSizeIterator {
                (0..count as u32).map($name)
            }
        }

        /// The number itself.
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

index_type!(
    /// The position of an entity in the file's `entities`.
    EntityIx
);
index_type!(
    /// The position of a relation in the file's `relations`.
    RelationIx
);
index_type!(
    /// The position of a relation type in the file's `relation_types`.
    TypeIx
);
