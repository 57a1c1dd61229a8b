"""The burst signal, sharpened by the inspection plans: records of the inspected
period entered in the days just before the inspection (突击补材料)."""

from odoo import _, api, models
from odoo.tools import SQL

from .party_record_signal import BURST_PARAMS
from .party_settings import setting

# Days before the inspection's start in which a burst of records of the inspected
# period is suspicious (setting), and how many records make a burst (BURST_PARAMS).
DAYS_BEFORE_PARAM = ("party_quant.burst_days_before_inspection", 7)


class PartyRecordSignalInspection(models.Model):
    _inherit = "party.record.signal"

    def _detect(self):
        """For a branch under an inspection plan that has started, the burst signal
        looks only at its meetings of the inspected period created in the days before
        the inspection (instead of any 48 hours); other branches keep the plain window."""
        under_inspection, inspected = self._inspection_bursts()
        for signal in super()._detect():
            if signal[0] == "burst" and signal[2] in under_inspection:
                continue
            yield signal
        yield from inspected

    @api.model
    def _inspection_bursts(self):
        """(ids of the branches under a started plan, their burst signals)."""
        count = setting(self.env, *BURST_PARAMS["count"])
        days = setting(self.env, *DAYS_BEFORE_PARAM)
        self.env["party.inspection"].flush_model()
        self.env["party.inspection.plan"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT inspection.id, inspection.organization_id, plan.inspection_date,
                          array_agg(meeting.id ORDER BY meeting.id)
                     FROM party_inspection AS inspection
                     JOIN party_inspection_plan AS plan ON plan.id = inspection.plan_id
                     LEFT JOIN party_meeting AS meeting
                       ON meeting.organization_id = inspection.organization_id
                      AND meeting.state != 'cancelled'
                      AND meeting.date BETWEEN plan.date_from AND plan.date_to
                      AND meeting.create_date >= plan.inspection_date - make_interval(days => %s)
                      AND meeting.create_date < plan.inspection_date + 1
                    WHERE plan.state != 'draft'
                 GROUP BY inspection.id, inspection.organization_id, plan.inspection_date""",
                days,
            )
        )
        under_inspection, results = set(), []
        for inspection_id, org_id, inspection_date, meeting_ids in self.env.cr.fetchall():
            under_inspection.add(org_id)
            meeting_ids = [m for m in meeting_ids if m]
            if len(meeting_ids) < count:
                continue
            results.append(
                (
                    "burst",
                    f"inspection:{inspection_id}",
                    org_id,
                    meeting_ids,
                    _(
                        "%(count)s meetings of the inspected period recorded in the "
                        "%(days)s days before the inspection of %(date)s.",
                        count=len(meeting_ids),
                        days=days,
                        date=inspection_date,
                    ),
                )
            )
        return under_inspection, results
