from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_point_rule import PARTS
from .party_settings import setting

WINDOW_PARAM = "party_quant.publicity_days"
WINDOW_DEFAULT = 5


class PartyPointPublicity(models.Model):
    """The month's points of a branch shown to its members (公示), with a window in
    which a member may appeal an entry."""

    _name = "party.point.publicity"
    _description = "Points Publicity"
    _inherit = ["mail.thread", "party.guard.mixin"]
    _order = "period_start desc, organization_id"

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

    def action_publish(self):
        """Branch officers: compute every member's points of the month by part, rank
        them and publish (a few queries per branch, whatever its size)."""
        for publicity in self:
            branch = publicity.organization_id
            if not branch._user_acts_as("branch") and not branch._user_acts_as("general_branch"):
                raise UserError(
                    _(
                        "Only the officers of %(branch)s publish its points.",
                        branch=publicity.organization_id.name,
                    )
                )
            if publicity.state != "draft":
                raise UserError(_("%(name)s is already published.", name=publicity.name))
            publicity._compute_lines()
            days = setting(self.env, WINDOW_PARAM, WINDOW_DEFAULT)
            today = fields.Date.context_today(self)
            publicity.write(
                {
                    "state": "published",
                    "published_on": today,
                    "window_end": today + timedelta(days=days),
                }
            )
            members = publicity.line_ids.member_id
            # Each member of the branch is told (the officer may not read their users).
            publicity.sudo().message_post(
                body=_(
                    "The points of %(month)s are published; appeals until %(date)s.",
                    month=publicity.period_id.name,
                    date=publicity.window_end,
                ),
                partner_ids=members.sudo().user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _compute_lines(self):
        self.ensure_one()
        month = self.period_id
        # Everyone who was in the branch during the month, and what they earned there.
        groups = (
            self.env["party.point.line"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "approved"),
                    ("organization_id", "=", self.organization_id.id),
                    ("date", ">=", month.date_start),
                    ("date", "<=", month.date_end),
                ],
                ["member_id", "part"],
                ["points:sum"],
            )
        )
        members = self.organization_id.sudo().member_ids | self.env["party.member"].browse(
            {member.id for member, _part, _points in groups}
        )
        points = {(member.id, part): total for member, part, total in groups}
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
        self.line_ids.unlink()
        self.write({"line_ids": [(0, 0, row) for row in rows]})


class PartyPointPublicityLine(models.Model):
    _name = "party.point.publicity.line"
    _inherit = ["party.guard.mixin"]
    _description = "Points Publicity Line"
    _order = "rank, member_id"

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


class PartyPointAppeal(models.Model):
    """A member's appeal against an entry of a publicity; the level above the branch
    upholds it or corrects it with a new entry."""

    _name = "party.point.appeal"
    _description = "Points Appeal"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.guard.mixin"]
    _order = "id desc"

    name = fields.Char(related="point_line_id.name")
    publicity_id = fields.Many2one(
        "party.point.publicity", required=True, index=True, ondelete="restrict"
    )
    point_line_id = fields.Many2one(
        "party.point.line", string="Entry", required=True, ondelete="restrict"
    )
    member_id = fields.Many2one(related="point_line_id.member_id", store=True)
    organization_id = fields.Many2one(related="publicity_id.organization_id", store=True)
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("upheld", "Upheld"), ("corrected", "Corrected")],
        default="open",
        required=True,
        tracking=True,
    )
    decision = fields.Text(tracking=True)
    correct_points = fields.Float(digits=(6, 1), help="What the entry should have given.")
    correction_line_id = fields.Many2one("party.point.line", string="Correction", readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        appeals = super().create(vals_list)
        for appeal in appeals:
            publicity, line = appeal.publicity_id, appeal.point_line_id
            if not publicity.window_open:
                raise UserError(_("The appeal window of %(name)s is closed.", name=publicity.name))
            if line.member_id.user_id != self.env.user and not self.env.su:
                raise UserError(_("You can only appeal your own entries."))
            month = publicity.period_id
            if (
                line.state != "approved"
                or line.organization_id != publicity.organization_id
                or not month.date_start <= line.date <= month.date_end
            ):
                raise ValidationError(_("Appeal an approved entry of the published month."))
            if not (appeal.reason or "").strip():
                raise ValidationError(_("Give the reason of the appeal."))
        appeals._schedule_decision()
        return appeals

    def _level_above(self):
        self.ensure_one()
        return "general_branch" if self.organization_id.sudo().general_branch_id else "committee"

    def _schedule_decision(self):
        activity_type = self.env.ref("party_quant.mail_activity_type_point")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for appeal in self:
            vals_list += [
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": appeal.id,
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": self.env._("Decide the appeal"),
                    "automated": True,
                }
                for user in appeal.organization_id._level_users(appeal._level_above())
            ]
        if vals_list:
            # A member files the appeal; the activities are for the level above.
            self.env["mail.activity"].sudo().create(vals_list)

    def _check_decider(self):
        for appeal in self:
            if appeal.state != "open":
                raise UserError(_("This appeal is already decided."))
            branch, level = appeal.organization_id, appeal._level_above()
            if not (branch._user_acts_as(level) or branch._user_acts_as("committee")):
                raise UserError(_("The appeal is decided by the level above the branch."))
            if not (appeal.decision or "").strip():
                raise UserError(_("Write the decision first."))

    def action_uphold(self):
        """Keep the entry as it is."""
        self._check_decider()
        self.write({"state": "upheld"})
        self._close_activities()

    def action_correct(self):
        """Correct the entry with a new, approved entry of the difference; the
        original entry is never edited."""
        self._check_decider()
        Line = self.env["party.point.line"]
        for appeal in self:
            original = appeal.point_line_id
            difference = appeal.correct_points - original.points
            if not difference:
                raise UserError(
                    _("The correct points equal the entry's: uphold the appeal instead.")
                )
            # The correction is the decider's act on the member's ledger: created and
            # approved by the system on their decision, outside the claim workflow.
            month_closed = self.env["party.period"].search_count(
                [
                    ("kind", "=", "month"),
                    ("state", "=", "closed"),
                    ("date_start", "=", original.date.replace(day=1)),
                ]
            )
            correction = Line._create_approved(
                {
                    "member_id": original.member_id.id,
                    "rule_id": original.rule_id.id,
                    "is_correction": True,
                    "date": fields.Date.context_today(self) if month_closed else original.date,
                    "points": difference,
                    "description": _(
                        "Correction of %(entry)s after appeal: %(decision)s",
                        entry=original.name,
                        decision=appeal.decision,
                    ),
                }
            )
            appeal.write({"state": "corrected", "correction_line_id": correction.id})
        self._close_activities()

    def _close_activities(self):
        activities = self.sudo().activity_ids
        if activities:
            activities.action_feedback()
