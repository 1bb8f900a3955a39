//! licscan: licence and partnership agreements in, normalised licence-term
//! records out. The modules are the pipeline, in order:
//! `inputs` (which files) -> `ingest` (bytes to text) -> `segment` (sentences,
//! sections, defined terms) -> `rules` (pattern packs, matching) -> `extract`
//! (clauses and terms, using `normalize`) -> `record` (the output schema) ->
//! `emit` (JSON Lines). `pipeline` runs one or many documents through them.

pub mod compare;
pub mod emit;
pub mod explain;
pub mod extract;
pub mod ingest;
pub mod inputs;
pub mod normalize;
pub mod pipeline;
pub mod record;
pub mod rules;
pub mod segment;
