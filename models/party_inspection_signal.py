"""The burst signal, sharpened by the inspection plans: records of the inspected
period entered in the days just before the inspection (突击补材料)."""

from odoo import _, api, models
from odoo.tools import SQL

from .party_record_signal import BURST_PARAMS
from .party_settings import SETTINGS, setting

# Days before the inspection's start in which a burst of records of the inspected
# period is suspicious (setting), and how many records make a burst (BURST_PARAMS).
DAYS_BEFORE_PARAM = SETTINGS["burst_days_before_inspection"]


class PartyRecordSignalInspection(models.Model):
    _inherit = "party.record.signal"

    def _detect(self, since=None, scope=None):
        """For the meetings of a period under inspection (a started plan), the burst
        signal looks at those created in the days before the inspection instead of
        any 48 hours: a plain burst whose meetings all fall in an inspected period of
        their branch is replaced by the inspection's."""
        windows, inspected = self._inspection_bursts()
        bursts = []
        for signal in super()._detect(since, scope):
            if signal[0] == "burst" and signal[2] in windows:
                bursts.append(signal)
                continue
            yield signal
        dates = self._meeting_dates([m for signal in bursts for m in signal[3]])
        for signal in bursts:
            ranges = windows[signal[2]]
            if not all(any(start <= dates[m] <= end for start, end in ranges) for m in signal[3]):
                yield signal
        yield from inspected

    def _burst_branches(self, since):
        """The branches of an inspection whose plan or itself changed since: their
        bursts are compared again whole (a plan started or dated anew replaces some)."""
        self.env["party.inspection"].flush_model()
        self.env["party.inspection.plan"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT inspection.organization_id
                     FROM party_inspection AS inspection
                     JOIN party_inspection_plan AS plan ON plan.id = inspection.plan_id
                    WHERE inspection.write_date >= %s OR plan.write_date >= %s""",
                since,
                since,
            )
        )
        return super()._burst_branches(since) | {
            org_id for (org_id,) in self.env.cr.fetchall() if org_id
        }

    def _meeting_dates(self, meeting_ids):
        if not meeting_ids:
            return {}
        self.env.cr.execute(
            SQL("SELECT id, date FROM party_meeting WHERE id IN %s", tuple(meeting_ids))
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _inspection_bursts(self):
        """({branch id: [(first, last day inspected)]} of the started plans, the
        inspections' burst signals)."""
        count = setting(self.env, *BURST_PARAMS["count"])
        days = setting(self.env, *DAYS_BEFORE_PARAM)
        self.env["party.inspection"].flush_model()
        self.env["party.inspection.plan"].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT inspection.id, inspection.organization_id, plan.inspection_date,
                          plan.date_from, plan.date_to,
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
                 GROUP BY inspection.id, inspection.organization_id, plan.inspection_date,
                          plan.date_from, plan.date_to""",
                days,
            )
        )
        windows, results = {}, []
        rows = self.env.cr.fetchall()
        for inspection_id, org_id, inspection_date, first, last, meeting_ids in rows:
            windows.setdefault(org_id, []).append((first, last))
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
        return windows, results
