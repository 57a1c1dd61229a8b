"""18.0.1.1.0: party.member's ``full_date`` (转正日期) became ``full_member_date``.

Databases installed at 18.0.1.0.0 before the rename (until commit 43e7f54) hold the
dates in the column ``full_date``; without this step the upgrade would create an empty
``full_member_date`` and leave the dates in a column nothing reads. Renamed before the
models load, with the field's metadata, so that its tracking history follows. Does
nothing on a database that has the new column already.
"""

from odoo.tools.sql import column_exists, rename_column

OLD, NEW = "full_date", "full_member_date"


def rename_full_date(cr):
    if not column_exists(cr, "party_member", OLD) or column_exists(cr, "party_member", NEW):
        return False
    rename_column(cr, "party_member", OLD, NEW)
    cr.execute(
        """UPDATE ir_model_fields SET name = %s
            WHERE model = 'party.member' AND name = %s
              AND NOT EXISTS (SELECT 1 FROM ir_model_fields
                               WHERE model = 'party.member' AND name = %s)""",
        (NEW, OLD, NEW),
    )
    cr.execute(
        """UPDATE ir_model_data SET name = %s
            WHERE module = 'party_quant' AND model = 'ir.model.fields' AND name = %s
              AND NOT EXISTS (SELECT 1 FROM ir_model_data
                               WHERE module = 'party_quant' AND name = %s)""",
        (f"field_party_member__{NEW}", f"field_party_member__{OLD}", f"field_party_member__{NEW}"),
    )
    return True


def migrate(cr, version):
    if version:
        rename_full_date(cr)
