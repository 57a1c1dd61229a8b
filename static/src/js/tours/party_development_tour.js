import { registry } from "@web/core/registry";

// 1. A branch secretary at the desktop records the member assembly that accepted the
// candidate (支部党员大会): the next step of the form, proven by the assembly's resolution.
registry.category("web_tour.tours").add("party_quant_development_secretary", {
    steps: () => [
        {
            content: "The candidate is at the member assembly (当前步骤)",
            trigger: ".o_field_widget[name='current_step_id']:contains('支部党员大会讨论接收')",
        },
        {
            content: "Take the next step (办理下一步)",
            trigger: "button[name='action_take_step']",
            run: "click",
        },
        {
            content: "The step's article is shown",
            trigger: ".modal .o_field_widget[name='article']:contains('细则第二十二条')",
        },
        {
            content: "Choose the assembly's resolution",
            trigger: ".modal .o_field_widget[name='resolution_id'] input",
            run: "edit 接收预备党员",
        },
        {
            content: "The resolution voted at the assembly",
            trigger: ".ui-autocomplete .dropdown-item:contains('接收预备党员')",
            run: "click",
        },
        {
            content: "Save the step",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The 党委 acts next: its talk with the candidate",
            trigger: ".o_field_widget[name='current_step_id']:contains('上级党委派人谈话')",
        },
        {
            content: "The timeline shows the assembly done",
            trigger: ".o_party_timeline tr.text-success:contains('支部党员大会讨论接收')",
        },
    ],
});

// 2. The committee's pipeline: candidates per branch and phase.
registry.category("web_tour.tours").add("party_quant_development_pipeline", {
    steps: () => [
        {
            content: "The pipeline pivot lists the branch",
            trigger: ".o_pivot .o_pivot_header_cell_closed:contains('Tour Development Branch')",
        },
        {
            content: "and its candidate counted in a phase",
            trigger: ".o_pivot .o_pivot_cell_value:contains('1')",
        },
    ],
});
