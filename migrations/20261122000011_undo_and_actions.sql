-- An undo is a change like any other (so it can itself be undone), but the log should say which
-- change it reverses: the list of recent changes reads "Undo of change 12" rather than leaving a
-- trader to guess why fill 4 was deleted. And some actions write several entries — a roll
-- records its buy to close and its new sale together — which must be undone together, or an
-- undo would leave half a roll: each later entry of such an action names the first.
-- Older entries have neither.
ALTER TABLE audit_log ADD COLUMN undoes INTEGER REFERENCES audit_log (id);
ALTER TABLE audit_log ADD COLUMN part_of INTEGER REFERENCES audit_log (id);
CREATE INDEX audit_by_action ON audit_log (part_of) WHERE part_of IS NOT NULL;
