-- Lantern schema, version 4: shelter history and turn-aways.
-- A shelter's capacity, licence and specialisation change over time (the
-- only specialised shelter in Serbia opened, lost its licence, was
-- suspended). Occupancy on a past day must be judged against what held on
-- that day, so every change is kept with the date it took effect.

CREATE TABLE shelter_states (
  shelter_id INTEGER NOT NULL REFERENCES shelters(id),
  valid_from TEXT NOT NULL,              -- YYYY-MM-DD: in force from this day until the next row
  specialised INTEGER NOT NULL CHECK (specialised IN (0, 1)),
  capacity_women INTEGER NOT NULL CHECK (capacity_women >= 0),
  capacity_men INTEGER NOT NULL CHECK (capacity_men >= 0),
  capacity_children INTEGER NOT NULL CHECK (capacity_children >= 0),
  licence_valid_until TEXT,              -- NULL: no licence
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER REFERENCES users(id),
  PRIMARY KEY (shelter_id, valid_from)
) STRICT, WITHOUT ROWID;

-- Shelters registered before this version get their current values as
-- their first state, from the day they were registered.
INSERT INTO shelter_states(shelter_id, valid_from, specialised, capacity_women, capacity_men,
                           capacity_children, licence_valid_until, recorded_at, recorded_by)
  SELECT id, date(created_at, 'unixepoch'), specialised, capacity_women, capacity_men,
         capacity_children, licence_valid_until, created_at, NULL FROM shelters;

-- The shelter that turned the person away, when an alternative was used.
ALTER TABLE placements ADD COLUMN turn_away_shelter_id INTEGER REFERENCES shelters(id);

CREATE INDEX placements_turn_away ON placements(start_date) WHERE alternative IS NOT NULL;
CREATE INDEX group_cases_org ON group_cases(organisation_id);
