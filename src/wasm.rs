//! JavaScript bindings (filled in next).
