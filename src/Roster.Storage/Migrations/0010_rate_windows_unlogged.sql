-- Rate windows are counts of the moment, read and bumped by every request: on PostgreSQL they skip the write-ahead
-- log (no fsync per request; a crash empties them, which only forgives the calls of the current window). SQLite
-- counts in the node's memory and has nothing to change here.
ALTER TABLE rate_windows SET UNLOGGED; -- postgres only
-- Nodes take a window's budget in small batches (see LeasingRateCounter): the size of the last grant, returned with
-- the count it brought the window to.
ALTER TABLE rate_windows ADD COLUMN granted BIGINT NOT NULL DEFAULT 0;
