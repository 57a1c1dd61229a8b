"""The upgrade from 18.0.1.0.0 keeps the members' full membership dates (full_date
renamed full_member_date, migrations/18.0.1.1.0/pre-migrate.py), on this database's
own party_member table, inside the test's transaction."""

import importlib.util
from datetime import date

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.sql import column_exists


def _pre_migrate():
    path = file_path("party_quant/migrations/18.0.1.1.0/pre-migrate.py")
    spec = importlib.util.spec_from_file_location("party_quant_pre_migrate_18_0_1_1_0", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigrationFullDate(TransactionCase):
    def test_upgrade_keeps_full_membership_dates(self):
        cr = self.env.cr
        org = self.env["party.organization"].create({"name": "迁移党委", "kind": "committee"})
        branch = self.env["party.organization"].create(
            {
                "name": "迁移党支部",
                "kind": "branch",
                "parent_id": org.id,
                "branch_type_id": self.env.ref("party_quant.branch_type_service").id,
            }
        )
        member = self.env["party.member"].create(
            {
                "name": "迁移测试",
                "organization_id": branch.id,
                "state": "full",
                "join_date": date(2010, 7, 1),
                "full_member_date": date(2011, 7, 1),
            }
        )
        field = self.env["ir.model.fields"]._get("party.member", "full_member_date")
        self.env.flush_all()
        # The database as 18.0.1.0.0 left it: the column and the field named full_date.
        cr.execute("ALTER TABLE party_member RENAME COLUMN full_member_date TO full_date")
        cr.execute("UPDATE ir_model_fields SET name = 'full_date' WHERE id = %s", (field.id,))
        cr.execute(
            """UPDATE ir_model_data SET name = 'field_party_member__full_date'
                WHERE module = 'party_quant' AND name = 'field_party_member__full_member_date'"""
        )
        migration = _pre_migrate()
        migration.migrate(cr, "18.0.1.0.0")
        self.assertTrue(column_exists(cr, "party_member", "full_member_date"))
        self.assertFalse(column_exists(cr, "party_member", "full_date"))
        cr.execute("SELECT full_member_date FROM party_member WHERE id = %s", (member.id,))
        self.assertEqual(cr.fetchone()[0], date(2011, 7, 1))
        self.env.invalidate_all()
        self.assertEqual(member.full_member_date, date(2011, 7, 1))
        self.assertEqual(field.name, "full_member_date")
        self.assertEqual(self.env.ref("party_quant.field_party_member__full_member_date"), field)
        # A second run (or a database installed after the rename) changes nothing.
        self.assertFalse(migration.rename_full_date(cr))
