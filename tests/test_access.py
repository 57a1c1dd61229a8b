from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestAccess(PartyQuantCase):
    def assertReads(self, user, records):
        records.with_user(user).read(["name"])

    def assertCannotRead(self, user, records):
        for record in records:
            with self.assertRaises(AccessError, msg=f"{user.login} read {record.display_name}"):
                record.with_user(user).read(["name"])

    def assertCannotWrite(self, user, records):
        for record in records:
            with self.assertRaises(AccessError, msg=f"{user.login} wrote {record.display_name}"):
                record.with_user(user).write({"name": "Hacked"})
            record.invalidate_recordset()
            self.assertNotEqual(record.name, "Hacked")

    def test_member_sees_only_themself(self):
        user = self.user_member
        self.assertEqual(user.party_member_id, self.m11b)
        self.assertReads(user, self.m11b)
        self.assertCannotRead(user, self.m11a | self.m12a | self.m21a)
        self.assertCannotWrite(user, self.m11b)
        # Their own branch and the organizations above it, nothing else.
        self.assertReads(user, self.branch_11 | self.general_1 | self.committee)
        self.assertCannotRead(user, self.branch_12 | self.branch_21 | self.general_2)
        self.assertCannotWrite(user, self.branch_11)
        Member = self.env["party.member"].with_user(user)
        self.assertEqual(Member.search([]), self.m11b)
        with self.assertRaises(AccessError):
            Member.create({"name": "Self-made", "organization_id": self.branch_11.id})

    def test_branch_officer_scope(self):
        user = self.user_branch
        self.assertReads(user, self.branch_11)
        self.assertReads(user, self.m11a | self.m11b)
        self.m11b.with_user(user).write({"position": "Organizer"})
        # Pay, ranking group and scope fields are the committee's (issue 12); the
        # secretary's pay mode is pay data that only the committee and HR read.
        with self.assertRaises(UserError):  # AccessError is a UserError
            self.branch_11.with_user(user).write({"secretary_mode": "part_time"})
        with self.assertRaises(AccessError):
            self.branch_11.with_user(user).read(["secretary_mode"])
        self.assertEqual(self.branch_11.secretary_mode, "full_time")
        self.branch_11.with_user(user).write({"description": "Our branch"})
        new = (
            self.env["party.member"]
            .with_user(user)
            .create({"name": "Recruit", "organization_id": self.branch_11.id})
        )
        self.assertEqual(new.membership_ids.sudo().organization_id, self.branch_11)
        # Outside the scope.
        self.assertCannotRead(user, self.branch_12 | self.branch_21)
        self.assertCannotRead(user, self.m12a | self.m21a)
        self.assertCannotWrite(user, self.m12a)
        self.assertCannotWrite(user, self.branch_12)
        with self.assertRaises(AccessError):
            self.env["party.member"].with_user(user).create(
                {"name": "Intruder", "organization_id": self.branch_12.id}
            )
        # The organizations above are readable (for names) but not writable.
        self.assertReads(user, self.general_1 | self.committee)
        self.assertCannotWrite(user, self.general_1)
        with self.assertRaises(AccessError):
            self.env["party.organization"].with_user(user).create(
                self._branch_vals("New", self.general_1, self.type_service)
            )
        self.assertEqual(
            self.env["party.organization"].with_user(user).search([("kind", "=", "branch")]),
            self.branch_11,
        )

    def test_scope_change_applies_at_once(self):
        user = self.user_branch
        self.assertCannotRead(user, self.m12a)
        user.party_organization_ids |= self.branch_12
        self.assertReads(user, self.m12a)
        self.assertReads(user, self.branch_12)
        self.branch_12.officer_user_ids -= user
        self.assertCannotRead(user, self.m12a)

    def test_general_branch_officer_scope(self):
        user = self.user_general
        inside = self.general_1 | self.branch_11 | self.branch_12
        self.assertReads(user, inside | self.committee)
        self.assertReads(user, self.m11a | self.m12a)
        self.branch_12.with_user(user).write({"name": "Branch 12 renamed"})
        self.m12a.with_user(user).write({"position": "Secretary"})
        self.general_1.with_user(user).write({"description": "Supervises 三会一课"})
        self.assertCannotRead(user, self.general_2 | self.branch_21 | self.branch_0)
        self.assertCannotRead(user, self.m21a | self.m0a)
        self.assertCannotWrite(user, self.branch_21 | self.committee)
        self.assertCannotWrite(user, self.m21a)
        with self.assertRaises(AccessError):
            self.env["party.organization"].with_user(user).create(
                self._branch_vals("New", self.general_1, self.type_service)
            )

    def test_committee_sees_everything(self):
        user = self.user_committee
        Org = self.env["party.organization"].with_user(user)
        self.assertEqual(
            Org.search([("id", "child_of", self.committee.id)]),
            self.committee
            | self.general_1
            | self.general_2
            | self.branch_11
            | self.branch_12
            | self.branch_21
            | self.branch_0,
        )
        new = Org.create(self._branch_vals("New", self.general_2, self.type_service))
        self.m21a.with_user(user).write({"position": "Head"})
        self.type_service.with_user(user).write({"description": "Serves customers"})
        # Archive rather than delete: deleting is for the administrator.
        new.with_user(user).action_archive()
        self.assertFalse(new.active)
        with self.assertRaises(AccessError):
            self.m0a.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.type_service.with_user(user).unlink()

    def test_branch_types_read_only_below_committee(self):
        for user in (self.user_member, self.user_branch, self.user_general):
            self.assertReads(user, self.type_service)
            self.assertCannotWrite(user, self.type_service)

    def test_history_follows_the_member(self):
        History = self.env["party.member.membership"]
        self.assertEqual(History.with_user(self.user_member).search([]).member_id, self.m11b)
        self.assertEqual(
            History.with_user(self.user_branch).search([]).member_id, self.m11a | self.m11b
        )
        with self.assertRaises(AccessError):
            self.m11b.membership_ids.with_user(self.user_branch).write({"date_end": "2030-01-01"})

    def test_user_without_party_group_sees_nothing(self):
        outsider = self._user("pq_outsider", "group_party_member")
        outsider.groups_id -= self.env.ref("party_quant.group_party_member")
        with self.assertRaises(AccessError):
            self.m11a.with_user(outsider).read(["name"])
