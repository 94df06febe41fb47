-- An undo is a change like any other (so it can itself be undone), but the log should say which
-- change it reverses: the list of recent changes reads "Undo of change 12" rather than leaving a
-- trader to guess why fill 4 was deleted. Older entries have none.
ALTER TABLE audit_log ADD COLUMN undoes INTEGER REFERENCES audit_log (id);
