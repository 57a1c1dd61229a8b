import { registry } from "@web/core/registry";

// A 1x1 PNG: the "photo" a member takes as evidence.
const PHOTO =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

function visibleInViewport(selector) {
    const el = document.querySelector(selector);
    if (!el) {
        throw new Error(`${selector} is missing`);
    }
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.right > window.innerWidth + 1 || rect.left < -1) {
        throw new Error(
            `${selector} is not visible without a sideways swipe (${rect.left}-${rect.right} of ${window.innerWidth})`
        );
    }
}

// 1. A member on a phone lands on their workbench, claims points with a photo and
//    submits with a visible button (not in the ⚙ menu).
registry.category("web_tour.tours").add("party_quant_member_claim_photo", {
    steps: () => [
        {
            content: "The member lands on their workbench",
            trigger: ".o_party_member_workbench .o_kanban_record:contains('Tour Phone Member')",
        },
        {
            content: "One tap to claim points",
            trigger: ".o_party_member_workbench button[name='action_claim']",
            run: "click",
        },
        {
            content: "The rule picker opens",
            trigger: ".o_form_view .o_field_widget[name='rule_id'] input",
            run: "click",
        },
        {
            content: "No deduction rule is offered to a member",
            trigger: ".modal .o_party_rule_picker .o_kanban_record:contains('Tour photo rule')",
            run() {
                const picker = document.querySelector(".modal .o_party_rule_picker");
                if (picker.textContent.includes("Tour deduction rule")) {
                    throw new Error("a deduction rule is offered to a member");
                }
                if (picker.textContent.includes("Tour attendance rule")) {
                    throw new Error("a rule the records award is offered to a member");
                }
            },
        },
        {
            content: "The picker shows the rule's range and that it needs evidence",
            trigger:
                ".modal .o_party_rule_picker .o_kanban_record:contains('Tour photo rule'):contains('2.0–4.0'):has(.fa-camera)",
            run: "click",
        },
        {
            content: "The form says evidence is needed",
            trigger: ".o_form_view .alert:has(.fa-camera)",
        },
        {
            content: "Say what was done",
            trigger: ".o_form_view .o_field_widget[name='description'] textarea",
            run: "edit Led the volunteer day",
        },
        {
            content: "Take a photo as evidence",
            trigger: ".o_form_view .o_field_widget[name='attachment_ids'] input[type='file']:not(:visible)",
            run() {
                const bytes = Uint8Array.from(atob(PHOTO), (c) => c.charCodeAt(0));
                const file = new File([bytes], "volunteer_day.png", { type: "image/png" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The photo is previewed inline",
            trigger: ".o_form_view .o_party_evidence img.o_party_evidence_thumb",
        },
        {
            content: "Submit is a visible button of the form, not in the ⚙ menu",
            trigger: ".o_form_view .o_form_statusbar .o_statusbar_buttons button[name='action_submit']:visible",
            run: "click",
        },
        {
            content: "The claim is submitted",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='submitted']",
        },
    ],
});

// 2. After the branch approved it (server side), the member finds the result in the
//    Discuss inbox, in Chinese, from their workbench.
registry.category("web_tour.tours").add("party_quant_member_inbox", {
    steps: () => [
        {
            content: "The workbench counts the notices addressed to the member",
            trigger: ".o_party_member_workbench a[name='action_open_inbox'] .badge:not(:contains('0'))",
            run: "click",
        },
        {
            content: "Open the inbox (收件箱) of Discuss on the phone",
            trigger: ".o-mail-Discuss button:contains('收件箱')",
            run: "click",
        },
        {
            content: "The approval is in the inbox, in Chinese",
            trigger: ".o-mail-Message:contains('Tour photo rule'):contains('已批准')",
        },
    ],
});

// 3. The month is published (server side): the member opens the publicity, reads the
//    totals without a sideways swipe, and appeals with the visible 申诉 button; a
//    dialog they may cancel, then submit.
registry.category("web_tour.tours").add("party_quant_member_appeal", {
    steps: () => [
        {
            content: "The open publicity is on the workbench",
            trigger: ".o_party_member_workbench a[name='action_open_publicity']",
            run: "click",
        },
        {
            content: "Open the branch's publicity",
            trigger: ".o_party_publicity_kanban .o_kanban_record:contains('Phone Branch')",
            run: "click",
        },
        {
            content: "The total (合计) of each member shows without a sideways swipe",
            trigger: ".o_party_publicity_lines .o_kanban_record:contains('Tour Phone Member')",
            run() {
                visibleInViewport(".o_party_publicity_lines .o_kanban_record .o_party_total");
            },
        },
        {
            content: "申诉 is a visible button",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_appeal']:visible:contains('申诉')",
            run: "click",
        },
        {
            content: "The appeal opens in a dialog that can be cancelled",
            trigger: ".modal .modal-footer button:contains('取消')",
            run: "click",
        },
        {
            content: "Back on the publicity, nothing was saved",
            trigger: ".o_form_view:not(:has(.modal)) .o_statusbar_buttons button[name='action_appeal']",
            run: "click",
        },
        {
            content: "Pick the entry",
            trigger: ".modal .o_field_widget[name='point_line_id'] input",
            run: "click",
        },
        {
            content: "The member's own entries of the month are offered",
            trigger: ".modal .o_kanban_record:contains('Tour photo rule')",
            run: "click",
        },
        {
            content: "Give the reason",
            trigger: ".modal .o_field_widget[name='reason'] textarea",
            run: "edit The photo shows two volunteer days",
        },
        {
            content: "Submit the appeal",
            trigger: ".modal .modal-footer button:contains('提交申诉')",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal)) .o_form_view",
        },
    ],
});

// A branch secretary lands on their workbench and reaches each of the month's tasks
// from it: self-assessment, meetings, claims (approved there), dues, publicity
// (previewed and published there).
registry.category("web_tour.tours").add("party_quant_secretary_workbench", {
    steps: () => {
        const card = ".o_party_workbench .o_kanban_record:contains('Desk Branch')";
        const back = {
            content: "Back to the workbench",
            trigger: ".o_breadcrumb .breadcrumb-item:first-child a",
            run: "click",
        };
        return [
            {
                content: "The secretary lands on their workbench",
                trigger: card,
            },
            {
                content: "Self-assessment",
                trigger: `${card} a[name='action_open_evaluation']`,
                run: "click",
            },
            {
                content: "The evaluation of the month opens",
                trigger: ".o_form_view .o_field_widget[name='organization_id']:contains('Desk Branch')",
            },
            back,
            {
                content: "Meetings",
                trigger: `${card} a[name='action_open_meetings']`,
                run: "click",
            },
            {
                content: "The branch's meeting schedule opens",
                trigger: ".o_list_view, .o_view_nocontent",
            },
            back,
            {
                content: "Claims to approve",
                trigger: `${card} a[name='action_open_claims']`,
                run: "click",
            },
            {
                content: "Open the claim",
                trigger: ".o_data_row:contains('Desk Member') td[name='member_id']",
                run: "click",
            },
            {
                content: "Approve it",
                trigger: ".o_form_view .o_statusbar_buttons button[name='action_approve']",
                run: "click",
            },
            {
                content: "The claim is approved",
                trigger: ".o_form_view .o_field_widget[name='awarded_by']:contains('Desk Secretary')",
            },
            back,
            {
                content: "Dues unpaid",
                trigger: `${card} a[name='action_open_dues']`,
                run: "click",
            },
            {
                content: "The unpaid dues are listed",
                trigger: ".o_data_row:contains('Desk Member')",
            },
            back,
            {
                content: "Publicity to publish",
                trigger: `${card} a[name='action_open_publicity']`,
                run: "click",
            },
            {
                content: "Open the draft publicity",
                trigger: ".o_data_row:contains('Desk Branch') td[name='organization_id']",
                run: "click",
            },
            {
                content: "Preview the figures",
                trigger: ".o_form_view .o_statusbar_buttons button[name='action_preview']",
                run: "click",
            },
            {
                content: "The preview lists the member",
                trigger: ".o_form_view .o_field_widget[name='line_ids'] .o_data_row:contains('Desk Member')",
            },
            {
                content: "Publish",
                trigger: ".o_form_view .o_statusbar_buttons button[name='action_publish']",
                run: "click",
            },
            {
                content: "Confirm",
                trigger: ".modal .modal-footer .btn-primary",
                run: "click",
            },
            {
                content: "Published",
                trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current[data-value='published']",
            },
            back,
            {
                content: "No claim and no publicity left to do on the card",
                trigger: `${card} a[name='action_open_claims']:has(.fa-check-circle) ~ a[name='action_open_publicity']:has(.fa-check-circle)`,
            },
        ];
    },
});
