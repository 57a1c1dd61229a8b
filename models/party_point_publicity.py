from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_labels import company_lang
from .party_point_rule import PARTS
from .party_settings import SETTINGS, setting

WINDOW_PARAM, WINDOW_DEFAULT = SETTINGS["publicity_days"]


class PartyPointPublicity(models.Model):
    """The month's points of a branch shown to its members (公示), with a window in
    which a member may appeal an entry."""

    _name = "party.point.publicity"
    _description = "Points Publicity"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "period_start desc, organization_id"

    _transitions = {("draft", "published"): "publisher"}
    # The figures and the window are the system's, set when the month is published.
    _system_fields = frozenset({"name", "period_start", "published_on", "window_end", "line_ids"})

    name = fields.Char(compute="_compute_name", store=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Branch",
        required=True,
        index=True,
        domain="[('kind', '=', 'branch')]",
    )
    period_id = fields.Many2one(
        "party.period", string="Month", required=True, index=True, domain="[('kind', '=', 'month')]"
    )
    period_start = fields.Date(related="period_id.date_start", store=True)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        tracking=True,
    )
    published_on = fields.Date(readonly=True)
    window_end = fields.Date(string="Appeals Until", readonly=True)
    window_open = fields.Boolean(compute="_compute_window_open")
    can_appeal = fields.Boolean(
        compute="_compute_can_appeal", help="The user is a member of the publicity and may appeal."
    )
    line_ids = fields.One2many(
        "party.point.publicity.line", "publicity_id", string="Members' Points", readonly=True
    )
    appeal_ids = fields.One2many("party.point.appeal", "publicity_id", string="Appeals")

    _sql_constraints = [
        (
            "organization_period_uniq",
            "unique(organization_id, period_id)",
            "The branch's month is published once.",
        ),
    ]

    @api.depends("organization_id.name", "period_id.name")
    def _compute_name(self):
        for publicity in self:
            publicity.name = (
                f"{publicity.organization_id.name or ''} {publicity.period_id.name or ''}".strip()
            )

    @api.depends("state", "window_end")
    def _compute_window_open(self):
        today = fields.Date.context_today(self)
        for publicity in self:
            publicity.window_open = publicity.state == "published" and today <= publicity.window_end

    @api.depends("window_open", "line_ids.member_id")
    @api.depends_context("uid")
    def _compute_can_appeal(self):
        mine = self.env.user.party_member_ids
        for publicity in self:
            publicity.can_appeal = publicity.window_open and bool(
                mine & publicity.line_ids.member_id
            )

    def write(self, vals):
        if {"organization_id", "period_id"} & vals.keys() and self.filtered(
            lambda publicity: publicity.state != "draft"
        ):
            raise UserError(_("A published month of points can no longer be changed."))
        if "state" in vals and set(vals) - {"state"}:
            raise UserError(_("Publish the points on their own."))
        return super().write(vals)

    def action_publish(self):
        """Branch officers: compute every member's points of the month by part, rank
        them and publish (a few queries per branch, whatever its size)."""
        self.write({"state": "published"})
        return True

    def action_preview(self):
        """The figures as they would be published, before publishing (officers)."""
        for publicity in self:
            if publicity.state != "draft":
                raise UserError(_("A published month of points can no longer be changed."))
            if not self.env.su and not publicity._may_publisher():
                raise UserError(
                    _(
                        "Only the officers of %(branch)s publish its points.",
                        branch=publicity.organization_id.name,
                    )
                )
            publicity._compute_lines()
        return True

    def action_appeal(self):
        """申诉 from the publicity: the member picks one of their entries of the month."""
        self.ensure_one()
        if not self.can_appeal:
            raise UserError(_("The appeal window of %(name)s is closed.", name=self.name))
        return self._appeal_action()

    def _appeal_action(self, line=None):
        """The appeal form in a dialog, which is submitted or cancelled (never stuck
        on a half-filled required field)."""
        self.ensure_one()
        context = {"default_publicity_id": self.id}
        if line:
            context["default_point_line_id"] = line.id
        return {
            "type": "ir.actions.act_window",
            "name": _("Appeal"),
            "res_model": "party.point.appeal",
            "view_mode": "form",
            "views": [(self.env.ref("party_quant.party_point_appeal_view_form_new").id, "form")],
            "target": "new",
            "context": context,
        }

    @api.model
    def _demo_publish_last_month(self, branch_xmlids):
        """Demo: last month's points of these branches published, their window open,
        so that a demo member sees the publicity and may appeal."""
        today = fields.Date.context_today(self)
        month = self.env["party.period"]._get_period(today.replace(day=1) - timedelta(days=1))
        branches = self.env["party.organization"].browse(
            [self.env.ref(xmlid).id for xmlid in branch_xmlids]
        )
        existing = self.search(
            [("organization_id", "in", branches.ids), ("period_id", "=", month.id)]
        )
        new = self.browse()
        for branch in branches - existing.organization_id:
            # Published by the branch's secretary, as it would be, not by the system.
            officer = branch._level_users("branch")[:1]
            publicity = (self.with_user(officer) if officer else self).create(
                {"organization_id": branch.id, "period_id": month.id}
            )
            publicity.action_publish()
            new |= publicity.with_env(self.env)
        return new

    def _may_publisher(self):
        branch = self.organization_id
        return branch._user_acts_as("branch") or branch._user_acts_as("general_branch")

    def _check_transition(self, new_state, vals):
        if not self.env.su:
            for publicity in self.filtered(lambda p: not p._may_publisher()):
                raise UserError(
                    _(
                        "Only the officers of %(branch)s publish its points.",
                        branch=publicity.organization_id.name,
                    )
                )
        res = super()._check_transition(new_state, vals)
        return res

    def _after_transition(self, moved_from, vals):
        days = setting(self.env, WINDOW_PARAM, WINDOW_DEFAULT)
        today = fields.Date.context_today(self)
        for publicity in self:
            publicity._compute_lines()
            # The publication's date and window are the system's.
            publicity.sudo().write(
                {"published_on": today, "window_end": today + timedelta(days=days)}
            )
            # Each member of the branch is told in their Discuss inbox, in their
            # language (the officer may not read their users).
            partners = publicity.line_ids.member_id.sudo().user_id.partner_id
            for lang in set(partners.mapped("lang")) or {False}:
                env = publicity.with_context(lang=lang or company_lang(self.env)).env
                publicity.sudo().message_post(
                    body=env._(
                        "The points of %(month)s are published; appeals until %(date)s.",
                        month=publicity.period_id.with_env(env).label,
                        date=publicity.window_end,
                    ),
                    partner_ids=partners.filtered(lambda p, lang=lang: p.lang == lang).ids,
                    subtype_xmlid="mail.mt_comment",
                )

    def _compute_lines(self):
        self.ensure_one()
        month = self.period_id
        # Everyone who was in the branch during the month, and what they earned there.
        # From the points summary (see party_point_report.py): one small query.
        groups = self.env["party.point.line"]._summary_sums(
            SQL(
                "organization_id = %s AND month BETWEEN %s AND %s",
                self.organization_id.id,
                month.date_start,
                month.date_end,
            ),
            ("member_id", "part"),
        )
        members = self.organization_id.sudo().member_ids | self.env["party.member"].browse(
            {member_id for member_id, _part, _points, _entries in groups}
        )
        points = {(member_id, part): total for member_id, part, total, _entries in groups}
        rows = []
        for member in members:
            row = {"member_id": member.id}
            for part, _label in PARTS:
                row[part] = points.get((member.id, part), 0.0)
            row["total"] = sum(row[part] for part, _label in PARTS)
            rows.append(row)
        totals = sorted((row["total"] for row in rows), reverse=True)
        for row in rows:
            row["rank"] = totals.index(row["total"]) + 1
        # The figures are the system's: computed here, never entered.
        self.sudo().line_ids.unlink()
        self.sudo().write({"line_ids": [(0, 0, row) for row in rows]})


class PartyPointPublicityLine(models.Model):
    _name = "party.point.publicity.line"
    _inherit = ["party.guard.mixin"]
    _description = "Points Publicity Line"
    _order = "rank, member_id"

    # Every figure of a publicity is computed by the system when it is published.
    _system_fields = frozenset(
        {
            "publicity_id",
            "member_id",
            "obligation",
            "role",
            "advancement",
            "deduction",
            "total",
            "rank",
        }
    )

    publicity_id = fields.Many2one(
        "party.point.publicity", required=True, ondelete="cascade", index=True
    )
    member_id = fields.Many2one("party.member", required=True)
    obligation = fields.Float(digits=(6, 1))
    role = fields.Float(digits=(6, 1))
    advancement = fields.Float(digits=(6, 1))
    deduction = fields.Float(digits=(6, 1))
    total = fields.Float(digits=(6, 1))
    rank = fields.Integer()

    def unlink(self):
        if not self.env.su:
            raise UserError(_("The published figures are the system's."))
        return super().unlink()
