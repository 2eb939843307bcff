"""HTTP clients of the remotes, written from the facts files (the engine never touches simulator internals)."""
