"""The questionnaires of the cross inspections (问卷调查): by invitation only, one
answer per member of the inspected branch, anonymous in the answers.

- Each inspection's questionnaire is a copy of the plan's template in the survey
  module's "invited people only" mode (``access_mode`` token): its public start link
  creates no answer. Each member of the inspected branch is invited once (in their
  inbox when they have a login); the link (``/party/questionnaire/<inspection>``) asks
  them to log in, and the first time opens one new answer for them, with one attempt.
  The inspection
  keeps who was invited and who opened theirs — never which answer is whose.
- The answers carry no person: no partner, e-mail or nickname, and they are created and
  written as the system (OdooBot), so that not even their ``create_uid``/``write_uid``
  name who answered.
- A questionnaire never holds more answers than members who opened their invitation
  (so never more than the members invited): any other creation is refused.
"""

from odoo import SUPERUSER_ID, Command, _, api, fields, models
from odoo.exceptions import UserError

from .party_inspection_notice import inbox_notices


class PartyInspectionQuestionnaire(models.Model):
    _inherit = "party.inspection"

    def _invite_members(self):
        """Invite each member of the inspected branches, once."""
        inspections = self.sudo().filtered("survey_id")
        invited = {}
        for inspection in inspections:
            members = inspection.organization_id.member_ids - inspection.questionnaire_invited_ids
            if members:
                invited[inspection] = members
        if not invited:
            return
        # The invitations are the system's record (system field).
        for inspection, members in invited.items():
            inspection.questionnaire_invited_ids = [Command.link(m.id) for m in members]
        members = self.env["party.member"].union(*invited.values())
        inspection_of = {m.id: i for i, ms in invited.items() for m in ms}
        inbox_notices(
            members.filtered(lambda m: m.user_id.active),
            lambda member: member.user_id.partner_id,
            lambda member, env: env._(
                "The cross inspection of %(branch)s asks for your opinion: answer its "
                "anonymous questionnaire once, at %(url)s (no name is kept with your "
                "answers).",
                branch=member.organization_id.name,
                url=inspection_of[member.id]._questionnaire_link(),
            ),
        )

    def _questionnaire_link(self):
        self.ensure_one()
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        return f"{base}/party/questionnaire/{self.id}"

    def _questionnaire_open(self, user):
        """The address where ``user`` answers this inspection's questionnaire: a new
        anonymous answer the first time their invitation is used; afterwards the
        questionnaire's own start page, which resumes the answer on the device where it
        was opened and creates no other. Refused to anyone not invited."""
        self.ensure_one()
        return self._questionnaire_open_member(user.sudo().party_member_id)

    def _questionnaire_open_member(self, member):
        self.ensure_one()
        # The member may not read the inspection: its invitation list decides.
        inspection = self.sudo().exists()
        if (
            not inspection
            or not inspection.survey_id
            or inspection.state != "in_progress"
            or not member
            or member not in inspection.questionnaire_invited_ids
        ):
            raise UserError(_("You are not invited to answer this questionnaire."))
        survey = inspection.survey_id.with_user(SUPERUSER_ID)
        if member in inspection.questionnaire_opened_ids:
            return f"/survey/start/{survey.access_token}", False
        # Opened once (system field), before the answer exists: the cap counts it.
        inspection.questionnaire_opened_ids = [Command.link(member.id)]
        answer = survey._create_answer(
            invite_token=self.env["survey.user_input"]._generate_invite_token()
        )
        return f"/survey/{survey.access_token}/{answer.access_token}", True

    def _check_questionnaire_cap(self):
        """No more answers than members who opened their invitation."""
        inspections = self.sudo().filtered("survey_id")
        counts = dict(
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("survey_id", "in", inspections.survey_id.ids), ("test_entry", "=", False)],
                ["survey_id"],
                ["__count"],
            )
        )
        for inspection in inspections:
            opened = len(inspection.questionnaire_opened_ids & inspection.questionnaire_invited_ids)
            if counts.get(inspection.survey_id, 0) > opened:
                raise UserError(
                    _(
                        "The questionnaire of %(branch)s takes one answer per invited member, "
                        "through their own invitation.",
                        branch=inspection.organization_id.name,
                    )
                )


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    party_anonymous = fields.Boolean(
        string="Cross Inspection Questionnaire",
        readonly=True,
        copy=False,
        help="Answered by invitation only, once per member, with no person on the answers.",
    )


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    @api.model_create_multi
    def create(self, vals_list):
        survey_ids = {vals.get("survey_id") for vals in vals_list}
        anonymous = self.env["survey.survey"].sudo().browse(survey_ids - {None, False})
        anonymous = anonymous.filtered("party_anonymous")
        if not anonymous:
            return super().create(vals_list)
        for vals in vals_list:
            if vals.get("survey_id") in anonymous.ids:
                vals.update(partner_id=False, email=False, nickname=False)
        # As the system: the answer's create_uid names nobody.
        answers = super(SurveyUserInput, self.with_user(SUPERUSER_ID)).create(vals_list)
        self.env["party.inspection"].sudo().search(
            [("survey_id", "in", anonymous.ids)]
        )._check_questionnaire_cap()
        return answers.with_env(self.env)

    def write(self, vals):
        if {"partner_id", "email", "nickname"} & vals.keys() and any(
            answer.sudo().survey_id.party_anonymous for answer in self
        ):
            raise UserError(_("The answers of this questionnaire name nobody."))
        anonymous = self.filtered(lambda answer: answer.sudo().survey_id.party_anonymous)
        if not anonymous:
            return super().write(vals)
        if anonymous != self:
            super(SurveyUserInput, self - anonymous).write(vals)
        # As the system: the answer's write_uid names nobody.
        return super(SurveyUserInput, anonymous.with_user(SUPERUSER_ID)).write(vals)

    def _write_multi(self, vals_list):
        # The system's name on every change of an anonymous answer (its write_uid),
        # also when its scores are recomputed at the end of the member's request.
        return super()._write_multi(
            [
                vals | {"write_uid": SUPERUSER_ID} if answer.survey_id.party_anonymous else vals
                for answer, vals in zip(self.sudo(), vals_list, strict=True)
            ]
        )


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    @api.model_create_multi
    def create(self, vals_list):
        inputs = (
            self.env["survey.user_input"]
            .sudo()
            .browse({vals.get("user_input_id") for vals in vals_list} - {None, False})
        )
        if not inputs.survey_id.filtered("party_anonymous"):
            return super().create(vals_list)
        # As the system: an anonymous answer's lines name nobody either.
        lines = super(SurveyUserInputLine, self.with_user(SUPERUSER_ID)).create(vals_list)
        return lines.with_env(self.env)

    def write(self, vals):
        if not self.sudo().user_input_id.survey_id.filtered("party_anonymous"):
            return super().write(vals)
        # As the system: an anonymous answer's lines name nobody.
        return super(SurveyUserInputLine, self.with_user(SUPERUSER_ID)).write(vals)

    def _write_multi(self, vals_list):
        # The system's name on every change of an anonymous answer's lines (their
        # recomputed values included).
        return super()._write_multi(
            [
                vals | {"write_uid": SUPERUSER_ID}
                if line.user_input_id.survey_id.party_anonymous
                else vals
                for line, vals in zip(self.sudo(), vals_list, strict=True)
            ]
        )
