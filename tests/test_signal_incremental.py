import hashlib
import random
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import PartyQuantCase

COMPARED_AT = "party_quant.signals_minutes_compared_at"


@tagged("post_install", "-at_install")
class TestSignalIncremental(PartyQuantCase):
    """The next day's refresh reads only what the changed meetings reach (their late
    entry and attendance, the bursts of their branch around their creation) and finds
    exactly the signals a full refresh finds, whatever changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["party.meeting"]
        cls.Signal = cls.env["party.record.signal"]
        cls.branches = cls.branch_11 | cls.branch_12 | cls.branch_21
        cls.people = {
            branch.id: cls.env["party.member"].create(
                [{"name": f"{branch.name} P{i}", "organization_id": branch.id} for i in range(6)]
            )
            for branch in cls.branches
        }
        cls.env["ir.config_parameter"].set_param("party_quant.meeting_min_attendees", 3)
        cls.env["ir.config_parameter"].set_param("party_quant.burst_count", 5)
        cls.env["ir.config_parameter"].set_param("party_quant.burst_hours", 48)

    def setUp(self):
        super().setUp()
        self.env.cr.execute("SELECT now() AT TIME ZONE 'UTC'")
        self.now = self.env.cr.fetchone()[0]
        self.base = self.now - timedelta(days=40)

    # The database's state, as SQL would leave it (every change stamps write_date, as
    # the ORM does: what the refresh reads).
    def make(self, branch, hours, state="done", late=False, attendees=4):
        meeting = self.Meeting.create(
            {
                "name": "Incremental check",
                "organization_id": branch.id,
                "start": self.base + timedelta(hours=hours) - timedelta(days=1),
            }
        )
        self.env.flush_all()
        self.sql(
            "UPDATE party_meeting SET create_date = %s, state = %s, late_entry = %s WHERE id = %s",
            self.base + timedelta(hours=hours),
            state,
            late,
            meeting.id,
        )
        self.attend(meeting.id, branch.id, attendees)
        return meeting.id

    def attend(self, meeting_id, branch_id, count):
        self.sql("DELETE FROM party_meeting_attendee_rel WHERE meeting_id = %s", meeting_id)
        people = self.people[branch_id][:count]
        if people:
            self.sql(
                """INSERT INTO party_meeting_attendee_rel (meeting_id, member_id)
                   SELECT %s, unnest(%s::int[])""",
                meeting_id,
                people.ids,
            )
        self.touch(meeting_id)

    def sql(self, query, *params):
        self.env.cr.execute(query, params)
        self.env.invalidate_all()

    def touch(self, *meeting_ids):
        self.sql(
            "UPDATE party_meeting SET write_date = now() AT TIME ZONE 'UTC' WHERE id = ANY(%s)",
            list(meeting_ids),
        )

    def next_day(self):
        """Everything so far compared: the meetings' last writes before the last
        refresh, which compared them (the next refresh reads what changes after)."""
        self.sql(
            "UPDATE party_meeting SET write_date = %s",
            self.now - timedelta(days=1),
        )
        self.env["ir.config_parameter"].set_param(
            COMPARED_AT, fields.Datetime.to_string(self.now - timedelta(hours=1))
        )

    def snapshot(self):
        self.env.invalidate_all()
        return {
            (signal.kind, signal.key): (
                signal.organization_id.id,
                tuple(sorted(signal.meeting_ids.ids)),
                signal.reason,
                signal.state,
            )
            for signal in self.Signal.search([])
        }

    def full(self):
        """The signals a full refresh finds on the same records (the explained ones
        kept, as the refresh keeps them), undone after."""
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT full_refresh")
        try:
            self.Signal.search([("state", "=", "open")]).unlink()
            self.env["ir.config_parameter"].set_param(COMPARED_AT, False)
            self.Signal._refresh()
            self.env.flush_all()
            return self.snapshot()
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT full_refresh")
            self.env.invalidate_all(flush=False)

    def refreshed_as_full(self, message):
        self.Signal._refresh()
        self.env.flush_all()
        incremental = self.snapshot()
        self.assertEqual(incremental, self.full(), message)
        return incremental

    def mine(self, signals, kind):
        return {key: value[1] for (k, key), value in signals.items() if k == kind}

    def test_crafted_changes_as_full(self):
        """A burst made by a new meeting, one undone by a cancellation, few attendees
        after an attendee left, a late entry, a meeting moved to another branch."""
        b11, b12 = self.branch_11, self.branch_12
        burst = [self.make(b11, hours) for hours in (0, 1, 2, 3, 4)]
        four = [self.make(b11, 200 + hours) for hours in (0, 10, 20, 30)]
        quiet = self.make(b12, 100)
        self.env["ir.config_parameter"].set_param(COMPARED_AT, False)
        first = self.refreshed_as_full("the first refresh")
        self.assertIn(tuple(burst), self.mine(first, "burst").values())
        self.next_day()
        # A fifth meeting in the four's hours; a burst's meeting cancelled; a meeting
        # down to two attendees; one entered late; one moved to another branch.
        fifth = self.make(b11, 215)
        self.sql("UPDATE party_meeting SET state = 'cancelled' WHERE id = %s", burst[2])
        self.touch(burst[2])
        self.attend(quiet, b12.id, 2)
        self.sql("UPDATE party_meeting SET late_entry = TRUE WHERE id = %s", four[0])
        self.touch(four[0])
        found = self.refreshed_as_full("the next day")
        bursts = self.mine(found, "burst")
        self.assertIn(tuple(sorted([*four, fifth])), bursts.values(), "a burst made")
        self.assertFalse(set(burst) & {m for ids in bursts.values() for m in ids}, "undone")
        self.assertEqual(self.mine(found, "few_attendees").get(str(quiet)), (quiet,))
        self.assertEqual(self.mine(found, "late_entry").get(str(four[0])), (four[0],))
        # The next day again: the burst's meeting moved to another branch, an
        # attendee back, a meeting deleted.
        self.next_day()
        self.sql("UPDATE party_meeting SET organization_id = %s WHERE id = %s", b12.id, fifth)
        self.touch(fifth)
        self.attend(quiet, b12.id, 3)
        self.sql("DELETE FROM party_meeting WHERE id = %s", four[1])
        found = self.refreshed_as_full("moved, attended, deleted")
        self.assertFalse(self.mine(found, "few_attendees").get(str(quiet)))
        self.assertNotIn(fifth, {m for ids in self.mine(found, "burst").values() for m in ids})

    def test_random_changes_as_full(self):
        """Meetings at random hours over a month in three branches, then rounds of
        changes at random (creation moved, cancelled or held again, moved to another
        branch, attendees, late flag, deleted, new ones): after each round the next
        day's refresh finds what a full refresh finds."""
        rng = random.Random(2024)
        branches = list(self.branches)
        meetings = {}
        for branch in branches:
            for _index in range(28):
                hours = rng.randint(0, 24 * 30)
                meetings[
                    self.make(
                        branch,
                        hours,
                        state=rng.choice(("done", "done", "done", "draft", "cancelled")),
                        late=rng.random() < 0.3,
                        attendees=rng.randint(0, 6),
                    )
                ] = branch.id
        self.env["ir.config_parameter"].set_param(COMPARED_AT, False)
        first = self.refreshed_as_full("the first refresh")
        self.assertTrue(self.mine(first, "burst"), "the month holds bursts")
        for round_index in range(6):
            self.next_day()
            for _change in range(rng.randint(1, 5)):
                meeting_id = rng.choice(sorted(meetings))
                change = rng.choice(
                    ("create", "state", "branch", "attend", "late", "delete", "new")
                )
                if change == "create":
                    self.sql(
                        "UPDATE party_meeting SET create_date = %s WHERE id = %s",
                        self.base + timedelta(hours=rng.randint(0, 24 * 30)),
                        meeting_id,
                    )
                elif change == "state":
                    self.sql(
                        "UPDATE party_meeting SET state = %s WHERE id = %s",
                        rng.choice(("done", "draft", "cancelled")),
                        meeting_id,
                    )
                elif change == "branch":
                    meetings[meeting_id] = rng.choice(branches).id
                    self.sql(
                        "UPDATE party_meeting SET organization_id = %s WHERE id = %s",
                        meetings[meeting_id],
                        meeting_id,
                    )
                elif change == "attend":
                    self.attend(meeting_id, meetings[meeting_id], rng.randint(0, 6))
                elif change == "late":
                    self.sql(
                        "UPDATE party_meeting SET late_entry = NOT late_entry WHERE id = %s",
                        meeting_id,
                    )
                elif change == "delete":
                    self.sql("DELETE FROM party_meeting WHERE id = %s", meeting_id)
                    del meetings[meeting_id]
                    continue
                else:
                    branch = rng.choice(branches)
                    meeting_id = self.make(branch, rng.randint(0, 24 * 30))
                    meetings[meeting_id] = branch.id
                self.touch(meeting_id)
            self.refreshed_as_full(f"round {round_index}")

    def test_long_lists_keyed_by_their_digest(self):
        """A branch of hundreds all present twice: the list is too long for a key, the
        signal is keyed by its digest, found again the next day as by a full refresh."""
        crowd = self.env["party.member"].create(
            [{"name": f"Crowd {i}", "organization_id": self.branch_21.id} for i in range(260)]
        )
        self.people = {**self.people, self.branch_21.id: crowd}  # this test's only
        first = self.make(self.branch_21, 0, attendees=260)
        second = self.make(self.branch_21, 24 * 5, attendees=260)
        self.env["ir.config_parameter"].set_param(COMPARED_AT, False)
        found = self.mine(self.refreshed_as_full("the first refresh"), "copied_attendance")
        listed = ",".join(map(str, sorted(crowd.ids)))
        self.assertGreater(len(listed), 1000)
        digest = hashlib.md5(listed.encode()).hexdigest()
        self.assertEqual(found.get(digest), (first, second))
        self.next_day()
        third = self.make(self.branch_21, 24 * 9, attendees=260)
        found = self.mine(self.refreshed_as_full("the next day"), "copied_attendance")
        self.assertEqual(found.get(digest), (first, second, third))

    def test_next_day_queries(self):
        """The next day's refresh, a burst's meeting cancelled: the same queries
        whatever the number of meetings and signals (none read per record)."""
        burst = [self.make(self.branch_11, hours, late=True) for hours in (0, 1, 2, 3, 4)]
        self.env["ir.config_parameter"].set_param(COMPARED_AT, False)
        self.Signal._refresh()
        self.next_day()
        self.sql("UPDATE party_meeting SET state = 'cancelled' WHERE id = %s", burst[0])
        self.touch(burst[0])
        self.env.flush_all()
        with self.assertQueryCount(33):
            self.Signal._refresh()
            self.env.flush_all()
        self.assertFalse(
            self.Signal.search([("kind", "=", "burst"), ("meeting_ids", "in", burst)]),
            "the burst undone",
        )
