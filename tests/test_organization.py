from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PartyQuantCase


@tagged("post_install", "-at_install")
class TestOrganizationHierarchy(PartyQuantCase):
    def test_tree_fields(self):
        self.assertEqual(self.branch_11.complete_name, "Test Committee / General 1 / Branch 11")
        self.assertEqual(self.branch_11.general_branch_id, self.general_1)
        self.assertEqual(self.general_1.general_branch_id, self.general_1)
        self.assertFalse(self.branch_0.general_branch_id)
        self.assertEqual(self.general_1.child_count, 2)
        self.assertEqual(self.general_1.member_count, 3)
        self.assertEqual(self.committee.member_count, 5)
        new_type = self.env["party.branch.type"].create({"name": "Logistics", "code": "logistics"})
        self.branch_0.branch_type_id = new_type
        self.assertEqual(new_type.branch_count, 1)
        found = self.env["party.organization"].name_search("General 1 / Branch")
        self.assertEqual({r[0] for r in found}, {self.branch_11.id, self.branch_12.id})

    def test_moving_a_branch_moves_its_general_branch(self):
        self.branch_12.parent_id = self.general_2
        self.assertEqual(self.branch_12.general_branch_id, self.general_2)
        self.assertEqual(self.m12a.general_branch_id, self.general_2)
        self.assertEqual(self.branch_12.complete_name, "Test Committee / General 2 / Branch 12")

    def test_branch_directly_under_committee(self):
        self.assertEqual(self.branch_0.parent_id, self.committee)

    def test_branch_under_branch_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be placed under Branch 11"):
            self.env["party.organization"].create(
                self._branch_vals("Nested", self.branch_11, self.type_service)
            )
        self.assertFalse(self.env["party.organization"].search([("name", "=", "Nested")]))

    def test_general_branch_needs_committee_parent(self):
        Org = self.env["party.organization"]
        with self.assertRaisesRegex(ValidationError, "must be placed under a parent"):
            Org.create({"name": "Orphan", "kind": "general_branch"})
        with self.assertRaisesRegex(ValidationError, "cannot be placed under General 1"):
            Org.create({"name": "G in G", "kind": "general_branch", "parent_id": self.general_1.id})

    def test_branch_needs_parent(self):
        with self.assertRaisesRegex(ValidationError, "must be placed under a parent"):
            self.env["party.organization"].create(
                {"name": "Lost", "kind": "branch", "branch_type_id": self.type_service.id}
            )

    def test_level_change_checks_children(self):
        with self.assertRaisesRegex(ValidationError, "Branch 11"):
            self.general_1.write({"kind": "branch", "branch_type_id": self.type_service.id})
        self.general_1.invalidate_recordset()
        self.assertEqual(self.general_1.kind, "general_branch")

    def test_cycle_refused(self):
        upper = self.env["party.organization"].create({"name": "Upper", "kind": "committee"})
        self.committee.parent_id = upper
        with self.assertRaisesRegex(ValidationError, "which is itself under it"):
            upper.parent_id = self.committee
        upper.invalidate_recordset()
        self.assertFalse(upper.parent_id)
        with self.assertRaisesRegex(ValidationError, "which is itself under it"):
            self.general_1.parent_id = self.general_1

    def test_branch_needs_type(self):
        with self.assertRaisesRegex(ValidationError, "must have a branch type"):
            self.env["party.organization"].create(
                {"name": "Untyped", "kind": "branch", "parent_id": self.general_1.id}
            )
        with self.assertRaisesRegex(ValidationError, "must have a branch type"):
            self.branch_11.branch_type_id = False

    def test_secretary_must_be_member(self):
        with self.assertRaisesRegex(ValidationError, "M12a is not a member of Branch 11"):
            self.branch_11.secretary_id = self.m12a
        self.branch_11.invalidate_recordset()
        self.assertEqual(self.branch_11.secretary_id, self.m11a)
        with self.assertRaisesRegex(ValidationError, "M21a is not a member of Branch 11"):
            self.branch_11.committee_member_ids = self.m11a | self.m21a
        # Secretaries of higher levels come from the branches below them.
        self.general_1.secretary_id = self.m12a
        with self.assertRaises(ValidationError):
            self.general_2.secretary_id = self.m12a

    def test_member_needs_branch(self):
        Member = self.env["party.member"]
        with self.assertRaisesRegex(ValidationError, "must belong to a branch"):
            Member.create({"name": "Nobody"})
        with self.assertRaisesRegex(ValidationError, "must belong to a branch, not to General 1"):
            Member.create({"name": "Too High", "organization_id": self.general_1.id})
        with self.assertRaisesRegex(ValidationError, "must belong to a branch"):
            self.m12a.organization_id = False
        self.assertFalse(Member.search([("name", "in", ("Nobody", "Too High"))]))

    def test_errors_in_chinese(self):
        with self.assertRaisesRegex(ValidationError, "必须有支部类型"):
            self.env["party.organization"].with_context(lang="zh_CN").create(
                {"name": "Untyped", "kind": "branch", "parent_id": self.general_1.id}
            )
