import { registry } from "@web/core/registry";

function visibleInViewport(selector) {
    const elements = document.querySelectorAll(selector);
    if (!elements.length) {
        throw new Error(`${selector} is missing`);
    }
    for (const el of elements) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.right > window.innerWidth + 1 || rect.left < -1) {
            throw new Error(
                `${selector} is not visible without a sideways swipe (${rect.left}-${rect.right} of ${window.innerWidth})`
            );
        }
    }
}

const back = {
    content: "Back to the workbench",
    trigger: ".o_back_button",
    run: "click",
};

// A member on a 412 px phone: the workbench shows the dues owed, the study hours
// against 32 and the leave requests; 请假 is a visible button; the dues and duties
// open as cards with their state on screen.
registry.category("web_tour.tours").add("party_quant_phone_member_cards", {
    steps: () => [
        {
            content: "The workbench shows the dues owed",
            trigger: ".o_party_member_workbench .o_party_member_dues .o_party_dues_owed",
            run() {
                visibleInViewport(".o_party_member_workbench .o_party_dues_owed");
            },
        },
        {
            content: "The study hours against the year's 32",
            trigger: ".o_party_member_workbench .o_party_member_study:contains('/ 32')",
        },
        {
            content: "The leave request asked",
            trigger: ".o_party_member_workbench .o_party_member_leave .o_party_leave_requested",
        },
        {
            content: "请假 is a visible button",
            trigger: ".o_party_member_workbench button[name='action_request_leave']",
            run() {
                visibleInViewport(".o_party_member_workbench button[name='action_request_leave']");
                this.anchor.click();
            },
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit 出差",
        },
        {
            content: "Send the request",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Back on the workbench",
            trigger: "body:not(:has(.modal)) .o_party_member_workbench .o_party_leave_requested",
        },
        {
            content: "Open the dues",
            trigger: ".o_party_member_workbench a[name='action_open_dues']",
            run: "click",
        },
        {
            content: "The dues are cards, their state on screen",
            trigger: ".o_party_dues_kanban .o_kanban_record .o_party_dues_overdue",
            run() {
                visibleInViewport(".o_party_dues_kanban .o_kanban_record .o_party_dues_status");
            },
        },
        back,
        {
            content: "Open the duties",
            trigger: ".o_party_member_workbench a[name='action_open_duties']",
            run: "click",
        },
        {
            content: "The duties are cards, their alert on screen",
            trigger: ".o_party_duty_kanban .o_kanban_record .o_party_duty_status",
            run() {
                visibleInViewport(".o_party_duty_kanban .o_kanban_record .o_party_duty_status");
            },
        },
    ],
});

// A branch secretary on a 412 px phone fills an evaluation line: the criteria are cards,
// one tap opens the line to score it.
registry.category("web_tour.tours").add("party_quant_phone_secretary_lines", {
    steps: () => [
        {
            content: "The criteria are cards on a phone",
            trigger: ".o_form_view .o_party_line_kanban .o_kanban_record:first",
            run: "click",
        },
        {
            content: "Score the criterion",
            trigger: ".modal .o_field_widget[name='self_score'] input",
            run: "edit 3",
        },
        {
            content: "With a note",
            trigger: ".modal .o_field_widget[name='note'] textarea",
            run: "edit Two of three meetings held",
        },
        {
            content: "Keep the line",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The card shows the score",
            trigger: "body:not(:has(.modal)) .o_party_line_kanban .o_kanban_record:contains('Two of three meetings held')",
        },
        {
            content: "Save the evaluation",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
