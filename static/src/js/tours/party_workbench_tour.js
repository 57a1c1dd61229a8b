import { registry } from "@web/core/registry";

// A member on a phone lands on their workbench after login and claims points in one tap.
registry.category("web_tour.tours").add("party_quant_member_workbench", {
    steps: () => [
        {
            content: "The member lands on their workbench",
            trigger: ".o_party_member_workbench .o_kanban_record:contains('Tour Phone Member')",
        },
        {
            content: "Their branch's next meeting is shown",
            trigger: ".o_party_member_workbench .o_kanban_record:contains('Phone tour study')",
        },
        {
            content: "One tap to claim points",
            trigger: ".o_party_member_workbench button[name='action_claim']",
            run: "click",
        },
        {
            content: "The claim form opens for the member",
            trigger: ".o_form_view .o_field_widget[name='rule_id']",
        },
    ],
});
