from markupsafe import Markup, escape

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class PartyInspectionQuestionnaire(http.Controller):
    @http.route(
        "/party/questionnaire/<int:inspection_id>",
        type="http",
        auth="user",
        methods=["GET"],
        sitemap=False,
    )
    def questionnaire(self, inspection_id, **kwargs):
        """An invited member's questionnaire: their own one-time answer, or a plain
        message saying why not."""
        try:
            url, _first = (
                request.env["party.inspection"]
                .browse(inspection_id)
                ._questionnaire_open(request.env.user)
            )
        except UserError as error:
            body = Markup(
                "<!DOCTYPE html><html><head><meta charset='utf-8'/></head>"
                "<body><p>%s</p><p><a href='/odoo'>%s</a></p></body></html>"
            ) % (
                escape(error.args[0]),
                request.env._("Back"),
            )
            return request.make_response(
                body, status=403, headers=[("Content-Type", "text/html; charset=utf-8")]
            )
        return request.redirect(url)


class PartySurvey(Survey):
    def _check_validity(self, survey_token, answer_token, ensure_token=True, check_partner=True):
        """The answers of a cross inspection's questionnaire name nobody: the invited
        member answers one while logged in, their answer's token being theirs alone."""
        if check_partner and answer_token:
            survey_sudo, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
            if survey_sudo.party_anonymous and answer_sudo and not answer_sudo.partner_id:
                check_partner = False
        return super()._check_validity(
            survey_token, answer_token, ensure_token=ensure_token, check_partner=check_partner
        )
