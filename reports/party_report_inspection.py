from collections import Counter

from odoo import _, models

from ..models.party_labels import selection_labels


class PartyReportInspection(models.AbstractModel):
    """互查互评报告: one inspected branch's report: team, document review, questionnaire,
    forums and talks, findings, rectifications and good practices."""

    _name = "report.party_quant.report_inspection"
    _inherit = "report.party_quant.abstract"
    _description = "Cross Inspection Report"

    def _report_values(self, docs, data):
        return {
            "results": selection_labels(self.env, "party.inspection.check", "result"),
            "sessions": selection_labels(self.env, "party.inspection.session", "kind"),
            "finding_states": selection_labels(self.env, "party.inspection.finding", "state"),
            "task_states": selection_labels(self.env, "party.rectification", "state"),
            "signatures": {doc.id: self._inspection_signatures(doc) for doc in docs},
            "check_names": self._check_names(docs.check_ids),
        }

    def _check_names(self, checks):
        """{check id: item}: an item that kept its criterion's name prints it in the
        reader's language (the demo's and a cron's items were named in English, the
        language the system wrote them in); an item renamed by the team prints as
        written."""
        source = {
            criterion.id: criterion.name
            for criterion in checks.criterion_id.with_context(lang="en_US")
        }
        return {
            check.id: check.criterion_id.name
            if check.name in (False, source.get(check.criterion_id.id))
            else check.name
            for check in checks
        }

    def _inspection_signatures(self, inspection):
        # The signatories' names belong to the report, which the reader may print (the
        # inspection itself was checked); their member records may lie outside the
        # reader's scope once the inspection is over: read the names as the system.
        inspection = inspection.sudo()
        return [
            (_("Team leader"), (inspection.leader_id or inspection.team_member_ids[:1]).name, ""),
            (_("Inspected branch (secretary)"), inspection.organization_id.secretary_id.name, ""),
            (_("Party committee"), "", ""),
        ]

    def _running_period(self, docs, data):
        return "、".join(dict.fromkeys(docs.plan_id.mapped("name")))


class PartyReportInspectionXlsx(models.AbstractModel):
    """The summary of a plan (Excel): branches, findings per criterion, questionnaire
    results and rectification status."""

    _name = "report.party_quant.report_inspection_plan_xlsx"
    _inherit = "report.party_quant.abstract_xlsx"
    _description = "Inspection Plan Summary (Excel)"

    def generate_xlsx_report(self, workbook, data, plans):
        plans.check_access("read")
        formats = self._formats(workbook)
        task_states = selection_labels(self.env, "party.rectification", "state")
        states = selection_labels(self.env, "party.inspection", "state")
        sheets = (_("Branches"), _("Findings by Criterion"), _("Rectifications"))
        for position, plan in enumerate(plans, start=1):
            names = [name if len(plans) == 1 else f"{name} {position}" for name in sheets]
            inspections = plan.inspection_ids.sorted(lambda i: (i.branch_type_id.id, i.id))
            counts = Counter(
                (task.inspection_id.id, task.state) for task in inspections.rectification_ids
            )
            rows = [
                [
                    inspection.organization_id.name,
                    inspection.branch_type_id.name or "",
                    inspection.general_branch_id.name or "",
                    inspection.inspecting_organization_id.name or "",
                    ", ".join(inspection.team_member_ids.mapped("name")),
                    inspection.check_score / 100.0,
                    inspection.survey_participation,
                    inspection.survey_score / 100.0,
                    len(inspection.finding_ids),
                    sum(
                        inspection.finding_ids.filtered(lambda f: f.state == "accepted").mapped(
                            "adjustment"
                        )
                    ),
                    len(inspection.rectification_ids),
                    counts[inspection.id, "closed"],
                    len(inspection.rectification_ids.filtered("overdue")),
                    states.get(inspection.state, ""),
                ]
                for inspection in inspections
            ]
            self._write_sheet(
                workbook,
                formats,
                names[0],
                _("%(plan)s: branches", plan=plan.name),
                [
                    (_("Branch"), 22, "text"),
                    (_("Branch Type"), 10, "text"),
                    (_("General Branch"), 16, "text"),
                    (_("Inspecting Branch"), 20, "text"),
                    (_("Team"), 24, "text"),
                    (_("Documents Found"), 10, "percent"),
                    (_("Questionnaires"), 10, "int"),
                    (_("Questionnaire Score"), 10, "percent"),
                    (_("Findings"), 8, "int"),
                    (_("Accepted Adjustments"), 10, "signed"),
                    (_("Rectifications"), 10, "int"),
                    (_("Signed Off"), 8, "int"),
                    (_("Overdue"), 8, "int"),
                    (_("Status"), 10, "text"),
                ],
                rows,
            )
            by_criterion = {}
            for finding in inspections.finding_ids:
                row = by_criterion.setdefault(
                    finding.criterion_id, {"count": 0, "branches": set(), "accepted": 0.0}
                )
                row["count"] += 1
                row["branches"].add(finding.organization_id.id)
                if finding.state == "accepted":
                    row["accepted"] += finding.adjustment
            self._write_sheet(
                workbook,
                formats,
                names[1],
                _("%(plan)s: findings by criterion", plan=plan.name),
                [
                    (_("Criterion"), 36, "text"),
                    (_("Findings"), 10, "int"),
                    (_("Branch Count"), 10, "int"),
                    (_("Accepted Adjustments"), 12, "signed"),
                ],
                [
                    [criterion.name, row["count"], len(row["branches"]), row["accepted"]]
                    for criterion, row in sorted(
                        by_criterion.items(), key=lambda item: -item[1]["count"]
                    )
                ],
            )
            self._write_sheet(
                workbook,
                formats,
                names[2],
                _("%(plan)s: rectifications", plan=plan.name),
                [
                    (_("Branch"), 22, "text"),
                    (_("Criterion"), 30, "text"),
                    (_("Task"), 36, "text"),
                    (_("Deadline"), 12, "date"),
                    (_("Status"), 10, "text"),
                ],
                [
                    [
                        task.organization_id.name,
                        task.criterion_id.name,
                        task.name,
                        task.deadline,
                        task_states.get(task.state, ""),
                    ]
                    for task in inspections.rectification_ids.sorted(
                        lambda t: (t.organization_id.id, t.deadline)
                    )
                ],
            )
