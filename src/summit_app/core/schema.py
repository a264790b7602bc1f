"""The `.summit` schema as named, ordered migrations.

A shipped migration is never edited: a change to the schema is a new migration at the end.
`PRAGMA user_version` holds how many have run, so a file from any earlier version is
brought forward step by step, each step in its own transaction.
"""

from __future__ import annotations

import enum
import sqlite3

_M001_INITIAL = """
        CREATE TABLE summit (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            title TEXT NOT NULL,
            date TEXT NOT NULL DEFAULT '',
            venue TEXT NOT NULL DEFAULT '',
            organisers TEXT NOT NULL DEFAULT '',
            introduction TEXT NOT NULL DEFAULT '',
            objectives TEXT NOT NULL DEFAULT '[]',
            start_time TEXT NOT NULL DEFAULT '09:30',
            join_code TEXT NOT NULL,
            contact TEXT NOT NULL DEFAULT '',
            current_item_id INTEGER,
            open_prompt_id INTEGER,
            changed_at TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE sections (
            id INTEGER PRIMARY KEY,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            introduction TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN
                ('talk', 'discussion', 'vote', 'ranking', 'break', 'other')),
            planned_minutes INTEGER NOT NULL DEFAULT 0 CHECK (planned_minutes >= 0),
            description TEXT NOT NULL DEFAULT '',
            actual_start TEXT,
            actual_end TEXT
        );
        CREATE INDEX items_section ON items(section_id, position);
        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            key_points TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE prompts (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE TABLE themes (
            id INTEGER PRIMARY KEY,
            prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            summary TEXT NOT NULL DEFAULT '',
            colour TEXT NOT NULL DEFAULT '#fde68a'
        );
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            joined_at TEXT NOT NULL
        );
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            author TEXT NOT NULL CHECK (author IN ('facilitator', 'participant')),
            participant_id INTEGER REFERENCES participants(id),
            theme_id INTEGER REFERENCES themes(id) ON DELETE SET NULL,
            is_quote INTEGER NOT NULL DEFAULT 0,
            is_hidden INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX notes_prompt ON notes(prompt_id);
        CREATE TABLE polls (
            id INTEGER PRIMARY KEY,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            question TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('single', 'multi', 'points', 'rank', 'scale')),
            state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
            max_choices INTEGER NOT NULL DEFAULT 1,
            points INTEGER NOT NULL DEFAULT 0,
            show_results INTEGER NOT NULL DEFAULT 0,
            opened_at TEXT,
            closed_at TEXT
        );
        CREATE TABLE options (
            id INTEGER PRIMARY KEY,
            poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL
        );
        CREATE TABLE ballots (
            id INTEGER PRIMARY KEY,
            poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            choices TEXT NOT NULL,
            cast_at TEXT NOT NULL,
            UNIQUE (poll_id, participant_id)
        );
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due TEXT NOT NULL DEFAULT '',
            is_commitment INTEGER NOT NULL DEFAULT 0
        );
"""

# Professional groups (inclusion) and counts taken by hand when the network fails.
_M002_GROUPS_AND_HAND_COUNTS = """
        ALTER TABLE summit ADD COLUMN groups TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE participants ADD COLUMN group_name TEXT;
        ALTER TABLE polls ADD COLUMN hand_voters INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE hand_counts (
            id INTEGER PRIMARY KEY,
            poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
            option_id INTEGER NOT NULL REFERENCES options(id) ON DELETE CASCADE,
            level INTEGER,
            count INTEGER NOT NULL CHECK (count >= 0),
            method TEXT NOT NULL CHECK (method IN ('hands', 'paper')),
            UNIQUE (poll_id, option_id, level)
        );
        CREATE INDEX ballots_poll ON ballots(poll_id);
"""

# The programme team's write-up: items' and prompts' narrative, narrative blocks placed in a
# section's flow (or the introduction's, section_id NULL), and one row of closing texts and
# pack options. A closing order of '[]' (or one missing pages) reads as model.CLOSING_PAGES.
_M003_WRITEUP = """
        ALTER TABLE items ADD COLUMN writeup TEXT NOT NULL DEFAULT '';
        ALTER TABLE prompts ADD COLUMN writeup TEXT NOT NULL DEFAULT '';
        CREATE TABLE narrative_blocks (
            id INTEGER PRIMARY KEY,
            section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,
            after_item_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
            position INTEGER NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL
        );
        CREATE INDEX narrative_blocks_section ON narrative_blocks(section_id, position);
        CREATE TABLE writeup (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            thanks TEXT NOT NULL DEFAULT '',
            actions_intro TEXT NOT NULL DEFAULT '',
            commitments_intro TEXT NOT NULL DEFAULT '',
            include_agenda INTEGER NOT NULL DEFAULT 1,
            include_participation INTEGER NOT NULL DEFAULT 1,
            include_group_tables INTEGER NOT NULL DEFAULT 1,
            include_data_appendix INTEGER NOT NULL DEFAULT 1,
            closing_order TEXT NOT NULL DEFAULT '[]',
            anonymity_threshold INTEGER NOT NULL DEFAULT 5 CHECK (anonymity_threshold >= 2)
        );
        INSERT INTO writeup (id) VALUES (1);
"""

# Audience input beyond votes: a prompt takes notes, words (a cloud) or questions (with
# upvotes); phones' input may be held for the facilitator's approval (`is_held`, with the
# words the profanity filter found in `flagged`), and nothing is ever deleted to hide it.
# `prompts.moderated` NULL follows the summit's own setting.
_M004_AUDIENCE_INPUT = """
        ALTER TABLE prompts ADD COLUMN kind TEXT NOT NULL DEFAULT 'notes'
            CHECK (kind IN ('notes', 'words', 'questions'));
        ALTER TABLE prompts ADD COLUMN max_words INTEGER NOT NULL DEFAULT 3
            CHECK (max_words BETWEEN 1 AND 20);
        ALTER TABLE prompts ADD COLUMN moderated INTEGER CHECK (moderated IN (0, 1));
        ALTER TABLE summit ADD COLUMN moderated INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE summit ADD COLUMN blocked_words TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE summit ADD COLUMN allowed_words TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE notes ADD COLUMN is_held INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE notes ADD COLUMN flagged TEXT NOT NULL DEFAULT '';
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY,
            prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            author TEXT NOT NULL CHECK (author IN ('facilitator', 'participant')),
            participant_id INTEGER REFERENCES participants(id),
            state TEXT NOT NULL DEFAULT 'open'
                CHECK (state IN ('open', 'answering', 'answered')),
            merged_into INTEGER REFERENCES questions(id) ON DELETE SET NULL,
            is_hidden INTEGER NOT NULL DEFAULT 0,
            is_held INTEGER NOT NULL DEFAULT 0,
            flagged TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            answered_at TEXT
        );
        CREATE INDEX questions_prompt ON questions(prompt_id);
        CREATE TABLE upvotes (
            id INTEGER PRIMARY KEY,
            question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            cast_at TEXT NOT NULL,
            UNIQUE (question_id, participant_id)
        );
        CREATE TABLE words (
            id INTEGER PRIMARY KEY,
            prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            word TEXT NOT NULL,
            author TEXT NOT NULL CHECK (author IN ('facilitator', 'participant')),
            participant_id INTEGER REFERENCES participants(id),
            is_hidden INTEGER NOT NULL DEFAULT 0,
            is_held INTEGER NOT NULL DEFAULT 0,
            flagged TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (prompt_id, participant_id, word)
        );
        CREATE INDEX words_prompt ON words(prompt_id, word);
        -- A word the facilitator hid from the cloud: every answer of that word, later ones too.
        CREATE TABLE hidden_words (
            id INTEGER PRIMARY KEY,
            prompt_id INTEGER NOT NULL REFERENCES prompts(id) ON DELETE CASCADE,
            word TEXT NOT NULL,
            UNIQUE (prompt_id, word)
        );
"""

# The summit's logo, for the projector and the pack: one image kept in the file itself, in
# a table of its own so that reading the summit's details never loads the image.
_M005_SUMMIT_LOGO = """
        CREATE TABLE logo (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            image BLOB NOT NULL,
            mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
            name TEXT NOT NULL DEFAULT ''
        );
"""

# The running item's clock: minutes added on the day (+1, +5) and time spent paused, so the
# planned length (what the pack prints) stays as it was planned.
_M006_ITEM_CLOCK = """
        ALTER TABLE items ADD COLUMN extra_minutes INTEGER NOT NULL DEFAULT 0
            CHECK (extra_minutes >= 0);
        ALTER TABLE items ADD COLUMN paused_seconds INTEGER NOT NULL DEFAULT 0
            CHECK (paused_seconds >= 0);
        ALTER TABLE items ADD COLUMN paused_at TEXT;
"""

# A participant takes part once they act (vote, post a note, pick a group): a link preview
# or a flood of joins makes rows here but no turnout. Earlier files: those who acted.
_M007_PARTICIPANTS_TAKING_PART = """
        ALTER TABLE participants ADD COLUMN acted_at TEXT;
        UPDATE participants SET acted_at = joined_at
            WHERE group_name IS NOT NULL
               OR id IN (SELECT participant_id FROM ballots)
               OR id IN (SELECT participant_id FROM notes WHERE participant_id IS NOT NULL);
"""

# Six digits a person can type beside the QR code (wrong guesses are throttled).
_M008_SHORT_JOIN_CODE = """
        ALTER TABLE summit ADD COLUMN short_code TEXT NOT NULL DEFAULT '';
        UPDATE summit SET short_code = printf('%06d', abs(random() % 1000000));
"""

# Verified voting: printed cards, each an unguessable pass; no name is ever stored.
_M009_VOTING_CARDS = """
        ALTER TABLE summit ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE cards (
            id INTEGER PRIMARY KEY,
            pass TEXT NOT NULL UNIQUE,
            group_name TEXT,
            participant_id INTEGER UNIQUE REFERENCES participants(id),
            created_at TEXT NOT NULL,
            revoked_at TEXT,
            replaces INTEGER REFERENCES cards(id)
        );
"""

# The window's undo history, kept when the file closes (`core.history.History.save`), so a
# mistake noticed after a restart can still be undone: one row, the stacks and their log.
_M010_UNDO_HISTORY = """
        CREATE TABLE undo_history (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            steps TEXT NOT NULL,
            log TEXT NOT NULL
        );
"""

# The team's choices for the pack: what the cover says instead of "Draft" (a publication
# date or a version), and which summarised themes the closing table holds, in order (NULL:
# every one, in agenda order).
_M011_PACK_COVER_AND_THEMES = """
        ALTER TABLE writeup ADD COLUMN publication TEXT NOT NULL DEFAULT '';
        ALTER TABLE writeup ADD COLUMN closing_themes TEXT;
"""

# Speakers' slides: a PDF deck on an agenda item, kept in the file. The PDF's bytes sit in
# `deck_files`, written once and never changed, outside the undo log (a 100 MB deck is not
# copied into it as text): replacing, removing or undoing a deck changes only its small
# `decks` row. `annex_slides` are the slides the programme team put in the pack's annex,
# each with its caption, printed one or two to a page (`writeup.annex_per_page`).
_M012_SLIDE_DECKS = """
        CREATE TABLE deck_files (
            id INTEGER PRIMARY KEY,
            pdf BLOB NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            pages INTEGER NOT NULL CHECK (pages >= 1)
        );
        CREATE TABLE decks (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES deck_files(id),
            item_id INTEGER NOT NULL UNIQUE REFERENCES items(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            pages INTEGER NOT NULL CHECK (pages >= 1),
            size INTEGER NOT NULL CHECK (size >= 0),
            added_at TEXT NOT NULL
        );
        CREATE TABLE annex_slides (
            id INTEGER PRIMARY KEY,
            deck_id INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
            page INTEGER NOT NULL CHECK (page >= 0),
            caption TEXT NOT NULL DEFAULT '',
            UNIQUE (deck_id, page)
        );
        ALTER TABLE writeup ADD COLUMN annex_per_page INTEGER NOT NULL DEFAULT 1
            CHECK (annex_per_page IN (1, 2));
"""

# Near-duplicate notes merged into one keep how many they were (shown "x3"); a poll made
# from a prompt's themes knows which theme each option is (the pack links them).
_M013_NOTE_COUNTS_AND_THEME_OPTIONS = """
        ALTER TABLE notes ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE options ADD COLUMN theme_id INTEGER REFERENCES themes(id) ON DELETE SET NULL;
"""

# Data protection (issue 29): the phones' privacy notice as the facilitator wrote it ('' is
# the default one), how many days the identifiable part is kept, and the Phones tab's switch
# for a venue that puts many phones behind one address (no per-address total of joins).
_M014_PRIVACY_NOTICE_AND_SHARED_ADDRESS = """
        ALTER TABLE summit ADD COLUMN privacy_notice TEXT NOT NULL DEFAULT '';
        ALTER TABLE summit ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 90
            CHECK (retention_days BETWEEN 1 AND 3650);
        ALTER TABLE summit ADD COLUMN shared_address INTEGER NOT NULL DEFAULT 0;
"""

# Close and anonymise (core/anonymise.py): when it was done ('' until then).
_M015_ANONYMISED_AT = """
        ALTER TABLE summit ADD COLUMN anonymised_at TEXT NOT NULL DEFAULT '';
"""

# Table hosts (issue 26): the room's round tables (numbered 1..100, optionally named, with
# their seats), each with an unguessable pass printed on its table card. The first phone
# that scans a card holds it (`host_token`, a secret of that phone); a second phone is
# refused. Notes a table sends carry its number and may be starred as its key points;
# counts a table host enters for a poll are the table's, never ballots.
_M017_TABLES = """
        CREATE TABLE tables (
            id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 100),
            name TEXT NOT NULL DEFAULT '',
            seats INTEGER NOT NULL DEFAULT 10 CHECK (seats BETWEEN 1 AND 100),
            pass TEXT NOT NULL UNIQUE,
            printed INTEGER NOT NULL DEFAULT 1,
            host_token TEXT UNIQUE,
            last_contact TEXT
        );
        ALTER TABLE notes ADD COLUMN table_id INTEGER REFERENCES tables(id);
        ALTER TABLE notes ADD COLUMN is_key INTEGER NOT NULL DEFAULT 0;
        -- The host phone's own name for a note it sent: a resend after a lost answer finds
        -- the note already in, so a table's note is stored once.
        ALTER TABLE notes ADD COLUMN sent_key TEXT;
        CREATE INDEX notes_table ON notes(prompt_id, table_id);
        CREATE UNIQUE INDEX notes_sent_key ON notes(table_id, sent_key);
        CREATE TABLE table_counts (
            id INTEGER PRIMARY KEY,
            poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
            table_id INTEGER NOT NULL REFERENCES tables(id),
            people INTEGER NOT NULL CHECK (people >= 0),
            counts TEXT NOT NULL,
            counted_at TEXT NOT NULL,
            UNIQUE (poll_id, table_id)
        );
"""


# Breakout rooms merged back by file (`core.breakout`, `core.merge`). A row's identity across
# files is (origin, origin_id): the summit file it was made in and its id there; NULL origin
# means "made in this file, with this id". So a row made in any room is recognised whatever
# its id in either file, nothing is written on the hot path (a phone's ballot is a plain
# insert), and a table joins the merge by having these two columns (a test fails for a
# table that has neither them nor a reason in `core.breakout_rows.NOT_MERGED`).
# `summit.uid` is this file's identity; a room's file names its room and the summit it came
# from (`room`, `main_uid`). `breakouts` are the rooms this summit sent out, and
# `breakout_items` the items each holds until its last import (`released_at`).
_M016_BREAKOUT_ROOMS = """
        ALTER TABLE summit ADD COLUMN uid TEXT NOT NULL DEFAULT '';
        UPDATE summit SET uid = lower(hex(randomblob(16)));
        ALTER TABLE summit ADD COLUMN room TEXT NOT NULL DEFAULT '';
        ALTER TABLE summit ADD COLUMN main_uid TEXT NOT NULL DEFAULT '';
        CREATE TABLE breakouts (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            written_at TEXT NOT NULL,
            imports INTEGER NOT NULL DEFAULT 0,
            imported_at TEXT,
            released_at TEXT
        );
        CREATE TABLE breakout_items (
            id INTEGER PRIMARY KEY,
            breakout_id INTEGER NOT NULL REFERENCES breakouts(id) ON DELETE CASCADE,
            item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            UNIQUE (breakout_id, item_id)
        );
        CREATE INDEX breakout_items_item ON breakout_items(item_id);
        ALTER TABLE sections ADD COLUMN origin TEXT;
        ALTER TABLE sections ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX sections_origin ON sections(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE items ADD COLUMN origin TEXT;
        ALTER TABLE items ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX items_origin ON items(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE speakers ADD COLUMN origin TEXT;
        ALTER TABLE speakers ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX speakers_origin ON speakers(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE prompts ADD COLUMN origin TEXT;
        ALTER TABLE prompts ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX prompts_origin ON prompts(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE themes ADD COLUMN origin TEXT;
        ALTER TABLE themes ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX themes_origin ON themes(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE participants ADD COLUMN origin TEXT;
        ALTER TABLE participants ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX participants_origin ON participants(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE notes ADD COLUMN origin TEXT;
        ALTER TABLE notes ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX notes_origin ON notes(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE polls ADD COLUMN origin TEXT;
        ALTER TABLE polls ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX polls_origin ON polls(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE options ADD COLUMN origin TEXT;
        ALTER TABLE options ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX options_origin ON options(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE ballots ADD COLUMN origin TEXT;
        ALTER TABLE ballots ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX ballots_origin ON ballots(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE actions ADD COLUMN origin TEXT;
        ALTER TABLE actions ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX actions_origin ON actions(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE hand_counts ADD COLUMN origin TEXT;
        ALTER TABLE hand_counts ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX hand_counts_origin ON hand_counts(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE narrative_blocks ADD COLUMN origin TEXT;
        ALTER TABLE narrative_blocks ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX narrative_blocks_origin ON narrative_blocks(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE questions ADD COLUMN origin TEXT;
        ALTER TABLE questions ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX questions_origin ON questions(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE upvotes ADD COLUMN origin TEXT;
        ALTER TABLE upvotes ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX upvotes_origin ON upvotes(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE words ADD COLUMN origin TEXT;
        ALTER TABLE words ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX words_origin ON words(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE hidden_words ADD COLUMN origin TEXT;
        ALTER TABLE hidden_words ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX hidden_words_origin ON hidden_words(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE cards ADD COLUMN origin TEXT;
        ALTER TABLE cards ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX cards_origin ON cards(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE deck_files ADD COLUMN origin TEXT;
        ALTER TABLE deck_files ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX deck_files_origin ON deck_files(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE decks ADD COLUMN origin TEXT;
        ALTER TABLE decks ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX decks_origin ON decks(origin, origin_id)
            WHERE origin IS NOT NULL;
        ALTER TABLE annex_slides ADD COLUMN origin TEXT;
        ALTER TABLE annex_slides ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX annex_slides_origin ON annex_slides(origin, origin_id)
            WHERE origin IS NOT NULL;
"""


# Each note's sentence embedding for suggesting themes, kept as the notes arrive so that
# Suggest themes only clusters (core/embeddings.py). Keyed by the model and a hash of the
# note's text: an edited note is embedded again, a second note saying the same is not.
_M018_NOTE_EMBEDDINGS = """
        CREATE TABLE note_embeddings (
            id INTEGER PRIMARY KEY,
            model TEXT NOT NULL,
            text_key TEXT NOT NULL,
            vector BLOB NOT NULL,
            UNIQUE (model, text_key)
        );
"""


# What a breakout room counted comes back under that room (issue 27). The people counted by
# hand move from `polls.hand_voters` to a row of their own with the identity columns, so a
# room's hand count of a poll several rooms share adds to the others' instead of being
# lost; a hand count is unique per file it was taken in (two rooms' paper counts of one
# ranking both stand). A poll's row has the same id in a room's file and in the main file,
# so the moved rows keep one identity in both (id = poll id). Tables are per room: the
# room's own are numbered 1 to 100; a breakout room's tables, merged in, keep their room
# (origin) and number (origin_id) and take ids above 100, so a room's table 3 is never the
# main room's table 3; table hosts' counts travel with them. (Rebuilding `tables` drops
# its old CHECK on the id: `migrate` runs each step with foreign keys off, then checks them.)
_M019_COUNTS_BY_ROOM = """
        CREATE TABLE hand_counts_by_room (
            id INTEGER PRIMARY KEY,
            poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
            option_id INTEGER NOT NULL REFERENCES options(id) ON DELETE CASCADE,
            level INTEGER,
            count INTEGER NOT NULL CHECK (count >= 0),
            method TEXT NOT NULL CHECK (method IN ('hands', 'paper')),
            origin TEXT,
            origin_id INTEGER
        );
        INSERT INTO hand_counts_by_room SELECT id, poll_id, option_id, level, count, method,
            origin, origin_id FROM hand_counts;
        DROP TABLE hand_counts;
        ALTER TABLE hand_counts_by_room RENAME TO hand_counts;
        CREATE UNIQUE INDEX hand_counts_origin ON hand_counts(origin, origin_id)
            WHERE origin IS NOT NULL;
        CREATE UNIQUE INDEX hand_counts_taken ON hand_counts(poll_id, option_id,
            ifnull(level, 0), ifnull(origin, ''));
        CREATE TABLE hand_voters (
            id INTEGER PRIMARY KEY,
            poll_id INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
            voters INTEGER NOT NULL CHECK (voters >= 0),
            origin TEXT,
            origin_id INTEGER
        );
        CREATE UNIQUE INDEX hand_voters_origin ON hand_voters(origin, origin_id)
            WHERE origin IS NOT NULL;
        CREATE UNIQUE INDEX hand_voters_taken ON hand_voters(poll_id, ifnull(origin, ''));
        INSERT INTO hand_voters (id, poll_id, voters, origin, origin_id)
            SELECT id, id, hand_voters, origin, origin_id FROM polls WHERE hand_voters > 0;
        ALTER TABLE polls DROP COLUMN hand_voters;
        CREATE TABLE tables_by_room (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            seats INTEGER NOT NULL DEFAULT 10 CHECK (seats BETWEEN 1 AND 100),
            pass TEXT NOT NULL UNIQUE,
            printed INTEGER NOT NULL DEFAULT 1,
            host_token TEXT UNIQUE,
            last_contact TEXT,
            origin TEXT,
            origin_id INTEGER,
            CHECK (origin IS NOT NULL OR id BETWEEN 1 AND 100)
        );
        INSERT INTO tables_by_room (id, name, seats, pass, printed, host_token, last_contact)
            SELECT id, name, seats, pass, printed, host_token, last_contact FROM tables;
        DROP TABLE tables;
        ALTER TABLE tables_by_room RENAME TO tables;
        CREATE UNIQUE INDEX tables_origin ON tables(origin, origin_id) WHERE origin IS NOT NULL;
        ALTER TABLE table_counts ADD COLUMN origin TEXT;
        ALTER TABLE table_counts ADD COLUMN origin_id INTEGER;
        CREATE UNIQUE INDEX table_counts_origin ON table_counts(origin, origin_id)
            WHERE origin IS NOT NULL;
"""

# A phone's write costs the same however much is stored (issue 30). A note's next position
# is the prompt's highest plus one: indexed by (prompt, position) it is one step of the
# index, not a read of every note of the prompt (12.6 ms per note at 50,000). Each poll's
# running totals, ballots per (option, value) and (option 0, value 0) the ballots cast,
# are kept by triggers in the transaction of every write of a ballot, whoever writes it
# (a phone, an undo, a breakout room's merge, anonymising): results shown to phones are
# then read in as many rows as the poll has options and values, not re-tallied from every
# ballot at each ballot. They are derived rows, never logged for undo: undoing a ballot's
# write runs these triggers again.
_M020_NOTES_BY_PROMPT_AND_BALLOT_TOTALS = """
        DROP INDEX notes_prompt;
        CREATE INDEX notes_prompt ON notes(prompt_id, position);
        CREATE TABLE ballot_totals (
            poll_id INTEGER NOT NULL,
            option_id INTEGER NOT NULL,
            value INTEGER NOT NULL,
            ballots INTEGER NOT NULL,
            PRIMARY KEY (poll_id, option_id, value)
        );
        INSERT INTO ballot_totals (poll_id, option_id, value, ballots)
            SELECT poll_id, CAST(key AS INTEGER), value, COUNT(*)
            FROM ballots, json_each(ballots.choices) GROUP BY 1, 2, 3
            UNION ALL SELECT poll_id, 0, 0, COUNT(*) FROM ballots GROUP BY poll_id;
        CREATE TRIGGER ballot_totals_insert AFTER INSERT ON ballots BEGIN {add} END;
        CREATE TRIGGER ballot_totals_delete AFTER DELETE ON ballots BEGIN {take} END;
        CREATE TRIGGER ballot_totals_update AFTER UPDATE OF poll_id, choices ON ballots
            BEGIN {take} {add} END;
""".format(
    # The new ballot's (option, value) pairs and its (0, 0), each counted once more.
    add="""
            INSERT INTO ballot_totals (poll_id, option_id, value, ballots)
                SELECT new.poll_id, CAST(key AS INTEGER), value, 1 FROM json_each(new.choices)
                UNION ALL SELECT new.poll_id, 0, 0, 1 WHERE true
                ON CONFLICT DO UPDATE SET ballots = ballots + 1;""",
    # The old ballot's, each counted once less; a total that reaches nothing goes.
    take="""
            UPDATE ballot_totals SET ballots = ballots - 1 WHERE poll_id = old.poll_id
                AND (option_id, value) IN (SELECT CAST(key AS INTEGER), value
                    FROM json_each(old.choices) UNION ALL SELECT 0, 0);
            DELETE FROM ballot_totals WHERE poll_id = old.poll_id AND ballots <= 0;""",
)


# The language of the summit's own words, which phones mark them with (English unless set).
_M021_CONTENT_LANGUAGE = """
        ALTER TABLE summit ADD COLUMN content_lang TEXT NOT NULL DEFAULT 'en';
"""


# Each poll's running totals by the voter's group, as `ballot_totals` are by poll: for the
# pack's "How each group voted" tables, which read every ballot before (43 ms at 50,000).
# A ballot counts under its participant's group ('' for none, or no participant row); a
# participant who chooses or changes their group after voting takes their ballots along.
# The participants' triggers find a participant's ballots poll by poll through the
# ballots' (poll, participant) index: no index on the participant alone to keep up.
_M022_BALLOT_GROUP_TOTALS = """
        CREATE TABLE ballot_group_totals (
            poll_id INTEGER NOT NULL,
            group_name TEXT NOT NULL,
            option_id INTEGER NOT NULL,
            value INTEGER NOT NULL,
            ballots INTEGER NOT NULL,
            PRIMARY KEY (poll_id, group_name, option_id, value)
        );
        INSERT INTO ballot_group_totals (poll_id, group_name, option_id, value, ballots)
            SELECT b.poll_id, IFNULL(p.group_name, ''), CAST(j.key AS INTEGER), j.value,
                COUNT(*)
            FROM ballots AS b LEFT JOIN participants AS p ON p.id = b.participant_id,
                json_each(b.choices) AS j
            GROUP BY 1, 2, 3, 4
            UNION ALL SELECT b.poll_id, IFNULL(p.group_name, ''), 0, 0, COUNT(*)
            FROM ballots AS b LEFT JOIN participants AS p ON p.id = b.participant_id
            GROUP BY 1, 2;
        CREATE TRIGGER ballot_group_totals_insert AFTER INSERT ON ballots BEGIN {add} END;
        CREATE TRIGGER ballot_group_totals_delete AFTER DELETE ON ballots BEGIN {take} END;
        CREATE TRIGGER ballot_group_totals_update
            AFTER UPDATE OF poll_id, participant_id, choices ON ballots BEGIN {take} {add} END;
        CREATE TRIGGER ballot_group_totals_join AFTER INSERT ON participants
            WHEN EXISTS ({ballots_of_new}) BEGIN {join} END;
        CREATE TRIGGER ballot_group_totals_leave AFTER DELETE ON participants
            WHEN EXISTS ({ballots_of_old}) BEGIN {leave} END;
        CREATE TRIGGER ballot_group_totals_regroup AFTER UPDATE OF group_name ON participants
            WHEN old.id = new.id AND old.group_name IS NOT new.group_name
            AND EXISTS ({ballots_of_new}) BEGIN {regroup} END;
        CREATE TRIGGER ballot_group_totals_renumber AFTER UPDATE OF id ON participants
            WHEN old.id != new.id BEGIN {leave} {join} END;
"""


def _group_of(participant: str) -> str:
    return f"IFNULL((SELECT group_name FROM participants WHERE id = {participant}), '')"


def _ballots_of(participant: str) -> str:
    """A participant's ballots, one poll at a time through the (poll, participant) index."""
    return (
        "SELECT b.poll_id, b.choices FROM polls CROSS JOIN ballots AS b"
        f" ON b.poll_id = polls.id AND b.participant_id = {participant}"
    )


def _move(participant: str, old_group: str, new_group: str) -> str:
    """A participant's ballots counted once less under `old_group`, once more under
    `new_group`."""
    picks = (
        f"SELECT m.poll_id, CAST(j.key AS INTEGER) AS option_id, j.value"
        f" FROM ({_ballots_of(participant)}) AS m, json_each(m.choices) AS j"
        f" UNION ALL SELECT m.poll_id, 0, 0 FROM ({_ballots_of(participant)}) AS m"
    )
    # `poll_id IN` lets SQLite seek each (poll, group) in the totals' key, not scan them all.
    polls = f"SELECT poll_id FROM ({_ballots_of(participant)})"
    return f"""
            UPDATE ballot_group_totals SET ballots = ballots - 1 WHERE poll_id IN ({polls})
                AND group_name = {old_group} AND (poll_id, option_id, value) IN ({picks});
            DELETE FROM ballot_group_totals WHERE poll_id IN ({polls})
                AND group_name = {old_group} AND ballots <= 0;
            INSERT INTO ballot_group_totals (poll_id, group_name, option_id, value, ballots)
                SELECT poll_id, {new_group}, option_id, value, 1 FROM ({picks}) WHERE true
                ON CONFLICT DO UPDATE SET ballots = ballots + 1;"""


_M022_BALLOT_GROUP_TOTALS = _M022_BALLOT_GROUP_TOTALS.format(
    # The new ballot's (option, value) pairs and its (0, 0) under its voter's group.
    add=f"""
            INSERT INTO ballot_group_totals (poll_id, group_name, option_id, value, ballots)
                SELECT new.poll_id, {_group_of("new.participant_id")}, CAST(key AS INTEGER),
                    value, 1 FROM json_each(new.choices)
                UNION ALL SELECT new.poll_id, {_group_of("new.participant_id")}, 0, 0, 1
                WHERE true
                ON CONFLICT DO UPDATE SET ballots = ballots + 1;""",
    # The old ballot's, each counted once less; a total that reaches nothing goes.
    take=f"""
            UPDATE ballot_group_totals SET ballots = ballots - 1 WHERE poll_id = old.poll_id
                AND group_name = {_group_of("old.participant_id")}
                AND (option_id, value) IN (SELECT CAST(key AS INTEGER), value
                    FROM json_each(old.choices) UNION ALL SELECT 0, 0);
            DELETE FROM ballot_group_totals WHERE poll_id = old.poll_id
                AND group_name = {_group_of("old.participant_id")} AND ballots <= 0;""",
    ballots_of_new=_ballots_of("new.id"),
    ballots_of_old=_ballots_of("old.id"),
    # A participant's row comes or goes (a room's merge, an undo) around ballots that
    # name it: they count under '' without it.
    join=_move("new.id", "''", "IFNULL(new.group_name, '')"),
    leave=_move("old.id", "IFNULL(old.group_name, '')", "''"),
    regroup=_move("new.id", "IFNULL(old.group_name, '')", "IFNULL(new.group_name, '')"),
)


MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("initial", _M001_INITIAL),
    ("groups_and_hand_counts", _M002_GROUPS_AND_HAND_COUNTS),
    ("writeup", _M003_WRITEUP),
    ("audience_input", _M004_AUDIENCE_INPUT),
    ("summit_logo", _M005_SUMMIT_LOGO),
    ("item_clock", _M006_ITEM_CLOCK),
    ("participants_taking_part", _M007_PARTICIPANTS_TAKING_PART),
    ("short_join_code", _M008_SHORT_JOIN_CODE),
    ("voting_cards", _M009_VOTING_CARDS),
    ("undo_history", _M010_UNDO_HISTORY),
    ("pack_cover_and_themes", _M011_PACK_COVER_AND_THEMES),
    ("slide_decks", _M012_SLIDE_DECKS),
    ("note_counts_and_theme_options", _M013_NOTE_COUNTS_AND_THEME_OPTIONS),
    ("privacy_notice_and_shared_address", _M014_PRIVACY_NOTICE_AND_SHARED_ADDRESS),
    ("anonymised_at", _M015_ANONYMISED_AT),
    ("breakout_rooms", _M016_BREAKOUT_ROOMS),
    ("tables", _M017_TABLES),
    ("note_embeddings", _M018_NOTE_EMBEDDINGS),
    ("counts_by_room", _M019_COUNTS_BY_ROOM),
    ("notes_by_prompt_and_ballot_totals", _M020_NOTES_BY_PROMPT_AND_BALLOT_TOTALS),
    ("content_language", _M021_CONTENT_LANGUAGE),
    ("ballot_group_totals", _M022_BALLOT_GROUP_TOTALS),
)

SCHEMA_VERSION = len(MIGRATIONS)


class Area(enum.Enum):
    """A part of the summit that views show and redraw when it changes."""

    AGENDA = "agenda"  # sections, items, speakers, prompts
    NOTES = "notes"  # notes and themes
    POLLS = "polls"  # polls, their options and counts taken in the room
    BALLOTS = "ballots"  # phones' ballots
    PEOPLE = "people"  # participants, their groups and voting cards
    LIVE = "live"  # the running item, the open prompt, the open poll
    INFO = "info"  # the summit's details and logo
    WRITEUP = "writeup"  # narrative blocks, actions, closing texts and pack options
    AUDIENCE = "audience"  # questions, upvotes, cloud words
    SLIDES = "slides"  # the speakers' decks on agenda items
    TABLES = "tables"  # the room's tables, their cards and their hosts' phones


# Which areas a write to each table concerns (`core.changes.Changes.from_rows`). A new
# table goes here in the same change as its migration (tests/core/test_changes.py checks).
TABLE_AREAS: dict[str, frozenset[Area]] = {
    "summit": frozenset({Area.INFO, Area.LIVE}),
    "logo": frozenset({Area.INFO}),
    "sections": frozenset({Area.AGENDA}),
    "items": frozenset({Area.AGENDA, Area.LIVE}),
    "speakers": frozenset({Area.AGENDA}),
    "prompts": frozenset({Area.AGENDA}),
    "themes": frozenset({Area.NOTES}),
    "notes": frozenset({Area.NOTES}),
    "polls": frozenset({Area.POLLS, Area.LIVE}),
    "options": frozenset({Area.POLLS}),
    "hand_counts": frozenset({Area.POLLS}),
    "hand_voters": frozenset({Area.POLLS}),
    "ballots": frozenset({Area.BALLOTS}),
    "participants": frozenset({Area.PEOPLE}),
    "cards": frozenset({Area.PEOPLE}),
    "questions": frozenset({Area.AUDIENCE}),
    "upvotes": frozenset({Area.AUDIENCE}),
    "words": frozenset({Area.AUDIENCE}),
    "hidden_words": frozenset({Area.AUDIENCE}),
    "tables": frozenset({Area.TABLES}),
    "table_counts": frozenset({Area.POLLS}),
    "actions": frozenset({Area.WRITEUP}),
    "narrative_blocks": frozenset({Area.WRITEUP}),
    "writeup": frozenset({Area.WRITEUP}),
    "decks": frozenset({Area.SLIDES}),
    "annex_slides": frozenset({Area.WRITEUP}),
    # A deck's PDF bytes, written once and never logged for undo (only `decks` rows are).
    "deck_files": frozenset(),
    # The window's own undo bookkeeping, written as the file closes: no view shows it.
    "undo_history": frozenset(),
    # Derived from `ballots` by triggers (never logged for undo): the ballots' own change.
    "ballot_totals": frozenset({Area.BALLOTS}),
    "ballot_group_totals": frozenset({Area.BALLOTS}),
    # The rooms sent out and the items they hold: the agenda shows those as run elsewhere.
    "breakouts": frozenset({Area.AGENDA}),
    "breakout_items": frozenset({Area.AGENDA}),
    # The notes' embeddings, a cache written in the background: no view shows them.
    "note_embeddings": frozenset(),
}

# Every table a summit file must have; a file without them is not ours.
REQUIRED_TABLES = frozenset({"summit", "sections", "items", "polls", "options", "ballots", "notes"})


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Run the migrations from the file's version up to `target`, one transaction each.

    Foreign keys are off while a step runs (SQLite's documented way to rebuild a table
    that others refer to) and the step is refused if it left a reference broken that was
    not broken before."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current >= target:
        return
    enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for version in range(current + 1, target + 1):
            _name, sql = MIGRATIONS[version - 1]
            broken = _broken_references(conn)
            # One script so that the step and its user_version go in one transaction
            # (executescript would otherwise commit a transaction opened outside it).
            try:
                conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};")
                if _broken_references(conn) - broken:
                    raise sqlite3.IntegrityError(
                        f"migration {version} ({_name}) would leave a reference broken"
                    )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute(f"PRAGMA foreign_keys = {int(enforced)}")


def _broken_references(conn: sqlite3.Connection) -> set[tuple[object, ...]]:
    return {tuple(row) for row in conn.execute("PRAGMA foreign_key_check")}
