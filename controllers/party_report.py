"""The report routes (``/report/<converter>/<report>/<ids>``, PDF, HTML, text and
OCA's Excel) answer bad requests with 400 or 404 and a readable message, never a 500:
ids that are not ids or not records, unknown reports or converters, ``options`` or
``context`` that are not JSON objects, a year that is not one. Each download gets a
file name with its branch and year."""

import json

from markupsafe import Markup, escape
from werkzeug.exceptions import BadRequest, NotFound
from werkzeug.urls import url_parse

from odoo import http
from odoo.http import content_disposition, request

from odoo.addons.report_xlsx.controllers.main import ReportController

from ..models.party_guard import INT_LIMIT

CONVERTERS = ("html", "pdf", "text", "xlsx")
# The types of report each converter renders.
CONVERTER_TYPES = {
    "html": ("qweb-pdf", "qweb-html"),
    "pdf": ("qweb-pdf", "qweb-html"),
    "text": ("qweb-text",),
    "xlsx": ("xlsx",),
}


def _parse_ids(text):
    """``"1,2"`` → [1, 2]; None when a part is not a number (0 is a number, of no
    record: a 404)."""
    parts = [part.strip() for part in str(text).split(",")]
    if not all(part.isdecimal() and int(part) <= INT_LIMIT for part in parts):
        return None
    return [int(part) for part in parts]


def _parse_object(text):
    """A JSON object from a query parameter, or None."""
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


class PartyReportController(ReportController):
    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        if "context" in data and not data["context"]:
            # OCA's Excel route reads a missing context as None (a 500).
            data.pop("context")
        try:
            self._party_check_request(reportname, docids, converter, data)
        except (BadRequest, NotFound) as error:
            return self._party_error_page(error)
        return super().report_routes(reportname, docids=docids, converter=converter, **data)

    def _party_error_page(self, error):
        """The error with its sentence (the website's error pages drop it)."""
        title = escape(request.env._("This report cannot be printed"))
        body = Markup(
            '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>%s</title></head>'
            "<body><h1>%s</h1><p>%s</p></body></html>"
        ) % (title, title, error.description)
        return request.make_response(
            str(body),
            headers=[("Content-Type", "text/html; charset=utf-8")],
            status=error.code,
        )

    @http.route()
    def report_download(self, data, context=None, token=None, readonly=True):
        response = super().report_download(data, context=context, token=token, readonly=readonly)
        name = self._party_file_name(data)
        if name and response is not None and response.status_code == 200:
            response.headers["Content-Disposition"] = content_disposition(name)
        return response

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _party_check_request(self, reportname, docids, converter, data):
        """Raise NotFound or BadRequest, with a message in the user's language, for a
        request the report machinery would answer with a 500."""
        env = request.env
        if converter not in CONVERTERS:
            raise NotFound(env._("There is no such kind of report: %(kind)s.", kind=converter))
        report = env["ir.actions.report"]._get_report_from_name(reportname)
        if not report or report.report_type not in CONVERTER_TYPES[converter]:
            raise NotFound(env._("There is no such report: %(report)s.", report=reportname))
        ids = []
        if docids:
            ids = _parse_ids(docids)
            if ids is None:
                raise BadRequest(
                    env._("%(ids)s are not the numbers of records.", ids=str(docids)[:50])
                )
        for key in ("options", "context"):
            if data.get(key) and _parse_object(data[key]) is None:
                raise BadRequest(
                    env._(
                        "The %(part)s of this report link is not readable (a JSON object "
                        "is expected).",
                        part=key,
                    )
                )
        options = _parse_object(data["options"]) if data.get("options") else {}
        if "ids" in options:
            wizard_ids = options["ids"]
            if (
                not isinstance(wizard_ids, list)
                or _parse_ids(",".join(map(str, wizard_ids)) or "x") is None
            ):
                raise BadRequest(env._("The records to print are not given as numbers."))
            ids = ids or wizard_ids
        if "year" in options and report.report_name.startswith("party_quant."):
            # The year's own check (its message); a UserError is a 400.
            env["report.party_quant.abstract"]._data_year(options)
        if not ids:
            if report.report_name.startswith("party_quant."):
                raise NotFound(env._("Choose the records to print."))
            return
        # Existence only (sudo): reading them is the report's check (403).
        if len(env[report.model].sudo().browse(ids).exists()) != len(set(ids)):
            raise NotFound(env._("Some of the records to print do not exist (any more)."))

    # ------------------------------------------------------------------
    # File names
    # ------------------------------------------------------------------
    def _party_file_name(self, data):
        """The name of a party_quant download: title, branch(es) and year or period
        (the client's own falls back on the title alone for a wizard's print)."""
        try:
            url, kind = json.loads(data)[:2]
            path = url_parse(url)
            parts = path.path.split("/")
            reportname = parts[3]
            docids = parts[4] if len(parts) > 4 else None
            query = path.decode_query(cls=dict)
        except (TypeError, ValueError, IndexError):
            return None
        if not reportname.startswith("party_quant."):
            return None
        report = request.env["ir.actions.report"]._get_report_from_name(reportname)
        options = _parse_object(query.get("options") or "{}") or {}
        ids = (_parse_ids(docids) if docids else None) or options.get("ids") or []
        records = request.env[report.model].browse(ids)
        extension = {"xlsx": "xlsx", "qweb-text": "txt"}.get(kind, "pdf")
        return f"{report._party_file_title(records, options)}.{extension}"
