import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestChinese(TransactionCase):
    def test_every_term_has_a_chinese_translation(self):
        """Every term the addon shows (code, views, fields, data) is in zh_CN.po."""
        po = polib.pofile(file_path("party_quant/i18n/zh_CN.po"))
        translated = {entry.msgid for entry in po if entry.msgstr}
        terms = {}
        for module, _type, _name, _res_id, source, value, _comments in TranslationModuleReader(
            self.env.cr, modules=["party_quant"], lang="zh_CN"
        ):
            if module == "party_quant" and source.strip():
                # A term inherited from a dependency (mail's fields) is translated there.
                terms[source] = source in translated or bool(value and value != source)
        self.assertGreater(len(terms), 100)
        missing = {source for source, ok in terms.items() if not ok}
        self.assertEqual(missing, set(), "terms without a zh_CN translation")

    def test_interface_in_chinese(self):
        zh = self.env(context={"lang": "zh_CN"})
        fields = zh["party.organization"].fields_get(["kind", "secretary_mode"])
        self.assertEqual(fields["kind"]["string"], "层级")
        self.assertIn(("general_branch", "党总支"), fields["kind"]["selection"])
        self.assertEqual(dict(fields["secretary_mode"]["selection"])["full_time"], "专职")
        branch_type = zh.ref("party_quant.branch_type_production")
        self.assertEqual(branch_type.name, "生产型")
        menu = zh.ref("party_quant.party_quant_menu_root")
        self.assertEqual(menu.name, "党建")
