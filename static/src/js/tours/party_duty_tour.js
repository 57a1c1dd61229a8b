import { registry } from "@web/core/registry";

// A branch secretary on a phone opens this month's open duties from the workbench.
registry.category("web_tour.tours").add("party_quant_duty_workbench", {
    steps: () => [
        {
            content: "The secretary's card counts the duties open this month",
            trigger: ".o_party_workbench .o_kanban_record:contains('Duty Phone Branch') .o_party_workbench_duties",
            run: "click",
        },
        {
            content: "The month's duties of the branch, as cards on a phone",
            trigger: ".o_party_duty_kanban .o_kanban_record:contains('Duty Phone Branch')",
        },
        {
            content: "Open the first: fulfilled by a record, not by a tick",
            trigger: ".o_party_duty_kanban .o_kanban_record:first",
            run: "click",
        },
        {
            content: "The duty's form shows its due date",
            trigger: ".o_form_view .o_field_widget[name='due_date']",
        },
    ],
});
