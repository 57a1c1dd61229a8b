import { registry } from "@web/core/registry";

// Member development (发展党员) at the desktop: one applicant taken from 递交入党申请书 to
// 预备党员, each step in the candidate form's dialog by the level that acts (the branch
// secretary, the 党委, the 党总支), one tour per user (tests/test_development_tour.py).
// The dates are typed: past dates of tests/test_development.py's PLAN, every guard
// respected. The talks and the member assembly with its resolution are prepared in
// Python (records of their own); the tour chooses them and the step takes their date.

const FILE = "%PDF-1.4 tour";

/** Put a file in the dialog's attachment field (the file input the paperclip opens). */
async function attachFile(name) {
    const input = document.querySelector(".modal .o_field_many2many_binary input.o_input_file");
    const transfer = new DataTransfer();
    transfer.items.add(new File([FILE], name, { type: "application/pdf" }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** The tour steps of taking the candidate's current step ``step`` (its name as the
 * form shows it) and seeing ``next`` become current. */
function takeStep({ step, next, date, dateEnd, proof, value }) {
    const steps = [
        {
            content: `${step} is the current step`,
            trigger: `.o_field_widget[name='current_step_id']:contains('${step}')`,
        },
        {
            content: "Take the next step (办理下一步)",
            trigger: "button[name='action_take_step']",
            run: "click",
        },
        {
            content: `The dialog of ${step}, its article shown`,
            trigger: `.modal .o_field_widget[name='step_id'] input:value(${step})`,
        },
        { trigger: ".modal .o_field_widget[name='article']:contains('细则')" },
    ];
    if (date) {
        steps.push({
            content: `Date it ${date}`,
            trigger: ".modal .o_field_widget[name='date'] input",
            run: `edit ${date} && click .modal-title`,
        });
    }
    if (dateEnd) {
        steps.push({
            content: `The publicity ends ${dateEnd}`,
            trigger: ".modal .o_field_widget[name='date_end'] input",
            run: `edit ${dateEnd} && click .modal-title`,
        });
    }
    if (proof === "attachment") {
        steps.push(
            {
                content: "Attach the material (附件)",
                trigger: ".modal .o_field_many2many_binary .o_attach",
                async run() {
                    await attachFile(value);
                },
            },
            {
                content: "The file is uploaded",
                trigger: `.modal .o_field_many2many_binary .o_attachment:not(.o_attachment_uploading):contains('${value}')`,
            }
        );
    } else if (proof === "review") {
        steps.push({
            content: "Write the review (审查意见)",
            trigger: ".modal .o_field_widget[name='review'] textarea",
            run: `edit ${value}`,
        });
    } else if (proof === "training") {
        steps.push({
            content: "Hours of training (学时)",
            trigger: ".modal .o_field_widget[name='training_hours'] input",
            run: `edit ${value}`,
        });
    } else if (proof === "talk") {
        steps.push(
            {
                content: "Choose the talk",
                trigger: ".modal .o_field_widget[name='talk_id'] input",
                run: "click",
            },
            {
                content: `The talk of ${value}: the step takes its date`,
                trigger: `.ui-autocomplete .dropdown-item:contains('${value}')`,
                run: "click",
            }
        );
    } else if (proof === "resolution") {
        steps.push(
            {
                content: "Choose the assembly's resolution",
                trigger: ".modal .o_field_widget[name='resolution_id'] input",
                run: `edit ${value}`,
            },
            {
                content: "The resolution voted at the assembly",
                trigger: `.ui-autocomplete .dropdown-item:contains('${value}')`,
                run: "click",
            }
        );
    }
    steps.push(
        {
            content: "Save the step",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: `${next} is current now`,
            trigger: `.o_field_widget[name='current_step_id']:contains('${next}')`,
        },
        {
            content: `The timeline shows ${step} done`,
            trigger: `.o_party_timeline tr.text-success:contains('${step}')`,
        }
    );
    return steps;
}

const tours = registry.category("web_tour.tours");

// 1. The branch secretary: the application to the political review (steps 1 to 10).
tours.add("party_quant_development_applicant", {
    steps: () => [
        ...takeStep({
            step: "递交入党申请书",
            next: "党组织派人谈话",
            date: "2023-01-03",
            proof: "attachment",
            value: "入党申请书.pdf",
        }),
        ...takeStep({
            step: "党组织派人谈话",
            next: "推荐和确定入党积极分子",
            proof: "talk",
            value: "2023-01-20",
        }),
        ...takeStep({
            step: "推荐和确定入党积极分子",
            next: "入党积极分子报上级党委备案",
            date: "2023-03-01",
            proof: "attachment",
            value: "推荐入党积极分子会议记录.pdf",
        }),
        ...takeStep({
            step: "入党积极分子报上级党委备案",
            next: "指定培养联系人",
            date: "2023-03-05",
            proof: "attachment",
            value: "入党积极分子备案表.pdf",
        }),
        ...takeStep({ step: "指定培养联系人", next: "培养教育考察", date: "2023-03-06" }),
        ...takeStep({
            step: "培养教育考察",
            next: "确定发展对象",
            date: "2023-09-01",
            proof: "review",
            value: "思想汇报按时，表现良好",
        }),
        ...takeStep({
            step: "确定发展对象",
            next: "发展对象报上级党委备案",
            date: "2024-03-01",
            proof: "attachment",
            value: "确定发展对象会议记录.pdf",
        }),
        ...takeStep({
            step: "发展对象报上级党委备案",
            next: "确定入党介绍人",
            date: "2024-03-05",
            proof: "attachment",
            value: "发展对象备案表.pdf",
        }),
        ...takeStep({ step: "确定入党介绍人", next: "进行政治审查", date: "2024-03-06" }),
        ...takeStep({
            step: "进行政治审查",
            next: "开展集中培训",
            date: "2024-03-10",
            proof: "attachment",
            value: "政治审查报告.pdf",
        }),
    ],
});

// 2. The 党委: the training (step 11).
tours.add("party_quant_development_training", {
    steps: () =>
        takeStep({
            step: "开展集中培训",
            next: "支部委员会审查",
            date: "2024-03-20",
            proof: "training",
            value: "24",
        }),
});

// 3. The branch secretary: the branch committee's examination (step 12).
tours.add("party_quant_development_committee_review", {
    steps: () =>
        takeStep({
            step: "支部委员会审查",
            next: "上级党委预审",
            date: "2024-04-01",
            proof: "review",
            value: "条件具备，同意提交预审",
        }),
});

// 4. The 党委: the preliminary examination and its publicity (step 13).
tours.add("party_quant_development_pre_review", {
    steps: () =>
        takeStep({
            step: "上级党委预审",
            next: "填写入党志愿书",
            date: "2024-04-08",
            dateEnd: "2024-04-15",
            proof: "review",
            value: "预审合格，公示无异议",
        }),
});

// 5. The branch secretary: the application form and the member assembly (14, 15).
tours.add("party_quant_development_secretary", {
    steps: () => [
        ...takeStep({
            step: "填写入党志愿书",
            next: "支部党员大会讨论接收",
            date: "2024-04-20",
            proof: "attachment",
            value: "入党志愿书.pdf",
        }),
        ...takeStep({
            step: "支部党员大会讨论接收",
            next: "党总支审议",
            proof: "resolution",
            value: "接收预备党员",
        }),
    ],
});

// 6. The 党总支: its 审议 of the branch's resolution, passed up (通过).
tours.add("party_quant_development_general_branch", {
    steps: () =>
        takeStep({
            step: "党总支审议",
            next: "上级党委派人谈话",
            date: "2024-05-10",
            proof: "review",
            value: "经审议，同意报党委审批",
        }),
});

// 7. The 党委: its talk with the candidate and its approval (16, 17); the candidate
// is a probationary member, the whole timeline done.
tours.add("party_quant_development_approval", {
    steps: () => [
        ...takeStep({
            step: "上级党委派人谈话",
            next: "上级党委审批",
            proof: "talk",
            value: "2024-05-20",
        }),
        ...takeStep({
            step: "上级党委审批",
            next: "再上级党委组织部门备案",
            date: "2024-06-01",
            proof: "review",
            value: "经党委会集体讨论表决，同意接收为预备党员",
        }),
        {
            content: "The candidate is a probationary member (预备党员)",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='probationary']",
        },
        {
            content: "The member record made by the approval",
            trigger: "button[name='action_open_member']",
        },
        {
            content: "Show the timeline",
            trigger: ".o_party_timeline",
            run() {
                this.anchor.scrollIntoView({ block: "start" });
            },
        },
    ],
});

// The committee's pipeline: candidates per branch and phase.
tours.add("party_quant_development_pipeline", {
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
