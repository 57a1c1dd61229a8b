import random
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import PartyQuantCase

SIGNATURES = """SELECT meeting_id, minutes_length, minutes_digest, minutes_grams,
                       attendance_digest, attendance_count
                  FROM party_meeting_signature WHERE meeting_id = ANY(%s) ORDER BY meeting_id"""


@tagged("post_install", "-at_install")
class TestSignalSignatures(PartyQuantCase):
    """What the signals compare is computed once per meeting (triggers) and read by
    index: the same signals as comparing every pair, the first refresh as the next."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Meeting = cls.env["party.meeting"]
        cls.Signal = cls.env["party.record.signal"]
        cls.people = cls.env["party.member"].create(
            [{"name": f"S{i}", "organization_id": cls.branch_11.id} for i in range(6)]
        )

    def meeting(self, minutes, days_ago, attendees=None):
        meeting = self.Meeting.with_user(self.user_branch).create(
            {
                "name": "Signature check",
                "organization_id": self.branch_11.id,
                "start": fields.Datetime.now() - timedelta(days=days_ago),
                "minutes": minutes,
            }
        )
        if attendees is not None:
            meeting.attendee_ids = attendees
        return meeting

    def signatures(self, meetings):
        self.env.flush_all()
        self.env.cr.execute(SIGNATURES, [meetings.ids])
        return self.env.cr.fetchall()

    def test_kept_by_triggers_as_rebuilt(self):
        """Whatever writes the minutes or the attendance (the ORM, SQL), the stored
        signature is the one a rebuild computes from scratch (the upgrade's)."""
        first = self.meeting("<p>Studied the Constitution, ABC abc abc.</p>", 3, self.people[:4])
        second = self.meeting(False, 2)
        third = self.meeting("<p>   </p>", 1, self.people[:2])
        second.write({"minutes": "<p>Minutes written later, long enough.</p>"})
        first.attendee_ids = [(3, self.people[0].id)]
        third.attendee_ids = [(4, self.people[5].id)]
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE party_meeting SET minutes = minutes || '<p>by SQL</p>' WHERE id = %s",
            [third.id],
        )
        meetings = first | second | third
        kept = self.signatures(meetings)
        self.assertEqual([row[0] for row in kept], meetings.ids, "one row a meeting")
        by_id = {row[0]: row for row in kept}
        self.assertEqual(by_id[first.id][5], 3)
        self.assertIsNone(by_id[second.id][4], "no attendees, no list")
        self.Signal._signature_rebuild()
        self.assertEqual(self.signatures(meetings), kept)
        meetings.sudo().unlink()  # the records stay for their users: the system cleans up
        self.assertEqual(self.signatures(meetings), [], "gone with the meetings")

    def test_first_refresh_finds_what_every_pair_finds(self):
        """Minutes edited at random (a tenth of the characters or less, more, repeated
        text, other lengths): the candidates by length and trigrams give exactly the
        pairs difflib finds comparing every pair, the first time and the next day."""
        rng = random.Random(24)
        alphabet = "党支部学习会议纪要讨论安全生产计划全体党员参加aaab"
        meetings = self.Meeting
        for base_index in range(6):
            base = "".join(rng.choice(alphabet) for _i in range(rng.randint(25, 160)))
            if base_index == 0:
                base = "学习" * 40  # repeated text
            meetings |= self.meeting(f"<p>{base}</p>", 100 + base_index)
            for copy_index in range(5):
                text = list(base)
                for _edit in range(int(len(text) * rng.choice((0.02, 0.05, 0.08, 0.15)))):
                    position = rng.randrange(len(text))
                    operation = rng.choice("sid")
                    if operation == "s":
                        text[position] = rng.choice(alphabet)
                    elif operation == "i":
                        text.insert(position, rng.choice(alphabet))
                    elif len(text) > 1:
                        del text[position]
                meetings |= self.meeting(
                    f"<p>{''.join(text)}</p>", 100 + base_index - copy_index * 20
                )
        self.env.flush_all()
        pairwise = sorted(
            signal[1]
            for signal in self.Signal._near_identical_pairwise(set())
            if set(signal[3]) <= set(meetings.ids)
        )
        self.assertGreater(len(pairwise), 5, "the crafted copies are found")

        def found(since):
            return sorted(
                signal[1]
                for signal in self.Signal._near_identical_minutes(set(), since)
                if set(signal[3]) <= set(meetings.ids)
            )

        self.assertEqual(found(False), pairwise, "the first refresh")
        since = fields.Datetime.to_string(datetime.now() - timedelta(hours=1))
        self.assertEqual(found(since), pairwise, "every meeting changed since")

    def test_reused_attendance_by_digest_as_by_list(self):
        """The lists grouped by their stored digest are the lists themselves."""
        lists = (
            self.people[:3],
            self.people[:3],
            self.people[1:4],
            self.people[1:4],
            self.people[:2],
            self.people[:2],
            self.people[:5],
        )
        meetings = self.Meeting
        for index, attendees in enumerate(lists):
            meetings |= self.meeting(False, 10 + index, attendees)
        self.env.flush_all()
        mine = set(meetings.ids)
        found = {s[1]: s[3] for s in self.Signal._reused_attendance() if mine & set(s[3])}

        def key(members):
            return ",".join(map(str, sorted(members.ids)))

        self.assertEqual(
            found,
            {key(lists[0]): meetings[:2].ids, key(lists[2]): meetings[2:4].ids},
            "two lists of 3 reused; a list of 2 is too short to count",
        )
