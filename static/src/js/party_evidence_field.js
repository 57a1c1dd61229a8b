import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useFileViewer } from "@web/core/file_viewer/file_viewer_hook";
import {
    Many2ManyBinaryField,
    many2ManyBinaryField,
} from "@web/views/fields/many2many_binary/many2many_binary_field";

/**
 * Evidence of a claim (widget="party_evidence"): photos as thumbnails and PDFs as
 * an inline first page, each opening Odoo's file viewer on a tap; other files
 * download as with many2many_binary.
 */
export class PartyEvidenceField extends Many2ManyBinaryField {
    static template = "party_quant.EvidenceField";

    setup() {
        super.setup();
        this.fileViewer = useFileViewer();
    }

    isImage(file) {
        return (file.mimetype || "").startsWith("image/");
    }

    isPdf(file) {
        return file.mimetype === "application/pdf";
    }

    thumbnailUrl(file) {
        return `/web/image/${file.id}?width=480&height=480`;
    }

    pdfUrl(file) {
        const route = encodeURIComponent(`/web/content/${file.id}`);
        return `/web/static/lib/pdfjs/web/viewer.html?file=${route}#page=1&zoom=page-fit&pagemode=none`;
    }

    previewTitle(file) {
        return _t("Open %s", file.name);
    }

    removeTitle(file) {
        return _t("Remove %s", file.name);
    }

    downloadTitle(file) {
        return _t("Download %s", file.name);
    }

    viewerFile(file) {
        const image = this.isImage(file);
        const pdf = this.isPdf(file);
        return {
            id: file.id,
            displayName: file.name,
            name: file.name,
            mimetype: file.mimetype,
            isImage: image,
            isPdf: pdf,
            isViewable: image || pdf,
            downloadUrl: `/web/content/${file.id}?download=true`,
            defaultSource: image ? `/web/image/${file.id}` : this.pdfUrl(file),
        };
    }

    openViewer(file) {
        const files = this.files.map((f) => this.viewerFile(f));
        this.fileViewer.open(
            files.find((f) => f.id === file.id),
            files
        );
    }
}

export const partyEvidenceField = {
    ...many2ManyBinaryField,
    component: PartyEvidenceField,
};

registry.category("fields").add("party_evidence", partyEvidenceField);
