//! Publication dates from what a page shows: datelines, copyright years, and the like.
