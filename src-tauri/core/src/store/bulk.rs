//! Writes of many rows at once (sample data, imports): one transaction each, all or nothing.
