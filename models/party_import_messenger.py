"""The messenger ids import: the directory exported from WeCom or DingTalk (a sheet of
employee numbers or mobile numbers and user ids), matched to the members and written on
their logins (``res.users.party_messenger_userid``). A row whose member is not found,
has no login, or whose id another user holds is refused with its row number; a second
import of the same file changes nothing."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

MESSENGER_COLUMNS = {
    "userid": ("账号", "成员账号", "企业微信账号", "钉钉用户ID", "用户ID", "UserID", "userid"),
    "employee_number": ("工号", "员工编号", "职工号", "员工号"),
    "mobile": ("手机号", "手机", "手机号码", "移动电话"),
    "name": ("姓名", "名称"),
}


class PartyImport(models.Model):
    _inherit = "party.import"

    kind = fields.Selection(
        selection_add=[("messenger", "Messenger IDs")], ondelete={"messenger": "cascade"}
    )

    @api.model
    def _columns_messenger(self):
        return MESSENGER_COLUMNS

    @api.model
    def _required_columns_messenger(self):
        return ("userid",)

    @api.model
    def _example_messenger(self):
        return ["zhangwei", "E00123", "13905951234", "张伟"]

    def _check_importer(self):
        """A messenger id signs its user in without a password (免登): writing ids on
        logins is setting their credentials, the users' administrator's, as the
        passwords are (the committee would otherwise sign in as anyone, an
        administrator included, with its own messenger account)."""
        res = super()._check_importer()
        if (
            not self.env.su
            and "messenger" in self.mapped("kind")
            and not self.env.user.has_group("base.group_erp_manager")
        ):
            raise AccessError(
                _(
                    "Messenger ids sign people in without a password: only an "
                    "administrator of the users imports them."
                )
            )
        return res

    def _check_messenger(self, rows, errors):
        # Matching reads the members' numbers and logins: the system's, for the
        # committee's import.
        Member = self.env["party.member"].sudo().with_context(active_test=False)
        employees = {row["employee_number"] for _n, row in rows if row.get("employee_number")}
        mobiles = {row["mobile"] for _n, row in rows if row.get("mobile")}
        members = Member.search_fetch(
            ["|", ("employee_number", "in", list(employees)), ("mobile", "in", list(mobiles))],
            ["employee_number", "mobile", "user_id"],
        )
        by_employee = {m.employee_number: m for m in members if m.employee_number}
        by_mobile = {}
        for member in members.filtered("mobile"):
            by_mobile.setdefault(member.mobile, member.browse())
            by_mobile[member.mobile] |= member
        holders = {
            user.party_messenger_userid: user
            for user in self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("party_messenger_userid", "in", [row["userid"] for _n, row in rows])],
                ["party_messenger_userid"],
            )
        }
        plan = {"create": [], "update": [], "unchanged": 0}
        in_file = {}
        for number, row in rows:
            userid = row.get("userid", "")
            if not userid:
                errors.append((number, _("The user id (账号) is empty.")))
                continue
            member = by_employee.get(row.get("employee_number"))
            if not member and row.get("mobile"):
                found = by_mobile.get(row["mobile"], Member)
                if len(found) > 1:
                    errors.append(
                        (
                            number,
                            _("Several members have the mobile %(mobile)s.", mobile=row["mobile"]),
                        )
                    )
                    continue
                member = found
            if not member:
                errors.append((number, _("No member has this employee number or mobile number.")))
                continue
            user = member.user_id
            if not user:
                errors.append(
                    (number, _("%(member)s has no login: create it first.", member=member.name))
                )
                continue
            if in_file.setdefault(userid, user.id) != user.id:
                errors.append((number, _("The user id %(id)s is twice in the file.", id=userid)))
                continue
            holder = holders.get(userid)
            if holder and holder != user:
                errors.append(
                    (
                        number,
                        _("The user id %(id)s is already %(user)s's.", id=userid, user=holder.name),
                    )
                )
                continue
            if user.party_messenger_userid == userid:
                plan["unchanged"] += 1
            else:
                plan["update"].append((user.id, userid))
        return plan

    def _apply_messenger(self, plan, limit=None):
        """One UPDATE for the whole plan (the ids are the system's fields of the users)."""
        updates = plan["update"][:limit] if limit else plan["update"]
        if updates:
            self.env["res.users"].flush_model(["party_messenger_userid"])
            self.env.cr.execute(
                SQL(
                    """UPDATE res_users u SET party_messenger_userid = v.userid
                         FROM (VALUES %s) AS v(id, userid) WHERE u.id = v.id""",
                    SQL(", ").join(SQL("(%s, %s)", user_id, userid) for user_id, userid in updates),
                )
            )
            self.env["res.users"].invalidate_model(["party_messenger_userid"])
        return len(updates)
